#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# echo.sh MIRC SRCDIR [TARGET] - samples/echo on socket_stack, against
# the clients of netclient.py on loopback.  For unix (the default) it is
# built with gcc and put through everything, then with clang for a short
# run that also checks --ipv4; for another TARGET (echo-TARGET.sh) it is
# cross-built and run with the target's run command (qemu-user shares
# the host's network, so loopback works), through everything.
#
# Everything: 1 MiB echoed while it is sent, then half-closed, over IPv4
# and IPv6 (one dual-stack socket); 1000 connections at once; a client
# that never reads (the server stops reading it and serves others) and
# then resets in the middle of the server's write.  The clang build also
# checks --ipv4, and a server out of descriptors (EMFILE).  The server exits by
# --exit-after, so leaks are checked at a clean exit (lib-net.sh).
. "$(dirname "$0")/lib-net.sh"
target=${3:-unix}
net_start "echo${3:+-$3}" "$1" "$2"
[ "$target" = unix ] || net_skip_unless_target "$target"

many=1000
full() {
	net_serve "Echo on TCP port" --exit-after=$((1 + ${net_ipv6:-0} + many + 3))
	grep -q "IPv4 0.0.0.0/0" "$net_log" || net_fail "no address line"
	net_client bulk 127.0.0.1 "$port" $((1 << 20))
	[ -z "$net_ipv6" ] || net_client bulk ::1 "$port" $((1 << 20))
	net_client many 127.0.0.1 "$port" "$many"
	net_client stuck 127.0.0.1 "$port"
	net_finish
}

if [ "$target" = unix ]; then
	net_build echo unix gcc
	full
	net_build echo unix clang
	# --ipv4 binds that address only: IPv6 is refused.
	net_serve "Echo on TCP port" --ipv4=127.0.0.1/8 --exit-after=1
	grep -q "IPv4 127.0.0.1/8" "$net_log" || net_fail "no address line for --ipv4"
	[ -z "$net_ipv6" ] || python3 -c 'import socket, sys
try:
    socket.create_connection(("::1", int(sys.argv[1])), timeout=5)
except ConnectionRefusedError:
    sys.exit(0)
sys.exit("::1 was accepted with --ipv4=127.0.0.1/8")' "$port" || net_fail "--ipv4 did not restrict the server"
	net_client bulk 127.0.0.1 "$port" $((1 << 20))
	net_finish
	# Out of descriptors: 200 clients at once for a server that may open
	# 40 files.  It pauses accepting (logged once) and takes the waiting
	# ones from the kernel's backlog as others close, without spinning.
	# Not under valgrind: it keeps the top of the descriptor table for
	# itself and closes a socket that accept() puts there ("invalid file
	# descriptor 35 in syscall accept()"; the client sees a reset, measured
	# with valgrind 3.19), so with 40 files the case measures valgrind, not the
	# program; the plain and ASan builds run it.
	if [ -n "${MIRC_PROGRAM_WRAPPER:-}" ]; then
		echo "note: the EMFILE case is left out under valgrind (it takes descriptors of its own)"
	else
		net_fds=40
		net_serve "Echo on TCP port" --exit-after=200
		net_client many 127.0.0.1 "$port" 200
		net_finish
		net_fds=
		grep -q "accepts paused" "$net_log" || net_fail "EMFILE was not logged"
		n=$(grep -c "accepts paused" "$net_log")
		[ "$n" -le 20 ] || net_fail "EMFILE logged $n times, not once per pause"
	fi
else
	net_build echo "$target"
	full
fi
echo "ok net/$net_name"
