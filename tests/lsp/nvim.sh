#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tests/lsp/nvim.sh MIRC TOP - Neovim's built-in LSP client, headless,
# against `mirc lsp` on tests/lsp/inputs/main.mir (nvim-test.lua does
# the work).  Skipped (77) without nvim; fails when nvim does not print
# SUCCESS, exits non-zero or takes more than 120 s.
set -euo pipefail
mirc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$2" && pwd)
if ! command -v nvim >/dev/null; then
	echo "SKIP: no nvim"
	exit 77
fi
unset MIRC_TARGET MIRC_HOME NO_COLOR
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rc=0
MIRC=$mirc MIR_FILE=$top/tests/lsp/inputs/main.mir HOME=$(dirname "$log") \
	timeout 120 nvim --headless --clean -n -i NONE \
	-u "$top/tests/lsp/nvim-test.lua" 2>"$log" </dev/null || rc=$?
cat "$log"
if [ "$rc" -ne 0 ] || ! grep -qx SUCCESS "$log"; then
	echo "FAIL: lsp/nvim (nvim exited $rc)"
	exit 1
fi
