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

# The same program with known keys and options is fine.
expect_status 0 check --debug -f "$ok"
expect_status 0 check --no-debug -W error=unused -W no-unreachable-arm -Werror -f "$ok"
expect_status 0 check --debug=true --color=never --diagnostics=text -f "$ok"
expect_status 0 check --file="$ok" --target=unix
finish
