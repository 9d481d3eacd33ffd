#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# runtime-small.sh MIRC SRCDIR TARGET - the small runtime (key runtime,
# mirc-runtime(3), THE SMALL RUNTIME) on a bare-metal TARGET under qemu:
# samples/hello configured with --runtime=small prints what it prints
# with the full runtime (tests/run/hello.out), --help the one line
# that names its man page (status 63), --delay is an unknown option
# (status 64); tests/targets/stack-size
# overflowing its stack ends with the fallback "mirc: fault" and a fault
# status, without the full runtime's registers.  Every program is built
# with -Werror.
set -u

mirc=$1 srcdir=$2 target=$3
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
nfail=0
fail() { echo "FAIL targets/$target/runtime-small: $*" >&2; nfail=$((nfail + 1)); }

# build DIR KEYS...: configure DIR small with KEYS and build it, or stop.
build() {
	local dir=$tmp/$1 cflags
	shift
	(cd "$dir" && "$mirc" configure -q -t "$target" --runtime=small "$@") >"$tmp/log" 2>&1 &&
		cflags=$(sed -n 's/^CFLAGS := //p' "$dir/Makefile") &&
		make -C "$dir" CFLAGS="$cflags -Werror" >"$tmp/log" 2>&1 || {
		cat "$tmp/log" >&2
		fail "configure and build of $1 with --runtime=small $*"
		exit 1
	}
}

# run DIR ARGS: make run under timeout, output in $tmp/out, the program's
# status in $status (read from make's "Error N" when it failed).
run() {
	timeout -k 5 60 make -s -C "$tmp/$1" run ARGS="$2" \
		RUNFLAGS="-icount shift=auto,sleep=off" >"$tmp/out" 2>&1 </dev/null
	status=$?
	[ "$status" -eq 124 ] && fail "$1 $2 did not finish within 60 s"
	if [ "$status" -ne 0 ] && grep -q 'Error [0-9]*' "$tmp/out"; then
		status=$(sed -n 's/.*Error \([0-9]*\).*/\1/p' "$tmp/out" | tail -n 1)
	fi
}

cp -R "$srcdir/samples/hello" "$tmp/hello" && rm -rf "$tmp/hello/mirc" "$tmp/hello/Makefile" "$tmp/hello/dist" || exit 1
build hello
run hello ""
[ "$status" -eq 0 ] || fail "hello: status $status: $(tail -n 3 "$tmp/out")"
grep '^\[' "$tmp/out" | diff -u --label expected --label actual "$srcdir/tests/run/hello.out" - >&2 ||
	fail "hello's output differs from tests/run/hello.out (diff above)"
run hello "--help"
[ "$status" -eq 63 ] || fail "hello --help: status $status, expected 63"
grep -qxF 'The options are in hello(1): man -l dist/hello.1' "$tmp/out" ||
	fail "hello --help does not name the man page: $(cat "$tmp/out")"
run hello "--delay=1s"
[ "$status" -eq 64 ] || fail "hello --delay=1s: status $status, expected 64 (not in the small runtime)"
grep -qF "unknown option '--delay'" "$tmp/out" || fail "hello --delay=1s: $(tail -n 3 "$tmp/out")"

cp -R "$srcdir/tests/targets/stack-size" "$tmp/deep" || exit 1
build deep --stack-size=4096
run deep "--depth=100"
case $status in 0 | 124) fail "an overflowing stack did not end the program with a fault status ($status)" ;; esac
grep -qx 'mirc: fault' "$tmp/out" || fail "no 'mirc: fault' line: $(tail -n 5 "$tmp/out")"
grep -q 'pc=' "$tmp/out" && fail "the small runtime printed the full fault report: $(tail -n 5 "$tmp/out")"

[ "$nfail" -eq 0 ] || exit 1
echo "all passed"
