#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/lsp.sh [BUILD_DIR] - how long does `mirc lsp` take to answer an
# edit of a large file?  Builds mirc and the generator (Release) in
# BUILD_DIR (default build-bench/), generates a program of BENCH_DEVICES
# (default 10000) devices (bench/gen.c), opens it in `mirc lsp` and times
# BENCH_EDITS (default 50) edits: from the didChange (the full text, a
# comment line inserted at a different place each time) to the
# publishDiagnostics that answers it.  Each edit is the generated text
# with one comment line more, so from one edit to the next a line goes
# and another comes, far apart: the server, which parses again only the
# declarations in lines that changed, has two places to parse.  Prints
# the median, the 90th and 99th percentiles and the maximum, each as a
# ratio to the goal of 50 ms (issue 12: every edit, so the goal's mark
# is on the slowest one), and, measured in the same run, the baselines:
# the best of 5 `mirc check` of the same file (a whole process:
# start-up, prelude, backends) and, when BENCH_BASELINE names another mirc binary (say one
# built from an older commit), the same edits answered by its server.
# The server's CPU time per edit (from /proc) is printed too: unlike wall
# times it does not depend on what else the machine runs.  Wall times on
# a loaded machine include waiting for a CPU: the load average is
# printed with them.
#
# This is a benchmark, not a test: it fails only when mirc fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build-bench}
devices=${BENCH_DEVICES:-10000}
edits=${BENCH_EDITS:-50}
mkdir -p "$build"
build=$(cd "$build" && pwd)

if ! { [ -f "$build/CMakeCache.txt" ] ||
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release; } \
	>"$build/bench-build.log" 2>&1 ||
	! cmake --build "$build" -j"$(nproc)" --target mirc mirc-bench-gen \
		>>"$build/bench-build.log" 2>&1; then
	cat "$build/bench-build.log" >&2
	echo "bench: the build failed" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-bench-lsp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$build/bench/mirc-bench-gen" "$devices" "$tmp/config.mir" 2>/dev/null
"$build/mirc" check -f "$tmp/config.mir"

python3 - "$build/mirc" "$tmp/config.mir" "$edits" "$root/tests/lsp" \
	"${BENCH_BASELINE:-}" <<'PY'
import os, statistics, subprocess, sys, time
mirc, path, edits, libdir, baseline = sys.argv[1:6]
edits = int(edits)
sys.path.insert(0, libdir)
import lspclient

GOAL = 0.050
text = open(path).read()
lines = text.split("\n")


def cpu(pid):
    """user + system seconds of a process, from /proc."""
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def serve(binary):
    """didOpen time, sorted edit times, CPU seconds per edit."""
    c = lspclient.Client(binary, cwd=os.path.dirname(path), timeout=120)
    c.request("initialize", {"capabilities": {}})
    c.notify("initialized", {})
    uri = lspclient.uri(path)
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "mir", "version": 0, "text": text}})
    diags = c.diagnostics(uri)
    opened = time.perf_counter() - t0
    if diags:
        sys.exit("bench: the generated program has diagnostics: %r" % diags[:3])
    times = []
    cpu0 = cpu(c.proc.pid)
    for i in range(1, edits + 1):
        at = (i * 7919) % len(lines)
        edited = "\n".join(lines[:at] + ["// edit %d" % i] + lines[at:])
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": i},
            "contentChanges": [{"text": edited}]})
        d = c.diagnostics(uri)
        times.append(time.perf_counter() - t0)
        if d:
            sys.exit("bench: edit %d gave diagnostics: %r" % (i, d[:3]))
    per_edit = (cpu(c.proc.pid) - cpu0) / edits
    if c.finish() != 0:
        sys.exit("bench: %s lsp did not exit cleanly" % binary)
    return opened, sorted(times), per_edit


ms = lambda s: "%.1f ms" % (s * 1000)
pct = lambda t, q: t[min(len(t) - 1, int(len(t) * q))]


def report(name, opened, times, per_edit):
    med = statistics.median(times)
    print("%s, %d lines, %d edits (didChange -> publishDiagnostics):"
          % (name, len(lines), edits))
    for label, v in (("median", med), ("p90", pct(times, 0.9)),
                     ("p99", pct(times, 0.99)), ("max", times[-1])):
        print("  %-6s %9s  %.2f x the goal" % (label, ms(v), v / GOAL))
    print("  server CPU per edit %s (%.2f x the goal); didOpen %s"
          % (ms(per_edit), per_edit / GOAL, ms(opened)))
    return times[-1]


checks = []
for _ in range(5):
    t0 = time.perf_counter()
    subprocess.run([mirc, "check", "-f", path], check=True)
    checks.append(time.perf_counter() - t0)
if baseline:
    report("baseline %s lsp" % baseline, *serve(baseline))
slowest = report("mirc lsp", *serve(mirc))
# Issue 12: "answers each edit ... in under 50 ms": the slowest one.
print("goal: every edit under 50 ms (the slowest: %s): %s"
      % (ms(slowest), "met" if slowest < GOAL else "NOT met"))
print("baseline: mirc check of the same file (process), best of 5: %s"
      % ms(min(checks)))
print("load average %s on %d CPUs: wall times include waiting for a CPU,"
      " the CPU times do not" % (" ".join(open("/proc/loadavg").read()
                                           .split()[:3]), os.cpu_count()))
PY
