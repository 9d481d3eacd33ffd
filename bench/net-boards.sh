#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/net-boards.sh [BUILD_DIR] - the network samples on the boards,
# under qemu: for every bare-metal target (backends/targets.py), built as
# a new user would (`mirc configure -t TARGET`: the board's NIC, lwIP,
# DHCP from qemu's user-mode network) and run by `make run
# HOSTFWD=tcp:127.0.0.1:PORT-:GUEST`:
#
#   boot      samples/www: from `make run` to the first HTTP answer to
#             curl on the host (qemu's start, the boot, DHCP, the
#             answer), the best of NETB_REPEAT (default 3) boots;
#   echo      samples/echo, measured by bench/net_load.c through slirp's
#             forwarding: the round trip of a 64-byte message (median
#             and 99th percentile of NETB_ROUNDS, default 500) and the
#             throughput of an echo of NETB_BULK_KIB KiB (default 4096).
#
# Regression figures, not ratios: qemu emulates the CPU (TCG), so the
# figures say how a change moves mirc's boards, not how fast a real board
# is; compare them with the same machine's earlier runs (README).  A
# benchmark, not a test: ctest does not run it.  BUILD_DIR (default
# build-bench) is configured Release if it is new; mirc is built there.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_mirc "${1:-}"
rounds=${NETB_ROUNDS:-500}
bytes=$(( ${NETB_BULK_KIB:-4096} * 1024 ))
repeat=${NETB_REPEAT:-3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-netb.XXXXXX")
qpid=
cleanup() {
	[ -n "$qpid" ] && kill -- "$qpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
cc -O2 -o "$tmp/net_load" "$root/bench/net_load.c"

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# build TARGET SAMPLE: $tmp/TARGET-SAMPLE configured and built, or 1.
build() {
	local p=$tmp/$1-$2
	cp -R "$root/samples/$2" "$p" && rm -rf "$p/mirc" "$p/Makefile" "$p/dist"
	(cd "$p" && "$mirc" configure -q -t "$1" && make -s) >"$tmp/build.log" 2>&1
}

# start DIR GUESTPORT ARGS: make run in the background with a forward
# from a free $port; qpid is timeout's process (and its group's).
start() {
	port=$(free_port)
	setsid timeout -k 5 300 make -s -C "$1" run \
		HOSTFWD="tcp:127.0.0.1:$port-:$2" ARGS="$3" \
		>"$tmp/console" 2>&1 </dev/null &
	qpid=$!
}

stop() {
	kill -- -"$qpid" 2>/dev/null || true
	wait "$qpid" 2>/dev/null || true
	qpid=
}

now_ms() { date +%s%3N; }

printf '%-14s %10s %14s %13s %9s\n' target boot_ms rtt_median_us rtt_p99_us "MB/s"
for t in $(python3 "$root/backends/targets.py" names --runnable --with kind=bare-metal); do
	if ! build "$t" www || ! build "$t" echo; then
		printf '%-14s %s\n' "$t" "(does not build here: $(tail -n 1 "$tmp/build.log"))"
		continue
	fi
	best=
	for ((i = 0; i < repeat; i++)); do
		t0=$(now_ms)
		start "$tmp/$t-www" 80 "--port=80"
		ms=
		for ((k = 0; k < 3000; k++)); do
			if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$port/"; then
				ms=$(( $(now_ms) - t0 ))
				break
			fi
			sleep 0.01
		done
		stop
		[ -n "$ms" ] && { [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && best=$ms
	done
	start "$tmp/$t-echo" 7 "--port=7"
	for ((k = 0; k < 600; k++)); do
		grep -q 'IPv4 ' "$tmp/console" && break
		sleep 0.05
	done
	if out=$("$tmp/net_load" 127.0.0.1 "$port" 0 "$rounds" "$bytes" 2>&1); then
		med=$(sed -n 's/.*rtt_median_us=\([0-9.]*\).*/\1/p' <<<"$out")
		p99=$(sed -n 's/.*rtt_p99_us=\([0-9.]*\).*/\1/p' <<<"$out")
		mbps=$(sed -n 's/.*mbps=\([0-9.]*\).*/\1/p' <<<"$out")
	else
		med="(failed: $out)" p99= mbps=
	fi
	stop
	printf '%-14s %10s %14s %13s %9s\n' "$t" "${best:-(none)}" "$med" "$p99" "$mbps"
done
echo "(boot: make run to the first HTTP answer, best of $repeat; echo: $rounds round trips of 64 bytes, $((bytes / 1024)) KiB echoed, through qemu's user-mode network)"
