#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --diagnostics=json: one JSON object per line, with the documented fields,
# the same diagnostics as the text format, and nothing else on the stream.
. "$(dirname "$0")/lib/common.sh"
prog=tests/cli/inputs/errors.mir

expect_status 1 check --color=never -f "$prog"
cp "$tmp/err" "$tmp/text"
expect_status 1 check --diagnostics=json -f "$prog"
[ -s "$tmp/out" ] && fail "json diagnostics: output on stdout"

python3 - "$tmp/err" "$tmp/text" "$prog" <<'PY' || fail "json diagnostics are wrong (see above)"
import json, re, sys
errs = []
lines = open(sys.argv[1]).read().splitlines()
text = open(sys.argv[2]).read()
prog = sys.argv[3]
objs = []
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except ValueError as e:
        errs.append("line %d is not JSON (%s): %r" % (n, e, line))
        continue
    if not isinstance(o, dict):
        errs.append("line %d is not an object" % n)
        continue
    objs.append(o)
    for f, t in [("file", str), ("line", int), ("column", int), ("end_line", int),
                 ("end_column", int), ("severity", str), ("check", str),
                 ("message", str), ("notes", list)]:
        if not isinstance(o.get(f), t):
            errs.append("line %d: field %r missing or not %s" % (n, f, t.__name__))
    if o.get("severity") not in ("error", "warning"):
        errs.append("line %d: severity %r" % (n, o.get("severity")))
    if isinstance(o.get("line"), int) and isinstance(o.get("end_line"), int):
        if (o["end_line"], o.get("end_column", 0)) < (o["line"], o.get("column", 0)):
            errs.append("line %d: the range ends before it starts" % n)
    for note in o.get("notes") or []:
        if not isinstance(note, dict) or not isinstance(note.get("message"), str):
            errs.append("line %d: a note is not an object with a message" % n)
# The same diagnostics as the text format: file:line:col: severity[check]: message
want = re.findall(r"^(\S+?):(\d+):(\d+): (error|warning)\[([a-z-]+)\]: (.*)$", text, re.M)
got = [(o.get("file"), str(o.get("line")), str(o.get("column")), o.get("severity"),
        o.get("check"), o.get("message")) for o in objs]
if sorted(want) != sorted(got):
    errs.append("json and text differ:\n  text: %s\n  json: %s" % (want, got))
checks = sorted(o.get("check") for o in objs)
if checks != ["type-mismatch", "unknown-name", "unreachable-arm"]:
    errs.append("checks %s" % checks)
tm = [o for o in objs if o.get("check") == "type-mismatch"]
if tm and not any(n.get("file") == prog and n.get("line") == 12 for n in tm[0]["notes"]):
    errs.append("the type-mismatch has no note at %s line 12: %s" % (prog, tm[0]["notes"]))
for e in errs:
    print("  " + e, file=sys.stderr)
sys.exit(1 if errs else 0)
PY

# A clean program: nothing at all.
expect_status 0 check --diagnostics=json -f tests/cli/inputs/project/config.mir
[ -s "$tmp/err" ] && fail "json diagnostics of a clean program: $(cat "$tmp/err")"
# A diagnostic without a source location (a bad key value) is valid JSON too.
expect_status 1 check --diagnostics=json --debug=maybe -f tests/cli/inputs/project/config.mir
python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' <"$tmp/err" ||
	fail "json diagnostic of a bad key value is not JSON: $(cat "$tmp/err")"
grep -q '"bad-literal"' "$tmp/err" || fail "bad key value: no bad-literal diagnostic"
finish
