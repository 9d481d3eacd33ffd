#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# tests/lsp/incremental.py MIRC TOP [EDITS] - `mirc lsp` parses again
# only what an edit changed (compiler/parse_incr.c); what it answers must
# be what a whole parse gives.  Two servers get the same edits of one
# program: the one under test, and one that parses every text whole
# (MIRC_LSP_WHOLE=1, as `mirc check` does).  The edits (a fixed seed) are
# random: insertions of pieces of the program, deletions, comment lines,
# lines doubled, blanks and newlines, at random places inside and between
# declarations; many break the syntax, and every few edits the text goes
# back to one that parsed, or an edit is undone.  After each, the
# published diagnostics and the document symbols (every declaration's
# range) of the two must be the same, and every few edits hover and
# definition at a random place too.  Under $MIRC_WRAPPER (valgrind), 60
# edits.
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient  # noqa: E402

mirc, top = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 600
if os.environ.get("MIRC_WRAPPER") and len(sys.argv) <= 3:
    edits = 60		# under valgrind
rnd = random.Random(12)

HEAD = """// The program of tests/lsp/incremental.py.
ctype inc_cb from "inc/cb.h";

signature ISIG_ROOT {
	int iroot_ping(int x);
}
signature ISIG_A extends ISIG_ROOT {
	ssize_t isig_a_read(const char *key, void *buf, size_t len);
}
signature ISIG_C {
	void isig_c_sleep(uint64_t ns, inc_cb done, void *arg);
}
signature ISIG_D extends ISIG_C { _Bool isig_d_armed(const void *t); }

key imode : enum { fast, slow, safe } = fast  doc "Which variant.";
key iflag : bool = true;
key iwidth : int = 3;
arg i_port : int = 8080  doc "TCP port.";
arg i_peers : list ip = [];

impl ileaf_a : ISIG_A { connect; doc "leaf"; }
impl ileaf_c : ISIG_C { connect; }
impl ileaf_d : ISIG_D { connect; args i_peers; }
impl if_wrap(x: ISIG_A) : ISIG_A { connect; }
impl if_widen(x: ISIG_A, n: int = 1) : ISIG_A {
	connect;
	args i_port;
}
impl if_tick(x: ISIG_ROOT, clock: ISIG_C = ileaf_c) : ISIG_A { connect; }
impl if_join(x: ISIG_A, y: ISIG_A, tag: string = "join") : ISIG_A {
	connect;
}
impl if_timer(c: ISIG_C, on: bool = true) : ISIG_D { connect; }
job ijob(a: ISIG_A, t: ISIG_D = ileaf_d) { args i_port; }
"""


