#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Comparisons on int and string keys (mir(5), EXPRESSIONS): `if` with
# ordering and equality, `match` on an int and on a string key with `_`,
# resolved at configure time for several key values; each configuration
# builds with -Werror and prints the words its choices picked.
. "$(dirname "$0")/lib/common.sh"

project key-compare p
# check: key values that are each arm's and the `_`'s.
run_with() {
	local want=$1
	shift
	mirc_ok p configure "$@"
	build p
	expect_prog 0 p && same_text "$tmp/out" "$want" "key-compare configured with ${*:-defaults}"
}
run_with "size=few greet=hello busy=few"
run_with "size=one greet=bonjour busy=few" --workers=1 --lang=fr
run_with "size=many greet=hello busy=many" --workers=9 --lang=en_GB
run_with "size=many greet=other busy=other" --workers=-1 --lang=de
run_with "size=many greet=bonjour busy=few" --workers=8 --lang=fr
run_with "size=few greet=other busy=other" --workers=3 '--lang=x"y'

# describe --no-eval shows every branch, labelled with the literals.
mirc_ok p describe --no-eval
grep -q 'if workers >= 8 && lang != "fr"' "$tmp/mirc.out" ||
	fail "describe --no-eval does not show the condition: $(grep -n 'if ' "$tmp/mirc.out")"
grep -q 'lang == "x\\"y"' "$tmp/mirc.out" ||
	fail "describe --no-eval does not show the escaped string: $(grep -n 'if ' "$tmp/mirc.out")"
finish
