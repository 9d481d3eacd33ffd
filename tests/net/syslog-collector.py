#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""syslog-collector.py ADDR COUNT HOST CMD... - a syslog collector for
the tests of samples/syslog: binds UDP ADDR:0, runs CMD... with
--syslog=ADDR --syslog-port=PORT appended, and checks the COUNT
datagrams that arrive against what samples/syslog logs (RFC 3164: PRI,
a UTC timestamp, HOST, the source, the message; the long line cut at
1024 bytes).  Exits 1 with a message on the first difference."""
import re
import socket
import subprocess
import sys

addr, count, host, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, 0))
s.settimeout(10)
port = s.getsockname()[1]
prog = subprocess.run(cmd + ["--syslog=" + addr, "--syslog-port=%d" % port],
                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
if prog.returncode != 0:
    sys.stdout.write(prog.stdout.decode(errors="replace"))
    sys.exit("the program exited with status %d" % prog.returncode)

want = [
    (30, "syslog_udp", "syslog to port %d" % port),
    (27, "levels", "an error line"),
    (28, "levels", "a warning line"),
    (30, "levels", "an info line: 2 + 2 = 4"),
    (31, "levels", "a debug line"),
    (30, "levels", "x" * 1024),
]
stamp = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3]\d \d\d:\d\d:\d\d "
got = []
try:
    while len(got) < count:
        got.append(s.recv(65536).decode())
except socket.timeout:
    sys.exit("%d datagrams of %d arrived: %r" % (len(got), count, got))
want = [w for w in want if count == len(want) or w[0] != 31]
for g, (pri, src, msg) in zip(got, want):
    if not re.fullmatch(r"<%d>%s%s %s: %s" % (pri, stamp, re.escape(host), src,
                                             re.escape(msg)), g):
        sys.exit("datagram %r is not <%d>TIMESTAMP %s %s: %s" % (g, pri, host, src, msg[:40]))
print("%d syslog datagrams as expected" % len(got))
