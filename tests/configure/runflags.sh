#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# make run RUNFLAGS=... gives options to the emulator, ARGS=... to the
# program (mirc-configure(1)), on linux_aarch64 too, where qemu-aarch64
# takes its options before the program: `make run RUNFLAGS=-strace` shows
# qemu's system-call trace, and the program still gets ARGS.  mirc run
# takes RUNFLAGS from the environment the same way.  Exit status 77 (skip)
# without the cross compiler or qemu-aarch64.
. "$(dirname "$0")/lib/common.sh"

for tool in aarch64-linux-gnu-gcc qemu-aarch64; do
	command -v "$tool" >/dev/null || { echo "SKIP: no $tool" >&2; exit 77; }
done

project quit p
mirc_ok p configure -q -t linux_aarch64
(cd "$tmp/p" && make) >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; die "make for linux_aarch64 failed"; }
(cd "$tmp/p" && timeout 120 make -s run RUNFLAGS=-strace ARGS="--code=0 --word=hi") >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 0 ] || fail "make run RUNFLAGS=-strace ARGS=...: exit status $st: $(tail -n 3 "$tmp/err")"
grep -q 'unknown option' "$tmp/out" "$tmp/err" && fail "make run RUNFLAGS=-strace: the program got -strace: $(grep 'unknown option' "$tmp/out" "$tmp/err")"
grep -q 'exit_group(0)' "$tmp/out" "$tmp/err" || fail "make run RUNFLAGS=-strace shows no system-call trace"
grep -qF '[INFO] [quit] word=[hi]' "$tmp/out" || fail "make run ARGS=--word=hi: the program did not get it: $(head -n 3 "$tmp/out")"

# Without RUNFLAGS, nothing is traced.
(cd "$tmp/p" && timeout 120 make -s run ARGS="--word=plain") >"$tmp/out" 2>"$tmp/err" || fail "make run ARGS=--word=plain failed"
grep -q 'exit_group' "$tmp/out" "$tmp/err" && fail "make run without RUNFLAGS traces system calls"
grep -qF '[INFO] [quit] word=[plain]' "$tmp/out" || fail "make run ARGS=--word=plain: the program did not get it"

# mirc run: RUNFLAGS from the environment, the program's status.
RUNFLAGS=-strace mirc_in p run -q -- --code=3 --word=hi
[ "$status" -eq 3 ] || fail "RUNFLAGS=-strace mirc run -- --code=3: exit status $status, expected 3"
grep -q 'exit_group(3)' "$tmp/mirc.out" "$tmp/mirc.err" || fail "RUNFLAGS=-strace mirc run shows no system-call trace"
grep -qF '[INFO] [quit] word=[hi]' "$tmp/mirc.out" || fail "mirc run -- --word=hi (linux_aarch64): the program did not get it"
finish
