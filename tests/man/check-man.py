#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The man pages against mirc's command-line tables.

Called as: check-man.py CLI_TABLE_PROGRAM SRCDIR.  The program prints the
tables of compiler/cli_table.c (tests/man/cli-table.c); this script holds
man/mirc.1, the command pages and man/mirc-query.1 against them:

- mirc(1) COMMANDS has one entry per command, no more, no fewer;
- mirc(1) OPTIONS lists exactly the options every command takes;
- each command's page lists its own options, and none it does not take;
- mirc-query(1) QUERIES lists exactly the query kinds, says "with --json"
  for those with a JSON form and "no JSON form" for the others; the kind
  lists in mirc(1) and in mirc-query(1)'s error message are complete;
- mirc-check(1) CHECKS has one entry per check of compiler/diag.c, in the
  table's order, each with the check's kind, "(error)" or "(warning)".
"""
import re
import subprocess
import sys

prog, srcdir = sys.argv[1], sys.argv[2]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


commands, options, queries, checks = {}, [], {}, []
table = subprocess.run([prog], check=True, capture_output=True, text=True)
for line in table.stdout.splitlines():
    f = line.split("\t")
    if f[0] == "command":
        commands[f[1]] = f[2]
    elif f[0] == "option":
        spell = [s for s in f[1:3] if s not in ("-", "--")]
        options.append((spell, None if f[3] == "*" else f[3].split()))
    elif f[0] == "query":
        queries[f[1]] = f[2] == "json"
    elif f[0] == "check":
        checks.append(f"{f[1]} ({f[2]})")


def plain(args):
    """The text of a roff line's arguments: quotes, fonts and escapes out.
    Font macros that alternate (.BI, .BR, .RB ...) join their arguments
    without spaces, as troff does."""
    words = re.findall(r'"[^"]*"|\S+', args)
    return unescape("".join(w[1:-1] if w.startswith('"') else w for w in words))


def unescape(text):
    text = re.sub(r"\\f[BIRP]|\\&|\\ ", "", text)
    return text.replace("\\-", "-").replace("\\(dq", '"')


def sections(page):
    """{SECTION: [lines]} of a man page source."""
    out, cur = {}, None
    try:
        fh = open(f"{srcdir}/man/{page}", encoding="utf-8")
    except OSError as e:
        fail(f"no man page {page}: {e.strerror}")
        return out
    with fh:
        for line in fh.read().splitlines():
            m = re.match(r"\.SH\s+(.*)", line)
            if m:
                cur = m.group(1).strip('"')
                out[cur] = []
            elif cur:
                out[cur].append(line)
    return out


def entries(lines):
    """(tag, body) of each .TP paragraph: the tag line as plain text."""
    res, i = [], 0
    while i < len(lines):
        if lines[i].startswith(".TP") and i + 1 < len(lines):
            tag = lines[i + 1]
            m = re.match(r"\.(B|I|BI|BR|IR|RB|IB)\s+(.*)", tag)
            tag = plain(m.group(2)) if m else plain(tag)
            body, i = [], i + 2
            while i < len(lines) and not re.match(r"\.(TP|PP|SH|SS)", lines[i]):
                body.append(lines[i])
                i += 1
            res.append((tag, body))
        else:
            i += 1
    return res


def option_spellings(tag):
    """-f and --file of "-f file, --file=file"; the --key forms are not
    options of mirc but the program's keys."""
    longs = set(re.findall(r"--[a-z][a-z0-9-]*", tag))
    longs -= {"--key", "--no-key"}
    shorts = set(re.findall(r"(?:^|[ ,])(-[A-Za-z])(?=[ =,]|$)", tag))
    shorts |= set(m[:2] for m in re.findall(r"(?:^|[ ,])(-[A-Z][a-z]+)", tag))
    return longs | shorts


def body_text(body):
    """A paragraph as plain text: macro lines through plain(), so that
    ".BR \\-\\-json ," reads "--json,"."""
    return " ".join(plain(re.sub(r"^\.\w+\s*", "", b)) if b.startswith(".")
                    else unescape(b) for b in body)


mirc1 = sections("mirc.1")

# COMMANDS of mirc(1): the first word of each tag.
man_cmds = [tag.split()[0] for tag, _ in entries(mirc1.get("COMMANDS", []))]
if sorted(man_cmds) != sorted(commands):
    fail(f"mirc(1) COMMANDS lists {sorted(man_cmds)}, the table has {sorted(commands)}")

# OPTIONS of mirc(1): the options of every command.
common = set()
for spell, cmds in options:
    if cmds is None:
        common |= set(spell)
man_common = set()
for tag, _ in entries(mirc1.get("OPTIONS", [])):
    man_common |= option_spellings(tag)
if man_common != common:
    fail("mirc(1) OPTIONS: missing " + str(sorted(common - man_common)) +
         ", not in the table " + str(sorted(man_common - common)))

# Each command's page: its own options, and only options it takes.
for cmd in commands:
    page = "mirc.1" if cmd == "help" else f"mirc-{cmd}.1"
    own = set()
    takes = set(common)
    for spell, cmds in options:
        if cmds and cmd in cmds:
            own |= set(spell)
            takes |= set(spell)
    listed = set()
    for tag, _ in entries(sections(page).get("OPTIONS", [])):
        listed |= option_spellings(tag)
    if own - listed:
        fail(f"{page} OPTIONS does not list {sorted(own - listed)}")
    if listed - takes:
        fail(f"{page} OPTIONS lists {sorted(listed - takes)}, which mirc {cmd} does not take")

# QUERIES of mirc-query(1).
query1 = sections("mirc-query.1")
seen = []
for tag, body in entries(query1.get("QUERIES", [])):
    kinds = [k.strip() for k in tag.split(",")]
    text = body_text(body)
    for k in kinds:
        seen.append(k)
        if k not in queries:
            continue
        if queries[k] and not re.search(r"[Ww]ith --json", text):
            fail(f"mirc-query(1): '{k}' has a JSON form, its entry does not say 'with --json'")
        if not queries[k] and "no JSON form" not in text:
            fail(f"mirc-query(1): '{k}' has no JSON form, its entry does not say so")
if sorted(seen) != sorted(queries):
    fail(f"mirc-query(1) QUERIES lists {sorted(seen)}, the table has {sorted(queries)}")

# The kind lists written out in prose: mirc(1)'s query entry and the
# error message quoted in mirc-query(1), in table order.
order = list(queries)
for tag, body in entries(mirc1.get("COMMANDS", [])):
    if tag.split()[0] == "query":
        m = re.search(r"\(([a-z, -]*)\)", body_text(body))
        listed = [w.strip() for w in m.group(1).split(",")] if m else []
        if listed != order:
            fail(f"mirc(1) query entry lists {listed}, the table has {order}")
msg = " ".join(unescape(l) for l in query1.get("QUERIES", []) if not l.startswith("."))
m = re.search(r"expected one of: ([^)]*)\)", msg)
if not m or [k.strip() for k in re.split(r",| or ", m.group(1)) if k.strip()] != order:
    fail("mirc-query(1): the error message for an unknown query does not list "
         f"every kind in order ({m.group(1) if m else 'not found'})")

# CHECKS of mirc-check(1): "name (kind)" per entry, in the table's order.
man_checks = [tag for tag, _ in entries(sections("mirc-check.1").get("CHECKS", []))]
if not checks:
    fail("the table program printed no checks")
if man_checks != checks:
    fail(f"mirc-check(1) CHECKS lists {man_checks}, the table has {checks}")

if failures:
    print(f"{len(failures)} failure(s)", file=sys.stderr)
    sys.exit(1)
print("all passed")
