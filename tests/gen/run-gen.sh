#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# run-gen.sh MIRC SRCDIR CASE - golden test of the C that `mirc configure`
# generates for tests/gen/CASE.mir.
#
# CASE.mir (with the files of the directory CASE.files/, if any: impl
# headers, embedded directories) is copied to a temporary project and
# configured there for unix; then
#
#   - mirc/mirc.h must equal CASE.mirc.h, mirc/main.c CASE.main.c, and
#     every other generated C file mirc/F.c (embedded directories) CASE.F.c,
#     each with a golden file (and no golden without its generated file).
#     The goldens of `empty` are whole; the other cases' goldens hold what
#     is theirs, and a line `//@@ N sections as in empty.F` for each run of
#     sections (a top-level comment or declaration) they share with
#     empty's golden of the same file, compared with it section by
#     section (sections.py: as strong as a whole golden, but a change to
#     the shared part rewrites one golden, not every case's);
#   - `mirc query main` must print exactly the main.c that configure wrote;
#   - each #line back into mirc/main.c names the line that follows it, and
#     each #line into CASE.mir a line that file has;
#   - no #include names an absolute path, and mirc.h includes no header
#     twice;
#   - main.c (hence mirc.h and the impl headers) must compile (-c, not
#     -fsyntax-only, after which gcc does not report unused statics) without a
#     warning with gcc and clang under -std=c11 -Wall -Wextra -Wpedantic
#     -Werror, and so must every embed_*.c.
#
# The version marker on the first line is part of the goldens; the path of
# the source tree, where it appears (#line into the prelude), is written
# @MIRC_HOME@.  MIRC_UPDATE=1 rewrites the goldens instead of comparing
# (review the diff line by line; gen/empty runs first, as the others are
# written against its goldens).  MIRC_WRAPPER prefixes the mirc runs.
mirc=$1 case=$3
. "$(dirname "$0")/../lib.sh"
lib_start "$2"
here=$srcdir/tests/gen
fail() { echo "FAIL gen/$case: $*" >&2; exit 1; }
[ -f "$here/$case.mir" ] || fail "no input tests/gen/$case.mir"

proj=$tmp/$case
mkdir -p "$proj"
cp "$here/$case.mir" "$proj/" || exit 1
if [ -d "$here/$case.files" ]; then
	cp -R "$here/$case.files/." "$proj/" || exit 1
fi

# The extra arguments of configure: `// mirc-args: ...` at the top.
read -r -a extra <<<"$(lib_header "$here/$case.mir" mirc-args)"

mircrun() {
	(cd "$proj" && lib_mirc "$@" -f "$case.mir" "${extra[@]}")
}

mircrun configure >"$tmp/configure.out" 2>&1 ||
	{ cat "$tmp/configure.out" >&2; fail "mirc configure failed"; }
mircrun query main >"$tmp/query-main.c" 2>"$tmp/query.err" ||
	{ cat "$tmp/query.err" >&2; fail "mirc query main failed"; }
[ -s "$tmp/query.err" ] && { cat "$tmp/query.err" >&2; fail "mirc query main wrote to stderr"; }
cmp -s "$tmp/query-main.c" "$proj/mirc/main.c" || {
	diff -u --label "mirc/main.c (configure)" --label "mirc query main" \
		"$proj/mirc/main.c" "$tmp/query-main.c" >&2
	fail "mirc query main differs from the main.c that configure wrote"
}

