#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# contract.sh MIRC SRCDIR - the rules of mir(5), NETWORK DEVICES, checked
# on socket_stack from C by tests/net/contract/ (see contract.c): done
# never inside the call, -EBUSY, the cancel order at tcp_close, shutdown
# before a later write, IPv4 and IPv6 peers, UDP, tcp_unlisten from
# inside accept.  Built for unix with gcc and clang (-Werror); the
# program ends by itself once everything is closed, with status 0.
. "$(dirname "$0")/lib-net.sh"
net_start contract "$1" "$2"
for cc in gcc clang; do
	net_build_dir "$srcdir/tests/net/contract" unix "$cc"
	v6=--no-ipv6-phase
	[ -n "$net_ipv6" ] && v6=--ipv6-phase
	net_serve "checks passed" "$v6"
	net_finish
	grep -q "FAIL" "$net_log" && net_fail "a check failed"
done
echo "ok net/$net_name"
