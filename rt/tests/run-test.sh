#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run-test.sh PROGRAM [ARG]...: run one unit test (under valgrind when
# the command starts with it); it passes when it exits 0 AND its last
# line of output is SUCCESS, so neither a crash after the checks nor a
# test that stopped early without a failed check goes unnoticed.
out=$("$@")
rc=$?
printf '%s\n' "$out"
if [ "$rc" -ne 0 ]; then
	echo "run-test.sh: exit status $rc" >&2
	exit 1
fi
if [ "$(printf '%s\n' "$out" | tail -n 1)" != SUCCESS ]; then
	echo "run-test.sh: no SUCCESS line at the end" >&2
	exit 1
fi
