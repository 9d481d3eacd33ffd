#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Incremental builds (mirc-build(1)): objects are named after their
# sources and depend on what goes into them (the source, the headers it
# includes, generated or not, and the compile flags), not on the Makefile.
# So a configure that swaps one impl for another recompiles only the
# sources that include mirc.h and the new impl, never mirc's runtime; a
# configure that changes nothing leaves make nothing to do; a change of
# flags recompiles everything.  An edited, added or removed file of a
# crunch directory makes plain `make` embed it again.  mirc build runs
# make -j with the number of CPUs.
. "$(dirname "$0")/lib/common.sh"

# would_compile DIR: the objects `make -n` would compile, sorted.
would_compile() {
	(cd "$tmp/$1" && make -n 2>&1) | sed -n 's/.* -c -o \([^ ]*\) .*/\1/p' | sort
}

project samples/hello-key p
mirc_ok p configure
(cd "$tmp/p" && make) >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; die "make in hello-key failed"; }
ls "$tmp/p/mirc/obj" | grep -q '^home-rt-src-loop\.o$' ||
	fail "no object mirc/obj/home-rt-src-loop.o for \$(MIRC_HOME)/rt/src/loop.c: $(ls "$tmp/p/mirc/obj" | tr '\n' ' ')"
ls "$tmp/p/mirc/obj" | grep -q '^greeting_plain\.o$' || fail "no object mirc/obj/greeting_plain.o for greeting_plain.c"
(cd "$tmp/p" && make -q) || fail "make -q: work to do right after make"

# Nothing changed: nothing to do.
mirc_ok p configure
(cd "$tmp/p" && make -q) || fail "make -q: work to do after a configure that changed nothing: $(would_compile p | tr '\n' ' ')"

# --shout swaps greeting_plain for greeting_loud: mirc.h and main.c
# change, so main.c, hello_key.c and the new greeting_loud.c compile;
# the runtime does not.
mirc_ok p configure --shout
same_text <(would_compile p) "$(printf '%s\n' mirc/obj/greeting_loud.o mirc/obj/hello_key.o mirc/obj/mirc-main.o)" \
	"the objects make -n compiles after configure --shout"
(cd "$tmp/p" && make) >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; die "make after --shout failed"; }
expect_prog 0 p --interval=1ms && grep -q 'HELLO WORLD!' "$tmp/out" || fail "the program after --shout does not shout: $(head -n 2 "$tmp/out")"

# A new value of a value parameter: only main.c.
mirc_ok p configure --hello=Moin
same_text <(would_compile p) mirc/obj/mirc-main.o "the objects make -n compiles after configure --hello=Moin"
(cd "$tmp/p" && make) >"$tmp/make.log" 2>&1 || die "make after --hello=Moin failed"
# Back to greeting_plain: mirc.h changes again.
mirc_ok p configure --no-shout
same_text <(would_compile p) "$(printf '%s\n' mirc/obj/greeting_plain.o mirc/obj/hello_key.o mirc/obj/mirc-main.o)" \
	"the objects make -n compiles after configure --no-shout"
(cd "$tmp/p" && make) >"$tmp/make.log" 2>&1 || die "make after --no-shout failed"
expect_prog 0 p --interval=1ms && same_text "$tmp/out" "$(printf '[INFO] [hello_key] Moin\n%.0s' 1 2 3 4)" "hello-key after --no-shout"

# Other flags: everything compiles again, once.
(cd "$tmp/p" && make EXTRA_CFLAGS=-DMIRC_TEST_FLAG) >"$tmp/make.log" 2>&1 || die "make EXTRA_CFLAGS=... failed"
n=$(grep -c -- ' -c -o ' "$tmp/make.log")
nobjs=$(sed -n '/^OBJS :=/,/^$/p' "$tmp/p/Makefile" | grep -c '\.o')
[ "$n" -eq "$nobjs" ] || fail "make EXTRA_CFLAGS=... compiled $n objects, not all $nobjs of them"
(cd "$tmp/p" && make -q EXTRA_CFLAGS=-DMIRC_TEST_FLAG) || fail "make -q EXTRA_CFLAGS=...: work to do after the same make"

# A header the user wrote: the sources that include it.
(cd "$tmp/p" && make) >/dev/null 2>&1 || die "make failed"
sleep 1.1
touch "$tmp/p/greeting.h"
same_text <(would_compile p) "$(printf '%s\n' mirc/obj/greeting_plain.o mirc/obj/hello_key.o mirc/obj/mirc-main.o)" \
	"the objects make -n compiles after greeting.h changed"

# Embedded files: plain make follows an edited, an added and a removed file.
project samples/kv_ro k
mirc_ok k configure --kv_ro=crunch
(cd "$tmp/k" && make) >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; die "make in kv_ro failed"; }
(cd "$tmp/k" && make -q) || fail "make -q: work to do in kv_ro right after make"
sleep 1.1
echo 'Hallo, edited' >"$tmp/k/data/greetings/de.txt"
# (MIRC_TARGET does not change the target make configures for.)
(cd "$tmp/k" && MIRC_TARGET=cortex_m3 make) >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; die "make after editing an embedded file failed"; }
grep -q 'Hallo, edited' "$tmp/k/mirc/"embed_*.c 2>/dev/null ||
	grep -q "$(printf 'Hallo, edited' | od -An -tx1 | awk '{print "0x"$1", 0x"$2}')" "$tmp/k/mirc/"embed_*.c ||
	fail "plain make after editing data/greetings/de.txt did not embed it again"
expect_prog 0 k && { grep -q 'Hallo, edited' "$tmp/out" || fail "the program does not show the edited file: $(cat "$tmp/out")"; }
(cd "$tmp/k" && make -q) || fail "make -q: work to do after the make that embedded the edited file"
sleep 1.1
echo new >"$tmp/k/data/greetings/it.txt"
(cd "$tmp/k" && make) >"$tmp/make.log" 2>&1 || die "make after adding an embedded file failed"
expect_prog 0 k && { grep -q 'greetings/it.txt' "$tmp/out" || fail "the program does not list the added file: $(cat "$tmp/out")"; }
sleep 1.1
rm "$tmp/k/data/greetings/it.txt"
(cd "$tmp/k" && make) >"$tmp/make.log" 2>&1 || die "make after removing an embedded file failed"
expect_prog 0 k && { grep -q 'greetings/it.txt' "$tmp/out" && fail "the program still lists the removed file"; }
# The whole directory gone: the program keeps what it embedded.
rm -rf "$tmp/k/data"
(cd "$tmp/k" && make -q) || fail "make -q: work to do after the embedded directory was removed"

# mirc build runs make -j (Makefile.user shows make's flags).
printf '.PHONY: flags-shown\nbuild: flags-shown\nflags-shown:\n\t@echo "mirc-test MAKEFLAGS=[$(MAKEFLAGS)]"\n' >"$tmp/p/Makefile.user"
mirc_ok p build
grep -q '^mirc-test MAKEFLAGS=\[.*-j[0-9]' "$tmp/mirc.err" ||
	fail "mirc build does not run make -jN: $(grep mirc-test "$tmp/mirc.err")"
finish
