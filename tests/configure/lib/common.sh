# SPDX-License-Identifier: MIT
# shellcheck shell=bash
#
# Sourced by tests/configure/*.sh, each called as SCRIPT MIRC SRCDIR.
# Projects are copied from tests/configure/inputs/ (or samples/) into a
# temporary directory; nothing is ever built in the source tree.  Every
# expectation is checked; the script fails at the end if any failed.
mirc=$1
. "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"
lib_start "$2"
here=$srcdir/tests/configure
nfail=0
test_name=configure/$(basename "$0" .sh)

fail() { echo "FAIL $test_name: $*" >&2; nfail=$((nfail + 1)); }
# die MESSAGE: a failure the rest of the script cannot go on after.
die() { fail "$*"; echo "$nfail failure(s)" >&2; exit 1; }

# project INPUT DIR: copy tests/configure/inputs/INPUT (or samples/INPUT
# when INPUT is samples/NAME) to $tmp/DIR.
project() {
	local from=$here/inputs/$1
	case $1 in samples/*) from=$srcdir/$1 ;; esac
	[ -d "$from" ] || die "no project $from"
	rm -rf "${tmp:?}/$2"
	cp -R "$from" "$tmp/$2" || die "cannot copy $from"
}

# mirc_in DIR ARGS...: run mirc in $tmp/DIR (under $MIRC_WRAPPER); stdout in
# $tmp/mirc.out, stderr in $tmp/mirc.err, status in $status.
mirc_in() {
	local dir=$1
	shift
	(cd "$tmp/$dir" && lib_mirc "$@") >"$tmp/mirc.out" 2>"$tmp/mirc.err"
	status=$?
	if [ "$status" -eq 99 ]; then
		fail "MIRC_WRAPPER reported errors for: mirc $*"
		cat "$tmp/mirc.err" >&2
	fi
}

# mirc_ok DIR ARGS...: mirc must succeed.
mirc_ok() {
	mirc_in "$@"
	if [ "$status" -ne 0 ]; then
		sed 's/^/  mirc: /' "$tmp/mirc.err" >&2
		die "mirc ${*:2} in $1: exit status $status"
	fi
}

# build DIR [CC]: make the configured project with -Werror on top of the
# generated CFLAGS.
build() {
	local dir=$tmp/$1 cc=${2:-gcc} cflags
	cflags=$(sed -n 's/^CFLAGS := //p' "$dir/Makefile")
	[ -n "$cflags" ] || die "$1/Makefile has no 'CFLAGS := ...' line"
	if ! make -C "$dir" CC="$cc" CFLAGS="$cflags -Werror" >"$tmp/make.log" 2>&1; then
		cat "$tmp/make.log" >&2
		die "make in $1 failed"
	fi
}

# prog DIR ARGS...: run the program the generated Makefile of $tmp/DIR
# builds (from that directory, under timeout); stdout in $tmp/out, stderr
# in $tmp/err, status in $status.
prog() {
	local dir=$1 exe
	shift
	exe=$(sed -n 's/^ARTIFACT := //p' "$tmp/$dir/Makefile")
	[ -n "$exe" ] || die "$dir/Makefile has no 'ARTIFACT := ...' line"
	[ -x "$tmp/$dir/$exe" ] || die "$dir/$exe was not built"
	(cd "$tmp/$dir" && exec timeout -k 5 30 "./$exe" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
	status=$?
	[ "$status" -ne 124 ] || fail "$exe $* did not finish within 30 s"
}

# expect_prog STATUS DIR ARGS...: prog, and require the exit status.
expect_prog() {
	local want=$1
	shift
	prog "$@"
	if [ "$status" -ne "$want" ]; then
		fail "${*:2}: exit status $status, expected $want"
		sed 's/^/  stdout: /' "$tmp/out" | head -n 20 >&2
		sed 's/^/  stderr: /' "$tmp/err" | head -n 20 >&2
		return 1
	fi
	return 0
}

# same ACTUAL EXPECTED WHAT: compare a file with a golden one (under
# MIRC_UPDATE=1, rewrite the golden one instead).
same() {
	local update=${MIRC_UPDATE:-0}
	[ "${2#"$here"/}" = "$2" ] && update=0	# not a golden of tests/configure
	MIRC_UPDATE=$update lib_golden "$1" "$2" "actual: $3" ||
		fail "$3 differs from ${2#"$srcdir"/} (diff above)"
}

# same_text ACTUAL TEXT WHAT: compare a file with a string (+ newline).
same_text() {
	printf '%s\n' "$2" >"$tmp/expected.txt"
	diff -u --label expected --label "actual: $3" "$tmp/expected.txt" "$1" >&2 ||
		fail "$3 is not as expected (diff above)"
}

# snapshot DIR FILE: every file below $tmp/DIR with its size, mode, mtime
# and checksum, and every directory (without its mtime), to FILE.
snapshot() {
	(cd "$tmp/$1" && { find . -type d -printf '%P %y %m\n'
		find . ! -type d -printf '%P %y %s %m %T@\n'; } | sort &&
		find . -type f -print0 | sort -z | xargs -0 -r md5sum) >"$2"
}

finish() {
	if [ "$nfail" -ne 0 ]; then
		echo "$nfail failure(s)" >&2
		exit 1
	fi
	echo "all passed"
	exit 0
}
