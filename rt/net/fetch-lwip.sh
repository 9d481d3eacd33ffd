#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# rt/net/fetch-lwip.sh [--check|--verify] [DEST] - the lwIP tree the direct
# stack is built from, fetched once and cached.
#
# lwIP's sources are never in mirc's repository.  They come from Debian
# bookworm's source package `lwip` (network.md 2): its orig tarball is
# upstream's STABLE-2_1_3_RELEASE less the generated doxygen output, and is
# pinned here by its sha256, not by the Debian revision (a security update
# changes the revision and the patches, never the orig tarball).  Only the
# orig tarball is extracted: the Debian patches are GPL and touch only the
# socket and PPP code, which mirc does not build.
#
# DEST defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/mirc/lwip-2.1.3, where
# mirc looks last (after $MIRC_LWIP and $MIRC_HOME/lwip; mir(5), `@lwip/`).
# The tarball is kept next to it (DEST.orig.tar.xz) so that extracting again
# needs no network.
#
#   (no option)  make DEST a good tree: nothing to do if it is one (no
#                network); else extract the cached tarball if its sha256 is
#                right; else download it, check it, cache it, extract it
#   --check      exit 0 if DEST is a good tree (the stamp and every file's
#                size and mtime: what mirc checks), 1 if not; never writes
#   --verify     the same with every file's sha256 (about 20 ms)
#
# The download goes through private apt lists in a temporary directory:
# the system's apt configuration, lists and cache are not read or written
# beyond the keyring, so no root is needed (APT::Sandbox::User is the
# caller).  The tree appears atomically: extracted into a temporary
# directory beside DEST, checked, stamped, then renamed onto DEST, so a
# tree is either whole or absent, and two runs at once both end with a good
# one.
#
# The stamp, DEST/.mirc-lwip-stamp, is the contract with the compiler
# (compiler/lwip.c reads it): a first line
#   mirc-lwip-stamp 1 lwip_2.1.3+dfsg1.orig.tar.xz <sha256 of the tarball>
# then one line per regular file of the tree:
#   <sha256> <size> <mtime, seconds since the epoch> <path in the tree>
# mirc checks size and mtime (stat only) on every configure; this script's
# --verify checks the content.  An edited, truncated or missing file changes
# size or mtime, so the cheap check sees it; a bit flipped in place on the
# disk needs --verify.
#
# Exit status: 0 good tree, 1 --check/--verify found none, 2 usage,
# 3 download failed (no network, no apt), 4 sha256 mismatch (the download,
# or the cached tarball, is not the pinned one: loud, nothing extracted).
set -euo pipefail

LWIP_ORIG=lwip_2.1.3+dfsg1.orig.tar.xz
LWIP_SHA256=0a8276d09fc4e97bbba2f953d74af2388fc2195ea156be9d7589e297a68fde24
LWIP_TOP=lwip-2.1.3		# the tarball's top directory
STAMP=.mirc-lwip-stamp
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

say() { printf 'fetch-lwip: %s\n' "$*" >&2; }
die() { say "$2"; exit "$1"; }

mode=fetch
case "${1-}" in
--check) mode=check; shift ;;
--verify) mode=verify; shift ;;
--help|-h) sed -n '3,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
-*) die 2 "unknown option '$1' (--check, --verify, or none)" ;;
esac
[ $# -le 1 ] || die 2 "usage: fetch-lwip.sh [--check|--verify] [DEST]"
dest=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/mirc/lwip-2.1.3}
dest=${dest%/}
tarball=$dest.orig.tar.xz

# tree_ok DIR deep: the stamp names the pinned tarball and every file has
# its size and mtime (deep: and its sha256).  Files not in the stamp are
# ignored (mirc never builds them: every `@lwip/` path must be stamped).
tree_ok() {
	local dir=$1 deep=$2 head
	[ -f "$dir/$STAMP" ] || return 1
	head=$(head -n 1 "$dir/$STAMP")
	[ "$head" = "mirc-lwip-stamp 1 $LWIP_ORIG $LWIP_SHA256" ] || return 1
	(
		cd "$dir" || exit 1
		# One find and one awk, not a process per file: 400 files.
		find . -type f -printf '%P %s %Ts\n' |
			awk 'NR == FNR { have[$1] = $2 " " $3; next }
			     FNR > 1 && have[$4] != $2 " " $3 { bad = 1 }
			     END { exit bad }' - "$STAMP" || exit 1
		if [ "$deep" = deep ]; then
			tail -n +2 "$STAMP" | awk '{ print $1 "  " $4 }' |
				sha256sum --quiet --strict -c - >/dev/null 2>&1
		fi
	)
}

