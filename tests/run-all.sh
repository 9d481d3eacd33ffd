#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tests/run-all.sh - the whole test suite, as CI runs it (.ci/run):
#
#   a. build with -Werror in build/ and run ctest
#   b. build with ASan + UBSan in build-asan/ and run ctest
#   c. build in build-valgrind/ and run ctest under valgrind
#   d. fuzz the front end for 60 s (tests/fuzz/run.sh, in build-fuzz/)
#
# and, after step a, prints the size table of bench/sizes.sh (text, data
# and bss of hello and noop on every target; figures, not a test).
#
# Missing Debian packages are installed first (.ci/install-deps.sh).  Every
# step runs even when an earlier one failed; the script exits non-zero if
# any failed.  Its last line is "N passed, N failed[, N skipped]": the ctest
# totals of a-c plus one for the fuzz run (a step that cannot even build
# counts as one failure).
#
# Options: --no-asan --no-valgrind --no-fuzz skip a step;
# FUZZ_SECONDS (default 60) sets the length of the fuzz run.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 3
jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${FUZZ_SECONDS:-60}
do_asan=yes do_valgrind=yes do_fuzz=yes
for opt in "$@"; do
	case "$opt" in
	--no-asan) do_asan=no ;;
	--no-valgrind) do_valgrind=no ;;
	--no-fuzz) do_fuzz=no ;;
	-h | --help)
		sed -n '3,21p' "$0" | sed 's/^# \{0,1\}//'
		exit 0 ;;
	*)
		echo "run-all: unknown option $opt" >&2
		exit 2 ;;
	esac
done

bash "$root/.ci/install-deps.sh" all || {
	echo "run-all: could not install the dependencies" >&2
	echo "0 passed, 1 failed"
	exit 1
}

total_pass=0 total_fail=0 total_skip=0
summary=()
start_all=$SECONDS

# note STEP RESULT PASS FAIL SKIP SECONDS: one line of the final summary.
note() {
	summary+=("$(printf '%-28s %-6s %4s passed %4s failed %4s skipped %5ss' \
		"$1" "$2" "$3" "$4" "$5" "$6")")
	total_pass=$((total_pass + $3))
	total_fail=$((total_fail + $4))
	total_skip=$((total_skip + $5))
}

# ctest_step NAME BUILD_DIR [CMAKE_OPTION]...: configure, build, ctest.
ctest_step() {
	local name=$1 dir=$2 t0=$SECONDS log pass fail skip total st
	shift 2
	echo
	echo "======== $name ($dir)"
	if ! cmake -S "$root" -B "$root/$dir" -DMIRC_WERROR=ON "$@" ||
		! cmake --build "$root/$dir" -j"$jobs"; then
		echo "run-all: $name: the build failed"
		note "$name" BUILD 0 1 0 $((SECONDS - t0))
		return
	fi
	log="$root/$dir/ctest.log"
	# shellcheck disable=SC2086  # ctest_extra is a list of words
	(cd "$root/$dir" && ctest --output-on-failure -j"$jobs" ${ctest_extra:-}) 2>&1 |
		tee "$log"
	st=${PIPESTATUS[0]}
	# "100% tests passed, 0 tests failed out of 25"; skipped tests are
	# counted as passed by ctest and listed as "(Skipped)" after it.
	total=$(sed -n 's/.*tests failed out of \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	fail=$(sed -n 's/.*, \([0-9][0-9]*\) tests\{0,1\} failed out of.*/\1/p' "$log" | tail -n 1)
	skip=$(grep -c '^[[:space:]]*[0-9][0-9]* - .*(Skipped)[[:space:]]*$' "$log")
	if [ -z "$total" ]; then
		# No summary: no tests at all, or ctest itself broke.
		if grep -q 'No tests were found' "$log"; then
			echo "run-all: $name: no tests were found"
		fi
		note "$name" FAIL 0 1 0 $((SECONDS - t0))
		return
	fi
	pass=$((total - fail - skip))
	if [ "$st" -ne 0 ] && [ "$fail" -eq 0 ]; then
		fail=1	# ctest failed without a failing test (e.g. a timeout)
	fi
	if [ "$fail" -eq 0 ]; then
		note "$name" ok "$pass" 0 "$skip" $((SECONDS - t0))
	else
		note "$name" FAIL "$pass" "$fail" "$skip" $((SECONDS - t0))
	fi
}

ctest_step "a. build -Werror + ctest" build -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo
echo "======== sizes (bench/sizes.sh, build/): figures, not a test"
bash "$root/bench/sizes.sh" "$root/build" || echo "run-all: bench/sizes.sh could not run"
# The cross-target runs (targets/*) test the runtime on each target, not
# mirc itself: they run once, in step a, not again under the sanitizers.
if [ "$do_asan" = yes ]; then
	ctest_extra="-E ^targets/" ctest_step "b. ASan+UBSan + ctest" build-asan \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIRC_SANITIZE=ON
fi
if [ "$do_valgrind" = yes ]; then
	ctest_extra="-E ^targets/" ctest_step "c. valgrind + ctest" build-valgrind \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIRC_VALGRIND=ON
fi
if [ "$do_fuzz" = yes ]; then
	echo
	echo "======== d. fuzz ${fuzz_seconds}s (build-fuzz)"
	t0=$SECONDS
	if bash "$root/tests/fuzz/run.sh" "$root/build-fuzz" "$fuzz_seconds"; then
		note "d. fuzz ${fuzz_seconds}s" ok 1 0 0 $((SECONDS - t0))
	else
		note "d. fuzz ${fuzz_seconds}s" FAIL 0 1 0 $((SECONDS - t0))
	fi
fi

echo
echo "======== summary ($((SECONDS - start_all))s)"
printf '%s\n' "${summary[@]}"
if [ "$total_fail" -eq 0 ]; then
	echo "run-all: all steps passed"
else
	echo "run-all: some steps FAILED"
fi
if [ "$total_skip" -gt 0 ]; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
[ "$total_fail" -eq 0 ]
