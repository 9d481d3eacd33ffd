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
# and bad --dns-servers values refused at connect.  As root, in a mount
# and network namespace of its own whose /etc/resolv.conf is the
# test's: without --dns-servers the server comes from resolv.conf (port
# 53 on 127.0.0.1), and with no nameserver line the look-ups fail with
# EDESTADDRREQ and a warning.
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

for bad in tcp:192.0.2.53 192.0.2.53:0 192.0.2.53:x "[::1]x" "[::1" example.org; do
	if "${net_cmd[@]}" ${bad:+--dns-servers="$bad"} --lookup=a.test >"$tmp/bad.log" 2>&1; then
		net_fail "--dns-servers='$bad' was accepted"
	fi
	grep -q -- "--dns-servers" "$tmp/bad.log" || { cat "$tmp/bad.log"; net_fail "--dns-servers='$bad': no message naming it"; }
done

# The host's resolver configuration, in namespaces of the test's own (the
# real /etc/resolv.conf names servers outside: never asked).
if [ "$(id -u)" -ne 0 ] || ! unshare -m -n true 2>/dev/null; then
	echo "ok net/$net_name (the resolv.conf part needs root: skipped)"
	exit 0
fi
in_ns() {
	local conf=$1
	shift
	unshare -m -n bash -c 'ip link set lo up && mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' \
		bash "$conf" "$@"
}
printf '# the test'"'"'s\nsearch test\n  nameserver 127.0.0.1 # first\nnameserver 192.0.2.53\n' >"$tmp/resolv.conf"
DNS_PORT=53 in_ns "$tmp/resolv.conf" timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" 127.0.0.1 \
	"$exp/resolve-a.expected" "${net_cmd[@]}" --lookup=a.test ||
	net_fail "the server of resolv.conf was not used"
printf 'search test\n' >"$tmp/resolv-none.conf"
in_ns "$tmp/resolv-none.conf" timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" 127.0.0.1 \
	"$exp/resolve-none.expected" "${net_cmd[@]}" --lookup=a.test >"$tmp/none.log" 2>&1 ||
	{ cat "$tmp/none.log"; net_fail "no server: not EDESTADDRREQ after the warning"; }
echo "ok net/$net_name"
