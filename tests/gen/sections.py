#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sections.py - small goldens for tests/gen: what a case shares with the
full goldens of the `empty` case is written there once, not in every case.

A generated C file is cut into sections: a new section starts at a line in
column 0 that opens a comment ("/* signature CONSOLE */", "/* ---- runtime
args ---- */"), at a line in column 0 (not a closing brace) after a blank
line, a top-level declaration or definition, and in the --help listing of
main.c at a heading ("COMMON OPTIONS") after an empty line of the listing,
so that a case with runtime args still shares the common options and the
exit statuses.  A section is named by its first line.

A case's golden holds its sections as they are generated, except that a
run of sections equal, byte for byte, to the sections of the same name in
the base golden (tests/gen/empty.FILE) is written as one line

    //@@ N sections as in empty.FILE

Checking expands each such line into the base's sections named by the
next N sections of the actual file (a name the base lacks fails), and
compares the expansion with the actual file as a whole: a shared section
that changes, moves, appears or disappears still fails the case, so the
check is as strong as a full golden, while an emitter change to a shared
part rewrites only the base golden.

    sections.py expand GOLDEN ACTUAL BASE   print the expanded golden
    sections.py compact ACTUAL BASE         print the golden for ACTUAL

BASE may be "-" (no base: the golden is the whole file).
"""
import re
import sys

MARK = re.compile(r"^//@@ (\d+) sections? as in (\S+)$")
HELP_BLANK = '\t"\\n"'
HELP_HEADING = re.compile(r'^\t"[A-Z][A-Z ]*\\n"$')


def split(text):
    """The sections of text, as (name, text) pairs, in order."""
    sections = []
    cur = []
    prev = None
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        starts = cur and (
            body.startswith("/*")
            or (prev == "" and body and not body[0].isspace()
                and body[0] != "}")
            or (prev == HELP_BLANK and HELP_HEADING.match(body)))
        if starts:
            sections.append(cur)
            cur = []
        cur.append(line)
        prev = body
    if cur:
        sections.append(cur)
    return [(s[0].rstrip("\n"), "".join(s)) for s in sections]


def base_index(base):
    """Name -> the texts of the base's sections of that name, in order."""
    index = {}
    for name, text in split(base):
        index.setdefault(name, []).append(text)
    return index


def take(index, used, name):
    """The next base section named `name`, or None."""
    k = used.get(name, 0)
    texts = index.get(name, [])
    if k >= len(texts):
        return None
    used[name] = k + 1
    return texts[k]


def expand(golden, actual, base, base_name):
    actual_secs = split(actual)
    index = base_index(base)
    used = {}
    out = []
    pos = 0
    chunk = []

    def flush():
        nonlocal pos
        if chunk:
            text = "".join(chunk)
            out.append(text)
            # The literal text stands for as many sections of the actual
            # file as it splits into; its first line starts one.
            pos += len(split(text))
            # A section of the base skipped by a literal one keeps the
            # count of the base's sections of that name in step.
            for name, _ in split(text):
                if name in index:
                    used[name] = used.get(name, 0) + 1
            chunk.clear()

    for line in golden.splitlines(keepends=True):
        m = MARK.match(line.rstrip("\n"))
        if not m:
            chunk.append(line)
            continue
        flush()
        if m.group(2) != base_name:
            sys.exit(f"sections.py: '{line.strip()}' names {m.group(2)}, "
                     f"but the base is {base_name}")
        for _ in range(int(m.group(1))):
            if pos >= len(actual_secs):
                out.append(f"/* (a shared section past the end of the "
                           f"generated file) */\n")
                continue
            name = actual_secs[pos][0]
            text = take(index, used, name)
            if text is None:
                text = f"/* (no section '{name}' in {base_name}) */\n"
            out.append(text)
            pos += 1
    flush()
    return "".join(out)


def compact(actual, base, base_name):
    index = base_index(base)
    used = {}
    out = []
    run = 0
    for name, text in split(actual):
        k = used.get(name, 0)
        texts = index.get(name, [])
        shared = k < len(texts) and texts[k] == text
        if name in index:
            used[name] = k + 1
        if shared:
            run += 1
            continue
        if run:
            out.append(f"//@@ {run} section{'s' if run > 1 else ''} "
                       f"as in {base_name}\n")
            run = 0
        out.append(text)
    if run:
        out.append(f"//@@ {run} section{'s' if run > 1 else ''} "
                   f"as in {base_name}\n")
    return "".join(out)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def main(argv):
    if len(argv) == 5 and argv[1] == "expand":
        golden, actual, basepath = read(argv[2]), read(argv[3]), argv[4]
        if basepath == "-":
            sys.stdout.write(golden)
        else:
            sys.stdout.write(expand(golden, actual, read(basepath),
                                    basepath.rsplit("/", 1)[-1]))
        return 0
    if len(argv) == 4 and argv[1] == "compact":
        actual, basepath = read(argv[2]), argv[3]
        if basepath == "-":
            sys.stdout.write(actual)
        else:
            sys.stdout.write(compact(actual, read(basepath),
                                     basepath.rsplit("/", 1)[-1]))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
