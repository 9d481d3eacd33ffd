#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --diagnostics=sarif: one SARIF 2.1.0 log on stderr, valid against the
# SARIF schema (tests/cli/lib/sarif.py fetches it from npm once; without
# network the test fails and says so), for errors with notes, warnings,
# no diagnostic at all, a diagnostic without a position, and the
# per-check limit; the results are the text format's diagnostics, with
# UTF-16 columns.  sarif-golden holds one whole log.
. "$(dirname "$0")/lib/common.sh"
sarif=tests/cli/lib/sarif.py
python3 "$sarif" schema "$tmp/schema.json" || exit 1

# sarif NAME STATUS ARGS...: mirc check with a SARIF log, kept as NAME.
sarif() {
	local name=$1 want=$2
	shift 2
	expect_status "$want" check --diagnostics=sarif "$@"
	[ -s "$tmp/out" ] && fail "$name: output on stdout"
	cp "$tmp/err" "$tmp/$name.sarif"
}

prog=tests/cli/inputs/errors.mir
expect_status 1 check --color=never -f "$prog"
cp "$tmp/err" "$tmp/text"
sarif errors 1 -f "$prog"
sarif werror 1 -Werror -f "$prog"
sarif clean 0 -f tests/cli/inputs/project/config.mir
sarif cmdline 1 --boot-args=--bogus=1 -f tests/cli/inputs/project/config.mir
# Two lines with multi-byte characters before the error: é is 2 bytes and
# one UTF-16 unit, the emoji 4 bytes and two units.  The file is outside
# the working directory, and its name needs escaping in a URI.
u8="$tmp/a b"$'\303\251'.mir
printf 'job main(t: string) { }\nregister "main" [ main("\303\251\360\237\230\200"), nosuch ];\n' >"$u8"
sarif utf8 1 -f "$u8"
# Three unused keys, at most two shown.
{
	echo 'job main() { }'
	echo 'register "main" [ main ];'
	for i in 1 2 3; do echo "key k$i : bool = false;"; done
} >"$tmp/unused.mir"
sarif limit 0 --max-diagnostics=2 -f "$tmp/unused.mir"
# A note about the run that is no diagnostic (a saved insecure key left
# out for another target) is in the log, not printed beside it.
cp -r samples/random "$tmp/p"
expect_status 0 configure -q -t cortex_m3 --insecure-random -f "$tmp/p/config.mir"
sarif context 0 -t virtio -f "$tmp/p/config.mir"

logs=()
for n in errors werror clean cmdline utf8 limit context; do logs+=("$tmp/$n.sarif"); done
python3 "$sarif" validate "$tmp/schema.json" "${logs[@]}" ||
	fail "a SARIF log is not valid against the schema (above)"
# The validation can fail: a level SARIF does not have, or a file URI
# with a space, is rejected, or the step above proves nothing.
python3 - "$tmp/errors.sarif" "$tmp/broken" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"][0]["level"] = "fatal"
json.dump(log, open(sys.argv[2] + "-level.sarif", "w"))
log = json.load(open(sys.argv[1]))
log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b.mir"
json.dump(log, open(sys.argv[2] + "-uri.sarif", "w"))
PY
for b in level uri; do
	python3 "$sarif" validate "$tmp/schema.json" "$tmp/broken-$b.sarif" 2>/dev/null &&
		fail "the schema accepted a log with a bad $b"
done

python3 - "$tmp" "$prog" <<'PY' || fail "SARIF logs are wrong (see above)"
import json, os, re, sys
tmp, prog = sys.argv[1], sys.argv[2]
errs = []
def load(name):
    return json.load(open(os.path.join(tmp, name + ".sarif")))
def run(name):
    log = load(name)
    if len(log["runs"]) != 1:
        errs.append("%s: %d runs" % (name, len(log["runs"])))
    return log["runs"][0]
def where(r):
    loc = r["locations"][0]["physicalLocation"]
    reg = loc["region"]
    return loc["artifactLocation"], reg

# Every check is a rule, and each result points at its own.
r = run("errors")
rules = r["tool"]["driver"]["rules"]
ids = [x["id"] for x in rules]
if len(set(ids)) != len(ids) or "type-mismatch" not in ids or len(ids) < 20:
    errs.append("rules: %s" % ids)