sha_ok() {
	[ -f "$1" ] && [ "$(sha256sum <"$1" | cut -d' ' -f1)" = "$LWIP_SHA256" ]
}

case $mode in
check) tree_ok "$dest" shallow; exit ;;
verify) tree_ok "$dest" deep; exit ;;
esac

if tree_ok "$dest" deep; then
	say "$dest is up to date"
	exit 0
fi

parent=$(dirname -- "$dest")
mkdir -p -- "$parent"
work=$(mktemp -d "$dest.tmp-XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# The tarball: the cached one if it is the pinned one, else apt's.
if ! sha_ok "$tarball"; then
	[ -e "$tarball" ] && say "cached $tarball is not the pinned tarball: fetching it again"
	command -v apt-get >/dev/null ||
		die 3 "apt-get not found: cannot fetch Debian's lwip source package"
	[ -r "$KEYRING" ] ||
		die 3 "$KEYRING not found (apt-get install debian-archive-keyring)"
	apt=$work/apt
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/get"
	echo "deb-src [signed-by=$KEYRING] http://deb.debian.org/debian bookworm main" \
		>"$apt/sources.list"
	aptopts=(-q -o "Dir::Etc::sourcelist=$apt/sources.list"
		 -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt/lists"
		 -o "Dir::Cache=$apt/cache" -o "APT::Sandbox::User=$(id -un)")
	say "fetching Debian bookworm's lwip source package (about 10 MB of apt lists, 0.8 MB of source)"
	if ! apt-get "${aptopts[@]}" update >"$apt/log" 2>&1 ||
	   ! (cd "$apt/get" && apt-get "${aptopts[@]}" source --download-only lwip) \
		>>"$apt/log" 2>&1 ||
	   [ ! -f "$apt/get/$LWIP_ORIG" ]; then
		sed 's/^/  apt: /' "$apt/log" | tail -n 8 >&2
		die 3 "could not download $LWIP_ORIG (no network?)"
	fi
	got=$(sha256sum <"$apt/get/$LWIP_ORIG" | cut -d' ' -f1)
	if [ "$got" != "$LWIP_SHA256" ]; then
		say "SHA256 MISMATCH for $LWIP_ORIG from deb.debian.org"
		say "  expected $LWIP_SHA256"
		say "  got      $got"
		die 4 "refusing to use it: nothing was extracted or cached"
	fi
	cp -- "$apt/get/$LWIP_ORIG" "$tarball.tmp-$$"
	mv -f -- "$tarball.tmp-$$" "$tarball"
fi

# Extract, stamp, check, and only then put it in place.
tar -xJf "$tarball" -C "$work" --no-same-owner "$LWIP_TOP"
tree=$work/$LWIP_TOP
(
	cd "$tree"
	echo "mirc-lwip-stamp 1 $LWIP_ORIG $LWIP_SHA256"
	if find . -type f -name '*[[:space:]]*' | grep -q .; then
		echo "fetch-lwip: a file name with a space in the tarball" >&2
		exit 1
	fi
	find . -type f -printf '%P\n' | LC_ALL=C sort >"$work/files"
	xargs -d '\n' sha256sum -- <"$work/files" >"$work/sums"
	xargs -d '\n' stat -c '%n %s %Y' -- <"$work/files" >"$work/stats"
	# sha256sum prints "SUM  PATH", stat "PATH SIZE MTIME": same order.
	paste -d ' ' "$work/sums" "$work/stats" |
		awk '$2 != $3 { exit 1 } { print $1, $4, $5, $2 }'
) >"$work/stamp"
mv -- "$work/stamp" "$tree/$STAMP"
tree_ok "$tree" deep || die 1 "the extracted tree fails its own check (disk full?)"

# A bad tree in the way (corrupt, half-deleted) is moved aside first;
# rename(2) cannot replace a non-empty directory.  A good one is another
# run's, finished meanwhile: kept.
if [ -e "$dest" ]; then
	if tree_ok "$dest" deep; then
		say "$dest is up to date"
		exit 0
	fi
	mv -- "$dest" "$work/old"
fi
if ! mv -T -- "$tree" "$dest" 2>/dev/null; then
	# Another run put a tree there meanwhile: keep it if it is good.
	tree_ok "$dest" deep || die 1 "cannot put the tree at $dest"
fi
say "lwIP 2.1.3 is in $dest"
