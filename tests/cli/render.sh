#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# describe renders svg/png/pdf in-process; dot output is deterministic, valid
# and alone on stdout; png/pdf need -o.
. "$(dirname "$0")/lib/common.sh"
prog=tests/describe/choices.mir

magic() { head -c "$2" "$1" | od -An -tx1 | tr -d ' \n'; }

expect_status 0 describe --format=dot --no-eval -f "$prog"
cp "$tmp/out" "$tmp/a.dot"
[ -s "$tmp/err" ] && fail "describe --format=dot: stderr not empty"
dot -Tsvg <"$tmp/a.dot" >/dev/null || fail "dot rejects describe --format=dot"
expect_status 0 describe --format=dot --no-eval -f "$prog"
cmp -s "$tmp/out" "$tmp/a.dot" || fail "describe --format=dot is not deterministic"
expect_status 0 describe --format=dot --no-eval -o "$tmp/b.dot" -f "$prog"
cmp -s "$tmp/b.dot" "$tmp/a.dot" || fail "-o writes something else than stdout"
[ -s "$tmp/out" ] && fail "describe -o: output on stdout"

expect_status 0 describe --format=svg -f "$prog"
grep -q '<svg' "$tmp/out" && grep -q '</svg>' "$tmp/out" || fail "svg on stdout is no svg"
expect_status 0 describe --format=svg -o "$tmp/g.svg" -f "$prog"
grep -q '<svg' "$tmp/g.svg" || fail "svg file is no svg"
expect_status 0 describe --format=png -o "$tmp/g.png" -f "$prog"
[ "$(magic "$tmp/g.png" 8)" = 89504e470d0a1a0a ] || fail "png file has no PNG signature"
expect_status 0 describe --format=pdf -o "$tmp/g.pdf" -f "$prog"
[ "$(magic "$tmp/g.pdf" 5)" = 255044462d ] || fail "pdf file does not start with %PDF-"
[ -s "$tmp/out" ] && fail "describe --format=pdf -o: output on stdout"

# Binary formats are never written to a terminal or pipe.
usage_error describe --format=png -f "$prog"
usage_error describe --format=pdf -f "$prog"
# An output file that cannot be written: exit 3.
expect_status 3 describe --format=png -o "$tmp/no/such/dir/g.png" -f "$prog"
finish
