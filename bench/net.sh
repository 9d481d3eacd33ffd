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
# an echo of NET_BULK_MIB MiB (default 1024: shorter echoes vary by a
# third between runs on a 2-CPU machine) written and read at once,
# first on a single connection, then with NET_IDLE (default 1000) idle
# connections open as well (each has echoed a byte, so the server waits
# on it).  Each server runs NET_REPEAT times (default 5) per idle count;
# the baseline's and the socket stack's runs alternate, so that a change
# in the machine's load falls on both, and each pair of runs gives a
# ratio.  The baseline is compiled with the CFLAGS of the sample's
# generated Makefile.  The report gives each server's median figures,
# then the median of the pairs' ratios against the goals of issue 10:
# round trip within 1.1x and throughput at least 0.9x of the baseline,
# also with the idle connections (for the socket stack).
#
# A benchmark, not a test: ctest does not run it, figures vary with the
# machine's load (compare ratios from one run, not figures across runs).
# BUILD_DIR (default build-bench) is configured Release if it is new;
# mirc is built there.  Linux only (epoll).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_mirc "${1:-}"
rounds=${NET_ROUNDS:-20000}
bytes=$(( ${NET_BULK_MIB:-1024} * 1048576 ))
idle=${NET_IDLE:-1000}
repeat=${NET_REPEAT:-5}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-net.XXXXXX")
server=
cleanup() {
	# shellcheck disable=SC2086  # a list of pids
	if [ -n "$server" ]; then kill $server 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${NET_KEEP_RUNS:-}" ] && trap 'cp "$runs" "$NET_KEEP_RUNS"; cleanup' EXIT
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
# The figures of every run, one line each: NAME IDLE ROUND RTT P99 MBPS.
runs=$tmp/runs
: >"$runs"
servers=()

# start NAME COMMAND...: start a server (COMMAND, with PORT in its words
# replaced by a fresh port), keep its port in port_of[NAME].
declare -A port_of
start() {
	local name=$1
	shift
	port=$((port + 1))
	port_of[$name]=$port
	"${@//PORT/$port}" >"$tmp/$name.log" 2>&1 &
	servers+=($!)
	server=${servers[*]}
}

# load NAME IDLE ROUND: one run of net_load against NAME's server.
load() {
	local out
	if ! out=$("$tmp/net_load" 127.0.0.1 "${port_of[$1]}" "$2" "$rounds" "$bytes"); then
		echo "net.sh: $1 with $2 idle connections failed; its log:" >&2
		tail -n 20 "$tmp/$1.log" >&2
		exit 1
	fi
	read -r a b c <<<"$out"
	echo "$1 $2 $3 ${a#*=} ${b#*=} ${c#*=}" >>"$runs"
}

stop_all() {
	local s
	for s in "${servers[@]}"; do
		kill "$s" 2>/dev/null || true
		wait "$s" 2>/dev/null || true
	done
	servers=()
	server=
}

# The direct stack: server and client in a namespace of their own, the
# host's end of the TAP 10.0.0.1, the stack 10.0.0.2; its runs are
# numbered like the others'.
measure_direct() {
	local n=$1 out r=0
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
		"$tmp/direct.log" "$tmp/net_load" "$n" "$rounds" "$bytes" "$repeat") || {
		echo "net.sh: the direct stack with $n idle connections failed; its log:" >&2
		tail -n 20 "$tmp/direct.log" >&2
		exit 1
	}
	while read -r a b c; do
		echo "direct $n $r ${a#*=} ${b#*=} ${c#*=}" >>"$runs"
		r=$((r + 1))
	done <<<"$out"
}

# The baseline and the socket stack run side by side, each started once
# per idle count, and their runs alternate (baseline first in even
# rounds, second in odd ones), so that a change in the machine's load
# falls on both: each round gives a ratio, and the report takes the
# median of the rounds' ratios.
for n in 0 "$idle"; do
	start baseline "$tmp/net_echo" PORT
	if [ "$have_socket" = 1 ]; then
		start socket "$tmp/echo/dist/echo" --port=PORT
	fi
	for ((r = 0; r < repeat; r++)); do
		if ((r % 2 == 0)); then order="baseline socket"; else order="socket baseline"; fi
		for name in $order; do
			if [ -n "${port_of[$name]:-}" ]; then load "$name" "$n" "$r"; fi
		done
	done
	stop_all
	if [ "$have_direct" = 1 ]; then
		measure_direct "$n"
	fi
done

# ---- the report ------------------------------------------------------------------

echo "echo over TCP: round trip of 64 B ($rounds times), echo of $((bytes / 1048576)) MiB; $repeat runs of each, alternating"
echo "figures: the median of the runs (rtt p99: the median of the runs' p99)"
printf '%-30s %5s %12s %12s %12s\n' server idle "rtt median" "rtt p99" throughput
awk -v idle="$idle" '
	function median(list,    v, k, i, j, t) {
		k = split(list, v, " ")
		for (i = 2; i <= k; i++)
			for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
				t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
			}
		return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	{ key = $1 "/" $2; rtt[key] = rtt[key] " " $4; p99[key] = p99[key] " " $5
	  mbps[key] = mbps[key] " " $6; at[$1 "/" $2 "/" $3] = $4 " " $6 }
	END {
		split("0 " idle, ns, " ")
		split("baseline socket direct", names, " ")
		for (a = 1; a <= 2; a++)
			for (b = 1; b <= 3; b++) {
				key = names[b] "/" ns[a]
				if (!(key in rtt)) continue
				printf "%-30s %5s %9.2f us %9.2f us %7.1f MB/s\n", names[b], ns[a],
				       median(rtt[key]), median(p99[key]), median(mbps[key])
			}
		print ""
		for (b = 2; b <= 3; b++)
			for (a = 1; a <= 2; a++) {
				rr = ""; tr = ""
				for (r = 0; (names[b] "/" ns[a] "/" r) in at; r++) {
					split(at[names[b] "/" ns[a] "/" r], x, " ")
					if (!(("baseline/" ns[a] "/" r) in at)) continue
					split(at["baseline/" ns[a] "/" r], y, " ")
					rr = rr " " x[1] / y[1]; tr = tr " " x[2] / y[2]
				}
				if (rr == "") continue
				rm = median(rr); tm = median(tr)
				if (names[b] == "socket")
					printf "%s / baseline, %4d idle: round trip %.2fx (goal <= 1.10x: %s), throughput %.2fx (goal >= 0.90x: %s)\n",
					       names[b], ns[a], rm, (rm <= 1.1) ? "met" : "NOT met",
					       tm, (tm >= 0.9) ? "met" : "NOT met"
				else
					printf "%s / baseline, %4d idle: round trip %.2fx, throughput %.2fx\n",
					       names[b], ns[a], rm, tm
			}
	}' "$runs"
if [ "$have_direct" = 0 ]; then
	echo "direct stack (lwIP over TAP) skipped: $why_direct"
fi
