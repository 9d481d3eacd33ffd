#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Failures after boot (c-interface.md 2, 3, 5): a connect that returns
# -ENOENT logs which device failed and why, connects nothing after it,
# starts no job, and the program exits with status 1; a job whose start
# returns non-zero is logged, later jobs do not start, status 1; a
# callback's mirc_exit(5) ends the program with status 5; without a
# failure everything connects in order and the status is 0.
. "$(dirname "$0")/lib/common.sh"

project broken p
mirc_ok p configure
build p

expect_prog 0 p --fail-at=none && same_text "$tmp/out" "[INFO] [first] connected
[INFO] [second] connected above device 1
[INFO] [third] connected above device 2
[INFO] [one] started on device 3
[INFO] [two] started on device 1" "the output without a failure"

expect_prog 1 p --fail-at=connect
same_text <(grep -v '^\[ERROR\]' "$tmp/out") "[INFO] [first] connected
[INFO] [second] failing on purpose" "the output of a failed connect, but for the error"
errors=$(grep '^\[ERROR\]' "$tmp/out" "$tmp/err" | cut -d: -f2-)
[ "$(printf '%s\n' "$errors" | grep -c .)" -eq 1 ] || fail "not exactly one error line for a failed connect: $errors"
case $errors in
*second*) ;;
*) fail "the error does not name the device that failed (second): $errors" ;;
esac
case $errors in
*"No such file or directory"* | *ENOENT*) ;;
*) fail "the error does not say why (ENOENT): $errors" ;;
esac
grep -q 'third\|started' "$tmp/out" && fail "something connected or started after the failed connect: $(cat "$tmp/out")"

expect_prog 1 p --fail-at=start
grep -q '^\[INFO\] \[one\] started on device 3$' "$tmp/out" || fail "job one did not start"
grep -q '\[two\]' "$tmp/out" && fail "job two started after job one failed"
grep -q '^\[ERROR\] .*one.*' "$tmp/out" "$tmp/err" || fail "no error line naming job one: $(cat "$tmp/out" "$tmp/err")"

expect_prog 5 p --fail-at=exit
tail -n 1 "$tmp/out" | grep -q 'stopping with status 5' || fail "the program did not stop in the deferred callback: $(cat "$tmp/out")"
finish
