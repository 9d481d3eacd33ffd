#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-ntp.sh MIRC SRCDIR - samples/ntp with --pclock=sntp on the direct
# stack (lwIP over netif_tap, --net=direct --no-dhcp) in a network
# namespace of its own (root only: status 77 otherwise), against
# ntp-server.py on 10.0.0.1, the host's side of tap0, as ntp.sh does on
# the socket stack.
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-ntp "$1" "$2"

net_build ntp unix gcc --pclock=sntp --net=direct --no-dhcp
timeout -k 5 90 python3 "$srcdir/tests/net/ntp-server.py" 10.0.0.1 "${net_cmd[@]}" \
	--interface=tap0 --ipv4=10.0.0.2/24 || net_fail "ntp-server.py on 10.0.0.1 failed"
echo "ok net/$net_name"
