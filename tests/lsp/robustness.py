#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# tests/lsp/robustness.py MIRC TOP - `mirc lsp` survives any input:
#  - malformed framing and messages each get the JSON-RPC error LSP
#    names, and the server reads on;
#  - the fuzz corpus (every .mir file of the repository, as
#    tests/fuzz/run.sh starts from), opened whole and then cut at a few
#    points as if being typed, each state asked for hover, definition,
#    completion and symbols at several positions;
#  - then shutdown and exit give status 0; exit without shutdown, and the
#    end of input, give 1.
# Under $MIRC_WRAPPER (valgrind) every 48th file of the corpus is replayed.
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient  # noqa: E402

mirc, top = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def error_code(m):
    return m.get("error", {}).get("code")


c = lspclient.Client(mirc, cwd=top)
next_error = lambda: c.wait(lambda m: "error" in m or "framing-error" in m)

# ---- framing and JSON-RPC errors ----------------------------------------------
raw = [
    (b"garbage without a colon\r\n\r\n", -32700, "a header line without ':'"),
    (b"Content-Type: x\r\n\r\n", -32700, "no Content-Length"),
    (b"Content-Length: abc\r\n\r\n", -32700, "a Content-Length that is no number"),
    (b"Content-Length: 99999999999999999999999\r\n\r\n", -32700, "an overflowing Content-Length"),
    (b"Content-Length: -4\r\n\r\n", -32700, "a negative Content-Length"),
    (b"X-" + b"a" * 10000 + b": 1\r\nContent-Length: 2\r\n\r\n{}", -32700, "a 10 kB header line"),
    (b"Content-Length: 5\r\n\r\n{bad}", -32700, "a body that is not JSON"),
    (b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01", -32700, "a body that is not UTF-8"),
    (b"Content-Length: 5\r\n\r\n[1,2]", -32600, "a body that is not an object"),
    (b'Content-Length: 12\r\n\r\n{"id":[1,2]}', -32600, "an id that is an array"),
    (b'Content-Length: 8\r\n\r\n{"id":1}', -32600, "a request without a method"),
]
for data, code, what in raw:
    c.send_raw(data)
    m = next_error()
    expect(error_code(m) == code, "%s: got %r, want error %d" % (what, m, code))
r = c.request("textDocument/hover", {})
expect(error_code(r) == -32002, "a request before initialize: %r" % r)
r = c.request("initialize", {"capabilities": {}})
expect("result" in r, "initialize: %r" % r)
c.notify("initialized", {})
r = c.request("no/such/method", {})
expect(error_code(r) == -32601, "an unknown method: %r" % r)
c.notify("no/such/notification", {"x": 1})
for params in (None, [], {"textDocument": 3},
               {"textDocument": {"uri": "file:///x.mir"}, "position": {"line": -1, "character": 0}},
               {"textDocument": {"uri": "file:///x.mir"}, "position": {"line": "a", "character": 0}}):
    r = c.request("textDocument/hover", params)
    expect(error_code(r) == -32602, "hover with params %r: %r" % (params, r))
r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///not/open.mir"},
                                     "position": {"line": 0, "character": 0}})
expect(r.get("result", 1) is None, "hover in a document not open: %r" % r)
for bad in (None, 5, {"textDocument": {"uri": 1, "text": "x"}}):
    c.notify("textDocument/didOpen", bad)
    c.notify("textDocument/didChange", bad)
    c.notify("textDocument/didClose", bad)

# An import whose bytes are not UTF-8: its diagnostics still arrive as
# valid JSON (the client's json.loads would fail otherwise).
import tempfile  # noqa: E402
with tempfile.TemporaryDirectory() as tmp:
    open(os.path.join(tmp, "bad.mir"), "wb").write(
        b'impl \xff\xfe : X { doc "\xc3\x28 \xed\xa0\x80"; }\n')
    main = os.path.join(tmp, "main.mir")
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": lspclient.uri(main), "languageId": "mir", "version": 1,
        "text": 'import "bad.mir";\nregister "r" [ nosuch ];\n'}})
    d = c.diagnostics(lspclient.uri(main))
    expect(len(d) >= 1 and all("message" in x for x in d),
           "diagnostics of an import that is not UTF-8: %r" % d)
    c.notify("textDocument/didClose", {"textDocument": {"uri": lspclient.uri(main)}})
    c.diagnostics(lspclient.uri(main))

