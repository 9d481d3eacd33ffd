# SPDX-License-Identifier: MIT
# shellcheck shell=bash
#
# lib.sh - the helpers every test runner needs, written once: sourced by
# tests/run-golden.sh, tests/gen/run-gen.sh, tests/run/run-sample.sh and
# the libraries of tests/cli and tests/configure (and meant for
# tests/targets).  Each runner keeps only what is its own: how it fails
# (at once, or counting) and what it compares.
#
# Sourcing defines functions only; a runner sets $mirc (the mirc binary)
# and calls lib_start first.  The arrays lib_lines and lib_variants fill
# are the caller's.
# shellcheck disable=SC2034,SC2154

# lib_start SRCDIR: the environment every runner starts from.  The
# source tree is the working directory (paths in messages stay short);
# the variables that would change what mirc does are unset, so a
# developer's MIRC_TARGET cannot fail a test; $tmp is a fresh directory,
# removed on exit.
lib_start() {
	set -u
	srcdir=$1
	cd "$srcdir" || exit 1
	unset MIRC_TARGET NO_COLOR MIRC_HOME
	tmp=$(mktemp -d) || exit 1
	# shellcheck disable=SC2064 # $tmp is fixed from here on
	trap "rm -rf '$tmp'" EXIT
}

# lib_mirc ARGS...: run $mirc under $MIRC_WRAPPER (valgrind and the like:
# a command line, split into words; status 99 is its error report).
lib_mirc() {
	# shellcheck disable=SC2086 # the wrapper is a command line
	${MIRC_WRAPPER:-} "$mirc" "$@"
}

# lib_header FILE NAME: the values of the leading `// NAME: ...` comment
# lines of a .mir file (`// mirc-args: -t cortex_m3`), one per line;
# reading stops at the first line that is not a // comment.
lib_header() {
	sed -n '/^\/\//!q; s|^// *'"$2"': *||p' "$1"
}

# lib_lines FILE: the non-empty lines of FILE (none when it does not
# exist) into the array `lines`: the .args and .configure files of the
# run tests hold one argument per line.
lib_lines() {
	lines=()
	[ -f "$1" ] || return 0
	mapfile -t lines < <(sed '/^$/d' "$1")
}

# lib_variants DIR SAMPLE: the variants of a sample's expected output,
# from the files DIR/SAMPLE.out ("", the default) and DIR/SAMPLE.V.out
# (V), into the array `variants`.  A variant exists because its .out
# does; the other files of a variant (.args, .sed, ...) are optional.
lib_variants() {
	local f v
	variants=()
	for f in "$1/$2.out" "$1/$2".*.out; do
		[ -f "$f" ] || continue
		v=${f##*/}
		v=${v#"$2"}
		v=${v%.out}
		variants+=("${v#.}")
	done
}

# lib_strip_times FILE: FILE without what changes from run to run in
# every program's output (on stdout): the time at the start of a log line
# (an ISO 8601 UTC time, or "+SECONDS" since boot on boards without a
# calendar clock) and the carriage return a serial console adds.
lib_strip_times() {
	sed -E 's/^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z|\+[0-9]+\.[0-9]+) (\[[A-Z]+\] )/\2/; s/\r$//' "$1"
}

# lib_golden ACTUAL EXPECTED [LABEL]: compare ACTUAL with the golden file
# EXPECTED (a diff on stderr, status 1 when they differ or EXPECTED does
# not exist); under MIRC_UPDATE=1 rewrite EXPECTED instead, saying so,
# and succeed.  LABEL names the actual output in the diff.
lib_golden() {
	local rel=${2#"$srcdir"/}
	if [ "${MIRC_UPDATE:-0}" = 1 ]; then
		cmp -s "$1" "$2" || { cp "$1" "$2" && echo "updated $rel"; }
		return 0
	fi
	if [ ! -f "$2" ]; then
		echo "no expected file $rel (create it with MIRC_UPDATE=1)" >&2
		return 1
	fi
	diff -u --label "expected $rel" --label "${3:-actual}" "$2" "$1" >&2
}
