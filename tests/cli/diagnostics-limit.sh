#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# At most 100 diagnostics of one check are printed (--max-diagnostics=N
# changes it, 0 for all), then one note says how many more there were; the
# summary line still counts every one (mirc(1)).  250,000 unused keys give
# kilobytes, not the 45 MB they used to.
. "$(dirname "$0")/lib/common.sh"

# program K L: a program with K unused keys and L lets naming nothing.
program() {
	{
		echo 'job main() { }'
		echo 'register "main" [ main ];'
		awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print "key k" i " : bool = false;" }'
		awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) print "let l" i " = nosuch" i ";" }' 
	} >"$tmp/config.mir"
}
count() { grep -c "$1" "$tmp/err"; }

program 250 0
expect_status 0 check -f "$tmp/config.mir"
[ "$(count 'warning\[unused\]')" -eq 100 ] || fail "default: $(count 'warning\[unused\]') unused warnings printed, expected 100"
grep -q '^mirc: note\[unused\]: 150 more unused diagnostics not shown' "$tmp/err" ||
	fail "default: no note with the 150 left out: $(tail -n 3 "$tmp/err")"
[ "$(tail -n 1 "$tmp/err")" = "0 errors, 250 warnings" ] || fail "default: summary '$(tail -n 1 "$tmp/err")'"

expect_status 0 check --max-diagnostics=0 -f "$tmp/config.mir"
[ "$(count 'warning\[unused\]')" -eq 250 ] || fail "--max-diagnostics=0: $(count 'warning\[unused\]') printed, expected 250"
grep -q 'not shown' "$tmp/err" && fail "--max-diagnostics=0: a note about diagnostics not shown"

expect_status 0 check --max-diagnostics 7 -f "$tmp/config.mir"
[ "$(count 'warning\[unused\]')" -eq 7 ] || fail "--max-diagnostics 7: $(count 'warning\[unused\]') printed"
grep -q '243 more unused diagnostics not shown' "$tmp/err" || fail "--max-diagnostics 7: no note with 243"
[ "$(tail -n 1 "$tmp/err")" = "0 errors, 250 warnings" ] || fail "--max-diagnostics 7: summary '$(tail -n 1 "$tmp/err")'"

# JSON: the same limit, the note as one more object.
expect_status 0 check --diagnostics=json --max-diagnostics=5 -f "$tmp/config.mir"
python3 - "$tmp/err" <<'PY' || fail "json: $(tail -n 2 "$tmp/err")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 6, len(lines)
assert all(d["check"] == "unused" and d["severity"] == "warning" for d in lines[:5])
n = lines[5]
assert n["severity"] == "note" and n["check"] == "unused" and n["file"] is None, n
assert n["message"].startswith("245 more unused diagnostics not shown"), n
PY

# Per check: 120 errors of one check are capped as well, and the summary
# counts them all.
program 0 120
expect_status 1 check -f "$tmp/config.mir"
[ "$(count 'error\[unknown-name\]')" -eq 100 ] || fail "errors: $(count 'error\[unknown-name\]') printed, expected 100"
grep -q 'note\[unknown-name\]: 20 more unknown-name diagnostics not shown' "$tmp/err" || fail "errors: no note with 20"
[ "$(tail -n 1 "$tmp/err")" = "120 errors, 0 warnings" ] || fail "errors: summary '$(tail -n 1 "$tmp/err")'"

# The size that prompted it.
program 250000 0
expect_status 0 check -f "$tmp/config.mir"
size=$(wc -c <"$tmp/err")
[ "$size" -lt 65536 ] || fail "250000 unused keys: $size bytes of diagnostics"
[ "$(tail -n 1 "$tmp/err")" = "0 errors, 250000 warnings" ] || fail "250000 keys: summary '$(tail -n 1 "$tmp/err")'"
finish
