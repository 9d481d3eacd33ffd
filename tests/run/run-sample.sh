#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# run-sample.sh MIRC SRCDIR SAMPLE CC - build samples/SAMPLE for unix with
# the C compiler CC and run it, once per expected output in tests/run/.
#
# Never builds in the source tree: the sample is copied to a temporary
# directory first.  For each variant V (the default has no V), the files
# tests/run/SAMPLE[.V].* say:
#
#   .out        the expected standard output of the program (required);
#               a variant exists because this file does
#   .err        the expected standard error (default: empty)
#   .configure  arguments of `mirc configure`, one per line (default: none)
#   .args       boot arguments of the program, one per line (default: none)
#   .status     the expected exit status (default: 0)
#   .sed        a sed -E script applied to stdout and stderr before the
#               comparison, to normalise what varies from run to run
#               (times, random bytes); anything it does not rewrite must
#               match exactly
#   .time       "MIN MAX": the run must take between MIN and MAX seconds
#   .setup      bash commands run in the project directory before the run
#   .check      bash commands run in the project directory after the run;
#               they fail the test by exiting non-zero
#
# Every build passes -Werror on top of the generated Makefile's CFLAGS
# (which hold -Wall -Wextra -Wpedantic): generated code, runtime, devices
# and the sample's own C must all compile without a warning.  A leading
# timestamp on log lines (printed when stdout is a terminal) is removed
# before comparing.  MIRC_WRAPPER prefixes every mirc run (valgrind);
# MIRC_UPDATE=1 rewrites .out/.err from the (normalised) actual output.
# Exit status 77 (skipped) when CC is not installed.
mirc=$1 sample=$3 cc=$4
. "$(dirname "$0")/../lib.sh"
lib_start "$2"
here=$srcdir/tests/run
src=$srcdir/samples/$sample

fail() { echo "FAIL run/$sample/$cc${variant:+ ($variant)}: $*" >&2; exit 1; }
command -v "$cc" >/dev/null || { echo "SKIP: $cc is not installed"; exit 77; }
[ -f "$src/config.mir" ] || fail "no sample $src"

lib_variants "$here" "$sample"
[ "${#variants[@]}" -gt 0 ] || fail "no expected output $here/$sample.out"

# normalise FILE: drop timestamps, apply the variant's sed script.
normalise() {
	lib_strip_times "$1" >"$1.n"
	if [ -f "$base.sed" ]; then
		sed -E -f "$base.sed" "$1.n" >"$1.nn" || fail "sed script $base.sed failed"
		mv "$1.nn" "$1.n"
	fi
}

# golden ACTUAL EXPECTED; under MIRC_UPDATE=1 an empty stderr writes no
# .err file.
golden() {
	[ "${MIRC_UPDATE:-0}" = 1 ] && [ ! -s "$1" ] && [ ! -f "$2" ] && [ "${2##*.}" != out ] && return 0
	lib_golden "$1" "$2" || fail "output differs from ${2#"$srcdir"/} (see the diff above)"
}

for variant in "${variants[@]}"; do
	base=$here/$sample${variant:+.$variant}
	label=${variant:-default}
	proj=$tmp/$label/$sample
	mkdir -p "$tmp/$label"
	cp -R "$src" "$proj" || fail "cannot copy $src"
	# A sample configured in place must not leak into the test.
	for g in Makefile mirc dist; do
		if [ -e "$proj/$g" ]; then
			echo "note: samples/$sample/$g exists in the source tree (mirc clean there); ignored" >&2
			rm -rf "${proj:?}/$g"
		fi
	done

	lib_lines "$base.configure"
	(cd "$proj" && lib_mirc configure "${lines[@]}") >"$tmp/configure.log" 2>&1
	st=$?
	[ "$st" -eq 0 ] || { cat "$tmp/configure.log" >&2; fail "mirc configure ${lines[*]}: exit status $st"; }

	# The backend's CFLAGS, plus -Werror (a command-line CFLAGS+= would
	# replace the Makefile's value instead of appending to it).
	cflags=$(sed -n 's/^CFLAGS := //p' "$proj/Makefile")
	[ -n "$cflags" ] || fail "no 'CFLAGS := ...' line in the generated Makefile"
	for w in -Wall -Wextra -Wpedantic; do
		case " $cflags " in *" $w "*) ;; *) fail "the generated CFLAGS lack $w: $cflags" ;; esac
	done
	make -C "$proj" CC="$cc" CFLAGS="$cflags -Werror" >"$tmp/make.log" 2>&1
	st=$?
	if [ "$st" -ne 0 ] || grep -q 'warning:' "$tmp/make.log"; then
		cat "$tmp/make.log" >&2
		fail "make CC=$cc with -Werror: exit status $st"
	fi
	grep -q -- "-Werror" "$tmp/make.log" || { cat "$tmp/make.log" >&2; fail "no compile command used -Werror"; }

	name=$(cd "$proj" && "$mirc" query name) || fail "mirc query name failed"
	exe=$proj/dist/$name
	[ -x "$exe" ] || fail "make did not produce dist/$name"

	if [ -f "$base.setup" ]; then
		(cd "$proj" && bash -eu "$base.setup") || fail "setup script ${base#"$srcdir"/}.setup failed"
	fi
	lib_lines "$base.args"
	t0=$(date +%s.%N)
	(cd "$proj" && exec timeout -k 5 60 "$exe" "${lines[@]}") >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	t1=$(date +%s.%N)
	case $st in 124 | 137) fail "dist/$name ${lines[*]} did not finish within 60 s" ;; esac
	want=0
	[ -f "$base.status" ] && want=$(tr -d ' \n' <"$base.status")

	normalise "$tmp/out"
	normalise "$tmp/err"
	golden "$tmp/out.n" "$base.out"
	if [ -f "$base.err" ] || [ "${MIRC_UPDATE:-0}" = 1 ]; then
		golden "$tmp/err.n" "$base.err"
	elif [ -s "$tmp/err" ]; then
		sed 's/^/  stderr: /' "$tmp/err" >&2
		fail "unexpected output on stderr"
	fi
	[ "$st" -eq "$want" ] || { sed 's/^/  stdout: /' "$tmp/out" >&2; fail "exit status $st, expected $want"; }

	if [ -f "$base.time" ]; then
		read -r tmin tmax <"$base.time"
		awk -v a="$t0" -v b="$t1" -v lo="$tmin" -v hi="$tmax" \
			'BEGIN { d = b - a; exit !(d >= lo && d <= hi) }' ||
			fail "the run took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s, expected between $tmin and $tmax s"
	fi
	if [ -f "$base.check" ]; then
		(cd "$proj" && bash -eu "$base.check") || fail "check script ${base#"$srcdir"/}.check failed"
	fi
	echo "ok run/$sample/$cc ($label)"
done
exit 0