# JSON decoding (lsp_rpc_parse decodes the usual messages itself and
# leaves the rest to jansson): escapes, surrogate pairs and raw UTF-8
# decode as JSON says, and what jansson refuses is refused the same way.
def raw_send(body):
    c.send_raw(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


with tempfile.TemporaryDirectory() as tmp:
    esc_uri = lspclient.uri(os.path.join(tmp, "esc.mir"))
    raw_send(b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":'
             b'{"textDocument":{"uri":"' + esc_uri.encode() + b'","languageId"'
             b':"mir","version":7,"text":"key k : int = 1 doc \\"a\\u00e9\\ud83d'
             b'\\ude00\\/\\\\\\\\x \xc3\xa9 \xf0\x9f\x98\x80\\";\\r\\n\\t\\n"}}}')
    d = c.diagnostics(esc_uri)
    expect([x["code"] for x in d] == ["register"],
           "a text with escapes: only the missing register: %r" % d)
    r = c.request("textDocument/hover", {"textDocument": {"uri": esc_uri},
                                         "position": {"line": 0, "character": 4}})
    hover = ((r.get("result") or {}).get("contents") or {}).get("value", "")
    expect("a\u00e9\U0001F600/\\x \u00e9 \U0001F600" in hover,
           "escapes decoded in a text: %r" % hover)
    c.notify("textDocument/didClose", {"textDocument": {"uri": esc_uri}})
    c.diagnostics(esc_uri)
for body, code, what in [
        (b'{"id":1,"method":"x","params":"\\ud83d"}', -32700, "a lone surrogate"),
        (b'{"id":1,"method":"x","params":"\\u0000"}', -32700, "an escaped NUL"),
        (b'{"id":1,"method":"x","params":"a\tb"}', -32700, "a raw tab in a string"),
        (b'{"id":1,"method":"x","params":"\xed\xa0\x80"}', -32700, "a UTF-8 surrogate"),
        (b'{"id":1,"method":"x","params":"\xc0\xaf"}', -32700, "an overlong UTF-8 form"),
        (b'{"id":1,"method":"x","params":[1,]}', -32700, "a trailing comma"),
        (b'{"id":1,"method":"x","params":01}', -32700, "a leading zero"),
        (b'{"id":123456789012345678901,"method":"x"}', -32700, "an id too big"),
        (b'{"id":1,"method":"x"} x', -32700, "text after the message"),
        (b'{"id":1.5,"method":"x"}', -32600, "a real id"),
        (b'{"id":-123456789012345678,"method":"x","params":[1e3,-0.5,true,'
         b'false,null,{}]}', -32601, "an 18-digit id"),
        (b'{"id":9,"method":"x","params":' + b"[" * 600 + b"]" * 600 + b"}",
         -32601, "deep nesting"),
        (b'{"id":9,"method":"x","id":10}', -32601, "a duplicate key")]:
    raw_send(body)
    m = next_error()
    expect(error_code(m) == code, "%s: got %r, want error %d" % (what, m, code))
    if code == -32601:
        want = json.loads(body)["id"]
        expect(m.get("id") == want, "%s: id %r, want %r" % (what, m.get("id"), want))

# A burst of edits, written at once, is checked once (or a few times, as
# the pipe delivers it): for the last text, before the request that
# follows it is answered.
burst_path = os.path.join(top, "tests", "lsp", "inputs", "main.mir")
burst_uri = lspclient.uri(burst_path)
burst_text = open(burst_path, encoding="utf-8").read()
frames = []
for v in range(1, 21):
    method = "textDocument/didOpen" if v == 1 else "textDocument/didChange"
    doc = {"uri": burst_uri, "version": v}
    if v == 1:
        params = {"textDocument": dict(doc, languageId="mir", text=burst_text)}
    else:
        params = {"textDocument": doc, "contentChanges": [
            {"text": burst_text + "\n" * v + ("oops" if v < 20 else "")}]}
    frames.append({"jsonrpc": "2.0", "method": method, "params": params})
frames.append({"jsonrpc": "2.0", "id": 999, "method": "textDocument/documentSymbol",
               "params": {"textDocument": {"uri": burst_uri}}})
c.send_raw(b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(b), b)
                    for b in (json.dumps(f).encode() for f in frames)))
