#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""dns-server.py ADDR EXPECTED CMD... - a DNS server for the tests of
samples/resolve: answers on UDP ADDR:0 from the small zone below, runs
CMD... with --dns-servers=ADDR:PORT appended ([ADDR]:PORT for IPv6), and
compares the program's "NAME TYPE ..." lines with the file EXPECTED.
CMD may contain @PORT@ for the server's port and @DEAD@ for a port
nothing answers on.  Exits 1 with a diff on a difference.  DNS_PORT in
the environment binds that port instead of a free one (53, for a program
that finds the server in a DHCP lease or resolv.conf).

The zone (A and AAAA in the .test domain, RFC 2606):
  a.test        A 192.0.2.1 192.0.2.2, AAAA 2001:db8::1
  alias.test    CNAME b.test, b.test CNAME a.test, then a.test's records
  v4only.test   A 192.0.2.9, no AAAA (NOERROR, empty)
  missing.test  NXDOMAIN
  spoof.test    first an answer with another id, then one to another
                question, then A 192.0.2.7 (the first two must be ignored)
  fail.test     SERVFAIL
  junk.test     an answer that claims 5 records and has none
  loop.test     an answer whose name is a compression pointer to itself
  silent.test   A: no answer at all; AAAA: NXDOMAIN
"""
import os
import socket
import struct
import subprocess
import sys
import threading

addr, expected, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
family = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(family, socket.SOCK_DGRAM)
s.bind((addr, int(os.environ.get("DNS_PORT", "0"))))
port = s.getsockname()[1]
dead = socket.socket(family, socket.SOCK_DGRAM)  # bound, never read
dead.bind((addr, 0))

A, CNAME, AAAA = 1, 5, 28


def wire(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def rr(name, rtype, data):
    return wire(name) + struct.pack(">HHIH", rtype, 1, 300, len(data)) + data


def ip4(text):
    return socket.inet_pton(socket.AF_INET, text)


def ip6(text):
    return socket.inet_pton(socket.AF_INET6, text)


ZONE = {
    ("a.test", A): [rr("a.test", A, ip4("192.0.2.1")), rr("a.test", A, ip4("192.0.2.2"))],
    ("a.test", AAAA): [rr("a.test", AAAA, ip6("2001:db8::1"))],
    ("v4only.test", A): [rr("v4only.test", A, ip4("192.0.2.9"))],
    ("v4only.test", AAAA): [],
    ("spoof.test", A): [rr("spoof.test", A, ip4("192.0.2.7"))],
    ("spoof.test", AAAA): [],
}
for t in (A, AAAA):
    ZONE[("alias.test", t)] = ([rr("alias.test", CNAME, wire("b.test")),
                                rr("b.test", CNAME, wire("a.test"))] + ZONE[("a.test", t)])


def answer(query):
    qid, flags = struct.unpack(">HH", query[:4])
    end = query.index(b"\0", 12) + 5
    question = query[12:end]
    labels, i = [], 12
    while query[i]:
        labels.append(query[i + 1:i + 1 + query[i]].decode().lower())
        i += 1 + query[i]
    name, qtype = ".".join(labels), struct.unpack(">H", query[end - 4:end - 2])[0]

    def reply(rcode, records, rid=qid, q=question, count=None):
        head = struct.pack(">HHHHHH", rid, 0x8180 | rcode, 1,
                           len(records) if count is None else count, 0, 0)
        return head + q + b"".join(records)

    if name == "missing.test" or (name == "silent.test" and qtype == AAAA):
        return [reply(3, [])]
    if name == "silent.test":
        return []
    if name == "fail.test":
        return [reply(2, [])]
    if name == "junk.test":
        return [reply(0, [], count=5)]
    if name == "loop.test":
        loop = struct.pack(">H", 0xC000 | (12 + len(question)))
        return [reply(0, [loop + struct.pack(">HHIH", qtype, 1, 300, 4) + b"\1\2\3\4"])]
    records = ZONE.get((name, qtype))
    if records is None:
        return [reply(3, [])]
    if name == "spoof.test":
        return [reply(0, [rr(name, A, ip4("10.6.6.6"))], rid=qid ^ 1),
                reply(0, [rr("other.test", A, ip4("10.6.6.6"))], q=wire("other.test") + question[-4:]),
                reply(0, records)]
    return [reply(0, records)]


def serve():
    while True:
        query, peer = s.recvfrom(512)
        if query == b"stop":
            return
        for r in answer(query):
            s.sendto(r, peer)


t = threading.Thread(target=serve, daemon=True)
t.start()
server = "[%s]:%d" % (addr, port) if family == socket.AF_INET6 else "%s:%d" % (addr, port)
dead_server = server.rsplit(":", 1)[0] + ":%d" % dead.getsockname()[1]
cmd = [c.replace("@SERVER@", server).replace("@DEAD@", dead_server) for c in cmd]
prog = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
out = prog.stdout.decode(errors="replace")
got = [line.split("] ", 2)[-1] for line in out.splitlines() if "[resolve]" in line]
want = open(expected).read().splitlines()
if prog.returncode != 0 or got != want:
    sys.stdout.write(out)
    sys.exit("status %d; lines %r, expected %r" % (prog.returncode, got, want))
print("%d answers as expected" % len(got))
