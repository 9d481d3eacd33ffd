#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/run.sh [BUILD_DIR] - how fast is mirc's front end, and does it stay
# linear?  Builds mirc and the helpers (Release) in BUILD_DIR (default
# build-bench/), generates programs of 1k, 10k and 100k devices
# (bench/gen.c) in a temporary directory, and times `mirc check` and
# `mirc describe --eval --format=json` on each: best wall time of
# BENCH_RUNS (default 3) runs, 10 for the sizes up to 10k whose times are
# a few milliseconds, and peak RSS (bench/measure.c).
#
# Baselines measured in the same run: `cat` of each file (reading it) and
# `mirc check` of an empty program (start-up: the prelude, the backends).
# "lin" is the time per device against the 1k program's: 1.00 is linear,
# 2.00 means each device costs twice as much as at 1k.  "lin-net" is the
# same after subtracting the start-up time.
#
# This is a benchmark, not a test: it fails only when mirc fails.
# Then extends chains of BENCH_CHAINS (default "100 1000 10000") links:
# check and configure time and the size of the generated mirc.h.
# BENCH_SIZES="1000 10000 100000" and BENCH_SEED=1 may be overridden.
# shellcheck disable=SC2034  # the arrays are read through namerefs in table()
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-bench}
sizes=${BENCH_SIZES:-1000 10000 100000}
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}
mkdir -p "$build"
build=$(cd "$build" && pwd)

# The build's chatter goes to a log, shown only when the build fails.
if ! { [ -f "$build/CMakeCache.txt" ] ||
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release; } \
	>"$build/bench-build.log" 2>&1 ||
	! cmake --build "$build" -j"$(nproc)" \
		--target mirc mirc-bench-gen mirc-bench-measure \
		>>"$build/bench-build.log" 2>&1; then
	cat "$build/bench-build.log" >&2
	echo "bench: the build failed" >&2
	exit 1
fi
mirc=$build/mirc
measure=$build/bench/mirc-bench-measure
gen=$build/bench/mirc-bench-gen

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# m CMD...: measure CMD; sets T (best wall, s), RSS (peak, KiB) and CPU
# (best user+system, s), and fails loudly (with mirc's stderr) when the
# command does.
T=0 RSS=0 CPU=0
m() {
	local out st
	out=$("$measure" -r "${R:-$runs}" -e "$tmp/stderr" -- "$@")
	read -r T RSS st CPU <<<"$out"
	if [ "$st" -ne 0 ]; then
		echo "bench: '$*' exited with status $st:" >&2
		head -n 20 "$tmp/stderr" >&2
		exit 1
	fi
}

printf 'register "empty" [];\n' >"$tmp/empty.mir"
# Milliseconds are noisy: the cheap baselines take the best of 10.
R=10 m "$mirc" check -f "$tmp/empty.mir"
empty_t=$T empty_rss=$RSS empty_cpu=$CPU
R=10 m "$mirc" describe --eval --format=json -f "$tmp/empty.mir"
emptyd_t=$T emptyd_rss=$RSS

echo "mirc benchmark: $(uname -m), $(nproc) CPU(s), best of $runs run(s)" \
	"(of 10 up to 10k devices), seed $seed, build $build"
echo
printf 'start-up (empty program): check %.4f s (cpu %.4f s) %.1f MiB;' \
	"$empty_t" "$empty_cpu" "$(awk "BEGIN { print $empty_rss / 1024 }")"
printf ' describe json %.4f s %.1f MiB\n' \
	"$emptyd_t" "$(awk "BEGIN { print $emptyd_rss / 1024 }")"
echo

