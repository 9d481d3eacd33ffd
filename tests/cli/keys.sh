#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Key options: dashes for underscores, --KEY/--no-KEY for bools, -t,
# --target and MIRC_TARGET (the option wins), checked through query keys.
. "$(dirname "$0")/lib/common.sh"
prog=tests/query/program.mir

# key_is NAME VALUE DEFAULT ARGS...: after ARGS, key NAME has VALUE.
key_is() {
	local name=$1 value=$2 def=$3
	shift 3
	expect_status 0 query keys --json -f "$prog" "$@"
	python3 - "$tmp/out" "$name" "$value" "$def" <<'PY' || fail "query keys $*: $name is not $value (default: $def)"
import json, sys
doc = json.load(open(sys.argv[1]))
keys = doc["keys"] if isinstance(doc, dict) else doc
k = [k for k in keys if k["name"] == sys.argv[2]]
ok = len(k) == 1 and str(k[0]["value"]).lower() == sys.argv[3] \
    and str(k[0]["default"]).lower() == sys.argv[4]
if not ok:
    print("  got: %s" % k, file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

key_is verbose true true
key_is verbose false false --no-verbose
key_is verbose true false --verbose
key_is verbose false false --verbose=false
key_is period_ms 1000 true
key_is period_ms 50 false --period-ms=50
key_is period_ms 7 false --period_ms=7
key_is label "a b" false "--label=a b"
key_is level high false --level=high
key_is target unix true
key_is target unix false -t unix
key_is target unix false --target=unix
MIRC_TARGET=nosuch key_is target unix false -t unix
MIRC_TARGET=unix key_is target unix false
MIRC_TARGET=nosuch expect_status 1 query keys -f "$prog"
finish
