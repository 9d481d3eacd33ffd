#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One whole SARIF log (--diagnostics=sarif) against its golden file,
# tests/cli/inputs/errors.sarif: two errors, one with a related location,
# and a warning.  What depends on the build and the machine is replaced:
# mirc's version, and the working directory that %SRCROOT% stands for.
# MIRC_UPDATE=1 rewrites the golden file.  sarif-diagnostics validates
# logs against the schema.
. "$(dirname "$0")/lib/common.sh"
expect_status 1 check --diagnostics=sarif -f tests/cli/inputs/errors.mir
python3 - "$tmp/err" "$tmp/log.sarif" <<'PY' || fail "the log is not JSON: $(head -c 300 "$tmp/err")"
import json, sys
log = json.load(open(sys.argv[1]))
for run in log["runs"]:
    d = run["tool"]["driver"]
    for k in ("version", "semanticVersion"):
        if k in d:
            d[k] = "VERSION"
    for base in run.get("originalUriBaseIds", {}).values():
        base["uri"] = "file:///CWD/"
with open(sys.argv[2], "w") as fh:
    json.dump(log, fh, indent=2, ensure_ascii=False)
    fh.write("\n")
PY
lib_golden "$tmp/log.sarif" tests/cli/inputs/errors.sarif "mirc check --diagnostics=sarif" ||
	fail "the SARIF log differs from tests/cli/inputs/errors.sarif"
finish
