#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# resolve.sh MIRC SRCDIR - samples/resolve (dns_client) on socket_stack
# against dns-server.py on 127.0.0.1: A and AAAA answers, a CNAME chain,
# a name given in upper case with a final dot, NXDOMAIN, an empty
# answer, spoofed answers (another id, another question) ignored,
# SERVFAIL, malformed answers (missing records, a compression loop), a
# server that does not answer (2 s), a bad name; then a dead first
# server (the look-up moves to the second after 1 s), the server on ::1,
# and bad --dns-servers values refused at connect.
. "$(dirname "$0")/lib-net.sh"
net_start resolve "$1" "$2"

net_build resolve unix gcc
serve() {
	timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" "$@" ||
		net_fail "dns-server.py $1 $2 failed"
}
exp=$srcdir/tests/net
serve 127.0.0.1 "$exp/resolve.expected" "${net_cmd[@]}" --dns-servers=@SERVER@ \
	--lookup=a.test,ALIAS.Test.,v4only.test,missing.test,spoof.test,fail.test,junk.test,loop.test,silent.test,bad..name
serve 127.0.0.1 "$exp/resolve-a.expected" "${net_cmd[@]}" --dns-servers=udp:@DEAD@,@SERVER@ --lookup=a.test
[ -z "$net_ipv6" ] || serve ::1 "$exp/resolve-a.expected" "${net_cmd[@]}" --dns-servers=@SERVER@ --lookup=a.test

for bad in "" tcp:192.0.2.53 192.0.2.53:0 192.0.2.53:x "[::1]x" "[::1" example.org; do
	if "${net_cmd[@]}" ${bad:+--dns-servers="$bad"} --lookup=a.test >"$tmp/bad.log" 2>&1; then
		net_fail "--dns-servers='$bad' was accepted"
	fi
	grep -q -- "--dns-servers" "$tmp/bad.log" || { cat "$tmp/bad.log"; net_fail "--dns-servers='$bad': no message naming it"; }
done
echo "ok net/$net_name"
