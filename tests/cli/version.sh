#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `mirc --version` prints the project's version and exits 0.
. "$(dirname "$0")/lib/common.sh"
version=$(sed -n 's/^project(mirc VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || fail "no version in CMakeLists.txt"

expect_status 0 --version
grep -qF "$version" "$tmp/out" || fail "--version does not print $version: $(cat "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -le 3 ] || fail "--version prints more than a few lines"
[ -s "$tmp/err" ] && fail "--version writes to stderr"
finish
