#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# net-cortex_m3.sh MIRC SRCDIR - the direct stack on cortex_m3's LAN9118.
#
# Builds samples/echo and samples/www for cortex_m3 as a new user would
# (-Werror; RANDOM, for lwIP's ports and sequence numbers, is seeded from
# the host through semihosting) and runs each with `make run`
# under qemu's user-mode network, restrict=on, with a host forward from a
# free port on 127.0.0.1 to the guest's port (make run HOSTFWD=...,
# which attaches the board's NIC, netif_lan9118).  The guest takes its address by DHCP from
# slirp; once it logs `IPv4 10.0.2.15/24`:
#   echo  tests/net/netclient.py sends 200000 bytes on one connection and
#         8 messages on as many connections at once, and compares every
#         byte of the echoes;
#   www   curl fetches every file of htdocs on one kept-alive connection
#         (compared with the files), then a missing one (404).
# Each server ends by --exit-after with status 0.  Every frame in and
# out goes through the controller's FIFOs and its interrupt (the event
# loop sleeps in wfi meanwhile).  Fails without qemu-system-arm or
# arm-none-eabi-gcc (bash .ci/install-deps.sh cross).
# shellcheck disable=SC2034,SC2154 # mirc and tmp: lib.sh uses and sets them
set -u
mirc=$1
. "$(dirname "$0")/../lib.sh"
lib_start "$2"
name=targets/net-cortex_m3
qpid=
cleanup() {
	# The group of timeout: make and qemu with it.
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL $name: $*" >&2
	[ -f "$tmp/out" ] && sed 's/^/  guest: /' "$tmp/out" | tail -n 30 >&2
	[ -f "$tmp/err" ] && sed 's/^/  qemu: /' "$tmp/err" | tail -n 10 >&2
	exit 1
}
for tool in qemu-system-arm arm-none-eabi-gcc; do
	command -v "$tool" >/dev/null ||
		fail "$tool is not installed (bash .ci/install-deps.sh cross)"
done

# build SAMPLE: samples/SAMPLE configured for cortex_m3 in $tmp/SAMPLE.
build() {
	local proj=$tmp/$1 st
	cp -R "samples/$1" "$proj" && rm -rf "$proj/Makefile" "$proj/mirc" "$proj/dist" ||
		fail "cannot copy samples/$1"
	(cd "$proj" && lib_mirc configure -q -t cortex_m3) \
		>"$tmp/configure.log" 2>&1 ||
		{ cat "$tmp/configure.log" >&2; fail "mirc configure -t cortex_m3 ($1)"; }
	make -C "$proj" -j2 EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1
	st=$?
	if [ "$st" -ne 0 ] ||
		grep 'warning:' "$tmp/make.log" | grep -qv 'lto-wrapper: warning: using serial compilation'; then
		tail -n 30 "$tmp/make.log" >&2
		fail "make with -Werror ($1): exit status $st"
	fi
}

# start SAMPLE GUESTPORT ARGS: make run in the background, with a host
# forward from a free port ($port) on 127.0.0.1 to GUESTPORT, until the
# guest has its address by DHCP (a SYN sent before would be lost and cost
# a second's retry).
start() {
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
		fail "no free port"
	timeout -k 5 60 make -s -C "$tmp/$1" run \
		HOSTFWD="tcp:127.0.0.1:$port-:$2" \
		ARGS="$3" >"$tmp/out" 2>"$tmp/err" </dev/null &
	qpid=$!
	for _ in $(seq 300); do
		grep -q 'IPv4 10\.0\.2\.15/24' "$tmp/out" && break
		kill -0 "$qpid" 2>/dev/null || fail "the guest ended before DHCP"
		sleep 0.1
	done
	grep -q 'IPv4 10\.0\.2\.15/24' "$tmp/out" || fail "no 'IPv4 10.0.2.15/24' within 30 s"
	grep -q 'LAN9118 at 0x40200000, MAC 52:54:00:12:34:56, MTU 1500' "$tmp/out" ||
		fail "netif_lan9118 did not log the controller and qemu's MAC"
}

# finish: make run ended with status 0 (--exit-after).
finish() {
	local st
	wait "$qpid"
	st=$?
	qpid=
	[ "$st" -eq 0 ] || fail "make run: exit status $st (124: no exit within 60 s)"
}

# ---- echo: 200000 bytes on one connection, 8 connections at once ----

build echo
start echo 7 --exit-after=9
python3 tests/net/netclient.py bulk 127.0.0.1 "$port" 200000 >"$tmp/client" 2>&1 ||
	{ cat "$tmp/client" >&2; fail "bulk echo of 200000 bytes"; }
python3 tests/net/netclient.py many 127.0.0.1 "$port" 8 >"$tmp/client" 2>&1 ||
	{ cat "$tmp/client" >&2; fail "8 connections at once"; }
finish
grep -q 'Served 9 connections' "$tmp/out" || fail "no 'Served 9 connections'"

# ---- www: every file of htdocs on one kept-alive connection, a 404 ----

build www
start www 80 --exit-after=2
htdocs=$tmp/www/htdocs
mapfile -t files < <(cd "$htdocs" && find . -type f | sed 's|^\./||' | sort)
[ "${#files[@]}" -ge 5 ] || fail "samples/www/htdocs has ${#files[@]} files"
urls=() outs=()
for f in "${files[@]}"; do
	urls+=("http://127.0.0.1:$port/$f")
	outs+=(-o "$tmp/got.${f//\//_}")
done
curl -sSf --max-time 30 "${outs[@]}" "${urls[@]}" 2>"$tmp/curl.err" ||
	{ cat "$tmp/curl.err" >&2; fail "curl of htdocs"; }
for f in "${files[@]}"; do
	cmp -s "$htdocs/$f" "$tmp/got.${f//\//_}" || fail "/$f differs from htdocs/$f"
done
code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/no-such-file")
[ "$code" = 404 ] || fail "/no-such-file: HTTP $code, not 404"
finish
echo "ok $name: DHCP, echo (200000 bytes, 8 connections), www (${#files[@]} files, 404)"
