#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-resolve.sh MIRC SRCDIR - samples/resolve (dns_client) on the
# direct stack (lwIP over netif_tap, --net=direct --no-dhcp) in a network
# namespace of its own (root only: status 77 otherwise), against
# dns-server.py on 10.0.0.1, the host's side of tap0: the A and AAAA
# answers of a.test, as on the socket stack (resolve.sh).
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-resolve "$1" "$2"

net_build resolve unix gcc --net=direct --no-dhcp
timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" 10.0.0.1 \
	"$srcdir/tests/net/resolve-a.expected" "${net_cmd[@]}" --interface=tap0 \
	--ipv4=10.0.0.2/24 --dns-servers=@SERVER@ --lookup=a.test ||
	net_fail "dns-server.py on 10.0.0.1 failed"
echo "ok net/$net_name"
