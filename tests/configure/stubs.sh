#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mirc stubs writes the C files a program names and lacks, so that it
# configures and builds at once, without a warning (-Werror, gcc and
# clang): tests/configure/inputs/stubs has a signature extending another
# (several operations), a functor with a device and a value parameter,
# connect and a runtime arg, a stateless impl whose header the user wrote
# (left alone), a job with two sources, and an impl that only cortex_m3
# uses (written all the same; built where its toolchain is installed).
# cache.h and cache.c are golden (stubs.cache.h, stubs.cache.c).  A
# second run writes nothing.
. "$(dirname "$0")/lib/common.sh"

project stubs p
mkdir -p "$tmp/p/src"
printf '/* memstore is stateless: my own header. */\n' >"$tmp/p/src/memstore.h"
md5sum "$tmp/p/src/memstore.h" >"$tmp/mine.md5"

printf '%s\n' cache.c cache.h fill.c fill_more.c flashstore.c flashstore.h src/memstore.c >"$tmp/want"
snapshot p "$tmp/before"
mirc_ok p stubs --dry-run
sort "$tmp/mirc.out" | sed 's,^\./,,' >"$tmp/would"
diff -u --label expected --label "mirc stubs --dry-run" "$tmp/want" "$tmp/would" >&2 ||
	fail "mirc stubs --dry-run does not list the missing files"
snapshot p "$tmp/after"
diff -u "$tmp/before" "$tmp/after" >&2 || fail "mirc stubs --dry-run changed the project"

mirc_in p check
[ "$status" -eq 1 ] || fail "check before stubs: exit status $status, expected 1 (missing cache.h)"
mirc_ok p stubs
sed -n 's/^mirc: wrote //p' "$tmp/mirc.err" | sort >"$tmp/wrote"
diff -u --label expected --label "mirc stubs wrote" "$tmp/want" "$tmp/wrote" >&2 ||
	fail "mirc stubs did not write the missing files, and only them"
md5sum -c --quiet "$tmp/mine.md5" >&2 || fail "mirc stubs changed the user's src/memstore.h"
same "$tmp/p/cache.h" "$here/stubs.cache.h" "cache.h"
same "$tmp/p/cache.c" "$here/stubs.cache.c" "cache.c"
grep -q 'int fill_start(struct CACHE c, struct TIME time, int64_t depth)' "$tmp/p/fill.c" ||
	fail "fill.c does not define fill_start as mirc.h declares it"

mirc_ok p check
[ -s "$tmp/mirc.err" ] && fail "check after stubs is not silent: $(cat "$tmp/mirc.err")"
mirc_ok p configure
build p
expect_prog 0 p
if command -v clang >/dev/null; then
	make -C "$tmp/p" clean >/dev/null
	build p clang
fi
# flashstore, which only cortex_m3 uses, builds there.
if command -v arm-none-eabi-gcc >/dev/null; then
	mirc_ok p configure -t cortex_m3
	make -C "$tmp/p" EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1 ||
		{ cat "$tmp/make.log" >&2; fail "make for cortex_m3 failed"; }
	mirc_ok p configure -t unix
fi

# Nothing left to write: a second run says so and changes nothing.
snapshot p "$tmp/before"
mirc_ok p stubs
grep -q "nothing to write" "$tmp/mirc.err" || fail "a second stubs does not say it had nothing to write: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/after"
diff -u "$tmp/before" "$tmp/after" >&2 || fail "a second mirc stubs changed the project"

# A program with errors: nothing written, status 1.
project stubs q
sed -i 's/size: int/size: nosuchtype/' "$tmp/q/config.mir"
mirc_in q stubs
[ "$status" -eq 1 ] || fail "stubs of a broken program: exit status $status, expected 1"
[ -e "$tmp/q/cache.c" ] && fail "stubs of a broken program wrote cache.c"
finish
