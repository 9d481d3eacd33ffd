#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# configure writes dist/NAME.1, the program's man page, from the same data
# as its --help (emit_man.c, emit_help.c): the page of tests/configure/
# inputs/args (every arg type, two sections) is args.man.1; it passes
# `mandoc -T lint`; rendered, it lists every option --help lists.  A
# dist/NAME.1 of the user's is never overwritten; mirc clean removes
# mirc's.  mandoc renders it (man-db's `man -l` may be absent on CI).
. "$(dirname "$0")/lib/common.sh"

command -v mandoc >/dev/null || { echo "SKIP: no mandoc"; exit 77; }
project args p
SOURCE_DATE_EPOCH=0 mirc_ok p configure
[ -f "$tmp/p/dist/args.1" ] || die "configure wrote no dist/args.1"
same "$tmp/p/dist/args.1" "$here/args.man.1" "dist/args.1"
mandoc -T lint "$tmp/p/dist/args.1" >"$tmp/lint" 2>&1
[ -s "$tmp/lint" ] && fail "mandoc -T lint: $(cat "$tmp/lint")"
mandoc -T ascii "$tmp/p/dist/args.1" | col -b >"$tmp/man.txt" ||
	fail "mandoc cannot render dist/args.1"

# Every option spelling of --help (the lines at 7 columns that start
# with '-') is in the rendered page, as is every paragraph's first words.
build p
expect_prog 63 p --help
grep -E '^       -' "$tmp/out" | sed 's/^ *//' >"$tmp/opts"
[ "$(wc -l <"$tmp/opts")" -gt 20 ] || fail "--help lists too few options: $(cat "$tmp/opts")"
while IFS= read -r o; do
	grep -qF -- "$o" "$tmp/man.txt" || fail "the man page lacks '$o' (in --help)"
done <"$tmp/opts"
for t in "TCP port to listen on." "A secret that has no default." "NETWORK OPTIONS" \
	"EXIT STATUS" "args - Print every runtime arg."; do
	grep -qF -- "$t" "$tmp/man.txt" || fail "the man page lacks '$t'"
done

# A page of the user's stays; configure refuses and writes nothing.
mirc_ok p clean
[ -e "$tmp/p/dist/args.1" ] && fail "mirc clean left dist/args.1"
mkdir -p "$tmp/p/dist"
echo "my own page" >"$tmp/p/dist/args.1"
snapshot p "$tmp/before"
mirc_in p configure
[ "$status" -eq 3 ] || fail "configure over the user's dist/args.1: exit status $status, expected 3"
grep -q "refusing to overwrite .*dist/args.1" "$tmp/mirc.err" ||
	fail "configure does not name dist/args.1: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/after"
diff -u "$tmp/before" "$tmp/after" >&2 || fail "a refused configure changed the project"
finish
