#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A program file that does not exist is an environment failure: exit 3,
# with a message naming the file.
. "$(dirname "$0")/lib/common.sh"

for cmd in check describe "query name"; do
	# shellcheck disable=SC2086 # "query name" is two words
	expect_status 3 $cmd -f tests/cli/inputs/no-such-program.mir
	grep -q no-such-program.mir "$tmp/err" || fail "mirc $cmd: message does not name the file"
	[ -s "$tmp/out" ] && fail "mirc $cmd: output on stdout"
done

# Without -f: config.mir in the current directory.
mkdir "$tmp/empty"
(cd "$tmp/empty" && ${MIRC_WRAPPER:-} "$mirc" check >"$tmp/out" 2>"$tmp/err")
status=$?
[ "$status" -eq 3 ] || fail "mirc check without config.mir: exit status $status, expected 3"
grep -q config.mir "$tmp/err" || fail "mirc check without config.mir: message does not name config.mir"

# A directory is not a program either.
expect_status 3 check -f tests/cli/inputs
finish
