#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# descriptors.sh MIRC SRCDIR - a target is its directory backends/NAME/,
# and the facts written there agree with each other and with the rest:
#
# - `backends/targets.py check`: every "provides" entry is an impl of the
#   library whose header and sources exist, every library impl with C
#   code is provided somewhere, each default is provided, and every
#   target has what the test suite, the tools and the manual read
#   (toolchain packages, test_run where it runs, target.7 ...);
# - the checker fails on a copy with a broken descriptor (it can fail);
# - man/mirc-targets.7 is what its template and the target.7 files make;
# - each target's generated defaults check: samples/hello, whose job uses
#   default_time, checks on every target, and samples/random checks
#   where the defaults give it an entropy source and stops with
#   unavailable-on-target (random_none) where "random" is null.
set -u

mirc=$1 srcdir=$2
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
nfail=0
fail() { echo "FAIL targets/descriptors: $*" >&2; nfail=$((nfail + 1)); }
targets=$srcdir/backends/targets.py

python3 "$targets" check >"$tmp/check.out" 2>&1 ||
	{ cat "$tmp/check.out" >&2; fail "backends/targets.py check"; }

# A copy whose descriptor provides an impl that does not exist and
# defaults to one it does not provide: both are reported.
mkdir -p "$tmp/home"
cp -R stdlib backends samples "$tmp/home/"
first=$(python3 "$targets" names | head -1)
python3 - "$tmp/home/backends/$first/backend.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["provides"].append("no_such_impl")
d["defaults"]["console"] = "kv_dir_missing"
json.dump(d, open(sys.argv[1], "w"))
EOF
if python3 "$tmp/home/backends/targets.py" check >"$tmp/bad.out" 2>&1; then
	fail "the checker accepted a broken descriptor"
fi
for want in "provides 'no_such_impl'" "defaults.console is 'kv_dir_missing'"; do
	grep -qF "$want" "$tmp/bad.out" ||
		{ cat "$tmp/bad.out" >&2; fail "the checker did not report: $want"; }
done

# The manual page is the assembly of its pieces.
python3 "$targets" man man/mirc-targets.7.in "$tmp/mirc-targets.7" ||
	fail "backends/targets.py man"
diff -u man/mirc-targets.7 "$tmp/mirc-targets.7" >&2 ||
	fail "man/mirc-targets.7 is not what man/mirc-targets.7.in and backends/*/target.7 make (build mirc to rewrite it)"

# The generated defaults, target by target.
for t in $(python3 "$targets" names); do
	(cd samples/hello && "$mirc" check -t "$t") >"$tmp/hello.out" 2>&1 ||
		{ cat "$tmp/hello.out" >&2; fail "samples/hello does not check on $t"; }
	(cd samples/random && "$mirc" check -t "$t") >"$tmp/random.out" 2>&1
	st=$?
	if python3 "$targets" get "$t" defaults.random >/dev/null; then
		[ "$st" -eq 0 ] ||
			{ cat "$tmp/random.out" >&2; fail "samples/random does not check on $t"; }
	elif [ "$st" -eq 0 ] || ! grep -q "unavailable-on-target.*random_none" "$tmp/random.out"; then
		cat "$tmp/random.out" >&2
		fail "$t has no entropy source: samples/random must stop at random_none"
	fi
done

[ "$nfail" -eq 0 ] || exit 1
echo "ok targets/descriptors"
