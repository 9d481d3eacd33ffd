#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# run-golden.sh MIRC SRCDIR CASEFILE MODE - run one golden test (cproc style).
#
#   MODE check     CASEFILE is tests/check/NAME.mir; `mirc check` must print
#                  exactly NAME.err on stderr, nothing on stdout, exit 1 iff
#                  the .err holds an error, and fire exactly the checks named
#                  by the file (the longest prefix of NAME that is a check
#                  name; `ok-*` means no diagnostic at all).
#   MODE describe  CASEFILE is tests/describe/NAME[.noeval].{txt,dot,json};
#                  stdout of `mirc describe --format=F --eval|--no-eval`.
#   MODE query     CASEFILE is tests/query/NAME.WHAT.{out,json}; stdout of
#                  `mirc query WHAT [--json]`.
#   MODE sample    CASEFILE is samples/S/config.mir: `mirc check` prints
#                  nothing, and `describe --format=dot` renders with dot.
#
# Leading `//` comment lines of the .mir may hold
#   // mirc-args: -t cortex_m3 --net=direct   extra command-line arguments
#   // mirc-expect: type-mismatch arity       the checks that must fire
#                                             (`none`: no diagnostic at all)
#
# Environment: MIRC_WRAPPER prefixes every mirc run (e.g. valgrind with
# --error-exitcode=99; status 99 fails the test).  MIRC_UPDATE=1 rewrites the
# expected file from the actual output instead of comparing (for developers:
# `MIRC_UPDATE=1 ctest -R check/` then review `git diff` line by line).
set -u

mirc=$1 srcdir=$2 case=$3 mode=$4
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR
# Kept in the order of enum check in compiler/diag.h.
checks="syntax unknown-name duplicate-definition type-mismatch arity
not-applied non-exhaustive-match unreachable-arm bad-literal cycle
unknown-ctype op-clash unknown-arg unavailable-on-target missing-file
bad-name version unused bad-field register limit missing-source
provides-mismatch"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $case: $*" >&2; exit 1; }

# The .mir a case file belongs to: everything before the first dot.
dir=${case%/*} base=${case##*/}
mir=$dir/${base%%.*}.mir
[ -f "$mir" ] || fail "no input $mir"
header() { sed -n '/^\/\//!q; s|^// *'"$1"': *||p' "$mir"; }
read -r -a extra <<<"$(header mirc-args)"

# run ARGS...: mirc with the wrapper; fills $tmp/out, $tmp/err and $status.
run() {
	# shellcheck disable=SC2086 # the wrapper is a command line
	${MIRC_WRAPPER:-} "$mirc" "$@" "${extra[@]}" >"$tmp/out" 2>"$tmp/err"
	status=$?
	[ "$status" -ne 99 ] || { cat "$tmp/err" >&2; fail "MIRC_WRAPPER reported errors (status 99)"; }
	[ "$status" -lt 128 ] || { cat "$tmp/err" >&2; fail "mirc died with status $status"; }
}
# golden ACTUAL EXPECTED: compare, or rewrite under MIRC_UPDATE=1.
golden() {
	if [ "${MIRC_UPDATE:-0}" = 1 ]; then
		cmp -s "$1" "$2" || { cp "$1" "$2"; echo "updated $2"; }
	else
		[ -f "$2" ] || fail "no expected file $2 (create it with MIRC_UPDATE=1)"
		diff -u "$2" "$1" || fail "output differs from $2"
	fi
}
# The checks that fired, sorted, one per line.
fired() { sed -En 's/^(.*: )?(error|warning)\[([a-z-]+)\]: .*/\3/p' "$1" | sort -u; }

case $mode in
check)
	exp=${mir%.mir}.err
	run check --color=never -f "$mir"
	[ -s "$tmp/out" ] && { cat "$tmp/out"; fail "stdout is not empty"; }
	golden "$tmp/err" "$exp"
	want=$(header mirc-expect)
	if [ -z "$want" ]; then
		name=${base%.mir}
		[ "${name#ok-}" != "$name" ] && want=none
		for c in $checks; do
			case $name in "$c" | "$c"-*) [ ${#c} -gt ${#want} ] && want=$c ;; esac
		done
		[ -n "$want" ] || fail "name starts with no check name (nor ok-)"
	fi
	[ "$want" = none ] && want=
	# shellcheck disable=SC2086 # split the list of names
	want=$(printf '%s\n' $want | sort -u | sed '/^$/d')
	got=$(fired "$tmp/err")
	[ "$got" = "$want" ] || fail "checks fired: [${got//$'\n'/ }], expected: [${want//$'\n'/ }]"
	# Exit status, and a summary line that agrees with the diagnostics.
	nerr=$(grep -cE '^(.*: )?error\[' "$tmp/err") nwarn=$(grep -cE '^(.*: )?warning\[' "$tmp/err")
	expstatus=0
	[ "$nerr" -gt 0 ] && expstatus=1
	[ "$status" -eq "$expstatus" ] || fail "exit status $status, expected $expstatus"
	if [ -s "$tmp/err" ]; then
		s1=s s2=s
		[ "$nerr" -eq 1 ] && s1=
		[ "$nwarn" -eq 1 ] && s2=
		sum="$nerr error$s1, $nwarn warning$s2"
		[ "$(tail -n 1 "$tmp/err")" = "$sum" ] || fail "last line is not '$sum'"
	fi
	;;
describe | query)
	rest=${base#*.} ext=${base##*.}
	[ "$case" != "$mir" ] || fail "no expected file next to it: add one, run with MIRC_UPDATE=1"
	if [ "$mode" = describe ]; then
		eval=--eval
		case $rest in noeval.*) eval=--no-eval ;; esac
		case $ext in txt) fmt=text ;; dot | json) fmt=$ext ;; *) fail "unknown format .$ext" ;; esac
		run describe --format="$fmt" "$eval" -f "$mir"
	else
		what=${rest%.*} json=
		case $ext in out) ;; json) json=--json ;; *) fail "unknown extension .$ext" ;; esac
		run query "$what" $json -f "$mir"
	fi
	[ "$status" -eq 0 ] || { cat "$tmp/err" >&2; fail "exit status $status"; }
	[ -s "$tmp/err" ] && { cat "$tmp/err" >&2; fail "stderr is not empty"; }
	golden "$tmp/out" "$case"
	case $ext in
	dot) dot -Tsvg <"$tmp/out" >/dev/null || fail "dot rejects the output" ;;
	json) python3 -c 'import json,sys; json.load(sys.stdin)' <"$tmp/out" || fail "invalid JSON" ;;
	esac
	;;
sample)
	run check --color=never -f "$mir"
	[ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ] ||
		{ cat "$tmp/out" "$tmp/err"; fail "check: exit $status, output not empty"; }
	run describe --format=dot -f "$mir"
	[ "$status" -eq 0 ] || { cat "$tmp/err" >&2; fail "describe: exit $status"; }
	dot -Tsvg <"$tmp/out" >/dev/null || fail "dot rejects the describe output"
	;;
*) fail "unknown mode $mode" ;;
esac
exit 0
