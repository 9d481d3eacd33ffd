#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# `cmake --install` (README, Install): into a fresh prefix, the build of
# this mirc installs the program, its data (prelude, backends, runtime),
# the man pages of every section (mirc(1) and one per command, mirc-
# runtime(3), mir(5), mirc-targets(7)), the editors' files and the
# completions of bash, zsh and fish; the installed mirc, run from there
# with nothing of the source tree on its path, writes, configures, builds
# and runs a program (mirc init).
. "$(dirname "$0")/lib/common.sh"

command -v cmake >/dev/null || { echo "FAIL: no cmake" >&2; exit 1; }
build=$(cd "$(dirname "$mirc")" && pwd)
[ -f "$build/cmake_install.cmake" ] || { echo "FAIL: $build is not a cmake build directory" >&2; exit 1; }
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log" >&2; fail "cmake --install"; finish; }

for f in bin/mirc share/mirc/stdlib/prelude.mir share/mirc/rt/src/boot.c \
	share/mirc/backends/unix/backend.json share/man/man1/mirc.1 \
	share/man/man1/mirc-configure.1 share/man/man1/mirc-lsp.1 \
	share/man/man3/mirc-runtime.3 share/man/man5/mir.5 \
	share/man/man7/mirc-targets.7 share/vim/vimfiles/syntax/mir.vim \
	share/nvim/site/syntax/mir.vim share/emacs/site-lisp/mir-mode.el \
	share/bash-completion/completions/mirc share/zsh/site-functions/_mirc \
	share/fish/vendor_completions.d/mirc.fish; do
	[ -s "$prefix/$f" ] || fail "cmake --install did not install $f"
done

# The installed mirc finds its data under the prefix, not in the tree.
mkdir "$tmp/work"
(cd "$tmp/work" && env -u MIRC_HOME PATH="$prefix/bin:/usr/bin:/bin" mirc init demo) \
	>"$tmp/out" 2>"$tmp/err" || fail "installed mirc init: $(cat "$tmp/err")"
(cd "$tmp/work/demo" && env -u MIRC_HOME PATH="$prefix/bin:/usr/bin:/bin" mirc configure -q) \
	>"$tmp/out" 2>"$tmp/err" || fail "installed mirc configure: $(cat "$tmp/err")"
grep -qx "MIRC_HOME := $prefix/share/mirc" "$tmp/work/demo/Makefile" ||
	fail "the Makefile does not use the installed data: $(grep MIRC_HOME "$tmp/work/demo/Makefile")"
make -s -C "$tmp/work/demo" >"$tmp/out" 2>&1 || fail "make of the installed mirc's program: $(tail -n 5 "$tmp/out")"
"$tmp/work/demo/dist/demo" >"$tmp/out" 2>&1 || fail "dist/demo: status $?"
grep -qF 'Hello from demo!' "$tmp/out" || fail "dist/demo printed: $(cat "$tmp/out")"
finish