r = c.wait(lambda m: m.get("id") == 999)
published = [m["params"] for m in c.pending if m.get("method") ==
             "textDocument/publishDiagnostics" and m["params"]["uri"] == burst_uri]
c.pending = [m for m in c.pending if m.get("method") != "textDocument/publishDiagnostics"]
# (The pipe may split the burst, hence "fewer than 20", not "one".)
expect(0 < len(published) < 20 and published[-1].get("version") == 20 and
       published[-1]["diagnostics"] == [] and len(r.get("result") or []) > 3,
       "a burst of 20 edits: checked fewer than 20 times, version 20 last: %r"
       % [(p.get("version"), len(p["diagnostics"])) for p in published])
c.notify("textDocument/didClose", {"textDocument": {"uri": burst_uri}})
c.diagnostics(burst_uri)

# ---- the corpus -----------------------------------------------------------------
files = subprocess.run(["git", "-C", top, "ls-files", "*.mir"], capture_output=True,
                       text=True).stdout.split()
if not files:  # not a git checkout: every .mir under the tree
    for d, _, names in os.walk(top):
        files += [os.path.relpath(os.path.join(d, n), top) for n in names if n.endswith(".mir")]
files.sort()
if os.environ.get("MIRC_WRAPPER"):
    files = files[::48]
expect(len(files) >= 4, "a corpus of %d files" % len(files))
queries = ("hover", "definition", "completion")
for n, rel in enumerate(files):
    path = os.path.join(top, rel)
    text = open(path, encoding="utf-8", errors="replace").read()
    uri = lspclient.uri(path)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "mir", "version": 1, "text": text}})
    c.diagnostics(uri)
    states = [text, text[: len(text) * 2 // 3], text[: len(text) // 3]]
    for v, t in enumerate(states[1:] + [text + "\n}{;(\"\n"], 2):
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                            "contentChanges": [{"text": t}]})
        c.diagnostics(uri)
        lines = t.split("\n")
        for k in range(6):
            line = (k * 7 + n) % (len(lines) + 1)
            ch = (k * 5) % (len(lines[line]) + 2 if line < len(lines) else 3)
            q = queries[k % 3]
            r = c.request("textDocument/" + q, {"textDocument": {"uri": uri},
                                                 "position": {"line": line, "character": ch}})
            expect("result" in r, "%s %s at %d:%d state %d: %r" % (q, rel, line, ch, v, r))
        r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        expect(isinstance(r.get("result"), list), "symbols of %s: %r" % (rel, r))
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    expect(c.diagnostics(uri) == [], "didClose of %s clears its diagnostics" % rel)

rc = c.finish()
expect(rc == 0, "shutdown then exit: status %d, want 0" % rc)

# ---- ends without shutdown ------------------------------------------------------
c = lspclient.Client(mirc, cwd=top)
c.request("initialize", {"capabilities": {}})
rc = c.finish(shutdown=False)
expect(rc == 1, "exit without shutdown: status %d, want 1" % rc)
c = lspclient.Client(mirc, cwd=top)
c.send_raw(b"Content-Length: 100\r\n\r\n{\"id\":")
c.proc.stdin.close()
rc = c.proc.wait(timeout=60)
expect(rc == 1, "input ending inside a message: status %d, want 1" % rc)

if failures:
    print("FAIL: lsp/robustness (%d problems)" % len(failures))
    sys.exit(1)
print("SUCCESS: lsp/robustness (%d files replayed)" % len(files))
