#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-resolve.sh MIRC SRCDIR - samples/resolve (dns_client) on the
# direct stack (lwIP over netif_tap, --net=direct --no-dhcp) in a network
# namespace of its own (root only: status 77 otherwise), against
# dns-server.py on 10.0.0.1, the host's side of tap0: the A and AAAA
# answers of a.test, as on the socket stack (resolve.sh).  Then by DHCP
# (busybox udhcpd, `option dns 10.0.0.1`) without --dns-servers: the
# server is the lease's, on port 53.
. "$(dirname "$0")/lib-net.sh"
command -v busybox >/dev/null && busybox udhcpd --help >/dev/null 2>&1 ||
	{ echo "SKIP: needs busybox with udhcpd (bash .ci/install-deps.sh test)"; exit 77; }
net_in_netns "$@"
net_start direct-resolve "$1" "$2"

net_build resolve unix gcc --net=direct --no-dhcp
timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" 10.0.0.1 \
	"$srcdir/tests/net/resolve-a.expected" "${net_cmd[@]}" --interface=tap0 \
	--ipv4=10.0.0.2/24 --dns-servers=@SERVER@ --lookup=a.test ||
	net_fail "dns-server.py on 10.0.0.1 failed"

net_udhcpd "option dns 10.0.0.1"
net_build resolve unix gcc --net=direct
DNS_PORT=53 timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" 10.0.0.1 \
	"$srcdir/tests/net/resolve-a.expected" "${net_cmd[@]}" --interface=tap0 \
	--lookup=a.test >"$tmp/dhcp.log" 2>&1 ||
	{ cat "$tmp/dhcp.log" "$tmp/udhcpd.log"; net_fail "the DNS server of the DHCP lease was not used"; }
echo "ok net/$net_name"
