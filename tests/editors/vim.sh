#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# editors/vim: Neovim, with only editors/vim on its runtimepath, detects
# sample.mir as filetype mir, gives each probed position the syntax group
# written below (line col group, then the highlight group it links
# to), and indents the sample, its indentation removed, as it was.
# Skipped (77) without nvim.  Called as: vim.sh SRCDIR.
set -u
src=$1
command -v nvim >/dev/null || { echo "skipped: nvim is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# line col expected-group expected-highlight (the default colours' group
# it ends at: Keyword and Conditional are Statement, String Constant...)
cat >"$tmp/expected" <<'END'
1 1 mirLineComment Comment
3 1 mirDeclaration Statement
3 17 mirVersion Constant
4 1 mirDeclaration Statement
4 13 mirType Type
4 39 mirAttribute Statement
4 44 mirString Constant
4 53 mirEscape Special
5 14 mirType Type
5 18 mirType Type
5 7 - -
5 38 mirAttribute Statement
7 3 mirBlockComment Comment
8 1 mirDeclaration Statement
8 11 mirSignatureName Type
9 5 mirCType Type
9 14 mirCType Type
12 19 mirCType Type
13 5 mirField Identifier
14 5 mirField Identifier
17 16 mirConditional Statement
17 19 mirBoolean Constant
17 34 mirNumber Constant
17 45 mirNoop Statement
END

# The probes as one Vim expression per line: "L C name link".
{
	echo 'let out = [&filetype, &commentstring]'
	while read -r l c _ _; do
		echo "let id = synID($l, $c, 1) | call add(out, '$l $c ' . (id ? synIDattr(id, 'name') . ' ' . synIDattr(synIDtrans(id), 'name') : '- -'))"
	done <"$tmp/expected"
	echo "call writefile(out, '$tmp/got')"
	echo 'qall!'
} >"$tmp/probe.vim"

nvim --headless --clean -i NONE \
	--cmd "set runtimepath^=$src/editors/vim" \
	-c 'filetype plugin indent on' -c 'syntax on' \
	-c "edit $src/tests/editors/sample.mir" -c "source $tmp/probe.vim" \
	</dev/null >"$tmp/log" 2>&1
if [ ! -s "$tmp/got" ]; then
	echo "FAIL: nvim wrote no result" >&2
	cat "$tmp/log" >&2
	exit 1
fi
{ echo mir; echo '// %s'; cat "$tmp/expected"; } >"$tmp/want"
if ! diff -u "$tmp/want" "$tmp/got"; then
	echo "FAIL: syntax groups (expected -, got +; line 1: filetype, 2: commentstring)" >&2
	exit 1
fi

# Indentation: 4 columns a level of brackets, as sample.mir is written.
sed 's/^[ \t]*//' "$src/tests/editors/sample.mir" >"$tmp/flat.mir"
nvim --headless --clean -i NONE \
	--cmd "set runtimepath^=$src/editors/vim" \
	-c 'filetype plugin indent on' -c "edit $tmp/flat.mir" \
	-c 'setlocal shiftwidth=4 expandtab' -c 'normal gg=G' -c 'write' \
	-c 'qall!' </dev/null >"$tmp/log" 2>&1
if ! diff -u "$src/tests/editors/sample.mir" "$tmp/flat.mir"; then
	echo "FAIL: indentation (expected -, got +)" >&2
	exit 1
fi
echo "all passed"
