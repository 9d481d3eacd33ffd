#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-echo.sh MIRC SRCDIR - samples/echo on the direct stack (lwIP over
# netif_tap, configured --net=direct --no-dhcp) in a network namespace of
# its own (root only: status 77 otherwise): the program's address line,
# ping answered, then 1 MiB echoed while it is sent, with a half-close,
# every byte compared, a 1-byte connection, 1000 connections at once, and
# a client that never reads then resets (held back by the window, the
# others still served); the server ends by --exit-after.
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-echo "$1" "$2"

net_build echo unix gcc --net=direct --no-dhcp
net_serve "Echo on TCP port" --interface=tap0 --ipv4=10.0.0.2/24 --exit-after=$((2 + 1000 + 3))
grep -qF "IPv4 10.0.0.2/24 gw none" "$net_log" || net_fail "no 'IPv4 10.0.0.2/24 gw none' line"
timeout 30 python3 "$srcdir/tests/net/ping.py" 10.0.0.2 3 || net_fail "ping 10.0.0.2 failed"
net_client bulk 10.0.0.2 "$port" 1048576
net_client bulk 10.0.0.2 "$port" 1
net_client many 10.0.0.2 "$port" 1000
net_client stuck 10.0.0.2 "$port"
net_finish
echo "ok net/$net_name"
