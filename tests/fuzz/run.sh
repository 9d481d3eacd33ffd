#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tests/fuzz/run.sh BUILD_DIR SECONDS - build the libFuzzer harness with clang
# (ASan + UBSan + LeakSanitizer) in BUILD_DIR and fuzz mirc's front end for
# SECONDS, starting from every .mir file of the repository.
#
# Exits 0 when the run found nothing; non-zero on any crash, sanitizer
# report, leak, timeout or out-of-memory, whose reproducer is left in
# BUILD_DIR/fuzz-artifacts/ (never in the source tree).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-}
seconds=${2:-}
if [ -z "$build" ] || [ -z "$seconds" ] || [ $# -gt 2 ]; then
	echo "usage: tests/fuzz/run.sh BUILD_DIR SECONDS" >&2
	exit 2
fi
mkdir -p "$build"
build=$(cd "$build" && pwd)

echo "== fuzz: building mirc-fuzz with clang in $build"
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DMIRC_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/fuzz-configure.log" 2>&1 || {
	cat "$build/fuzz-configure.log"
	echo "fuzz: cmake configure failed" >&2
	exit 1
}
cmake --build "$build" -j"$(nproc)" --target mirc-fuzz

# A fresh corpus each run, seeded with every .mir in the repository; the
# file names are made unique since samples share names like config.mir.
corpus=$(mktemp -d "${TMPDIR:-/tmp}/mirc-fuzz-corpus.XXXXXX")
trap 'rm -rf "$corpus"' EXIT
nseeds=0
while IFS= read -r -d '' f; do
	nseeds=$((nseeds + 1))
	cp "$f" "$corpus/seed-$nseeds-$(basename "$f")"
done < <(find "$root/samples" "$root/stdlib" "$root/tests" \
	-name '*.mir' -type f -print0 2>/dev/null | sort -z)
if [ "$nseeds" -eq 0 ]; then
	# No seed yet: start from a tiny valid program rather than nothing.
	printf 'register "empty" [];\n' >"$corpus/seed-empty.mir"
	nseeds=1
fi

art="$build/fuzz-artifacts"
rm -rf "$art"
mkdir -p "$art"
log="$build/fuzz.log"
echo "== fuzz: $nseeds seed files, ${seconds}s, log in $log"

# MIRC_HOME: the prelude and backends come from this source tree.
# Leaks are failures (LeakSanitizer is on by default with ASan here).
status=0
(cd "$art" && MIRC_HOME="$root" \
	ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}" \
	UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
	"$build/mirc-fuzz" \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
	-dict="$root/tests/fuzz/mir.dict" \
	-artifact_prefix="$art/" -print_final_stats=1 \
	"$corpus") >"$log" 2>&1 || status=$?

# libFuzzer's last lines say how far it got; the rest stays in the log.
grep -E '^(#[0-9]+.*(DONE|pulse))|stat::(number_of_executed_units|peak_rss_mb|new_units_added)' \
	"$log" | tail -n 5 || true

findings=$(find "$art" -type f \( -name 'crash-*' -o -name 'leak-*' \
	-o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
	echo "---- fuzz: last lines of $log ----"
	tail -n 60 "$log"
	echo "----"
	find "$art" -type f -print
	echo "fuzz: FAILED (exit status $status, $findings finding(s) in $art)" >&2
	exit 1
fi
echo "fuzz: ok, nothing found in ${seconds}s"
