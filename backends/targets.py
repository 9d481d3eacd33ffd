#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""targets.py - the facts of every backends/NAME/backend.json, for scripts.

A target is a directory: the compiler reads the descriptors itself
(compiler/backend.c), and everything else that must know the targets asks
this script instead of keeping a list of names (backends/README.md
documents the keys):

  targets.py names [--runnable] [--with KEY.PATH[=VALUE]]
      the targets, one a line: hosted ones first (the host leading),
      then by name;
      --runnable: those the test suite runs samples on (a "test_run"
      without "host": true; the host target's samples run under tests/run
      with gcc and clang); --with: those whose descriptor has KEY.PATH
      (KEY.PATH=VALUE: with that string value)
  targets.py get NAME KEY.PATH
      one value: a string as it is, a list one item a line, else JSON
  targets.py packages
      the Debian packages of every toolchain and run command
  targets.py man TEMPLATE OUTPUT
      mirc-targets(7): TEMPLATE with its `.\\" @TARGETS@` line replaced by
      each target's section (backends/NAME/target.7, @PROVIDES@ in it
      replaced by the descriptor's "provides"); OUTPUT is rewritten only
      when its text changes
  targets.py check
      the facts that must agree do agree (exit status 1 and a line per
      disagreement otherwise); run by the test targets/descriptors

