# SPDX-License-Identifier: MIT
"""www-client.py - the clients of tests/net/www.sh against samples/www.

    python3 www-client.py count MODE          how many connections MODE makes
    python3 www-client.py run MODE PORT HTDOCS IDLE

MODE is "crunch" or "direct" (the second also checks what direct_kv_ro
must refuse: symbolic links, a FIFO).  `run` talks to the server on
127.0.0.1:PORT, whose files are those of HTDOCS and whose --idle-timeout
is IDLE seconds, makes exactly `count` connections (the server runs with
--exit-after=count), prints a line per failure and "SUCCESS" at the end,
and exits 1 on any failure.  Files are fetched with curl (several URLs in
one invocation: one kept-alive connection); everything curl would
normalise or refuse to send goes through raw sockets.
"""
import os
import resource
import selectors
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

FAILURES = []
TMP = tempfile.mkdtemp(prefix="www-client.")
TYPES = {
    "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8", "txt": "text/plain; charset=utf-8",
    "json": "application/json", "png": "image/png", "svg": "image/svg+xml",
    "ico": "image/vnd.microsoft.icon", "bin": "application/octet-stream",
}
MANY = 1000


def fail(msg):
    FAILURES.append(msg)
    print("FAIL", msg, flush=True)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def connect(port, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:  # before connect: it sets the window offered
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_all(s):
    """Everything until the server closes (a reset counts as a close)."""
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def parse_response(data, head=False):
    """(status, headers, body, rest) of the first response in data (the
    answer to a HEAD when head is true: no body)."""
    top, sep, rest = data.partition(b"\r\n\r\n")
    if not sep:
        return None, {}, b"", data
    lines = top.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    n = 0 if head else int(headers.get("content-length", "0"))
    return status, headers, rest[:n], rest[n:]


def raw(port, request, expect_close=True):
    """Send request on a new connection, return the parsed response."""
    s = connect(port)
    s.sendall(request)
    data = read_all(s) if expect_close else s.recv(65536)
    s.close()
    return parse_response(data)


def files(htdocs):
    out = []
    for root, _, names in os.walk(htdocs):
        for n in names:
            p = os.path.join(root, n)
            if os.path.isfile(p) and not os.path.islink(p):
                out.append(os.path.relpath(p, htdocs))
    return sorted(out)


def curl(port, paths, extra=()):
    """Fetch paths in one curl invocation: [(code, type, connects, body)]."""
    args = ["curl", "-sS", "--max-time", "20"] + list(extra)
    outs = []
    for i, p in enumerate(paths):
        out = os.path.join(TMP, "curl.%d" % i)
        outs.append(out)
        args += ["-o", out, "-w", "%{http_code} %{num_connects} %{content_type}\\n",
                 "http://127.0.0.1:%d/%s" % (port, p)]
    r = subprocess.run(args, capture_output=True, text=True)
    check(r.returncode == 0, "curl %s: status %d: %s" % (paths, r.returncode, r.stderr))
    res = []
    for line, out in zip(r.stdout.splitlines(), outs):
        code, conns, ctype = (line.split(" ", 2) + ["", ""])[:3]
        with open(out, "rb") as f:
            res.append((int(code), ctype, int(conns), f.read()))
    return res


# ---- scenarios: each returns nothing and makes the connections it says ----

def every_file(port, htdocs):
    """1: every file, /, /docs/, a 404, one kept-alive connection."""
    names = files(htdocs)
    paths = [n.replace(" ", "%20") for n in names] + ["", "docs/", "nope.html", "docs"]
    got = curl(port, paths)
    check(len(got) == len(paths), "curl gave %d results for %d URLs" % (len(got), len(paths)))
    for i, (code, ctype, conns, body) in enumerate(got):
        check(conns == (1 if i == 0 else 0), "%s: %d new connections (keep-alive)" % (paths[i], conns))
        if i < len(names):
            with open(os.path.join(htdocs, names[i]), "rb") as f:
                want = f.read()
            ext = names[i].rsplit(".", 1)[-1] if "." in names[i] else "bin"
            check(code == 200 and body == want, "%s: %d, %d bytes, want 200, %d bytes" % (names[i], code, len(body), len(want)))
            check(ctype == TYPES.get(ext, TYPES["bin"]), "%s: type %s" % (names[i], ctype))
    with open(os.path.join(htdocs, "index.html"), "rb") as f:
        check(got[len(names)][3] == f.read(), "/ is not index.html")
    with open(os.path.join(htdocs, "docs/index.html"), "rb") as f:
        check(got[len(names) + 1][3] == f.read(), "/docs/ is not docs/index.html")
    check(got[len(names) + 2][0] == 404, "/nope.html: %d" % got[len(names) + 2][0])
    check(got[len(names) + 3][0] == 301, "/docs: %d" % got[len(names) + 3][0])


def head_and_pipelining(port, htdocs):
    """2: HEAD has no body; pipelined requests in order; close honoured."""
    size = os.path.getsize(os.path.join(htdocs, "hello.txt"))
    s = connect(port)
    s.sendall(b"HEAD /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n"
              b"GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n"
              b"GET /nope HTTP/1.1\r\nHost: t\r\n\r\n"
              b"GET /data.json HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    data = read_all(s)
    s.close()
    st, h, body, rest = parse_response(data, head=True)
    check(st == 200 and h.get("content-length") == str(size), "HEAD: %s %s" % (st, h))
    check(rest.startswith(b"HTTP/1.1 200 OK\r\n"), "HEAD sent a body: %r" % rest[:40])
    st, h, body, rest = parse_response(rest)
    check(st == 200 and len(body) == size, "pipelined GET: %s" % st)
    st, h, body, rest = parse_response(rest)
    check(st == 404 and h.get("connection") == "keep-alive", "pipelined 404: %s %s" % (st, h))
    st, h, body, rest = parse_response(rest)
    check(st == 200 and h.get("connection") == "close" and rest == b"",
          "pipelined last with close: %s %s %r" % (st, h, rest[:40]))
    # HTTP/1.0 closes unless it asks for keep-alive.
    st, h, body, rest = raw(port, b"GET /hello.txt HTTP/1.0\r\n\r\n")
    check(st == 200 and h.get("connection") == "close" and len(body) == size, "1.0: %s %s" % (st, h))
    s = connect(port)
    for _ in range(2):
        s.sendall(b"GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        st, h, body, rest = parse_response(s.recv(65536))
        check(st == 200 and h.get("connection") == "keep-alive", "1.0 keep-alive: %s %s" % (st, h))
    s.close()


BAD = [
    (b"GET /../config.mir HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET /%2e%2e/config.mir HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET /docs/%2E%2e/%2e./config.mir HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET /docs/..%2f..%2fconfig.mir HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET http://t/../config.mir HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET /a%00b HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET /a\x00b HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: t\x00\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n", 400),
    (b"GARBAGE\r\n\r\n", 400),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 400),  # TLS hello
    (b"GET /\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi", 405),
    (b"BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n", 501),
    (b"GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
    (b"GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
    (b"GET /" + b"a" * 3000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: t\r\n" + b"X-Filler: 0123456789\r\n" * 500 + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 999999999\r\n\r\n", 413),
]


def bad_requests(port, htdocs):
    """len(BAD): each refused with its status, then closed."""
    for req, want in BAD:
        st, h, body, rest = raw(port, req)
        check(st == want and h.get("connection") == "close",
              "%r...: %s %s, want %d" % (req[:40], st, h, want))
        if want == 405:
            check(h.get("allow") == "GET, HEAD", "405 without Allow: %s" % h)


def idle_client(port, htdocs, idle):
    """2: a silent client is closed after the idle timeout, while another
    is served meanwhile."""
    s = connect(port)
    t0 = time.monotonic()
    got = curl(port, ["hello.txt"])
    check(got and got[0][0] == 200, "served while a client is silent")
    s.settimeout(idle + 5)
    try:
        data = s.recv(100)
    except socket.timeout:
        data = None
    dt = time.monotonic() - t0
    s.close()
    check(data == b"", "silent client: %r after %.2f s" % (data, dt))
    check(idle * 0.9 <= dt <= idle + 3, "silent client closed after %.2f s (idle %.2f)" % (dt, idle))


def endless_header(port, htdocs):
    """1: a client that sends one endless field gets 431 and is closed;
    it cannot make the server buffer what it sends."""
    s = connect(port)
    s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\nX-Endless: ")
    s.settimeout(5)
    sent = 0
    try:
        while sent < (16 << 20):
            sent += s.send(b"a" * 65536)
    except OSError:
        pass  # the server closed: reset or broken pipe
    data = read_all(s)
    s.close()
    check(data.startswith(b"HTTP/1.1 431 "), "endless header: %r after %d bytes" % (data[:40], sent))


def pipeline_without_reading(port, htdocs, idle):
    """1: a client that pipelines requests without reading the answers is
    held back (its sends block) and closed after the idle timeout."""
    s = connect(port, rcvbuf=4096)
    s.setblocking(False)
    req = b"GET /big.bin HTTP/1.1\r\nHost: t\r\n\r\n" * 64
    sent, t0, blocked = 0, time.monotonic(), 0
    # Until the sends have been blocked for 0.1 s (the server stopped
    # reading), or half the idle timeout.
    while time.monotonic() - t0 < idle / 2 and blocked < 10:
        try:
            sent += s.send(req)
            blocked = 0
        except BlockingIOError:
            blocked += 1
            time.sleep(0.01)
    # Loopback buffers hold a few MB; a server reading on regardless
    # would take everything.
    check(sent < (32 << 20), "server took %d bytes of requests without being read" % sent)
    # Reading now would let the server go on; instead, once the idle
    # timeout is over, the connection must be gone: the server closed
    # it with requests unread, which resets it.
    time.sleep(idle + 0.5)
    t1 = time.monotonic()
    closed = False
    while not closed and time.monotonic() - t1 < 3:
        try:
            s.send(req)
        except BlockingIOError:
            pass  # still held back: not closed yet
        except (ConnectionResetError, BrokenPipeError):
            closed = True
        time.sleep(0.02)
    check(closed, "pipelining client still open %.2f s after it started"
          % (time.monotonic() - t0))
    s.close()


def slow_clients(port, htdocs, idle):
    """3: idle_client and pipeline_without_reading at the same time (each
    waits for the idle timeout)."""
    t = threading.Thread(target=idle_client, args=(port, htdocs, idle))
    t.start()
    pipeline_without_reading(port, htdocs, idle)
    t.join()


def big_file(port, htdocs):
    """1: the big file, in several chunks, byte for byte."""
    got = curl(port, ["big.bin"])
    with open(os.path.join(htdocs, "big.bin"), "rb") as f:
        want = f.read()
    check(got and got[0][0] == 200 and got[0][3] == want, "big.bin differs")


def reset_mid_write(port, htdocs):
    """1: a peer that resets while the big file is being written."""
    s = connect(port, rcvbuf=4096)
    s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: t\r\n\r\n")
    check(s.recv(1000).startswith(b"HTTP/1.1 200"), "reset: no response started")
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()  # RST


def many(port, htdocs):
    """MANY: that many connections at once, each served."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < MANY + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, MANY + 100), hard))
    size = os.path.getsize(os.path.join(htdocs, "hello.txt"))
    socks = [connect(port) for _ in range(MANY)]
    sel = selectors.DefaultSelector()
    for s in socks:
        s.sendall(b"GET /hello.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, [b""])
    left, ok, deadline = MANY, 0, time.monotonic() + 20
    while left and time.monotonic() < deadline:
        for key, _ in sel.select(1):
            try:
                chunk = key.fileobj.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                chunk = b""
            if chunk:
                key.data[0] += chunk
                continue
            st, h, body, rest = parse_response(key.data[0])
            ok += st == 200 and len(body) == size
            sel.unregister(key.fileobj)
            key.fileobj.close()
            left -= 1
    check(ok == MANY, "%d connections at once: %d served, %d not closed" % (MANY, ok, left))


def refused_links(port, htdocs):
    """1 (direct only): links and special files are not served."""
    got = curl(port, ["outside", "inside.txt", "up/config.mir", "fifo"])
    for (code, _, _, body), p in zip(got, ["outside", "inside.txt", "up/config.mir", "fifo"]):
        check(code == 404, "/%s: %d (%r)" % (p, code, body[:40]))


def plan(mode):
    """[(function, connections, needs idle)] in order."""
    p = [(every_file, 1), (head_and_pipelining, 3), (bad_requests, len(BAD)),
         (big_file, 1), (reset_mid_write, 1), (endless_header, 1),
         (slow_clients, 3), (many, MANY)]
    if mode == "direct":
        p.append((refused_links, 1))
    p.append((every_file, 1))  # still serving after all that
    return p


def main():
    if sys.argv[1] == "count":
        print(sum(n for _, n in plan(sys.argv[2])))
        return 0
    mode, port, htdocs, idle = sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
    for f, _ in plan(mode):
        t0 = time.monotonic()
        try:
            if f is slow_clients:
                f(port, htdocs, idle)
            else:
                f(port, htdocs)
        except Exception as e:  # a crash of the client is a failure too
            fail("%s: %s: %s" % (f.__name__, type(e).__name__, e))
        print("%s: %.2f s" % (f.__name__, time.monotonic() - t0), flush=True)
    subprocess.run(["rm", "-rf", TMP])
    if FAILURES:
        print("%d failures" % len(FAILURES))
        return 1
    print("SUCCESS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
