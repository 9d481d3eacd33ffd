#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --help for every command prints a usage text and exits 0; `mirc help TOPIC`
# prints a man page as text (not roff source).
. "$(dirname "$0")/lib/common.sh"

no_roff() {
	if grep -nE '^\.[A-Za-z]{1,2}( |$)|\\f[BIRP]' "$tmp/out" | head -n 3 | grep .; then
		fail "$1: roff markup in the output"
	fi
}

expect_status 0 --help
grep -qi usage "$tmp/out" || fail "mirc --help: no usage line"
for cmd in check configure build clean describe query help; do
	grep -qE "^ +$cmd( |$)" "$tmp/out" || fail "mirc --help does not list the command $cmd"
done

for cmd in check describe query help; do
	for opt in --help -h; do
		expect_status 0 "$cmd" "$opt"
		grep -qiE 'usage|synopsis' "$tmp/out" || fail "mirc $cmd $opt: no usage"
		grep -q "mirc $cmd" "$tmp/out" || fail "mirc $cmd $opt: does not show 'mirc $cmd'"
		[ -s "$tmp/err" ] && fail "mirc $cmd $opt: writes to stderr"
	done
done
# Every query kind, as `mirc query --help` lists them, is in `mirc --help`
# and in the message for a missing kind (one table makes all three).
expect_status 0 query --help
kinds=$(sed -n '/^WHAT is one of/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/out")
[ "$(echo "$kinds" | wc -w)" -ge 12 ] || fail "mirc query --help lists too few kinds: $kinds"
expect_status 0 --help
cp "$tmp/out" "$tmp/main-help"
usage_error query
for k in $kinds; do
	grep -qw -- "$k" "$tmp/main-help" || fail "mirc --help does not list the query kind $k"
	grep -qw -- "$k" "$tmp/err" || fail "mirc query (no kind) does not list the kind $k"
done
expect_status 0 describe --help
for f in text dot json svg png pdf --eval --no-eval; do
	grep -q -- "$f" "$tmp/out" || fail "mirc describe --help does not mention $f"
done

expect_status 0 help mir
for word in signature impl job key arg let register match extends; do
	grep -qw "$word" "$tmp/out" || fail "mirc help mir does not mention '$word'"
done
[ "$(wc -l <"$tmp/out")" -ge 100 ] || fail "mirc help mir: shorter than 100 lines"
no_roff "mirc help mir"

expect_status 0 help check
grep -q "mirc check" "$tmp/out" || fail "mirc help check: no 'mirc check'"
for chk in unknown-name type-mismatch unused; do
	grep -q -- "$chk" "$tmp/out" || fail "mirc help check does not document the check $chk"
done
no_roff "mirc help check"

run help nosuchtopic
[ "$status" -ne 0 ] || fail "mirc help nosuchtopic: exit status 0"
[ -s "$tmp/err" ] || fail "mirc help nosuchtopic: no message"
finish
