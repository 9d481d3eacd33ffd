#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# configure rewrites only what changes: a second configure of the same
# program writes nothing (contents and mtimes unchanged) and make then has
# nothing to rebuild; a change to one impl's parameters rewrites main.c
# but not mirc.h.  Keys set on the command line are remembered in
# mirc/context by later commands (samples/hello-key: --shout, --hello).
. "$(dirname "$0")/lib/common.sh"

project args p
mirc_ok p configure
build p
snapshot p "$tmp/first"
sleep 1.1	# a rewrite would now show in the mtimes
mirc_ok p configure
snapshot p "$tmp/second"
diff -u "$tmp/first" "$tmp/second" >&2 || fail "a second configure of the same program changed files (diff above)"
make -C "$tmp/p" -q build >/dev/null 2>&1 || fail "make has work to do after a configure that changed nothing"
mirc_ok p build
snapshot p "$tmp/third"
diff -u "$tmp/first" "$tmp/third" >&2 || fail "mirc build of an up-to-date project changed files (diff above)"

# Only main.c depends on a value parameter.
h0=$(stat -c %Y "$tmp/p/mirc/mirc.h")
sed -i 's/sink("> ")/sink(">> ")/' "$tmp/p/config.mir"
mirc_ok p configure
grep -q '">> "' "$tmp/p/mirc/main.c" || fail "main.c was not rewritten after the program changed"
[ "$(stat -c %Y "$tmp/p/mirc/mirc.h")" = "$h0" ] || fail "mirc.h was rewritten although it did not change"
build p
expect_prog 0 p --token=t && grep -q '^\[INFO\] \[show\] >> port = 8080$' "$tmp/out" ||
	fail "the rebuilt program does not use the new prefix: $(head -n 3 "$tmp/out")"

# Keys are remembered.
project samples/hello-key k
mirc_ok k configure --shout --hello=Hi
grep -q 'greeting_loud_connect' "$tmp/k/mirc/main.c" || fail "--shout did not choose greeting_loud"
snapshot k "$tmp/k1"
mirc_ok k configure
snapshot k "$tmp/k2"
diff -u "$tmp/k1" "$tmp/k2" >&2 || fail "configure without keys after configure --shout --hello=Hi changed files (diff above)"
mirc_ok k query keys
grep -q 'shout' "$tmp/mirc.out" && grep -q 'Hi' "$tmp/mirc.out" || fail "mirc query keys does not show the remembered keys: $(cat "$tmp/mirc.out")"
mirc_ok k build
[ "$(tail -n 1 "$tmp/mirc.out")" = dist/hello-key ] || fail "mirc build printed '$(tail -n 1 "$tmp/mirc.out")' last, expected dist/hello-key"
expect_prog 0 k --interval=1ms && same_text "$tmp/out" "$(printf '[INFO] [hello_key] HI!\n%.0s' 1 2 3 4)" "hello-key after configure --shout --hello=Hi, then configure"
mirc_ok k configure --no-shout
grep -q 'greeting_plain_connect' "$tmp/k/mirc/main.c" || fail "--no-shout did not go back to greeting_plain"
grep -q '"Hi"' "$tmp/k/mirc/main.c" || fail "configure --no-shout forgot --hello=Hi"
finish
