#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A package that pkg-config cannot find: configure exits 3 with mirc's own
# message first (naming the package and the job), pkg-config's words only
# after it as notes, never raw; nothing is written.  A constraint pkg-config
# would misread is a bad-field error of `mirc check` (tests/check/
# bad-field-packages.mir).
. "$(dirname "$0")/lib/common.sh"

mkdir "$tmp/p"
cat >"$tmp/p/config.mir" <<'MIR'
job pk {
	packages "nosuch-mirc-test-package >= 1";
}
register "pk" [ pk ];
MIR
expect_status 3 configure -f "$tmp/p/config.mir"
head -n 1 "$tmp/err" | grep -q "^mirc: package 'nosuch-mirc-test-package >= 1', needed by job 'pk'" ||
	fail "the first line is not mirc's message: $(head -n 1 "$tmp/err")"
grep -v '^mirc: ' "$tmp/err" | grep . && fail "lines not from mirc (pkg-config's raw output?) above"
grep -q '^mirc: note: pkg-config: .*nosuch-mirc-test-package' "$tmp/err" ||
	fail "pkg-config's reason is not quoted as a note: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "output on stdout: $(cat "$tmp/out")"
[ -e "$tmp/p/Makefile" ] || [ -e "$tmp/p/mirc" ] && fail "configure wrote files"
finish
