#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# syslog.sh MIRC SRCDIR - samples/syslog on socket_stack: a collector on
# 127.0.0.1 (syslog-collector.py) gets one RFC 3164 datagram per log
# line, with the line's severity, source and message, at -l debug (6
# lines) and at the default level (debug left out), with
# --syslog-hostname and without (the program's --name); bad
# --syslog-port and --syslog-hostname values are refused.
. "$(dirname "$0")/lib-net.sh"
net_start syslog "$1" "$2"

net_build syslog unix gcc
collect() {
	timeout -k 5 90 python3 "$srcdir/tests/net/syslog-collector.py" "$@" ||
		net_fail "collector $1 $2 $3 failed"
}
collect 127.0.0.1 6 syslog "${net_cmd[@]}" -l debug
collect 127.0.0.1 5 box "${net_cmd[@]}" --syslog-hostname=box
[ -z "$net_ipv6" ] || collect ::1 5 syslog "${net_cmd[@]}"

for bad in --syslog-port=0 --syslog-port=65536 "--syslog-hostname=a b"; do
	if "${net_cmd[@]}" --syslog=127.0.0.1 "$bad" >"$tmp/bad.log" 2>&1; then
		net_fail "$bad was accepted"
	fi
	grep -qF -- "${bad%%=*}" "$tmp/bad.log" || { cat "$tmp/bad.log"; net_fail "$bad: no message naming it"; }
done
echo "ok net/$net_name"
