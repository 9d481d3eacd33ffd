#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Generated files of an earlier configure that are no longer produced are
# removed (mirc-configure(1)): samples/kv_ro configured with crunch has a
# mirc/embed_*.c; configured again with --kv-ro=direct it has none, a file
# of the user's in mirc/ stays, and both programs build and print the same.
# A change to the embedded directory shows after the next configure.
. "$(dirname "$0")/lib/common.sh"

project samples/kv_ro p
mirc_ok p configure --kv-ro=crunch
embeds=$(cd "$tmp/p" && ls mirc/embed_*.c 2>/dev/null)
[ -n "$embeds" ] || die "configure with crunch wrote no mirc/embed_*.c"
grep -q "$embeds" "$tmp/p/Makefile" || fail "the Makefile does not compile $embeds"
build p
expect_prog 0 p && cp "$tmp/out" "$tmp/crunch.out"
echo "/* mine */" >"$tmp/p/mirc/embed_notes.c"

mirc_ok p configure --kv-ro=direct
for f in $embeds; do
	[ -e "$tmp/p/$f" ] && fail "$f is still there after configure --kv-ro=direct"
	grep -q "$f" "$tmp/p/Makefile" && fail "the Makefile still compiles $f"
done
[ "$(cat "$tmp/p/mirc/embed_notes.c")" = "/* mine */" ] || fail "configure removed or changed mirc/embed_notes.c, a file of the user's"
build p
expect_prog 0 p && same "$tmp/out" "$tmp/crunch.out" "kv_ro with direct_kv_ro (against its output with crunch)"

# Back to crunch, with a changed file: the new bytes are embedded.
printf 'Servus\n' >"$tmp/p/data/greetings/de.txt"
mirc_ok p configure --kv-ro=crunch
build p
rm -rf "$tmp/p/data"
expect_prog 0 p
grep -qx '\[INFO\] \[kv_ro_show\] greetings/de.txt: 7 bytes: "Servus\\n"' "$tmp/out" ||
	fail "the changed file is not in the program: $(grep de.txt "$tmp/out")"
finish
