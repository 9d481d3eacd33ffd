#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mirc run [-- ARGS] (mirc-run(1)): builds the program when needed, runs
# it in the project directory, gives it the arguments after -- exactly as
# they are (quotes and blanks included), and exits with the program's own
# status, which make run cannot (make exits 2).  Standard output carries
# the program's output only.  On riscv64_virt, the same under qemu: the
# arguments go through -append, the status through the test device.
. "$(dirname "$0")/lib/common.sh"

word="it's a \"quoted\" word,  with blanks"

project quit p
[ -e "$tmp/p/Makefile" ] && die "the input is already configured"
mirc_in p run -q -- --code=7 "--word=$word"
[ "$status" -eq 7 ] || fail "mirc run -- --code=7: exit status $status, expected 7: $(tail -n 3 "$tmp/mirc.err")"
same_text "$tmp/mirc.out" "[INFO] [quit] word=[$word]" "stdout of mirc run -- --code=7 --word=..."
[ -x "$tmp/p/dist/quit" ] || fail "mirc run did not build dist/quit"
mirc_in p run -q
[ "$status" -eq 0 ] || fail "mirc run without arguments: exit status $status, expected 0"
mirc_in p run -q -- --code=1
[ "$status" -eq 1 ] || fail "mirc run -- --code=1: exit status $status, expected 1"
# A usage error of the program itself: its status 64, its message.
mirc_in p run -q -- --no-such-option
[ "$status" -eq 64 ] || fail "mirc run -- --no-such-option: exit status $status, expected the program's 64"
grep -q 'no-such-option' "$tmp/mirc.err" || fail "mirc run -- --no-such-option: the program's message is not shown"

# make run, for comparison: make turns the status into its own 2.
(cd "$tmp/p" && make -s run ARGS=--code=7) >/dev/null 2>&1
[ "$?" -eq 2 ] || fail "make run ARGS=--code=7 no longer exits 2: update mirc-run(1) and the README"

# An edited source is built again before the run.
sed -i 's/word=\[/said=[/' "$tmp/p/quit.c"
mirc_in p run -q -- --word=x
[ "$status" -eq 0 ] || fail "mirc run after editing quit.c: exit status $status"
same_text "$tmp/mirc.out" "[INFO] [quit] said=[x]" "stdout of mirc run after editing quit.c"

# A program that does not build: mirc's status 3, nothing run.
echo 'int broken(void) { return undeclared_thing; }' >>"$tmp/p/quit.c"
mirc_in p run -q -- --code=0
[ "$status" -eq 3 ] || fail "mirc run with a C error: exit status $status, expected 3"
[ -s "$tmp/mirc.out" ] && fail "mirc run with a C error ran the old program: $(cat "$tmp/mirc.out")"

# Usage: arguments for the program go after --.
mirc_in p run --code=1 stray
[ "$status" -eq 2 ] || fail "mirc run with an argument before --: exit status $status, expected 2"

# Documented: in mirc --help, mirc run --help and mirc help run.
mirc_in p --help
grep -qE '^ +run ' "$tmp/mirc.out" || fail "mirc --help does not list run"
mirc_in p run --help
[ "$status" -eq 0 ] && grep -q 'usage: mirc run' "$tmp/mirc.out" || fail "mirc run --help: no usage"
mirc_in p help run
[ "$status" -eq 0 ] && grep -q 'MIRC-RUN(1)' "$tmp/mirc.out" || fail "mirc help run does not show mirc-run(1)"

# Under qemu.
if command -v riscv64-unknown-elf-gcc >/dev/null && command -v qemu-system-riscv64 >/dev/null; then
	project quit r
	RUNFLAGS="-icount shift=auto,sleep=off" mirc_in r run -q -t riscv64_virt -- --code=5 "--word=$word"
	[ "$status" -eq 5 ] || fail "mirc run -t riscv64_virt -- --code=5: exit status $status, expected 5: $(tail -n 3 "$tmp/mirc.err")"
	tr -d '\r' <"$tmp/mirc.out" | grep -qxF "[INFO] [quit] word=[$word]" ||
		fail "mirc run -t riscv64_virt: the argument did not arrive as it was: $(cat "$tmp/mirc.out")"
	mirc_in r run -q -- --code=0
	[ "$status" -eq 0 ] || fail "mirc run (riscv64_virt, remembered) -- --code=0: exit status $status, expected 0"
else
	echo "riscv64-unknown-elf-gcc or qemu-system-riscv64 missing: the qemu part is not run" >&2
fi
finish
