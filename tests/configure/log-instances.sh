#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Log sources are instances: two devices of one impl log under the
# instance names that `mirc describe --eval` shows (boot_log_1,
# boot_log_2), and -l selects one of them by that name, or every one by
# the impl's name; a job or device that is the only instance of its impl
# logs under the impl's name (greeter).
. "$(dirname "$0")/lib/common.sh"

project log-instances p
mirc_ok p describe --eval
for id in boot_log_1 boot_log_2; do
	grep -q "^  $id  *boot_log " "$tmp/mirc.out" || fail "describe --eval shows no instance $id: $(cat "$tmp/mirc.out")"
done
mirc_ok p configure
build p gcc

expect_prog 0 p && same_text "$tmp/out" "[INFO] [boot_log_1] up: first
[INFO] [boot_log_2] up: second
[INFO] [greeter] first: hello
[INFO] [greeter] second: hello" "two instances at the default level"

expect_prog 0 p -l boot_log_2:debug && same_text "$tmp/out" "[INFO] [boot_log_1] up: first
[INFO] [boot_log_2] up: second
[DEBUG] [boot_log_2] details of second
[INFO] [greeter] first: hello
[INFO] [greeter] second: hello" "-l boot_log_2:debug (one instance)"

expect_prog 0 p -l boot_log:debug,boot_log_1:error && same_text "$tmp/out" "[INFO] [boot_log_2] up: second
[DEBUG] [boot_log_2] details of second
[INFO] [greeter] first: hello
[INFO] [greeter] second: hello" "-l boot_log:debug,boot_log_1:error (the impl, less one instance)"

expect_prog 0 p -l greeter:debug,boot_log:quiet && same_text "$tmp/out" "[INFO] [greeter] first: hello
[INFO] [greeter] second: hello
[DEBUG] [greeter] greeted" "-l greeter:debug,boot_log:quiet"
finish
