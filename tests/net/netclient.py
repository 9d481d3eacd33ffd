#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# netclient.py - the clients of the tests in tests/net/ (python3 stdlib
# only), each a subcommand that talks to an echo server on loopback and
# exits 0 when every byte came back right, 1 (with a message) otherwise:
#
#   bulk HOST PORT BYTES     send BYTES of patterned data while reading
#                            the echo, half-close, read to the end of
#                            stream, compare every byte
#   many HOST PORT N         N connections open at once, each echoing its
#                            own message, then half-closed
#   stuck HOST PORT          a client that never reads: the server must
#                            stop reading it (bounded buffering) and keep
#                            serving another client meanwhile; then the
#                            client resets mid-write (SO_LINGER 0) and the
#                            server still serves a third one
#   udp HOST PORT SIZE...    one datagram of each size, each echo compared
#
# Every wait has a deadline, so a server that misbehaves fails the test
# instead of hanging it.
import selectors
import socket
import struct
import sys
import threading
import time

DEADLINE = 60.0  # seconds for one subcommand: valgrind and qemu are slow


def fail(msg):
    print("netclient: " + msg, file=sys.stderr)
    sys.exit(1)


def pattern(n, seed=0):
    # Bytes that differ in every position of a long run (a counter
    # folded with the seed), so that a lost, doubled or reordered chunk
    # shows up as a mismatch.
    out = bytearray()
    i = 0
    while len(out) < n:
        out += struct.pack(">II", seed, i)
        i += 1
    return bytes(out[:n])


def connect(host, port):
    s = socket.create_connection((host, port), timeout=DEADLINE)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def first_diff(a, b):
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            return i
    return min(len(a), len(b))


def echo_once(host, port, n, seed=0):
    # Send n bytes from a thread while this one reads, so that neither
    # side's buffers have to hold the whole transfer.
    data = pattern(n, seed)
    s = connect(host, port)
    errors = []

    def send():
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
        except OSError as e:
            errors.append(e)

    t = threading.Thread(target=send)
    t.start()
    got = bytearray()
    while True:
        chunk = s.recv(1 << 16)
        if not chunk:
            break
        got += chunk
    t.join()
    s.close()
    if errors:
        fail("%s port %d: send: %s" % (host, port, errors[0]))
    if got != data:
        fail("%s port %d: %d bytes sent, %d came back, first difference "
             "at byte %d" % (host, port, n, len(got), first_diff(got, data)))


def bulk(host, port, n):
    echo_once(host, port, int(n))
    print("ok bulk %s %s bytes" % (host, n))


def many(host, port, n):
    # Open every connection before anything is sent, so that all are
    # established at once; then drive them with one selector.
    n = int(n)
    socks = [connect(host, port) for _ in range(n)]
    sel = selectors.DefaultSelector()
    want = {}
    for i, s in enumerate(socks):
        msg = b"connection %d of %d\n" % (i, n) * 8
        s.sendall(msg)
        s.shutdown(socket.SHUT_WR)
        s.setblocking(False)
        want[s] = (msg, bytearray())
        sel.register(s, selectors.EVENT_READ)
    end = time.monotonic() + DEADLINE
    left = n
    while left:
        if time.monotonic() > end:
            fail("many: %d of %d connections unfinished" % (left, n))
        for key, _ in sel.select(timeout=1.0):
            s = key.fileobj
            msg, got = want[s]
            chunk = s.recv(1 << 16)
            if chunk:
                got += chunk
                continue
            sel.unregister(s)
            s.close()
            left -= 1
            if got != msg:
                fail("many: a connection got %r back for %r" % (bytes(got[:40]), msg[:40]))
    print("ok many %s %d connections" % (host, n))


def stuck(host, port):
    # Fill every buffer between us and the server without reading: its
    # echo write cannot complete, so it must stop reading us, and our
    # sends stall.  How much went in bounds the server's buffering.
    s = connect(host, port)
    s.setblocking(False)
    block = pattern(1 << 16, 7)
    sent = 0
    idle_since = time.monotonic()
    end = idle_since + DEADLINE
    while time.monotonic() - idle_since < 0.5:
        if time.monotonic() > end:
            fail("stuck: the server kept reading a client that never reads "
                 "(%d bytes taken)" % sent)
        try:
            sent += s.send(block)
            idle_since = time.monotonic()
        except BlockingIOError:
            time.sleep(0.02)
    # Kernel buffers on both sides account for a few MiB on loopback;
    # a server buffering in user space would take everything.
    if sent > 64 << 20:
        fail("stuck: the server took %d bytes from a client that never reads" % sent)
    # Others are served meanwhile.
    echo_once(host, port, 256 << 10, 1)
    # Reset in the middle of the server's write.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    echo_once(host, port, 4096, 2)
    print("ok stuck %s (%d bytes before the server stopped reading)" % (host, sent))


def udp(host, port, *sizes):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(5.0)
    for i, n in enumerate(int(x) for x in sizes):
        data = pattern(n, 100 + i)
        s.sendto(data, (host, port))
        try:
            got, src = s.recvfrom(1 << 17)
        except socket.timeout:
            fail("udp: no echo of the %d-byte datagram within 5 s" % n)
        if src[1] != port:
            fail("udp: the echo came from port %d, not %d" % (src[1], port))
        if got != data:
            fail("udp: %d bytes sent, %d came back, first difference at "
                 "byte %d" % (n, len(got), first_diff(got, data)))
    s.close()
    print("ok udp %s %s" % (host, " ".join(sizes)))


def main():
    cmds = {"bulk": bulk, "many": many, "stuck": stuck, "udp": udp}
    if len(sys.argv) < 4 or sys.argv[1] not in cmds:
        fail("usage: netclient.py bulk|many|stuck|udp HOST PORT [ARGS...]")
    cmds[sys.argv[1]](sys.argv[2], int(sys.argv[3]), *sys.argv[4:])


if __name__ == "__main__":
    main()
