#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The small runtime (issue 12, item 7; key runtime, mirc-runtime(3), THE
# SMALL RUNTIME): configured with --runtime=small, a program built for
# unix prints <float> for a float, one line naming its man page for
# --help, "error N" for an errno, no "did you mean", no timestamps, and
# refuses an -l rule that names a source and --delay at boot (status 64);
# mirc refuses the same words in --boot-args (small-runtime) and writes
# nothing; its man page lists the small profile's options.  The same
# program with --runtime=full behaves as before.  What the program
# printed in each case is compared with runtime-small.out.
. "$(dirname "$0")/lib/common.sh"

project small p
mirc_ok p configure --runtime=small
grep -q '^CFLAGS := .* -DMIRC_RUNTIME_SMALL' "$tmp/p/Makefile" ||
	fail "the Makefile of --runtime=small passes no -DMIRC_RUNTIME_SMALL"
build p

# run STATUS ARGS...: the program with ARGS, its status, stdout and
# stderr appended to the transcript.
transcript=$tmp/transcript
: >"$transcript"
run() {
	local want=$1
	shift
	expect_prog "$want" p "$@"
	{ echo "\$ small $* -> $status"; sed 's/^/out: /' "$tmp/out"
	  sed 's/^/err: /' "$tmp/err"; } >>"$transcript"
}
run 0
run 0 --log-time -l debug
run 0 -l '*:debug'
run 64 -l small:debug
run 1 --fail=-19
run 63 --help
run 64 --fial=1
run 64 --name=a/b
run 64 --delay=1s
same "$transcript" "$here/runtime-small.out" "the small program's output"

# Where mirc sees it: at configure time, a named check, nothing written.
snapshot p "$tmp/before"
mirc_in p configure --boot-args="-l small:debug"
[ "$status" -eq 1 ] || fail "--boot-args='-l small:debug': exit status $status, expected 1"
grep -qF "mirc: error[small-runtime]: --boot-args: -l/--logs names a source" "$tmp/mirc.err" ||
	fail "--boot-args='-l small:debug': no small-runtime error in: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "a refused configure changed the project"
mirc_in p configure --boot-args="--delay=1s"
[ "$status" -eq 1 ] || fail "--boot-args=--delay=1s: exit status $status, expected 1"
grep -qF "mirc: error[small-runtime]: --boot-args: --delay is left out of the small runtime" "$tmp/mirc.err" ||
	fail "--boot-args=--delay=1s: no small-runtime error in: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "a refused configure changed the project"
mirc_ok p configure --boot-args="-l debug"
# The man page describes the small profile's options.
grep -q 'delay' "$tmp/p/dist/small.1" && fail "the small program's man page lists --delay"
grep -qF 'one level for every source' "$tmp/p/dist/small.1" ||
	fail "the small program's man page does not say -l takes one level"
if command -v mandoc >/dev/null; then
	mandoc -T lint "$tmp/p/dist/small.1" >"$tmp/lint" 2>&1
	[ -s "$tmp/lint" ] && fail "mandoc -T lint of the small program's man page: $(cat "$tmp/lint")"
fi

# Full: the float, the listing, the text and the suggestion are back.
mirc_ok p configure --runtime=full --boot-args=
grep -q 'MIRC_RUNTIME_SMALL' "$tmp/p/Makefile" && fail "--runtime=full still passes -DMIRC_RUNTIME_SMALL"
build p
expect_prog 0 p && grep -qF 'pi=3.14 [     2.5] [-1.000000e+00] n=42' "$tmp/out" ||
	fail "full: no float in: $(cat "$tmp/out")"
expect_prog 63 p --help && grep -qx 'OPTIONS' "$tmp/out" || fail "full: --help prints no listing"
expect_prog 1 p --fail=-19 && grep -qF '(No such device)' "$tmp/out" "$tmp/err" ||
	fail "full: no errno text in: $(cat "$tmp/out" "$tmp/err")"
expect_prog 64 p --fial=1 && grep -qF "did you mean '--fail'" "$tmp/err" ||
	fail "full: no suggestion in: $(cat "$tmp/err")"
expect_prog 0 p -l small:debug && grep -qF 'debug is on' "$tmp/out" ||
	fail "full: -l small:debug does not show the debug line"
expect_prog 0 p --delay=10ms
grep -qF -- 'delay=DURATION' "$tmp/p/dist/small.1" || fail "full: the man page lacks --delay"
finish
