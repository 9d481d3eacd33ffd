#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --color=always colours diagnostics, never/auto-off-a-terminal/NO_COLOR do
# not (an empty NO_COLOR does), and the coloured text is the plain text plus
# escapes.
. "$(dirname "$0")/lib/common.sh"
prog=tests/cli/inputs/errors.mir
esc=$(printf '\033')

expect_status 1 check --color=never -f "$prog"
cp "$tmp/err" "$tmp/plain"
grep -q "$esc" "$tmp/plain" && fail "--color=never: escape sequences"

expect_status 1 check --color=always -f "$prog"
grep -q "$esc\[" "$tmp/err" || fail "--color=always: no ANSI escape sequence"
sed "s/$esc\[[0-9;]*m//g" "$tmp/err" >"$tmp/stripped"
diff -u "$tmp/plain" "$tmp/stripped" || fail "--color=always minus the escapes differs from --color=never"

# auto: stderr is a file here, not a terminal.
expect_status 1 check --color=auto -f "$prog"
grep -q "$esc" "$tmp/err" && fail "--color=auto off a terminal: escape sequences"
expect_status 1 check -f "$prog"
grep -q "$esc" "$tmp/err" && fail "default off a terminal: escape sequences"

# NO_COLOR, also when a terminal is faked with script(1) if available.
NO_COLOR=1 expect_status 1 check --color=auto -f "$prog"
grep -q "$esc" "$tmp/err" && fail "NO_COLOR: escape sequences"
if command -v script >/dev/null 2>&1; then
	NO_COLOR=1 script -qec "$mirc check -f $prog" /dev/null >"$tmp/tty" 2>&1
	grep -q "$esc\[[0-9;]*m" "$tmp/tty" && fail "NO_COLOR on a terminal: escape sequences"
	script -qec "$mirc check -f $prog" /dev/null >"$tmp/tty" 2>&1
	grep -q "$esc\[" "$tmp/tty" || fail "--color=auto on a terminal: no colour"
	# mirc(1): only a non-empty NO_COLOR turns colour off.
	NO_COLOR= script -qec "$mirc check -f $prog" /dev/null >"$tmp/tty" 2>&1
	grep -q "$esc\[" "$tmp/tty" || fail "an empty NO_COLOR on a terminal: no colour"
fi
finish
