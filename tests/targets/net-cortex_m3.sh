#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# net-cortex_m3.sh MIRC SRCDIR - the direct stack on cortex_m3's LAN9118.
#
# Builds samples/echo for cortex_m3 (-Werror; --insecure-random: the board
# has no entropy source and lwIP draws its ports and sequence numbers from
# RANDOM) and runs it with `make run` under qemu's user-mode network,
# restrict=on, with a host forward from a free port on 127.0.0.1 to the
# guest's port 7 (RUNFLAGS: the board's on-board NIC is
# -nic user,model=lan9118).  The guest takes its address by DHCP from
# slirp; once it logs `IPv4 10.0.2.15/24`, tests/net/netclient.py sends
# 200000 bytes on one connection and 8 messages on as many connections
# at once, and compares every byte of the echoes.  The server ends by
# --exit-after (9 connections) with status 0.  Every frame in and out
# goes through the controller's FIFOs and its interrupt (the event loop
# sleeps in wfi meanwhile).  Fails without qemu-system-arm or
# arm-none-eabi-gcc (bash .ci/install-deps.sh cross).
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

proj=$tmp/echo
cp -R samples/echo "$proj" && rm -rf "$proj/Makefile" "$proj/mirc" "$proj/dist" ||
	fail "cannot copy samples/echo"
(cd "$proj" && lib_mirc configure -q -t cortex_m3 --insecure-random) \
	>"$tmp/configure.log" 2>&1 ||
	{ cat "$tmp/configure.log" >&2; fail "mirc configure -t cortex_m3"; }
make -C "$proj" -j2 EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1
st=$?
if [ "$st" -ne 0 ] ||
	grep 'warning:' "$tmp/make.log" | grep -qv 'lto-wrapper: warning: using serial compilation'; then
	tail -n 30 "$tmp/make.log" >&2
	fail "make with -Werror: exit status $st"
fi

# A free port on 127.0.0.1 (the kernel's choice, released for qemu).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
	fail "no free port"
timeout -k 5 60 make -s -C "$proj" run \
	RUNFLAGS="-nic user,model=lan9118,restrict=on,hostfwd=tcp:127.0.0.1:$port-:7" \
	ARGS="--exit-after=9" >"$tmp/out" 2>"$tmp/err" </dev/null &
qpid=$!

# DHCP done: the guest listens (a SYN sent before would be lost and cost
# a second's retry).
for _ in $(seq 300); do
	grep -q 'IPv4 10\.0\.2\.15/24' "$tmp/out" && break
	kill -0 "$qpid" 2>/dev/null || fail "the guest ended before DHCP"
	sleep 0.1
done
grep -q 'IPv4 10\.0\.2\.15/24' "$tmp/out" || fail "no 'IPv4 10.0.2.15/24' within 30 s"
grep -q 'LAN9118 at 0x40200000, MAC 52:54:00:12:34:56, MTU 1500' "$tmp/out" ||
	fail "netif_lan9118 did not log the controller and qemu's MAC"

python3 tests/net/netclient.py bulk 127.0.0.1 "$port" 200000 >"$tmp/client" 2>&1 ||
	{ cat "$tmp/client" >&2; fail "bulk echo of 200000 bytes"; }
python3 tests/net/netclient.py many 127.0.0.1 "$port" 8 >"$tmp/client" 2>&1 ||
	{ cat "$tmp/client" >&2; fail "8 connections at once"; }

wait "$qpid"
st=$?
qpid=
[ "$st" -eq 0 ] || fail "make run: exit status $st (124: no exit within 60 s)"
grep -q 'Served 9 connections' "$tmp/out" || fail "no 'Served 9 connections'"
echo "ok $name: DHCP, 200000-byte echo, 8 connections at once"
