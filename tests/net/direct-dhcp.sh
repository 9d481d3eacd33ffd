#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-dhcp.sh MIRC SRCDIR - the direct stack configured by DHCP:
# samples/echo built --net=direct (DHCP is the default) against busybox's
# udhcpd serving 10.0.0.100-109 with router 10.0.0.1 on the tap of a
# network namespace of its own (root only, and busybox: status 77
# otherwise).  The program must log its leased address and gateway,
# announce its host name (--name) in the lease, and echo over the leased
# address; it ends by --exit-after.
. "$(dirname "$0")/lib-net.sh"
command -v busybox >/dev/null && busybox udhcpd --help >/dev/null 2>&1 ||
	{ echo "SKIP: needs busybox with udhcpd (bash .ci/install-deps.sh test)"; exit 77; }
net_in_netns "$@"
net_start direct-dhcp "$1" "$2"

net_udhcpd

net_build echo unix gcc --net=direct
net_serve "gw 10.0.0.1" --interface=tap0 --name=dhcptest --exit-after=1
addr=$(sed -n 's|.*IPv4 \(10\.0\.0\.10[0-9]\)/24 gw 10\.0\.0\.1$|\1|p' "$net_log")
[ -n "$addr" ] || net_fail "no 'IPv4 10.0.0.10x/24 gw 10.0.0.1' line"
grep -q "DHCP as dhcptest" "$net_log" || net_fail "no 'DHCP as dhcptest' line"
net_client bulk "$addr" "$port" 65536
net_finish
kill $net_dhcpd 2>/dev/null
wait $net_dhcpd 2>/dev/null
# udhcpd writes its leases on exit: the host name must be there.
grep -aq dhcptest "$tmp/udhcpd.leases" || net_fail "the lease does not name the host dhcptest"
echo "ok net/$net_name"
