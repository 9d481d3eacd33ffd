#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mirc reads and replaces only regular files: a FIFO (which would block
# the reader until someone writes) at mirc/context, Makefile, mirc/main.c,
# mirc/built or the program itself makes every command stop at once with
# an error naming it (exit status 3), and the FIFO is left in place.
. "$(dirname "$0")/lib/common.sh"

# run_bounded DIR ARGS...: mirc_in under a timeout; a hang is a failure.
run_bounded() {
	local dir=$1
	shift
	(cd "$tmp/$dir" && exec timeout -k 2 10 "$mirc" "$@") >"$tmp/mirc.out" 2>"$tmp/mirc.err" </dev/null
	status=$?
	[ "$status" -ne 124 ] && [ "$status" -ne 137 ] || fail "mirc $* hangs on a FIFO"
}

# expect_refused WHAT FILE [STATUS]
expect_refused() {
	[ "$status" -eq "${3:-3}" ] || fail "$1: exit status $status, expected ${3:-3}"
	grep -q "$2" "$tmp/mirc.err" || fail "$1: the error does not name $2: $(cat "$tmp/mirc.err")"
	grep -q "not a regular file" "$tmp/mirc.err" || fail "$1: the error does not say why: $(cat "$tmp/mirc.err")"
	[ -p "$tmp/p/$2" ] || fail "$1: the FIFO $2 is gone"
}

project samples/hello p
mirc_ok p configure

rm "$tmp/p/mirc/context" && mkfifo "$tmp/p/mirc/context"
for cmd in check describe "query name" configure build clean; do
	# shellcheck disable=SC2086 # query name is two words
	run_bounded p $cmd
	expect_refused "$cmd with a FIFO at mirc/context" mirc/context
done
rm "$tmp/p/mirc/context"

for f in Makefile mirc/main.c; do
	mirc_ok p configure
	rm "$tmp/p/$f" && mkfifo "$tmp/p/$f"
	for cmd in configure build; do
		run_bounded p "$cmd"
		expect_refused "$cmd with a FIFO at $f" "$f"
	done
	rm "$tmp/p/$f"
done

# The record of what make built: not trusted, and clean does not hang.
mirc_ok p configure
mkfifo "$tmp/p/mirc/built"
run_bounded p clean
[ "$status" -eq 0 ] || fail "clean with a FIFO at mirc/built: exit status $status"
[ -p "$tmp/p/mirc/built" ] || fail "clean removed the FIFO mirc/built"
rm "$tmp/p/mirc/built"

# The program itself.
mkfifo "$tmp/p/fifo.mir"
run_bounded p check -f fifo.mir
[ "$status" -eq 3 ] || fail "check -f fifo.mir: exit status $status, expected 3"
grep -q 'fifo.mir.*not a regular file' "$tmp/mirc.err" || fail "check -f fifo.mir: $(cat "$tmp/mirc.err")"
finish
