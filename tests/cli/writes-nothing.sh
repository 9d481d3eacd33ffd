#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check, describe and query write nothing in the project directory, for a
# good program and for one with errors, with -f and with the default file.
. "$(dirname "$0")/lib/common.sh"

cp -R tests/cli/inputs/project "$tmp/p"
cp tests/cli/inputs/errors.mir "$tmp/p/errors.mir"
listing() { find "$tmp/p" -printf '%P %y %s %m %T@\n' | sort; }
listing >"$tmp/before"

expect_status 0 check -f "$tmp/p/config.mir"
expect_status 0 check -f "$tmp/p/config.mir" --debug -Werror
expect_status 1 check -f "$tmp/p/errors.mir"
expect_status 0 describe -f "$tmp/p/config.mir"
expect_status 0 describe --format=dot --no-eval -f "$tmp/p/config.mir"
expect_status 0 describe --format=json -f "$tmp/p/config.mir"
for what in name target keys args devices; do
	expect_status 0 query "$what" -f "$tmp/p/config.mir"
done
(cd "$tmp/p" && ${MIRC_WRAPPER:-} "$mirc" check >/dev/null 2>&1) ||
	fail "mirc check in the project directory failed"
(cd "$tmp/p" && ${MIRC_WRAPPER:-} "$mirc" describe >/dev/null 2>&1) ||
	fail "mirc describe in the project directory failed"

listing >"$tmp/after"
diff -u "$tmp/before" "$tmp/after" || fail "the project directory changed"
finish
