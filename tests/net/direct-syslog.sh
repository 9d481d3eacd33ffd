#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-syslog.sh MIRC SRCDIR - samples/syslog on the direct stack (lwIP
# over netif_tap, --net=direct --no-dhcp) in a network namespace of its
# own (root only: status 77 otherwise): the collector listens on
# 10.0.0.1, the host's side of tap0, and gets the six datagrams of -l
# debug as on the socket stack (syslog.sh), the first ones waiting in
# lwIP for ARP to find 10.0.0.1.
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-syslog "$1" "$2"

net_build syslog unix gcc --net=direct --no-dhcp
timeout -k 5 90 python3 "$srcdir/tests/net/syslog-collector.py" 10.0.0.1 6 syslog \
	"${net_cmd[@]}" --interface=tap0 --ipv4=10.0.0.2/24 -l debug ||
	net_fail "the collector on 10.0.0.1 failed"
echo "ok net/$net_name"
