#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
#
# tests/lsp/session.py MIRC TOP - a scripted LSP session with `mirc lsp`
# on tests/lsp/inputs/main.mir, its transcript compared with session.out
# (MIRC_UPDATE=1 rewrites it).  It covers diagnostics (check names,
# ranges in UTF-16 columns, notes), hover (a signature's C prototypes, an
# impl's doc and parameters, a key's values and default, an arg's type),
# definition (in the file, across the import, into the prelude), an
# import open in the editor,
# completion (in a match, in a device argument) and document symbols, and
# that the server exits 0 after shutdown and exit.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lspclient  # noqa: E402

mirc, top = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
here = os.path.join(top, "tests", "lsp")
main = os.path.join(here, "inputs", "main.mir")
text = open(main, encoding="utf-8").read()
uri = lspclient.uri(main)
# The text first opened: a key's doc with characters outside ASCII (one
# of them outside the BMP) before an error on the same line, and a typo.
broken = text.replace('doc "How loud to speak.";',
                      'doc "Hów 𝄞 loud."; let oops = nosuch;') \
             .replace("src = chosen", "src = chosn") \
             + "key mode : bool = false;\n"
assert broken != text

out = []


def log(title, value):
    out.append("== " + title)
    s = json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)
    out.append(s.replace("file://" + top, "file://TOP"))


if not os.path.exists(os.path.join(top, "stdlib", "prelude.mir")):
    sys.exit("session.py: no stdlib/prelude.mir in " + top)


c = lspclient.Client(mirc, cwd=here)
init = c.request("initialize", {"processId": None, "rootUri": None,
                                "capabilities": {}})
log("initialize", init["result"]["capabilities"])
c.notify("initialized", {})
c.notify("textDocument/didOpen", {"textDocument": {
    "uri": uri, "languageId": "mir", "version": 1, "text": broken}})
log("diagnostics of the broken text", c.diagnostics(uri))
c.notify("textDocument/didChange", {
    "textDocument": {"uri": uri, "version": 2},
    "contentChanges": [{"text": text}]})
log("diagnostics after the fix", c.diagnostics(uri))


def at(method, needle, offset=0, label=None):
    pos = lspclient.position(text, needle, offset)
    r = c.request("textDocument/" + method, {
        "textDocument": {"uri": uri}, "position": pos})
    log("%s at %r+%d" % (method, label or needle, offset), r.get("result"))


at("hover", "CONSOLE")
at("hover", "job speak", 4, "a declared name")
at("hover", "SOURCE")
at("hover", "high_source(", 2)
at("hover", "match mode", 7)
at("hover", "quiet =>")
at("hover", "args volume", 6)
at("hover", "level =")
at("hover", "src = chosen", 7)
at("definition", "CONSOLE")
at("definition", "high_source(")
at("definition", "quiet =>")
at("definition", "default_console")
at("definition", "args volume", 6)
at("completion", "quiet =>", 0, "a match arm's pattern")
at("completion", "src = chosen", 6, "argument of type SOURCE")
r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
log("documentSymbol", r["result"])
# An import open in the editor is read as edited, not as saved; its
# importers are checked again when it changes and when it is closed.
lib = os.path.join(here, "inputs", "lib.mir")
lib_uri = lspclient.uri(lib)
lib_text = open(lib, encoding="utf-8").read()
c.notify("textDocument/didOpen", {"textDocument": {
    "uri": lib_uri, "languageId": "mir", "version": 1,
    "text": lib_text.replace("impl low_source", "impl low_src")}})
log("diagnostics of lib.mir, opened with low_source renamed",
    c.diagnostics(lib_uri))
log("diagnostics of main.mir, which imports it", c.diagnostics(uri))
c.notify("textDocument/didClose", {"textDocument": {"uri": lib_uri}})
c.diagnostics(lib_uri)
log("diagnostics of main.mir once lib.mir is closed", c.diagnostics(uri))
c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
log("diagnostics after close", c.diagnostics(uri))
rc = c.finish()
out.append("== exit status %d" % rc)

result = "\n".join(out) + "\n"
expected = os.path.join(here, "session.out")
if os.environ.get("MIRC_UPDATE") == "1":
    open(expected, "w", encoding="utf-8").write(result)
    print("updated", expected)
    sys.exit(0)
want = open(expected, encoding="utf-8").read()
if want != result:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(
        want.splitlines(True), result.splitlines(True),
        "session.out", "actual"))
    print("FAIL: lsp/session")
    sys.exit(1)
print("SUCCESS: lsp/session")
