#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ntp-server.py ADDR CMD... - an NTP server for the tests of samples/ntp:
binds UDP ADDR:0 and runs CMD... with --ntp-server=ADDR --ntp-port=PORT
appended.  To each request it sends first an answer with another
originate timestamp (a spoof the client must ignore), then a
kiss-o'-death (stratum 0, refused), then the answer: 2030-01-01T00:00:00Z
with the request's transmit timestamp echoed.  The program must log
"wall clock 2030-01-01T00:00:0?Z" and exit 0."""
import re
import socket
import struct
import subprocess
import sys
import threading

addr, cmd = sys.argv[1], sys.argv[2:]
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
s.bind((addr, 0))
port = s.getsockname()[1]
T = (1893456000 + 2208988800) << 32  # 2030-01-01 in NTP's 32.32 format


def answer(origin, stratum=2):
    return struct.pack(">BBbbII4sQQQQ", 0 << 6 | 4 << 3 | 4, stratum, 6, -20, 0, 0,
                       b"TEST", T, origin, T, T)


def serve():
    while True:
        req, peer = s.recvfrom(512)
        if len(req) < 48:
            continue
        origin = struct.unpack(">Q", req[40:48])[0]
        s.sendto(answer(origin ^ 1), peer)
        s.sendto(answer(origin, stratum=0), peer)
        s.sendto(answer(origin), peer)


threading.Thread(target=serve, daemon=True).start()
prog = subprocess.run(cmd + ["--ntp-server=" + addr, "--ntp-port=%d" % port],
                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
out = prog.stdout.decode(errors="replace")
if prog.returncode != 0 or not re.search(r"\[now\] wall clock 2030-01-01T00:00:0\dZ$", out, re.M):
    sys.stdout.write(out)
    sys.exit("status %d, no 'wall clock 2030-01-01T00:00:0?Z' line" % prog.returncode)
if "NTP answer refused (leap 0, version 4, mode 4, stratum 0)" not in out:
    sys.stdout.write(out)
    sys.exit("the kiss-o'-death was not refused")
print("the wall clock from NTP, as expected")
