#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/dispatch.sh [BUILD_DIR] - what do generated vtables cost?  Builds
# bench/dispatch (a chain of eight functors of one signature, each
# forwarding a call through its parameter's handle: two impls, so calls go
# through the vtables), bench/dispatch-single (the same chain with a
# signature per link, one impl each: the call helpers call the impls
# directly) with mirc, and bench/dispatch/direct.c (the same chain with
# direct calls) with the same compiler and flags, runs them and prints the
# time per call and the ratios to direct calls.  Also times `mirc
# configure` on every sample and on a 100k-device program.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-bench}
n=${DISPATCH_CALLS:-50000000}
mkdir -p "$build"
build=$(cd "$build" && pwd)
if [ ! -f "$build/CMakeCache.txt" ]; then
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target mirc mirc-bench-gen \
	mirc-bench-measure >/dev/null
mirc=$build/mirc

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-dispatch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/bench/dispatch" "$tmp/d"
cp -r "$root/bench/dispatch-single" "$tmp/s"
(cd "$tmp/s" && "$mirc" configure -q >/dev/null && make -s >/dev/null)
cd "$tmp/d"
"$mirc" configure -q >/dev/null
make -s >/dev/null
# The same compiler and flags as the generated Makefile uses.
cflags=$(make -s -p -n 2>/dev/null | sed -n 's/^CFLAGS := //p' | head -1)
# shellcheck disable=SC2086  # the flags are words
cc $cflags -o direct direct.c
# shellcheck disable=SC2086
cc $cflags -DSEPARATE -o direct-sep direct.c direct_chain.c

vt=$(./dist/dispatch --iterations="$n")
di=$(./direct "$n")
ds=$(./direct-sep "$n")
sg=$("$tmp/s/dist/dispatch_single" --iterations="$n")
printf '%s\n%s\n%s\n%s\n' "$vt" "$sg" "$di" "$ds"
# ns_per LINE: the number before "ns" in a result line
ns_per() { awk '{ for (i = 2; i <= NF; i++) if ($i == "ns") print $(i - 1) }' <<<"$1"; }
awk -v a="$(ns_per "$vt")" -v b="$(ns_per "$di")" -v c="$(ns_per "$ds")" \
	-v s="$(ns_per "$sg")" \
	'BEGIN { printf "ratio vtables / direct (one file, inlined):  %.2f\n", a / b
		 printf "ratio vtables / direct (separate file):      %.2f\n", a / c
		 printf "ratio one-impl helpers / direct (separate):  %.2f\n", s / c }'


echo
echo "mirc configure: best wall time of 3 runs, peak RSS"
measure=$build/bench/mirc-bench-measure
for s in "$root"/samples/*/config.mir; do
	name=$(basename "$(dirname "$s")")
	cp -r "$(dirname "$s")" "$tmp/s-$name"
	read -r wall rss _ < <("$measure" -r 3 -- "$mirc" configure -q \
		-f "$tmp/s-$name/config.mir" 2>/dev/null | tail -1)
	printf '  %-14s %8.4f s %8s KiB\n' "$name" "$wall" "$rss"
done
mkdir -p "$tmp/big"
"$build/bench/mirc-bench-gen" 100000 "$tmp/big/config.mir" >/dev/null
read -r wall rss _ < <("$measure" -r 3 -- "$mirc" configure -q \
	-f "$tmp/big/config.mir" 2>/dev/null | tail -1)
printf '  %-14s %8.4f s %8s KiB\n' "100k devices" "$wall" "$rss"
