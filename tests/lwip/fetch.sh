#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# fetch.sh MIRC SRCDIR - rt/net/fetch-lwip.sh without the network: apt-get
# is replaced by a stand-in that records each call and then either fails
# (no network) or serves a tarball that is not the pinned one.
#   - a download whose sha256 is wrong: exit status 4, a SHA256 MISMATCH
#     message, nothing extracted or cached;
#   - no network and no cache: exit status 3, nothing left behind;
#   - a cached tarball: the tree is extracted from it, apt never called,
#     the stamp lists every file with its sha256, --check and --verify pass;
#   - a good tree: nothing to do, apt never called;
#   - a file edited: --check and --verify fail, a plain run restores it
#     from the cached tarball; a file whose content changed with its size
#     and mtime kept: only --verify sees it;
#   - two runs at once both end with a good tree.
# MIRC is not used (every test script takes it).  Exit 77 only when no
# cached tarball exists here and it cannot be fetched.
set -u
. "$(dirname "$0")/../lib.sh"
lib_start "$2"
name=lwip/fetch
nfail=0
fail() { echo "FAIL $name: $*" >&2; nfail=$((nfail + 1)); }
fetch=$srcdir/rt/net/fetch-lwip.sh

mkdir -p "$tmp/bin"
cat >"$tmp/bin/apt-get" <<'STANDIN'
#!/bin/sh
echo "$*" >>"$APT_CALLS"
case $APT_MODE in
offline) echo "E: Temporary failure resolving 'deb.debian.org'" >&2; exit 100 ;;
bad) for a; do [ "$a" = source ] && echo not-lwip >lwip_2.1.3+dfsg1.orig.tar.xz; done ;;
esac
exit 0
STANDIN
chmod +x "$tmp/bin/apt-get"
export APT_CALLS=$tmp/apt.calls
# run MODE DEST [ARGS...]: the script with the stand-in; status in $st.
run() {
	local mode=$1
	shift
	: >"$APT_CALLS"
	APT_MODE=$mode PATH=$tmp/bin:$PATH bash "$fetch" "$@" >"$tmp/out" 2>&1
	st=$?
}

run bad "$tmp/a/lwip"
[ "$st" -eq 4 ] || fail "a bad download: exit status $st, expected 4"
grep -q 'SHA256 MISMATCH' "$tmp/out" || fail "a bad download: no SHA256 MISMATCH message: $(cat "$tmp/out")"
[ -z "$(ls -A "$tmp/a")" ] || fail "a bad download left files: $(ls -A "$tmp/a")"

run offline "$tmp/b/lwip"
[ "$st" -eq 3 ] || fail "no network: exit status $st, expected 3"
[ -z "$(ls -A "$tmp/b")" ] || fail "no network left files: $(ls -A "$tmp/b")"

# The pinned tarball, from the cache of this machine.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/mirc/lwip-2.1.3
if ! [ -f "$cache.orig.tar.xz" ]; then
	bash "$fetch" "$cache" >"$tmp/fetch.log" 2>&1 && [ -f "$cache.orig.tar.xz" ] || {
		[ "$nfail" -eq 0 ] || exit 1
		sed 's/^/  /' "$tmp/fetch.log" >&2
		echo "SKIP $name (in part): no cached lwIP tarball and it cannot be fetched" >&2
		exit 77
	}
fi
d=$tmp/c/lwip
mkdir -p "$tmp/c" && cp "$cache.orig.tar.xz" "$d.orig.tar.xz" || exit 1
run offline "$d"
[ "$st" -eq 0 ] || fail "from the cached tarball: exit status $st: $(cat "$tmp/out")"
[ -s "$APT_CALLS" ] && fail "from the cached tarball: apt-get was called"
n=$(find "$d" -type f ! -name .mirc-lwip-stamp | wc -l)
[ "$(($(wc -l <"$d/.mirc-lwip-stamp") - 1))" -eq "$n" ] ||
	fail "the stamp does not list the $n files of the tree"
grep -q "^$(sha256sum <"$d/src/core/tcp.c" | cut -d' ' -f1) [0-9]* [0-9]* src/core/tcp.c\$" "$d/.mirc-lwip-stamp" ||
	fail "the stamp has no line 'SHA256 SIZE MTIME src/core/tcp.c'"
bash "$fetch" --check "$d" || fail "--check fails on a fresh tree"
bash "$fetch" --verify "$d" || fail "--verify fails on a fresh tree"
[ -z "$(find "$tmp/c" -maxdepth 1 -name '*.tmp-*')" ] || fail "temporary files left in $tmp/c"

run offline "$d"
[ "$st" -eq 0 ] && grep -q 'is up to date' "$tmp/out" || fail "a good tree: $(cat "$tmp/out")"
[ -s "$APT_CALLS" ] && fail "a good tree: apt-get was called"

echo '/* edited */' >>"$d/src/core/tcp.c"
bash "$fetch" --check "$d" && fail "--check passes with a file edited"
bash "$fetch" --verify "$d" && fail "--verify passes with a file edited"
run offline "$d"
[ "$st" -eq 0 ] || fail "repair: exit status $st: $(cat "$tmp/out")"
bash "$fetch" --verify "$d" || fail "the repaired tree fails --verify"
grep -q edited "$d/src/core/tcp.c" && fail "the repair kept the edited file"

# Same size, same mtime, other bytes: the cheap check cannot see it.
f=$d/src/core/def.c
t=$(stat -c %Y "$f")
sed -i 's/lwip_htons/lwip_htonz/' "$f" && touch -d "@$t" "$f"
bash "$fetch" --check "$d" || fail "--check fails on a change it cannot see (size and mtime kept)"
bash "$fetch" --verify "$d" && fail "--verify passes with a file's content changed"
rm -rf "$d"

(APT_MODE=offline PATH=$tmp/bin:$PATH bash "$fetch" "$d" >"$tmp/one" 2>&1) &
one=$!
(APT_MODE=offline PATH=$tmp/bin:$PATH bash "$fetch" "$d" >"$tmp/two" 2>&1) &
two=$!
wait "$one" || fail "two runs at once: the first failed: $(cat "$tmp/one")"
wait "$two" || fail "two runs at once: the second failed: $(cat "$tmp/two")"
bash "$fetch" --verify "$d" || fail "two runs at once: the tree fails --verify"

[ "$nfail" -eq 0 ] || { echo "$nfail failure(s)" >&2; exit 1; }
echo "ok $name"
