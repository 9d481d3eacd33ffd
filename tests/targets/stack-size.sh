#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# stack-size.sh MIRC SRCDIR TARGET - the key stack_size reaches the
# generated linker script and the stack of a bare-metal TARGET: with
# --stack-size=4096, 5 levels of 256-byte frames run and 100 levels
# overflow into the guard, which the fault handler reports as a stack
# overflow with a non-zero status; with --stack-size=32768 the 100 levels
# run.  The program is tests/targets/stack-size/ (built with -Werror).
set -u

mirc=$1 srcdir=$2 target=$3
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
nfail=0
fail() { echo "FAIL targets/$target/stack-size: $*" >&2; nfail=$((nfail + 1)); }

cp -R "$srcdir/tests/targets/stack-size" "$tmp/p" || exit 1

# configure SIZE: configure and build with -Werror, or stop.
configure() {
	local cflags
	(cd "$tmp/p" && "$mirc" configure -q -t "$target" --stack-size="$1") >"$tmp/log" 2>&1 || {
		cat "$tmp/log" >&2
		fail "configure --stack-size=$1"
		exit 1
	}
	cflags=$(sed -n 's/^CFLAGS := //p' "$tmp/p/Makefile")
	make -C "$tmp/p" CFLAGS="$cflags -Werror" >"$tmp/log" 2>&1 || {
		cat "$tmp/log" >&2
		fail "build with --stack-size=$1"
		exit 1
	}
}

# run DEPTH: make run under timeout, output in $tmp/out, status in $status
# (make's own status is 2 when the program fails: the program's is read
# from make's "Error N").
run() {
	timeout -k 5 60 make -s -C "$tmp/p" run ARGS="--depth=$1" \
		RUNFLAGS="-icount shift=auto,sleep=off" >"$tmp/out" 2>&1 </dev/null
	status=$?
	[ "$status" -eq 124 ] && fail "depth $1 did not finish within 60 s"
	if [ "$status" -ne 0 ] && grep -q 'Error [0-9]*' "$tmp/out"; then
		status=$(sed -n 's/.*Error \([0-9]*\).*/\1/p' "$tmp/out" | tail -n 1)
	fi
}

configure 4096
grep -q '4096 > 0 ? 4096' "$tmp/p/mirc/link.ld" || fail "mirc/link.ld does not carry --stack-size=4096"
run 5
[ "$status" -eq 0 ] || fail "depth 5 with a 4 KiB stack: status $status: $(tail -n 3 "$tmp/out")"
grep -qx '\[INFO\] \[deep\] 21' "$tmp/out" || fail "depth 5: output $(cat "$tmp/out")"
run 100
[ "$status" -ne 0 ] || fail "depth 100 with a 4 KiB stack did not fail"
grep -q 'stack overflow' "$tmp/out" || fail "depth 100 with a 4 KiB stack: no 'stack overflow' report: $(tail -n 5 "$tmp/out")"

configure 32768
run 100
[ "$status" -eq 0 ] || fail "depth 100 with a 32 KiB stack: status $status: $(tail -n 3 "$tmp/out")"
grep -qx '\[INFO\] \[deep\] 5151' "$tmp/out" || fail "depth 100: output $(cat "$tmp/out")"

[ "$nfail" -eq 0 ] || exit 1
echo "all passed"
