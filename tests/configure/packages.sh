#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# `packages` of the impls in the graph are pkg-config modules whose version
# constraints configure checks before it writes anything: a program whose
# constraint holds builds and links with the module's flags; one whose
# constraint fails makes configure exit 3 naming the package and the impl,
# and the files of the previous configure stay as they were.
. "$(dirname "$0")/lib/common.sh"

project packages p
mirc_ok p configure
build p
prog p
[ "$(cat "$tmp/out")" = "jansson says 42" ] ||
	fail "the program printed: $(cat "$tmp/out")"

snapshot p "$tmp/before"
sed -i 's/jansson >= 2.0/jansson >= 999.0/' "$tmp/p/config.mir"
mirc_in p configure
[ "$status" -eq 3 ] || fail "an unmet package constraint: exit status $status, expected 3"
grep -q "jansson >= 999.0" "$tmp/mirc.err" && grep -q "'pk'" "$tmp/mirc.err" ||
	fail "the error does not name the package and the job: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/after"
# config.mir itself changed; nothing generated did.
grep -v 'config.mir' "$tmp/before" >"$tmp/b" || true
grep -v 'config.mir' "$tmp/after" >"$tmp/a" || true
diff -u "$tmp/b" "$tmp/a" >&2 || fail "a failed configure changed generated files (diff above)"
finish
