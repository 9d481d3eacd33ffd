#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# udp.sh MIRC SRCDIR [TARGET] - samples/udp on socket_stack: datagrams of
# 1, 512, 1472 (a full Ethernet frame), 4000 (fragmented) and 65507 (the
# largest IPv4 datagram, possible on loopback) bytes, over IPv4 and IPv6,
# each echo compared byte for byte and checked to come from the server's
# port.  For unix (the default) built with gcc; another TARGET
# (udp-TARGET.sh) is cross-built and run with its run command.  The
# server exits by --exit-after after the 10 echoes.
. "$(dirname "$0")/lib-net.sh"
target=${3:-unix}
net_start "udp${3:+-$3}" "$1" "$2"
[ "$target" = unix ] || net_skip_unless_target "$target"

if [ "$target" = unix ]; then net_build udp unix gcc; else net_build udp "$target"; fi
n=$((5 + ${net_ipv6:-0} * 5))
net_serve "Echo on UDP port" --exit-after=$n
net_client udp 127.0.0.1 "$port" 1 512 1472 4000 65507
[ -z "$net_ipv6" ] || net_client udp ::1 "$port" 1 512 1472 4000 65507
net_finish
grep -q "Echoed $n datagrams" "$net_log" || net_fail "no 'Echoed $n datagrams' line"
echo "ok net/$net_name"