nfail=0
compare() {	# compare GENERATED GOLDEN
	local base=$here/empty.${2#"$here/$case."}
	sed "s|$srcdir|@MIRC_HOME@|g" "$1" >"$tmp/actual"
	{ [ "$case" = empty ] || [ ! -f "$base" ]; } && base=-
	if [ "${MIRC_UPDATE:-0}" = 1 ]; then
		python3 "$here/sections.py" compact "$tmp/actual" "$base" >"$tmp/golden" ||
			fail "sections.py compact failed"
		cmp -s "$tmp/golden" "$2" || { cp "$tmp/golden" "$2"; echo "updated ${2#"$srcdir"/}"; }
	elif [ ! -f "$2" ]; then
		echo "FAIL gen/$case: no golden ${2#"$srcdir"/} for mirc/${1##*/} (create it with MIRC_UPDATE=1)" >&2
		nfail=$((nfail + 1))
	elif ! python3 "$here/sections.py" expand "$2" "$tmp/actual" "$base" >"$tmp/expected"; then
		echo "FAIL gen/$case: cannot read the golden ${2#"$srcdir"/}" >&2
		nfail=$((nfail + 1))
	elif ! diff -u --label "${2#"$srcdir"/} (shared sections from ${base##*/})" \
		--label "generated mirc/${1##*/}" "$tmp/expected" "$tmp/actual"; then
		echo "FAIL gen/$case: mirc/${1##*/} differs from ${2#"$srcdir"/} (diff above)" >&2
		nfail=$((nfail + 1))
	fi
}

compare "$proj/mirc/mirc.h" "$here/$case.mirc.h"
compare "$proj/mirc/main.c" "$here/$case.main.c"
for f in "$proj"/mirc/*.c; do
	[ "${f##*/}" = main.c ] || compare "$f" "$here/$case.${f##*/}"
done
# A golden whose file is no longer generated.
for g in "$here/$case".*.c; do
	[ -f "$g" ] || continue
	n=${g##*/}
	n=${n#"$case".}
	[ -f "$proj/mirc/$n" ] || { echo "FAIL gen/$case: ${g#"$srcdir"/} but no mirc/$n was generated" >&2; nfail=$((nfail + 1)); }
done

# #line directives: back into main.c at the right line, and into the
# program at a line it has.
nlines=$(wc -l <"$proj/$case.mir")
bad_lines=$(awk -v n="$nlines" -v mir="\"$case.mir\"" '
	$1 == "#line" && $3 == "\"mirc/main.c\"" && $2 != NR + 1 {
		print "line " NR ": #line " $2 " \"mirc/main.c\", but the next line is " NR + 1 }
	$1 == "#line" && $3 == mir && ($2 < 1 || $2 > n) {
		print "line " NR ": #line " $2 " " $3 ", which has " n " lines" }
	' "$proj/mirc/main.c")
if [ -n "$bad_lines" ]; then
	echo "$bad_lines" >&2
	echo "FAIL gen/$case: wrong #line directives in mirc/main.c" >&2
	nfail=$((nfail + 1))
fi

# Includes go through the include path: no absolute path (of the mirc
# installation or of the project), and no header twice in mirc.h.
abs=$(grep -n '^#include "/' "$proj/mirc/mirc.h" "$proj"/mirc/*.c)
if [ -n "$abs" ]; then
	echo "$abs" >&2
	echo "FAIL gen/$case: an #include with an absolute path" >&2
	nfail=$((nfail + 1))
fi
twice=$(grep '^#include' "$proj/mirc/mirc.h" | sort | uniq -d)
if [ -n "$twice" ]; then
	echo "$twice" >&2
	echo "FAIL gen/$case: mirc/mirc.h includes a header twice" >&2
	nfail=$((nfail + 1))
fi

# Strictly warning-free with both compilers.
for cc in gcc clang; do
	command -v "$cc" >/dev/null || { echo "FAIL gen/$case: $cc is not installed" >&2; nfail=$((nfail + 1)); continue; }
	for f in "$proj"/mirc/*.c; do
		if ! (cd "$proj" && "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror \
			-D_DEFAULT_SOURCE -Imirc -I. -I"$srcdir/rt/include" -I"$srcdir" \
			-c -o "$tmp/out.o" "mirc/${f##*/}") 2>"$tmp/cc.err"; then
			cat "$tmp/cc.err" >&2
			echo "FAIL gen/$case: $cc rejects mirc/${f##*/} (with -Werror)" >&2
			nfail=$((nfail + 1))
		fi
	done
done

[ "$nfail" -eq 0 ] || exit 1
echo "ok gen/$case"
exit 0
