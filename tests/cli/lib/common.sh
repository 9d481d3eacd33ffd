# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Sourced by tests/cli/*.sh (each called as: SCRIPT MIRC SRCDIR).
# Every expectation is checked; the script fails at the end if any failed.
mirc=$1
. "$(dirname "${BASH_SOURCE[0]}")/../../lib.sh"
lib_start "$2"
nfail=0

fail() { echo "FAIL: $*" >&2; nfail=$((nfail + 1)); }

# run ARGS...: mirc (under $MIRC_WRAPPER) with stdout in $tmp/out, stderr in
# $tmp/err, status in $status.  Status 99 is the wrapper's error report.
run() {
	lib_mirc "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 99 ]; then
		fail "MIRC_WRAPPER reported errors for: mirc $*"
		cat "$tmp/err" >&2
	fi
}

# expect_status N ARGS...: run mirc and require exit status N.
expect_status() {
	local want=$1
	shift
	run "$@"
	if [ "$status" -ne "$want" ]; then
		fail "mirc $*: exit status $status, expected $want"
		sed 's/^/  stderr: /' "$tmp/err" | head -n 20 >&2
	fi
}

# usage_error ARGS...: exit 2, a message on stderr, nothing on stdout.
usage_error() {
	expect_status 2 "$@"
	[ -s "$tmp/err" ] || fail "mirc $*: no message on stderr"
	[ -s "$tmp/out" ] && fail "mirc $*: output on stdout for a usage error"
}

finish() {
	if [ "$nfail" -ne 0 ]; then
		echo "$nfail failure(s)" >&2
		exit 1
	fi
	echo "all passed"
	exit 0
}
