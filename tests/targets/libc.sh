#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# libc.sh MIRC SRCDIR TARGET - the C library a program gets on TARGET
# (mirc-targets(7), THE C LIBRARY): builds tests/targets/libc/ with
# -Werror, runs it with `make run` (qemu's virtual time on the boards)
# and compares its log with tests/targets/libc/expected.out, one file for
# every target: snprintf with 64-bit integers, <string.h>, <stdlib.h>,
# <ctype.h> and the heap must give glibc's answers everywhere.  On the
# targets of rt/libc, a header it lacks (<time.h>) is a compile error
# with the program's flags, not a header of the build machine (-nostdinc).
set -u

mirc=$1 srcdir=$2 target=$3
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL targets/$target/libc: $*" >&2; exit 1; }

case $target in
unix | linux_aarch64) runflags="" ;;
*) runflags="-icount shift=auto,sleep=off" ;;
esac

cp -R "$srcdir/tests/targets/libc" "$tmp/p" || exit 1
rm -f "$tmp/p/expected.out"
(cd "$tmp/p" && "$mirc" configure -q -t "$target") >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; fail "mirc configure -t $target"; }
make -C "$tmp/p" EXTRA_CFLAGS=-Werror >"$tmp/log" 2>&1
st=$?
if [ "$st" -ne 0 ] || grep -q 'warning:' "$tmp/log"; then
	cat "$tmp/log" >&2
	fail "make with -Werror: exit status $st"
fi
case $target in
riscv64_virt | aarch64_virt | virtio)
	printf '#include <stdint.h>\n#include <time.h>\nint f(void) { return 0; }\n' >"$tmp/p/stray.c"
	if make -s -C "$tmp/p" -f - stray.o >"$tmp/log" 2>&1 <<'MK'; then
include Makefile
stray.o: stray.c
	$(COMPILE) -c -o $@ $<
MK
		fail "an #include <time.h> compiled: rt/libc has no <time.h>, so a host header was used"
	fi
	grep -q 'time.h' "$tmp/log" || { cat "$tmp/log" >&2; fail "the stray #include failed, but not for <time.h>"; }
	;;
esac
timeout -k 10 120 make -s -C "$tmp/p" run RUNFLAGS="$runflags" >"$tmp/out" 2>"$tmp/err" </dev/null
st=$?
[ "$st" -eq 124 ] && fail "make run did not finish within 120 s"
# Timestamps off (a terminal's or the boards' "+s.ns" prefix), CRs off.
sed -E 's/^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z|\+[0-9]+\.[0-9]+) (\[[A-Z]+\] )/\2/; s/\r$//' \
	"$tmp/out" >"$tmp/out.n"
diff -u --label "expected tests/targets/libc/expected.out" --label "actual ($target)" \
	"$srcdir/tests/targets/libc/expected.out" "$tmp/out.n" ||
	{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
[ "$st" -eq 0 ] || { sed 's/^/  stderr: /' "$tmp/err" >&2; fail "exit status $st"; }
echo "ok targets/$target/libc"