# Generate, check that the program checks clean, cross-check sharing once.
declare -A bytes expect ct crss ccpu dt drss dcpu catt
for n in $sizes; do
	f="$tmp/bench-$n.mir"
	"$gen" -s "$seed" "$n" "$f" 2>/dev/null
	bytes[$n]=$(wc -c <"$f")
	expect[$n]=$(sed -n 's|^// expect: \([0-9]*\) device.*|\1|p' "$f")
	R=10 m cat "$f"
	catt[$n]=$T
	# Runs of a few ms are noisy: small sizes take the best of 10 too.
	r=$runs
	[ "$n" -le 10000 ] && [ "$r" -lt 10 ] && r=10
	R=$r m "$mirc" check -f "$f"
	ct[$n]=$T crss[$n]=$RSS ccpu[$n]=$CPU
	R=$r m "$mirc" describe --eval --format=json -f "$f"
	dt[$n]=$T drss[$n]=$RSS dcpu[$n]=$CPU
	if [ -s "$tmp/stderr" ]; then
		echo "note: mirc printed diagnostics for the $n-device program:"
		head -n 5 "$tmp/stderr"
	fi
done

# Sharing: the devices describe lists (jobs and noop included) against the
# count the generator derived from the program's structure.
first=${sizes%% *}
"$mirc" describe --eval --format=json -f "$tmp/bench-$first.mir" \
	>"$tmp/desc.json" 2>/dev/null
got=$(python3 -c '
import json, sys
print(len(json.load(open(sys.argv[1])).get("devices", [])))' \
	"$tmp/desc.json" 2>/dev/null || echo "?")
if [ "$got" = "${expect[$first]}" ]; then
	verdict="as expected: sharing merged every equal application"
else
	verdict="MISMATCH: the generator expects ${expect[$first]}"
fi
echo "graph of the $first-device program: $got device instances, $verdict"
echo

# The table.  lin = (t_N / N) / (t_1k / 1k); lin-net subtracts start-up;
# lin-cpu is lin on CPU time.
table() {
	local title=$1 t0=$2
	local -n times=$3 rss=$4 cpu=$5
	echo "$title"
	printf '%8s %10s %8s | %8s %8s %8s %8s %6s %7s %7s\n' devices bytes \
		'cat s' 'wall s' 'cpu s' 'RSS MiB' 'ns/dev' lin lin-net lin-cpu
	for n in $sizes; do
		awk -v n="$n" -v b="${bytes[$n]}" -v c="${catt[$n]}" \
			-v t="${times[$n]}" -v r="${rss[$n]}" -v t0="$t0" \
			-v u="${cpu[$n]}" -v uf="${cpu[$first]}" \
			-v f="$first" -v tf="${times[$first]}" 'BEGIN {
			lin = (t / n) / (tf / f)
			netf = tf - t0; net = t - t0
			linnet = (netf > 0 && net > 0) ? (net / n) / (netf / f) : 0
			lincpu = uf > 0 ? (u / n) / (uf / f) : 0
			printf "%8d %10d %8.4f | %8.4f %8.4f %8.1f %8.0f %6.2f %7.2f %7.2f\n",
				n, b, c, t, u, r / 1024, t / n * 1e9, lin, linnet,
				lincpu
		}'
	done
	echo
}
table "mirc check" "$empty_t" ct crss ccpu
table "mirc describe --eval --format=json (to /dev/null)" "$emptyd_t" \
	dt drss dcpu
echo "ns/dev: wall time per device.  lin: that against the $first-device"
echo "program's (1.00 is linear); lin-net: the same less the start-up time of"
echo "an empty program; lin-cpu: the same on CPU time (user + system), which"
echo "waiting for a busy CPU does not inflate."
echo

