#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# missing-tree.sh MIRC SRCDIR - a program with an "@lwip/" source and no
# good lwIP tree: `mirc configure` and `mirc check` stop with
# error[missing-lwip] at the path (file:line:col), write nothing, and
# their note gives the command that fetches the tree; running that command
# (from the cached tarball: no network) makes configure succeed.
# The trees: $MIRC_LWIP empty, absent, a copy with a file changed (same
# size too), one deleted, one from another tarball; the default cache
# when $MIRC_LWIP is unset.  With a good tree, a path that is not a file
# of it is missing-file, and "@lwip/" in a header is bad-field.  The
# pinned sha256 is the same in the script and in the compiler.
#
# Exit 77 only when no lwIP tree exists here and it cannot be fetched
# (the cases with an absent or empty tree run anyway before that).
set -u
mirc=$1
. "$(dirname "$0")/../lib.sh"
lib_start "$2"
name=lwip/missing-tree
nfail=0
fail() { echo "FAIL $name: $*" >&2; nfail=$((nfail + 1)); }
fetch=$srcdir/rt/net/fetch-lwip.sh

cp -R tests/lwip/inputs/missing "$tmp/p" || exit 1
pos="config.mir:8:20"	# the "@lwip/src/core/def.c" of config.mir

# expect_missing WHAT WHY: configure fails at the path, with WHY in the
# message, and writes nothing; check fails the same way.
expect_missing() {
	local what=$1 why=$2 cmd
	(cd "$tmp/p" && lib_mirc configure -t unix) >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" -eq 1 ] || fail "$what: configure exit status $st, expected 1"
	grep -qF "$pos: error[missing-lwip]: source '@lwip/src/core/def.c' of job 'tiny' needs the lwIP tree, but " "$tmp/err" ||
		fail "$what: no missing-lwip error at $pos: $(cat "$tmp/err")"
	grep -qF -- "$why" "$tmp/err" || fail "$what: the error does not say '$why': $(head -n 1 "$tmp/err")"
	cmd=$(sed -n 's/^note: fetch it (once, about 1 MB) with: //p' "$tmp/err")
	[ -n "$cmd" ] || fail "$what: no note with the fetch command: $(cat "$tmp/err")"
	[ -e "$tmp/p/Makefile" ] || [ -e "$tmp/p/mirc" ] && fail "$what: configure wrote files"
	(cd "$tmp/p" && lib_mirc check) >/dev/null 2>"$tmp/err"
	st=$?
	[ "$st" -eq 1 ] && grep -q 'error\[missing-lwip\]' "$tmp/err" ||
		fail "$what: mirc check exit status $st without missing-lwip"
	fetch_cmd=$cmd
}

# No tree at all, from $MIRC_LWIP and from the default cache.
mkdir "$tmp/empty"
MIRC_LWIP=$tmp/empty expect_missing "empty \$MIRC_LWIP" "$tmp/empty has no stamp"
[ "$fetch_cmd" = "bash $srcdir/rt/net/fetch-lwip.sh $tmp/empty" ] ||
	fail "empty \$MIRC_LWIP: the note says '$fetch_cmd'"
grep -qF 'note: mirc looks for lwIP in $MIRC_LWIP, then MIRC_HOME/lwip, then the cache; this one is $MIRC_LWIP' "$tmp/err" ||
	fail "empty \$MIRC_LWIP: no note saying where mirc looked"
MIRC_LWIP=$tmp/absent expect_missing "absent \$MIRC_LWIP" "$tmp/absent does not exist"
(unset MIRC_LWIP; XDG_CACHE_HOME=$tmp/xdg expect_missing "no cache" \
	"$tmp/xdg/mirc/lwip-2.1.3 does not exist"
 [ "$fetch_cmd" = "bash $srcdir/rt/net/fetch-lwip.sh" ] ||
	fail "no cache: the note says '$fetch_cmd', expected the script without a directory"
 exit "$nfail") || nfail=$((nfail + $?))

