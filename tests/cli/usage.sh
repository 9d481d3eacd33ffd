#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Command-line usage errors exit with status 2, say why on stderr and print
# nothing on stdout.
. "$(dirname "$0")/lib/common.sh"
ok=tests/cli/inputs/project/config.mir

usage_error check --frobnicate -f "$ok"
usage_error check -x -f "$ok"
usage_error check -W error=nosuch -f "$ok"
usage_error check -W no-nosuch -f "$ok"
usage_error check -W frobnicate -f "$ok"
usage_error check --color=sometimes -f "$ok"
usage_error check --diagnostics=xml -f "$ok"
usage_error check -f
usage_error nosuchcommand -f "$ok"
usage_error
usage_error query -f "$ok"
usage_error query nosuchfact -f "$ok"
usage_error describe --format=bmp -f "$ok"
usage_error describe --format=png -f "$ok"
usage_error describe --format=pdf -f "$ok"

# A key the program does not declare; the message names it.
usage_error check --nosuch=1 -f "$ok"
grep -q nosuch "$tmp/err" || fail "--nosuch=1: the message does not name the option"
usage_error check --no-nosuch -f "$ok"

# A usage error stops the command: none of the program's diagnostics (here
# two unused warnings) and no summary line follow the message.
mkdir "$tmp/w"
printf 'key extra : bool = false;\nlet spare = 1;\njob main() { }\nregister "main" [ main ];\n' >"$tmp/w/config.mir"
expect_status 0 check -f "$tmp/w/config.mir"
grep -q 'warning\[unused\]' "$tmp/err" || fail "the unused warnings of the test program are gone: $(cat "$tmp/err")"
for args in "check --nosuchkey=1" "check --extra=maybe --nosuchkey" "describe --no-nosuch" "query keys --nosuch=1"; do
	# shellcheck disable=SC2086 # a command line
	usage_error $args -f "$tmp/w/config.mir"
	grep -qE 'warning|error\[|[0-9]+ errors?, [0-9]+ warnings?' "$tmp/err" &&
		fail "mirc $args: diagnostics after the usage error: $(cat "$tmp/err")"
done

# A missing value is a usage error for every option that takes one: the
# options are read from the usage texts, which mirc makes from its table.
options=$( { "$mirc" --help; for c in check configure build clean describe query help; do "$mirc" "$c" --help; done; } |
	sed -n 's/^  \(-[a-zA-Z]\)\(, --[a-z-]*\)\{0,1\}[ =][A-Za-z|]\{1,\}\( .*\)\{0,1\}$/\1\2/p;
		s/^  \(--[a-z-]*\)=[A-Za-z|]\{1,\}\( .*\)\{0,1\}$/\1/p' | tr ', ' '\n\n' | sort -u | grep .)
[ "$(echo "$options" | wc -l)" -ge 10 ] || fail "too few options with values found in the usage texts: $options"
for opt in $options; do
	cmd=check
	case $opt in
	--format|-o|--output) cmd=describe ;;
	--boot-args) cmd=configure ;;
	esac
	# Never a project of the source tree: configure would write there.
	usage_error "$cmd" -f "$tmp/w/config.mir" "$opt"
	grep -q -- "needs a value" "$tmp/err" || fail "mirc $cmd $opt: the message does not say a value is missing: $(cat "$tmp/err")"
	case $opt in --boot-args) ;; --*)
		usage_error "$cmd" -f "$tmp/w/config.mir" "$opt="
		grep -q -- "needs a value" "$tmp/err" || fail "mirc $cmd $opt=: the message does not say a value is missing"
	esac
done
# --target without a value: a usage error (2), not a bad-literal (1).
usage_error check -f "$ok" --target
grep -q 'bad-literal' "$tmp/err" && fail "--target without a value: a bad-literal diagnostic"
usage_error check -f "$ok" -t
# An empty --boot-args= is a value: no boot arguments.
expect_status 0 configure --help --boot-args=
[ -e "$tmp/w/Makefile" ] && fail "a usage error of configure wrote the Makefile"
usage_error check -f "$ok" --max-diagnostics=many
usage_error check -f "$ok" --max-diagnostics=-1

# An argument that is not expected is named: check takes none, so it is
# the first; query takes one, so it is the second.
usage_error check a b c -f "$ok"
grep -q "'a'" "$tmp/err" || fail "check a b c: the message does not name 'a': $(cat "$tmp/err")"
usage_error query keys extra -f "$ok"
grep -q "'extra'" "$tmp/err" || fail "query keys extra: the message does not name 'extra': $(cat "$tmp/err")"
usage_error help mir extra
grep -q "'extra'" "$tmp/err" || fail "help mir extra: the message does not name 'extra'"
# An option of another command is not taken for it.
usage_error check --json -f "$ok"
usage_error query keys --format=dot -f "$ok"
usage_error clean --debug -f "$ok"

# The same program with known keys and options is fine.
expect_status 0 check --debug -f "$ok"
expect_status 0 check --no-debug -W error=unused -W no-unreachable-arm -Werror -f "$ok"
expect_status 0 check --debug=true --color=never --diagnostics=text -f "$ok"
expect_status 0 check --file="$ok" --target=unix
# A command's own options may come before it, with their values.
expect_status 0 --format dot describe -f "$ok"
grep -q '^digraph' "$tmp/out" || fail "mirc --format dot describe: not a dot graph"
expect_status 0 -f "$ok" --json query target
[ "$(cat "$tmp/out")" = '"unix"' ] || fail "mirc --json query target: $(cat "$tmp/out")"
finish