# Depth: the largest size again as one single chain (each link's
# evaluation nests in the next one's), against the same size in chains.
last=${sizes##* }
"$gen" -s "$seed" -l "$last" "$last" "$tmp/deep.mir" 2>/dev/null
m "$mirc" check -f "$tmp/deep.mir"
printf 'one chain of %d links: mirc check %.4f s (cpu %.4f s), %.1f MiB' \
	"$last" "$T" "$CPU" "$(awk "BEGIN { print $RSS / 1024 }")"
printf '; in chains of 1000: %.4f s (cpu %.4f s)\n\n' "${ct[$last]}" \
	"${ccpu[$last]}"

# extends chains: S1 extends S0, ..., each with one operation, one impl of
# the last signature and a job that takes the first and the last (as
# tests/configure/extends-chain.sh).  Subtype checks, upcasts and the
# generated C must stay in proportion to the depth: "lin" is the cost per
# link against the shortest chain's (1.00 is linear), for check and
# configure time and for the size of mirc/mirc.h.
chains=${BENCH_CHAINS:-100 1000 10000}
declare -A cht chr cft cfr hsz cbytes
for n in $chains; do
	d="$tmp/chain-$n"
	mkdir -p "$d"
	awk -v n="$n" 'BEGIN {
		print "signature S0 { int op0(int x); }"
		for (i = 1; i < n; i++)
			printf "signature S%d extends S%d { int op%d(int x); }\n", i, i - 1, i
		printf "impl leaf : S%d { header \"leaf.h\"; sources \"leaf.c\"; }\n", n - 1
		printf "job top(first: S0, last: S%d) { sources \"top.c\"; }\n", n - 1
		print "register \"chain\" [ top(leaf, leaf) ];"
	}' >"$d/config.mir"
	touch "$d/leaf.h" "$d/leaf.c" "$d/top.c"
	cbytes[$n]=$(wc -c <"$d/config.mir")
	m "$mirc" check -f "$d/config.mir"
	cht[$n]=$T chr[$n]=$RSS
	m "$mirc" configure -f "$d/config.mir"
	cft[$n]=$T cfr[$n]=$RSS
	hsz[$n]=$(wc -c <"$d/mirc/mirc.h")
done
cfirst=${chains%% *}
echo "extends chains (one signature per link)"
printf '%8s %9s | %8s %8s %6s | %8s %8s %6s | %10s %6s\n' links bytes \
	'check s' 'RSS MiB' lin 'conf s' 'RSS MiB' lin 'mirc.h' lin
for n in $chains; do
	awk -v n="$n" -v b="${cbytes[$n]}" -v ct="${cht[$n]}" -v cr="${chr[$n]}" \
		-v ft="${cft[$n]}" -v fr="${cfr[$n]}" -v h="${hsz[$n]}" \
		-v f="$cfirst" -v ct0="${cht[$cfirst]}" -v ft0="${cft[$cfirst]}" \
		-v h0="${hsz[$cfirst]}" -v t0="$empty_t" 'BEGIN {
		lc = (ct - t0 > 0 && ct0 - t0 > 0) ? ((ct - t0) / n) / ((ct0 - t0) / f) : 0
		lf = (ft - t0 > 0 && ft0 - t0 > 0) ? ((ft - t0) / n) / ((ft0 - t0) / f) : 0
		printf "%8d %9d | %8.4f %8.1f %6.2f | %8.4f %8.1f %6.2f | %10d %6.2f\n",
			n, b, ct, cr / 1024, lc, ft, fr / 1024, lf, h, (h / n) / (h0 / f)
	}'
done
echo "lin: per link, against the $cfirst-link chain, less the start-up time of an"
echo "empty program (mirc.h: bytes per link; the prelude's signatures make the"
echo "short chains' files relatively bigger, so it falls below 1.00)."
echo

# The question the benchmark answers first.
big=100000
if [ -n "${ct[$big]:-}" ]; then
	if awk -v t="${ct[$big]}" 'BEGIN { exit !(t < 1.0) }'; then
		verdict="UNDER 1 s (yes)"
	else
		verdict="NOT under 1 s (no)"
	fi
	printf '100k devices: mirc check takes %.3f s (cpu %.3f s): %s\n' \
		"${ct[$big]}" "${ccpu[$big]}" "$verdict"
else
	echo "100k devices: not measured (BENCH_SIZES=$sizes)"
fi
