#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# ntp.sh MIRC SRCDIR - samples/ntp configured with --pclock=sntp
# (pclock_sntp on socket_stack) against ntp-server.py on 127.0.0.1 and
# ::1: a spoofed answer ignored, a kiss-o'-death refused, the wall clock
# set from the real answer; a server that does not answer leaves the
# clock unknown (the job gives up after --wait=1s); bad --ntp-* values
# are refused at connect.
. "$(dirname "$0")/lib-net.sh"
net_start ntp "$1" "$2"

net_build ntp unix gcc --pclock=sntp
for a in 127.0.0.1 ${net_ipv6:+::1}; do
	timeout -k 5 90 python3 "$srcdir/tests/net/ntp-server.py" "$a" "${net_cmd[@]}" ||
		net_fail "ntp-server.py $a failed"
done

dead=$(net_free_port) || net_fail "no free port"
if timeout 30 "${net_cmd[@]}" --ntp-server=127.0.0.1 --ntp-port="$dead" --wait=1s >"$tmp/dead.log" 2>&1; then
	net_fail "a silent NTP server set the clock"
fi
grep -q "the wall clock is still not known" "$tmp/dead.log" || { cat "$tmp/dead.log"; net_fail "no 'still not known' line"; }

for bad in "" --ntp-port=0 --ntp-interval=1s; do
	if timeout 30 "${net_cmd[@]}" ${bad:+--ntp-server=127.0.0.1 "$bad"} >"$tmp/bad.log" 2>&1; then
		net_fail "'$bad' was accepted"
	fi
	name=${bad%%=*}
	grep -q -- "${name:---ntp-server}" "$tmp/bad.log" || { cat "$tmp/bad.log"; net_fail "'$bad': no message naming it"; }
done
echo "ok net/$net_name"