for name in ("errors", "werror", "cmdline", "utf8", "limit"):
    for res in run(name)["results"]:
        if ids[res["ruleIndex"]] != res["ruleId"]:
            errs.append("%s: ruleIndex %d is not %s" % (name, res["ruleIndex"], res["ruleId"]))
if not r["invocations"][0]["executionSuccessful"]:
    errs.append("errors in the program made executionSuccessful false")

# The same diagnostics as the text format (its columns are bytes; this
# program is ASCII, so they are the SARIF columns too).
want = re.findall(r"^(\S+?):(\d+):(\d+): (error|warning)\[([a-z-]+)\]: (.*)$",
                  open(os.path.join(tmp, "text")).read(), re.M)
got = []
for res in r["results"]:
    art, reg = where(res)
    if art.get("uriBaseId") != "%SRCROOT%":
        errs.append("result not relative to %%SRCROOT%%: %s" % art)
    got.append((art["uri"], str(reg["startLine"]), str(reg["startColumn"]),
                res["level"], res["ruleId"], res["message"]["text"]))
if sorted(want) != sorted(got):
    errs.append("sarif and text differ:\n  text:  %s\n  sarif: %s" % (want, got))
root = r["originalUriBaseIds"]["%SRCROOT%"]["uri"]
if root != "file://" + os.getcwd() + "/":
    errs.append("%%SRCROOT%% is %s, not the working directory" % root)
tm = [x for x in r["results"] if x["ruleId"] == "type-mismatch"][0]
rel = tm.get("relatedLocations") or [{}]
if rel[0].get("physicalLocation", {}).get("region", {}).get("startLine") != 12 or \
        "declared here" not in rel[0].get("message", {}).get("text", ""):
    errs.append("the type-mismatch note is no related location at line 12: %s" % rel)

# -Werror: the warning is an error; its rule's default stays warning.
w = [x for x in run("werror")["results"] if x["ruleId"] == "unreachable-arm"]
if [x["level"] for x in w] != ["error"]:
    errs.append("-Werror: unreachable-arm is %s" % [x["level"] for x in w])
if rules[ids.index("unreachable-arm")]["defaultConfiguration"]["level"] != "warning":
    errs.append("unreachable-arm's default level is not warning")

# No diagnostic: still a log, with no result.
c = run("clean")
if c["results"] != [] or not c["invocations"][0]["executionSuccessful"]:
    errs.append("clean program: %s" % c["results"])

# A diagnostic without a position: no location, its note in the message.
res = run("cmdline")["results"]
if len(res) != 1 or "locations" in res[0] or \
        not res[0]["message"]["text"].startswith("--boot-args: unknown option") or \
        "\nnote: the program would stop with status 64" not in res[0]["message"]["text"]:
    errs.append("command-line diagnostic: %s" % res)

# UTF-16 columns, the end exclusive: 'nosuch' is bytes 35-40 of its line,
# after 2 + 4 bytes that are 1 + 2 units.
art, reg = where(run("utf8")["results"][0])
if (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) != (2, 32, 2, 38):
    errs.append("utf8: region %s, expected line 2 columns 32 to 38" % reg)
want = "file://" + os.path.realpath(tmp) + "/a%20b%C3%A9.mir"
if art != {"uri": want}:
    errs.append("utf8: artifact %s, expected the URI %s" % (art, want))

# The limit: two results, the third a notification of the run.
l = run("limit")
if [x["ruleId"] for x in l["results"]] != ["unused", "unused"]:
    errs.append("limit: results %s" % l["results"])
notes = l["invocations"][0].get("toolExecutionNotifications", [])
if len(notes) != 1 or notes[0]["associatedRule"]["id"] != "unused" or \
        not notes[0]["message"]["text"].startswith("1 more unused diagnostic not shown"):
    errs.append("limit: notifications %s" % notes)
c = run("context")["invocations"][0]
if c.get("toolExecutionNotifications", [{}])[0].get("message", {}).get("text", "").find(
        "saved key insecure_random=true not used") != 0:
    errs.append("context: the note about the saved key is no notification: %s" % c)
for e in errs:
    print("  " + e, file=sys.stderr)
sys.exit(1 if errs else 0)
PY
finish
