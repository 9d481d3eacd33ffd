#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-udp.sh MIRC SRCDIR - samples/udp on the direct stack (lwIP over
# netif_tap, --net=direct --no-dhcp) in a network namespace of its own
# (root only: status 77 otherwise): datagrams of 1, 512, 1472 (a full
# frame) and 4000 bytes (three IPv4 fragments each way: lwIP reassembles
# and fragments), each echo compared; the server ends by --exit-after.
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-udp "$1" "$2"

net_build udp unix gcc --net=direct --no-dhcp
net_serve "Echo on UDP port" --interface=tap0 --ipv4=10.0.0.2/24 --exit-after=4
net_client udp 10.0.0.2 "$port" 1 512 1472 4000
net_finish
grep -q "Echoed 4 datagrams" "$net_log" || net_fail "no 'Echoed 4 datagrams' line"
echo "ok net/$net_name"
