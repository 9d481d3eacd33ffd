#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# every-sample.sh SRCDIR - every samples/NAME/config.mir has an expected
# run output tests/run/NAME.out, unless tests/run/not-run.txt lists NAME
# with a reason; a listed sample must not also have one.
set -u
srcdir=$1
cd "$srcdir" || exit 1
nfail=0
listed() { grep -Eq "^$1[[:space:]]+[^[:space:]]" tests/run/not-run.txt; }
for f in samples/*/config.mir; do
	s=${f#samples/}
	s=${s%/config.mir}
	if [ -f "tests/run/$s.out" ]; then
		if listed "$s"; then
			echo "FAIL: samples/$s has tests/run/$s.out and is listed in tests/run/not-run.txt" >&2
			nfail=$((nfail + 1))
		fi
	elif ! listed "$s"; then
		echo "FAIL: samples/$s is not run: add tests/run/$s.out (see tests/run/run-sample.sh) or a line in tests/run/not-run.txt" >&2
		nfail=$((nfail + 1))
	fi
done
while read -r s _; do
	case $s in '' | '#'*) continue ;; esac
	[ -f "samples/$s/config.mir" ] || { echo "FAIL: tests/run/not-run.txt lists $s, which is no sample" >&2; nfail=$((nfail + 1)); }
done <tests/run/not-run.txt
[ "$nfail" -eq 0 ] || exit 1
echo "every sample is run or says why not"