# The pinned tarball is the same for the script and the compiler.
sum=$(sed -n 's/^LWIP_SHA256=//p' "$fetch")
[ "${#sum}" -eq 64 ] && grep -q "\"$sum\"" compiler/lwip.c ||
	fail "compiler/lwip.c does not pin the script's sha256 '$sum'"

# A good tree to copy from.
tree=${XDG_CACHE_HOME:-$HOME/.cache}/mirc/lwip-2.1.3
if ! bash "$fetch" --check "$tree"; then
	bash "$fetch" "$tree" >"$tmp/fetch.log" 2>&1 || {
		[ "$nfail" -eq 0 ] || exit 1
		sed 's/^/  /' "$tmp/fetch.log" >&2
		echo "SKIP $name (in part): no lwIP tree in $tree and it cannot be fetched" >&2
		exit 77
	}
fi
# copy: a fresh good tree at $tmp/t, with its tarball beside it (so the
# fetch command repairs it without network).
copy() {
	rm -rf "$tmp/t" && cp -a "$tree" "$tmp/t" &&
		cp -a "$tree.orig.tar.xz" "$tmp/t.orig.tar.xz" || exit 1
}
export MIRC_LWIP=$tmp/t

copy
echo "/* edited */" >>"$tmp/t/src/core/def.c"
expect_missing "a file edited" "$tmp/t is corrupted: 'src/core/def.c' changed since it was extracted"
# The note's command repairs the tree; configure then succeeds.
bash -c "$fetch_cmd" >"$tmp/fetch.log" 2>&1 || fail "the note's command '$fetch_cmd' failed: $(cat "$tmp/fetch.log")"
(cd "$tmp/p" && lib_mirc configure -q -t unix) 2>"$tmp/err" ||
	fail "configure after the note's command: $(cat "$tmp/err")"
grep -q '^MIRC_LWIP := ' "$tmp/p/Makefile" || fail "the Makefile after the repair has no MIRC_LWIP"
(cd "$tmp/p" && lib_mirc clean -q) || fail "mirc clean"

copy
sed -i 's/lwip_htons/lwip_htonz/' "$tmp/t/src/core/def.c"	# same size
touch -d @0 "$tmp/t/src/core/def.c" 2>/dev/null
expect_missing "a file changed in place" "'src/core/def.c' changed since it was extracted"

copy
rm "$tmp/t/src/core/udp.c"
expect_missing "a file deleted" "$tmp/t is corrupted: 'src/core/udp.c' is missing"

copy
sed -i '1s/ [0-9a-f]*$/ 0000/' "$tmp/t/.mirc-lwip-stamp"
expect_missing "another tarball" "$tmp/t is not the tree of the pinned tarball"

copy
rm "$tmp/t/.mirc-lwip-stamp"
expect_missing "no stamp" "$tmp/t has no stamp"

# A good tree: a path that is none of its files, and a header.
copy
sed -i 's|@lwip/src/core/def.c|@lwip/src/core/nope.c|' "$tmp/p/config.mir"
(cd "$tmp/p" && lib_mirc check) >/dev/null 2>"$tmp/err"
grep -qF "$pos: error[missing-file]: source '@lwip/src/core/nope.c' of job 'tiny' is not a file of the lwIP tree (looked for $(realpath "$tmp/t")/src/core/nope.c)" "$tmp/err" ||
	fail "a path into the tree that is no file of it: $(cat "$tmp/err")"
sed -i 's|sources "tiny.c", "@lwip/src/core/nope.c";|sources "tiny.c"; header "@lwip/src/include/lwip/def.h";|' "$tmp/p/config.mir"
(cd "$tmp/p" && lib_mirc check) >/dev/null 2>"$tmp/err"
grep -qF "error[bad-field]: '@lwip/' paths name sources only" "$tmp/err" ||
	fail "an @lwip/ header: $(cat "$tmp/err")"

[ "$nfail" -eq 0 ] || { echo "$nfail failure(s)" >&2; exit 1; }
echo "ok $name"