Only the standard library: python3 is on every build machine, jq is not.
"""
import glob
import json
import os
import re
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULTS = ("console", "time", "mclock", "pclock", "random")


def load():
    """{name: descriptor} of every backends/NAME/backend.json."""
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "backends", "*",
                                              "backend.json"))):
        with open(path, encoding="utf-8") as fh:
            out[os.path.basename(os.path.dirname(path))] = json.load(fh)
    return out


def ordered(ds):
    """Hosted targets first, the host itself ("arch": "host") leading;
    then by name."""
    return sorted(ds, key=lambda n: (ds[n].get("kind") != "hosted",
                                     ds[n].get("arch") != "host", n))


def lookup(d, path):
    for k in path.split("."):
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def cmd_names(ds, args):
    runnable = "--runnable" in args
    with_key = args[args.index("--with") + 1] if "--with" in args else None
    for n in ordered(ds):
        tr = ds[n].get("test_run")
        if runnable and (not isinstance(tr, dict) or tr.get("host")):
            continue
        if with_key and "=" in with_key:
            k, v = with_key.split("=", 1)
            if lookup(ds[n], k) != v:
                continue
        elif with_key and lookup(ds[n], with_key) is None:
            continue
        print(n)


def cmd_get(ds, args):
    v = lookup(ds.get(args[0], {}), args[1])
    if v is None:
        return 1
    if isinstance(v, str):
        print(v)
    elif isinstance(v, list) and all(isinstance(x, str) for x in v):
        for x in v:
            print(x)
    else:
        print(json.dumps(v))
    return 0


def cmd_packages(ds, _args):
    seen = []
    for n in ordered(ds):
        for p in (lookup(ds[n], "toolchain.packages") or []) + \
                (lookup(ds[n], "run.packages") or []):
            if p not in seen:
                seen.append(p)
    print(" ".join(seen))


def section(name, d):
    """The roff of one target in mirc-targets(7)."""
    path = os.path.join(ROOT, "backends", name, "target.7")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines(True)
    while lines and lines[0].startswith('.\\"'):
        lines.pop(0)		# its SPDX line and what it is
    body = "".join(lines)
    provides = ", ".join(d.get("provides", []))
    # The list is wrapped as a person would write it: mandoc -T lint
    # (tests/man/lint.sh) wants source lines of at most 80 bytes.  Names
    # never start with "." or "'", so no wrapped line becomes a request.
    out = []
    for line in body.split("\n"):
        if "@PROVIDES@" in line:
            line = textwrap.fill(line.replace("@PROVIDES@", provides), 72,
                                 break_long_words=False,
                                 break_on_hyphens=False)
            line = re.sub(r"(?<!\\)-", r"\\-", line)
        out.append(line)
    body = "\n".join(out)
    return ".TP\n.B %s\n%s" % (name, body)


def cmd_man(ds, args):
    template, output = args
    with open(template, encoding="utf-8") as fh:
        text = fh.read()
    marker = '.\\" @TARGETS@\n'
    if marker not in text:
        print("targets.py: no line %r in %s" % (marker, template),
              file=sys.stderr)
        return 1
    head = ('.\\" Generated from %s and backends/*/target.7 by '
            "backends/targets.py man: edit those.\n"
            % os.path.relpath(template, ROOT))
    text = text.replace(marker, "".join(section(n, ds[n])
                                        for n in ordered(ds)))
    # The SPDX line stays the first.
    first, rest = text.split("\n", 1)
    text = first + "\n" + head + rest
    try:
        with open(output, encoding="utf-8") as fh:
            if fh.read() == text:
                return 0
    except OSError:
        pass
    with open(output, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


# ---- check ------------------------------------------------------------------

IMPL_RE = re.compile(r"^impl\s+([a-z_][a-z0-9_]*)\b[^{]*\{(.*?)^\}",
                     re.M | re.S)


def library_impls():
    """{impl: (file, fields text)} of the prelude and every devices.mir."""
    out = {}
    files = [os.path.join(ROOT, "stdlib", "prelude.mir")] + sorted(
        glob.glob(os.path.join(ROOT, "backends", "*", "devices.mir")))
    for f in files:
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        for m in IMPL_RE.finditer(text):
            out[m.group(1)] = (f, m.group(2))
    return out


def field_paths(body, field):
    return re.findall(r"^\s*%s\s+((?:\"[^\"]*\"\s*,?\s*)+);" % field,
                      body, re.M)


def cmd_check(ds, _args):
    errs = []
    impls = library_impls()
    provided = set()
    for n, d in ds.items():
        where = "backends/%s/backend.json" % n
        prov = d.get("provides", [])
        provided.update(prov)
        for imp in prov:
            if imp not in impls:
                errs.append("%s: provides '%s', which no .mir of the "
                            "library declares" % (where, imp))
                continue
            f, body = impls[imp]
            for paths in field_paths(body, "header") + \
                    field_paths(body, "sources"):
                for p in re.findall(r'"([^"]*)"', paths):
                    # A file of the fetched lwIP tree: mirc checks it at
                    # configure (missing-lwip), where the tree is known.
                    if p.startswith("@lwip/"):
                        continue
                    full = os.path.join(os.path.dirname(f), p)
                    if not glob.glob(full):
                        errs.append("%s: '%s' (provided) names %s, which "
                                    "does not exist" % (where, imp, p))
        dflt = d.get("defaults", {})
        for k in DEFAULTS + ("insecure_random",):
            v = dflt.get(k)
            if v is None and (k in ("random", "insecure_random")):
                continue
            if v not in prov:
                errs.append("%s: defaults.%s is %r, which it does not "
                            "provide" % (where, k, v))
        # default_network (absent: the marker network_none) and what
        # --net=auto means (compiler/backend.c).  The network may be an
        # application of the impl, netif_virtio("service"): its name is
        # what comes before the parenthesis.
        net = dflt.get("network")
        if net is not None and net.split("(", 1)[0] not in prov:
            errs.append("%s: defaults.network is %r, which it does not "
                        "provide" % (where, dflt["network"]))
        if dflt.get("stack", "direct") not in ("socket", "direct"):
            errs.append("%s: defaults.stack must be \"socket\" or "
                        "\"direct\"" % where)
        # What the suite, the tools and the manual need of every target.
        for key in ("description", "kind", "toolchain.cc",
                    "toolchain.packages", "runtime.sources",
                    "artifact.extension"):
            if lookup(d, key) is None:
                errs.append("%s: no %s" % (where, key))
        if lookup(d, "run.command") is not None and \
                lookup(d, "run.packages") is None:
            errs.append("%s: run.command without run.packages" % where)
        if lookup(d, "run.command") is not None and "test_run" not in d:
            errs.append("%s: runnable (run.command) but no test_run"
                        % where)
        if not os.path.isfile(os.path.join(ROOT, "backends", n,
                                           "target.7")):
            errs.append("backends/%s: no target.7 (its section of "
                        "mirc-targets(7))" % n)
        if d.get("linker_script") and not os.path.isfile(
                os.path.join(ROOT, "backends", n, d["linker_script"])):
            errs.append("%s: linker_script %s is missing"
                        % (where, d["linker_script"]))
        for t in glob.glob(os.path.join(ROOT, "backends", n, "tests", "*")):
            sample = os.path.basename(t).split(".")[0]
            if not os.path.isdir(os.path.join(ROOT, "samples", sample)):
                errs.append("backends/%s/tests/%s: no sample %s"
                            % (n, os.path.basename(t), sample))
    # An impl of the library with C code that no target provides would
    # be available everywhere: a forgotten "provides" entry.
    for imp, (f, body) in impls.items():
        if imp not in provided and re.search(r"^\s*(header|sources)\b",
                                             body, re.M) \
                and not re.search(r"^\s*targets\b", body, re.M):
            errs.append("%s: impl %s is in no backend's \"provides\""
                        % (os.path.relpath(f, ROOT), imp))
    for e in errs:
        print(e)
    return 1 if errs else 0


def main(argv):
    cmds = {"names": cmd_names, "get": cmd_get, "packages": cmd_packages,
            "man": cmd_man, "check": cmd_check}
    if len(argv) < 2 or argv[1] not in cmds:
        print("usage: targets.py names|get|packages|man|check ...",
              file=sys.stderr)
        return 2
    return cmds[argv[1]](load(), argv[2:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
