#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-udp.sh MIRC SRCDIR - samples/udp on the direct stack (lwIP over
# netif_tap, --net=direct --no-dhcp) in a network namespace of its own
# (root only: status 77 otherwise): datagrams of 1, 512, 1472 (a full
# frame) and 4000 bytes (three IPv4 fragments each way: lwIP reassembles
# and fragments), each echo compared; then IPv6 with SLAAC: a router
# advertisement of fd01::/64 (ra.py), the address the stack forms and
# logs, and datagrams of 1, 512, 1452 and 4000 bytes to it; last, a
# static --ipv6 answering an off-link client through --ipv6-gateway.
# The server ends by --exit-after.
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-udp "$1" "$2"
ip -6 addr add fe80::1/64 dev tap0 nodad && ip -6 addr add fd01::1/64 dev tap0 nodad ||
	net_fail "cannot give tap0 its IPv6 addresses"

net_build udp unix gcc --net=direct --no-dhcp
net_serve "Echo on UDP port" --interface=tap0 --ipv4=10.0.0.2/24 --exit-after=8
net_client udp 10.0.0.2 "$port" 1 512 1472 4000

timeout 10 python3 "$srcdir/tests/net/ra.py" tap0 fd01:: || net_fail "ra.py failed"
for ((i = 0; i < 100; i++)); do
	grep -q "IPv6 fd01::" "$net_log" && break
	sleep 0.05
done
addr=$(sed -n 's/.*IPv6 \(fd01::[0-9a-f:]*\)$/\1/p' "$net_log" | head -n 1)
[ -n "$addr" ] || net_fail "no SLAAC address (an 'IPv6 fd01::...' line) after the advertisement"
net_client udp "$addr" "$port" 1 512 1452 4000
net_finish
grep -q "Echoed 8 datagrams" "$net_log" || net_fail "no 'Echoed 8 datagrams' line"

# A static IPv6 address on a prefix the host routes to tap0 without being
# on it: the host writes from fd01::1, off-link for the stack, whose
# answers reach it only through --ipv6-gateway=fe80::1 (no advertisement
# here: lwIP would have no router and drop them).
ip -6 route add fd03::/64 dev tap0 || net_fail "cannot route fd03::/64 to tap0"
net_serve "Echo on UDP port" --interface=tap0 \
	--ipv6=fd03::2/64 --ipv6-gateway=fe80::1 \
	--no-accept-router-advertisements --exit-after=2
net_client udp fd03::2 "$port" 1 1452
net_finish
grep -q "Echoed 2 datagrams" "$net_log" || net_fail "no 'Echoed 2 datagrams' line (--ipv6-gateway)"
echo "ok net/$net_name"
