#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# run-target.sh MIRC SRCDIR TARGET SAMPLE - build samples/SAMPLE for TARGET
# with the target's cross toolchain and run it the way a user would,
# `make run` (under qemu where the target needs it), checking its output
# and exit status against the same expected files as the unix runs
# (tests/run/SAMPLE[.V].out, .args, .sed, .status; see run-sample.sh).
#
# Variants that check host files after the run (.check) or configure keys
# (.configure) are unix-only and left out here (a .setup script runs in the
# project after the build, as there); so are .time
# limits: emulated targets may run in qemu's virtual time
# (-icount shift=auto,sleep=off), where a 1 s sleep takes milliseconds.
# How the target runs is its descriptor's "test_run" (backends/README.md):
# runflags go to `make run` as RUNFLAGS, timeout_seconds bounds each run.
# backends/TARGET/tests/SAMPLE.configure adds configure arguments for one
# target (e.g. --insecure-random where there is no entropy source), and
# backends/TARGET/tests/SAMPLE.first holds a line that output must start
# with on that target (the insecure generator's warning), compared and
# removed before the rest is compared with the unix expectation.
# A sample that `mirc check` finds unavailable on the target (only
# unavailable-on-target errors) is skipped with status 77.
# Every build adds -Werror to the target's warning flags.
set -u

mirc=$1 srcdir=$2 target=$3 sample=$4
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
here=$srcdir/tests/run
src=$srcdir/samples/$sample
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL targets/$target/$sample${variant:+ ($variant)}: $*" >&2; exit 1; }

# The target's descriptor: how its tests run.
desc() { python3 "$srcdir/backends/targets.py" get "$target" "$1"; }
mapfile -t rf < <(desc test_run.runflags)
runflags=${rf[*]}
limit=$(desc test_run.timeout_seconds) || limit=120
own=$srcdir/backends/$target/tests

extra=()
[ -f "$own/$sample.configure" ] &&
	mapfile -t extra < <(sed '/^$/d' "$own/$sample.configure")

variants=()
for f in "$here/$sample.out" "$here/$sample".*.out; do
	[ -f "$f" ] || continue
	v=${f##*/}
	v=${v#"$sample"}
	v=${v%.out}
	v=${v#.}
	b=$here/$sample${v:+.$v}
	[ -f "$b.check" ] || [ -f "$b.configure" ] && continue
	variants+=("$v")
done
[ "${#variants[@]}" -gt 0 ] || fail "no expected output in tests/run for $sample"

proj=$tmp/$sample
cp -R "$src" "$proj" || fail "cannot copy $src"
rm -rf "$proj/Makefile" "$proj/mirc" "$proj/dist"
# Availability decides which samples a target runs, not a list here.
if ! (cd "$proj" && "$mirc" check -t "$target" "${extra[@]}") >"$tmp/check.log" 2>&1; then
	if grep -q 'error\[' "$tmp/check.log" &&
		! grep 'error\[' "$tmp/check.log" | grep -vq 'error\[unavailable-on-target\]'; then
		grep 'error\[' "$tmp/check.log"
		echo "skip targets/$target/$sample: not available on $target"
		exit 77
	fi
fi
(cd "$proj" && "$mirc" configure -q -t "$target" "${extra[@]}") >"$tmp/configure.log" 2>&1 ||
	{ cat "$tmp/configure.log" >&2; fail "mirc configure -t $target ${extra[*]} failed"; }
make -C "$proj" EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1
st=$?
if [ "$st" -ne 0 ] || grep -q 'warning:' "$tmp/make.log"; then
	cat "$tmp/make.log" >&2
	fail "make with -Werror: exit status $st"
fi

for variant in "${variants[@]}"; do
	base=$here/$sample${variant:+.$variant}
	if [ -f "$base.setup" ]; then
		(cd "$proj" && bash -eu "$base.setup") || fail "setup ${base#"$srcdir"/}.setup failed"
	fi
	args=()
	[ -f "$base.args" ] && mapfile -t args < <(sed '/^$/d' "$base.args")
	# Each boot argument single-quoted: the shell of make's recipe (argv
	# targets) and the runtime's command-line parser (-append) both
	# take quotes.
	quoted=""
	for a in "${args[@]}"; do
		quoted="$quoted '${a//\'/\'\\\'\'}'"
	done
	# make run has no time limit of its own: a guest that hangs is
	# killed with its whole process group (qemu included).
	timeout -k 10 "$limit" make -s -C "$proj" run RUNFLAGS="$runflags" \
		ARGS="${quoted# }" >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	[ "$st" -eq 124 ] && fail "make run did not finish within $limit s"
	want=0
	[ -f "$base.status" ] && want=$(tr -d ' \n' <"$base.status")
	# make reports a failing command as its own status 2: read the
	# program's status from make's message instead.
	if [ "$st" -eq 2 ] && grep -q 'Error [0-9]*' "$tmp/err"; then
		st=$(sed -n 's/.*Error \([0-9]*\).*/\1/p' "$tmp/err" | tail -1)
		sed -i '/^make.*Error [0-9]*/d; /^make.*Leaving\|^make.*Entering/d' "$tmp/err"
	fi
	sed -E 's/^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z|\+[0-9]+\.[0-9]+) (\[[A-Z]+\] )/\2/; s/\r$//' "$tmp/out" >"$tmp/out.n"
	first=$own/$sample.first
	if [ -f "$first" ]; then
		[ "$(head -n 1 "$tmp/out.n")" = "$(head -n 1 "$first")" ] || {
			sed 's/^/  stdout: /' "$tmp/out.n" >&2
			fail "the output does not start with the line of ${first#"$srcdir"/}"
		}
		sed -i 1d "$tmp/out.n"
	fi
	if [ -f "$base.sed" ]; then
		sed -E -f "$base.sed" "$tmp/out.n" >"$tmp/out.nn" && mv "$tmp/out.nn" "$tmp/out.n"
	fi
	diff -u --label "expected ${base#"$srcdir"/}.out" --label "actual ($target)" \
		"$base.out" "$tmp/out.n" || { sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
	[ "$st" -eq "$want" ] || { sed 's/^/  stderr: /' "$tmp/err" >&2; fail "exit status $st, expected $want"; }
	echo "ok targets/$target/$sample (${variant:-default})"
done
exit 0
