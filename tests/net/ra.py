#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# ra.py IFACE PREFIX - send one IPv6 router advertisement on IFACE to all
# nodes (ff02::1), announcing PREFIX (such as fd01::, taken as /64) as
# on-link and for address autoconfiguration (SLAAC), from this host as a
# default router.  For tests/net/direct-udp.sh in its network namespace
# (root: a raw ICMPv6 socket; the kernel fills in the checksum); no radvd
# needed.  Standard library only.
import fcntl
import socket
import struct
import sys

SIOCGIFHWADDR = 0x8927  # <linux/sockios.h>


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: ra.py IFACE PREFIX")
    iface, prefix = argv[1], socket.inet_pton(socket.AF_INET6, argv[2])
    index = socket.if_nametoindex(iface)
    # (not /sys/class/net: sysfs is the host's in a new namespace)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as q:
        ifr = fcntl.ioctl(q, SIOCGIFHWADDR,
                          struct.pack("256s", iface.encode()[:15]))
    mac = ifr[18:24]
    # type 134, code, checksum (kernel), hop limit, flags, router
    # lifetime (s), reachable time, retransmission timer (ms)
    ra = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0)
    # prefix information: /64, on-link and autonomous, valid 1 day,
    # preferred 4 hours
    ra += struct.pack("!BBBBIII", 3, 4, 64, 0xc0, 86400, 14400, 0) + prefix
    # the router's link-layer address
    ra += struct.pack("!BB", 1, 1) + mac
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    # RFC 4861: a router advertisement arrives with hop limit 255 or is
    # ignored.
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, index)
    s.sendto(ra, ("ff02::1", 0, 0, index))


if __name__ == "__main__":
    main(sys.argv)
