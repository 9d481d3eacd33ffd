#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# ping.py HOST COUNT - COUNT ICMP echo requests to HOST, one at a time,
# each answered within 2 s with its payload unchanged (exit 0), or a
# message and exit 1.  A raw socket, so root (the direct-stack tests run
# it in their network namespace); python3's standard library only, so
# that the tests need no ping package.
import os
import socket
import struct
import sys
import time


def pattern(n, seed=0):
    # Not periodic in 256, so a lost or repeated segment shows.
    return bytes(((i * 7) ^ (i >> 8) ^ seed) & 0xff for i in range(n))


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def ping(host, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.settimeout(2)
    ident = os.getpid() & 0xffff
    for seq in range(count):
        payload = pattern(56, seq)
        hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
        pkt = struct.pack("!BBHHH", 8, 0, checksum(hdr + payload), ident,
                          seq) + payload
        s.sendto(pkt, (host, 0))
        deadline = time.time() + 2
        while True:
            if time.time() > deadline:
                sys.exit("ping: no answer to seq %d" % seq)
            data, _ = s.recvfrom(2048)
            icmp = data[(data[0] & 15) * 4:]
            t, _, _, i, q = struct.unpack("!BBHHH", icmp[:8])
            if t == 0 and i == ident and q == seq:
                if icmp[8:] != payload:
                    sys.exit("ping: seq %d came back changed" % seq)
                break


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: ping.py HOST COUNT")
    ping(argv[1], int(argv[2]))


if __name__ == "__main__":
    main(sys.argv)
