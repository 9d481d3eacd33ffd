# SPDX-License-Identifier: MIT
#
# lspclient.py - a small LSP client for the tests of `mirc lsp` (python3
# standard library only): starts the server (under $MIRC_WRAPPER, as
# tests/lib.sh runs mirc), frames messages, waits for answers and
# notifications, with a deadline so a hung server fails the test.
import json
import os
import shlex
import subprocess
import threading
import queue


class Client:
    def __init__(self, mirc, cwd=None, timeout=60):
        wrapper = shlex.split(os.environ.get("MIRC_WRAPPER", ""))
        env = dict(os.environ)
        for v in ("MIRC_TARGET", "MIRC_HOME", "NO_COLOR"):
            env.pop(v, None)
        self.proc = subprocess.Popen(wrapper + [mirc, "lsp"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.timeout = timeout
        self.next_id = 1
        self.inbox = queue.Queue()
        self.pending = []
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                self.inbox.put({"framing-error": True})
                continue
            self.inbox.put(json.loads(out.read(length)))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def wait(self, pred):
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        while True:
            m = self.inbox.get(timeout=self.timeout)
            if m is None:
                raise EOFError("mirc lsp closed its output")
            if pred(m):
                return m
            self.pending.append(m)

    def diagnostics(self, uri):
        return self.wait(lambda m: m.get("method") ==
                         "textDocument/publishDiagnostics" and
                         m["params"]["uri"] == uri)["params"]["diagnostics"]

    def finish(self, shutdown=True):
        if shutdown:
            self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.stdin.close()
        return self.proc.wait(timeout=self.timeout)


def uri(path):
    return "file://" + os.path.abspath(path)


def position(text, needle, offset=0):
    """The LSP position of the first `needle` in text, plus offset."""
    i = text.index(needle) + offset
    line = text.count("\n", 0, i)
    col = i - (text.rfind("\n", 0, i) + 1)
    return {"line": line, "character": len(text[i - col:i].encode("utf-16-le")) // 2}