def chain(n):
    out = ["let c_0 = if_wrap(ileaf_a);"]
    forms = [
        "let c_{i} = if_wrap(c_{p});",
        "let c_{i} : ISIG_A = if_widen(c_{p}, n = {i});",
        "let c_{i} = if_tick(c_{p}, clock = if_timer(ileaf_c));",
        "let c_{i} = if_join(c_{p}, if_wrap(c_{p}), \"t{i}\");",
        "let c_{i} = match imode {{\n\tfast => if_wrap(c_{p}),\n"
        "\tslow => if_widen(c_{p}, 2),\n\tsafe => if_tick(c_{p}),\n}};",
        "let c_{i} = if iflag && (imode == fast || !(imode in [slow, safe]))"
        "\n\tthen if_join(c_{p}, c_{p}) else if_wrap(c_{p});",
        "  let s_{i} = if_wrap(c_{p}); let c_{i} = if_wrap(s_{i});",
        "/* c_{i} */ let c_{i} = if_widen(c_{p}, iwidth);",
    ]
    for i in range(1, n):
        out.append(forms[i % len(forms)].format(i=i, p=i - 1))
        if i % 9 == 0:
            out.append("")
    out.append('register "inc" [ ijob(c_%d), ijob(c_%d) ];' % (n - 1, n // 2))
    return "\n".join(out) + "\n"


text = HEAD + chain(120)
path = os.path.join(top, "tests", "lsp", "inputs", "incremental.mir")
uri = lspclient.uri(path)


def edit(t):
    """One random edit of t."""
    if not t:
        return "let"
    op = rnd.randrange(8)
    at = rnd.randrange(len(t) + 1)
    if op == 0:		# a piece of the program elsewhere
        a = rnd.randrange(len(t))
        return t[:at] + t[a:a + rnd.randrange(1, 60)] + t[at:]
    if op == 1:		# a deletion
        return t[:at] + t[at + rnd.randrange(1, 40):]
    if op == 2:		# a comment line, at a line start
        at = t.rfind("\n", 0, at) + 1
        return t[:at] + "// edit\n" + t[at:]
    if op == 3:		# a line doubled
        s = t.rfind("\n", 0, at) + 1
        e = t.find("\n", at)
        e = len(t) if e < 0 else e + 1
        return t[:e] + t[s:e] + t[s:e]
    if op == 4:		# blanks, a newline
        return t[:at] + rnd.choice([" ", "\t", "\n", "\n\n", "  \n"]) + t[at:]
    if op == 5:		# one character
        return t[:at] + rnd.choice("{};()/*\"x1=,") + t[at:]
    if op == 6:		# a whole declaration's line deleted
        s = t.rfind("\n", 0, at) + 1
        e = t.find("\n", at)
        return t[:s] + (t[e + 1:] if e >= 0 else "")
    # a name changed
    i = t.find("c_", at)
    return t if i < 0 else t[:i] + "d_" + t[i + 2:]


os.environ.pop("MIRC_LSP_WHOLE", None)
inc = lspclient.Client(mirc, cwd=top)
os.environ["MIRC_LSP_WHOLE"] = "1"
ref = lspclient.Client(mirc, cwd=top)
del os.environ["MIRC_LSP_WHOLE"]
servers = (inc, ref)
for c in servers:
    c.request("initialize", {"capabilities": {}})
    c.notify("initialized", {})
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "mir", "version": 0, "text": text}})
first = [c.diagnostics(uri) for c in servers]
if first[0] != first[1] or first[0]:
    sys.exit("FAIL: the program does not check cleanly: %r" % first[0][:3])

failures = 0
clean = 0


def replay(uri, text, good, edits):
    """edits random edits of the document uri, now text; good: the last
    text of it that parsed."""
    global failures, clean
    prev = text
    for n in range(1, edits + 1):
        r = rnd.random()
        if r < 0.12:
            new = good		# back to a text that parsed
        elif r < 0.2:
            new = prev		# undo
        else:
            new = edit(text)
        prev, text = text, new
        got = []
        for c in servers:
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": n},
                "contentChanges": [{"text": text}]})
            got.append(c.diagnostics(uri))
        if not any(d.get("code") == "syntax" for d in got[1]):
            good = text
            clean += 1
        pos = {"textDocument": {"uri": uri}}
        answers = [c.request("textDocument/documentSymbol", pos).get("result")
                   for c in servers]
        if n % 3 == 0:
            i = rnd.randrange(len(text) + 1)
            pos["position"] = lspclient.position(text[:i] + "\0", "\0")
            for m in ("textDocument/hover", "textDocument/definition"):
                answers += [c.request(m, pos).get("result") for c in servers]
        if got[0] != got[1] or answers[0::2] != answers[1::2]:
            failures += 1
            print("FAIL: %s, edit %d: the answers differ" % (uri, n))
            print("  incremental:", repr(got[0])[:600], repr(answers[0::2])[:600])
            print("  whole:      ", repr(got[1])[:600], repr(answers[1::2])[:600])
            if failures > 5:
                return


replay(uri, text, text, edits)
# A document that never parsed: opened with an error in the middle, and
# one at the end.
lines = text.split("\n")
mid = len(lines) // 2
broken = "\n".join(lines[:mid] + ["let broken = ;"] + lines[mid:]) + "\nlet ("
uri2 = lspclient.uri(path[:-4] + "-broken.mir")
for c in servers:
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri2, "languageId": "mir", "version": 0, "text": broken}})
first = [c.diagnostics(uri2) for c in servers]
if first[0] != first[1]:
    failures += 1
    print("FAIL: opened broken: the diagnostics differ")
replay(uri2, broken, broken, edits // 4)
n = edits + edits // 4
for c in servers:
    if c.finish() != 0:
        failures += 1
        print("FAIL: the server did not exit cleanly")
print("%d edits, %d of them parsing cleanly, %d failures"
      % (n, clean, failures))
sys.exit(1 if failures else 0)
