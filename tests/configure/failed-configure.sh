#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A configure that fails leaves the files of the previous configure exactly
# as they were (contents, modes and mtimes), and the program still builds
# from them:
#   - a type error introduced after a good configure (exit status 1);
#   - an unknown key value on the command line (exit status 1 or 2);
#   - a change that would rewrite main.c, with a hand-written file in the
#     way of a later output (exit status 3): main.c must not be half
#     updated (cli.md: write to temporary files, rename at the end).
# No temporary file is left behind in any case.
. "$(dirname "$0")/lib/common.sh"

project args p
mirc_ok p configure
build p
snapshot p "$tmp/good"
cp "$tmp/p/config.mir" "$tmp/config.good"

# expect_unchanged WHAT: the project is as in $tmp/good, but for config.mir.
expect_unchanged() {
	snapshot p "$tmp/now"
	diff -u <(grep -v 'config.mir' "$tmp/good") <(grep -v 'config.mir' "$tmp/now") >&2 ||
		fail "$1: the previous generated files changed (diff above)"
}

# 1. A type error.
sed -i 's/register "args" \[ show(sink("> ")) \];/register "args" [ show(sink(42)) ];/' "$tmp/p/config.mir"
grep -q 'sink(42)' "$tmp/p/config.mir" || die "could not introduce the type error"
sleep 1.1	# so that a rewrite would show in the mtimes
mirc_in p configure
[ "$status" -eq 1 ] || fail "configure of a program with a type error: exit status $status, expected 1"
grep -q 'error\[type-mismatch\]' "$tmp/mirc.err" || fail "no type-mismatch error: $(cat "$tmp/mirc.err")"
expect_unchanged "configure with a type error"
mirc_in p build
[ "$status" -eq 1 ] || fail "build of a program with a type error: exit status $status, expected 1"
expect_unchanged "build with a type error"

# 2. A bad key value on the command line.
cp "$tmp/config.good" "$tmp/p/config.mir"
mirc_in p configure --no-such-key=1
case $status in 1 | 2) ;; *) fail "configure --no-such-key=1: exit status $status, expected 1 or 2" ;; esac
expect_unchanged "configure with an unknown key"

# 3. main.c would change, but a later output is in the way.
sed -i 's/sink("> ")/sink(">> ")/' "$tmp/p/config.mir"
mirc_in p query main
grep -q '">> "' "$tmp/mirc.out" || die "the change does not change main.c"
rm "$tmp/p/mirc/compile_commands.json"
echo '{ "hand": "written" }' >"$tmp/p/mirc/compile_commands.json"
snapshot p "$tmp/good"
mirc_in p configure
[ "$status" -eq 3 ] || fail "configure with a hand-written mirc/compile_commands.json: exit status $status, expected 3"
expect_unchanged "configure with a file in the way"
grep -q '">> "' "$tmp/p/mirc/main.c" && fail "main.c was rewritten although configure failed"

# The previous program still builds and runs.
cp "$tmp/config.good" "$tmp/p/config.mir"
build p
expect_prog 0 p --token=t
leftovers=$(cd "$tmp/p" && find . -name '*.tmp*' -o -name '.mirc*' -o -name '*~' | head)
[ -z "$leftovers" ] || fail "temporary files left behind: $leftovers"
finish
