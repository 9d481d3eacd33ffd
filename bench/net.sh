#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/net.sh [BUILD_DIR] - how fast does mirc serve TCP?  Measures, in
# one run and side by side:
#
#   baseline  bench/net_echo.c: a hand-written plain epoll echo server;
#   socket    samples/echo on the socket stack (the host's sockets on the
#             runtime's event loop), built with `mirc configure -t unix`;
#   direct    samples/echo on lwIP (`--net=direct --no-dhcp`) over a TAP
#             device in a private network namespace, when run as root and
#             mirc can build the direct stack (otherwise skipped, with a
#             note saying why).
#
# Each is measured by bench/net_load.c on 127.0.0.1 (the direct stack:
# 10.0.0.2 over the TAP): the round trip of a 64-byte message (median
# and 99th percentile of NET_ROUNDS, default 20000) and the throughput of
# an echo of NET_BULK_MIB MiB (default 256) written and read at once,
# first on a single connection, then with NET_IDLE (default 1000) idle
# connections open as well (each has echoed a byte, so the server waits
# on it).  Every server is started afresh for each measurement, which
# is the best of NET_REPEAT runs (default 3) against it, and the
# baseline is compiled with the CFLAGS of the sample's generated Makefile.
# The report ends with the ratios to the baseline and the goals of issue
# 10: round trip within 1.1x and throughput at least 0.9x of the
# baseline, also with the idle connections (for the socket stack).
#
# A benchmark, not a test: ctest does not run it, figures vary with the
# machine's load (compare ratios from one run, not figures across runs).
# BUILD_DIR (default build-bench) is configured Release if it is new;
# mirc is built there.  Linux only (epoll).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_mirc "${1:-}"
rounds=${NET_ROUNDS:-20000}
bytes=$(( ${NET_BULK_MIB:-256} * 1048576 ))
idle=${NET_IDLE:-1000}
repeat=${NET_REPEAT:-3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-net.XXXXXX")
server=
cleanup() {
	if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
# 1000 idle connections are 1000 fds on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# ---- build ----------------------------------------------------------------

have_socket=0
if [ -f "$root/samples/echo/config.mir" ]; then
	cp -r "$root/samples/echo" "$tmp/echo"
	if (cd "$tmp/echo" && "$mirc" configure -q -t unix >/dev/null &&
	    make -s >/dev/null); then
		have_socket=1
	else
		echo "note: samples/echo did not build: socket stack skipped" >&2
	fi
else
	echo "note: no samples/echo in this tree: socket stack skipped" >&2
fi
cflags=-O2
if [ "$have_socket" = 1 ]; then
	cflags=$(cd "$tmp/echo" && make -s -p -n 2>/dev/null |
		 sed -n 's/^CFLAGS := //p' | head -1)
fi
# shellcheck disable=SC2086  # the flags are words
cc $cflags -o "$tmp/net_echo" "$root/bench/net_echo.c"
# shellcheck disable=SC2086
cc $cflags -o "$tmp/net_load" "$root/bench/net_load.c"

have_direct=0
why_direct="needs root (a TAP in a private network namespace)"
if [ "$have_socket" = 0 ]; then
	why_direct="samples/echo did not build"
elif [ "$(id -u)" = 0 ]; then
	cp -r "$root/samples/echo" "$tmp/echo-direct"
	if out=$(cd "$tmp/echo-direct" && "$mirc" configure -q -t unix \
		 --net=direct --no-dhcp 2>&1 && make -s 2>&1 >/dev/null); then
		if ! grep -q direct_stack "$tmp/echo-direct/Makefile"; then
			why_direct="mirc configure --net=direct gives no direct_stack in this tree"
		elif command -v ip >/dev/null && command -v unshare >/dev/null &&
		   [ -c /dev/net/tun ]; then
			have_direct=1
		else
			why_direct="needs ip, unshare and /dev/net/tun"
		fi
	else
		why_direct="mirc cannot build the direct stack here: $(head -n 1 <<<"$out")"
	fi
fi

# ---- measuring --------------------------------------------------------------

port=$((20000 + RANDOM % 20000))
declare -A rtt p99 mbps

# measure NAME IDLE COMMAND...: start the server (COMMAND, with PORT in
# its words replaced), load it, stop it, keep the figures under NAME/IDLE.
measure() {
	local name=$1 n=$2 out
	shift 2
	port=$((port + 1))
	"${@//PORT/$port}" >"$tmp/server.log" 2>&1 &
	server=$!
	for ((r = 0; r < repeat; r++)); do
		if ! out=$("$tmp/net_load" 127.0.0.1 "$port" "$n" "$rounds" "$bytes"); then
			echo "net.sh: $name with $n idle connections failed; its log:" >&2
			tail -n 20 "$tmp/server.log" >&2
			exit 1
		fi
		record "$name/$n" "$out"
	done
	kill "$server" 2>/dev/null || true
	wait "$server" 2>/dev/null || true
	server=
}

# record KEY "rtt_median_us=A rtt_p99_us=B mbps=C": keeps the best of
# the runs (the lowest times, the highest throughput), which is the
# least disturbed by whatever else the machine runs.
record() {
	local a b c
	read -r a b c <<<"$2"
	a=${a#*=} b=${b#*=} c=${c#*=}
	if [ -z "${rtt[$1]:-}" ]; then
		rtt[$1]=$a p99[$1]=$b mbps[$1]=$c
		return
	fi
	rtt[$1]=$(awk -v x="${rtt[$1]}" -v y="$a" 'BEGIN { print (y < x) ? y : x }')
	p99[$1]=$(awk -v x="${p99[$1]}" -v y="$b" 'BEGIN { print (y < x) ? y : x }')
	mbps[$1]=$(awk -v x="${mbps[$1]}" -v y="$c" 'BEGIN { print (y > x) ? y : x }')
}

# The direct stack: server and client in a namespace of their own, the
# host's end of the TAP 10.0.0.1, the stack 10.0.0.2.
measure_direct() {
	local n=$1 out
	port=$((port + 1))
	# shellcheck disable=SC2016  # expanded by the inner shell
	out=$(unshare -n bash -c '
		set -e
		ip link set lo up
		ip tuntap add dev tap0 mode tap
		ip addr add 10.0.0.1/24 dev tap0
		ip link set tap0 up
		"$1" --port="$2" --interface=tap0 --ipv4=10.0.0.2/24 >"$3" 2>&1 &
		s=$!
		for ((r = 0; r < $8; r++)); do
			"$4" 10.0.0.2 "$2" "$5" "$6" "$7"
		done
		kill $s
		wait $s 2>/dev/null || true' sh "$tmp/echo-direct/dist/echo" "$port" \
		"$tmp/server.log" "$tmp/net_load" "$n" "$rounds" "$bytes" "$repeat") || {
		echo "net.sh: the direct stack with $n idle connections failed; its log:" >&2
		tail -n 20 "$tmp/server.log" >&2
		exit 1
	}
	while read -r line; do
		record "direct/$n" "$line"
	done <<<"$out"
}

for n in 0 "$idle"; do
	measure baseline "$n" "$tmp/net_echo" PORT
	if [ "$have_socket" = 1 ]; then
		measure socket "$n" "$tmp/echo/dist/echo" --port=PORT
	fi
	if [ "$have_direct" = 1 ]; then
		measure_direct "$n"
	fi
done

# ---- the report ------------------------------------------------------------------

echo "echo over TCP: round trip of 64 B ($rounds times), echo of $((bytes / 1048576)) MiB, best of $repeat runs"
printf '%-30s %5s %12s %12s %12s\n' server idle "rtt median" "rtt p99" throughput
for n in 0 "$idle"; do
	for name in baseline socket direct; do
		k=$name/$n
		[ -n "${rtt[$k]:-}" ] || continue
		printf '%-30s %5s %9s us %9s us %7s MB/s\n' "$name" "$n" "${rtt[$k]}" \
			"${p99[$k]}" "${mbps[$k]}"
	done
done
echo
for name in socket direct; do
	for n in 0 "$idle"; do
		k=$name/$n
		[ -n "${rtt[$k]:-}" ] || continue
		awk -v name="$name" -v n="$n" -v r="${rtt[$k]}" -v rb="${rtt[baseline/$n]}" \
		    -v t="${mbps[$k]}" -v tb="${mbps[baseline/$n]}" 'BEGIN {
			rr = r / rb; tr = t / tb
			rg = (rr <= 1.1) ? "met" : "NOT met"
			tg = (tr >= 0.9) ? "met" : "NOT met"
			if (name == "socket")
				printf "%s / baseline, %4d idle: round trip %.2fx (goal <= 1.10x: %s), throughput %.2fx (goal >= 0.90x: %s)\n",
				       name, n, rr, rg, tr, tg
			else
				printf "%s / baseline, %4d idle: round trip %.2fx, throughput %.2fx\n",
				       name, n, rr, tr }'
	done
done
if [ "$have_direct" = 0 ]; then
	echo "direct stack (lwIP over TAP) skipped: $why_direct"
fi
