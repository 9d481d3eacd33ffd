#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# build.sh MIRC SRCDIR TARGET - lwIP as mirc builds it, on TARGET:
# tests/lwip/inputs/init names every source of network.md 2's NO_SYS=1
# raw-API list by "@lwip/" paths, with rt/net/lwip (lwipopts.h, arch/cc.h,
# sys_arch.c).  Configured with mirc for TARGET and compiled by the
# generated Makefile with the target's own cflags and -Werror (the
# project's flags: -std=c11 -Wall -Wextra -Wpedantic), so no lwIP file may
# warn on any toolchain.
#
# unix: built with gcc and with clang, and run: lwIP starts, listens,
# binds, and its timers send the first DHCP and IPv6 frames; the Makefile
# names lwIP's files as $(MIRC_LWIP)/..., dist/LICENSE.lwip is lwIP's
# COPYING, mirc clean removes it, and a dist/LICENSE.lwip the build did
# not make is left alone (the build stops, naming it).
# Other targets: every object compiled, not linked (the boards' programs
# that use lwIP come with their NICs); cortex_m3 also builds and runs the
# probe with the small memory profile (-DMIRC_LWIP_SMALL), the only one
# its 64 KiB hold.
#
# Exit 77 only when the lwIP tree is absent and cannot be fetched.
set -u
mirc=$1
. "$(dirname "$0")/../lib.sh"
lib_start "$2"
target=$3
name=lwip/build/$target
fail() { echo "FAIL $name: $*" >&2; exit 1; }

tree=${MIRC_LWIP:-${XDG_CACHE_HOME:-$HOME/.cache}/mirc/lwip-2.1.3}
if ! bash rt/net/fetch-lwip.sh --check "$tree"; then
	bash rt/net/fetch-lwip.sh "$tree" >"$tmp/fetch.log" 2>&1 || {
		sed 's/^/  /' "$tmp/fetch.log" >&2
		echo "SKIP $name: no lwIP tree in $tree and it cannot be fetched" >&2
		exit 77
	}
fi
export MIRC_LWIP=$tree

# project DIR: a fresh copy of the input, with mirc's sys_arch.c.
project() {
	rm -rf "${tmp:?}/$1"
	cp -R tests/lwip/inputs/init "$tmp/$1" &&
		cp rt/net/lwip/sys_arch.c "$tmp/$1/" || fail "cannot copy the project"
}

# compile DIR [MAKEARGS...]: configure for $target and make what the
# arguments say; any warning fails.
compile() {
	local dir=$tmp/$1
	shift
	(cd "$dir" && lib_mirc configure -q -t "$target") >"$tmp/log" 2>&1 ||
		{ cat "$tmp/log" >&2; fail "mirc configure -t $target in $(basename "$dir")"; }
	# (gcc's LTO says "warning: using serial compilation" under make -j:
	# a note about its own jobs, not about the code.)
	make -C "$dir" -j2 EXTRA_CFLAGS=-Werror "$@" >"$tmp/log" 2>&1 &&
		! grep 'warning:' "$tmp/log" | grep -qv 'lto-wrapper: warning: using serial compilation' ||
		{ tail -n 30 "$tmp/log" >&2; fail "make $* in $(basename "$dir") (-Werror)"; }
}

# check_log: the probe's log ($tmp/out) says each step, in order.
check_log() {
	grep -E '\[(INFO|ERROR)\] \[' "$tmp/out" |
		sed -E 's/^.*\[(INFO|ERROR)\] \[[a-z_]+\] //; s/\r$//' >"$tmp/got"
	printf '%s\n' "tcp listening on 7" "udp bound to 7" \
		"dhcp discover sent" "ipv6 frame sent" >"$tmp/want"
	diff -u "$tmp/want" "$tmp/got" >&2 || fail "the probe's log differs"
}

if [ "$target" = unix ]; then
	for cc in gcc clang; do
		project "$cc"
		compile "$cc" CC="$cc"
		(cd "$tmp/$cc" && timeout -k 5 30 ./dist/lwipprobe) >"$tmp/out" 2>&1 ||
			{ cat "$tmp/out" >&2; fail "$cc: ./dist/lwipprobe failed"; }
		check_log
	done
	p=$tmp/gcc
	grep -qx "MIRC_LWIP := $(realpath "$tree")" "$p/Makefile" ||
		fail "the Makefile does not set MIRC_LWIP to the tree"
	grep -q '^mirc/obj/lwip-src-core-tcp.o: $(MIRC_LWIP)/src/core/tcp.c ' "$p/Makefile" ||
		fail "the Makefile does not name src/core/tcp.c under \$(MIRC_LWIP)"
	cmp -s "$p/dist/LICENSE.lwip" "$tree/COPYING" ||
		fail "dist/LICENSE.lwip is not lwIP's COPYING"
	# A file of that name the build did not make (its checksum is not the
	# one mirc/built records) stays as it is: newer than COPYING, make
	# leaves it; older, make stops and says why.
	echo "mine" >"$p/dist/LICENSE.lwip"
	make -C "$p" >"$tmp/log" 2>&1 || { tail -n 5 "$tmp/log" >&2; fail "make with the user's newer dist/LICENSE.lwip"; }
	[ "$(cat "$p/dist/LICENSE.lwip")" = mine ] || fail "the user's dist/LICENSE.lwip was overwritten"
	touch -d 2000-01-01 "$p/dist/LICENSE.lwip"
	make -C "$p" >"$tmp/log" 2>&1 && fail "make over the user's older dist/LICENSE.lwip succeeded"
	grep -q 'dist/LICENSE.lwip is not one this build made' "$tmp/log" ||
		fail "make over the user's dist/LICENSE.lwip does not say why: $(tail -n 3 "$tmp/log")"
	[ "$(cat "$p/dist/LICENSE.lwip")" = mine ] || fail "the user's older dist/LICENSE.lwip was overwritten"
	# Removed, it comes back; mirc clean removes the one make made.
	rm "$p/dist/LICENSE.lwip"
	make -C "$p" >"$tmp/log" 2>&1 && cmp -s "$p/dist/LICENSE.lwip" "$tree/COPYING" ||
		fail "make did not put dist/LICENSE.lwip back"
	(cd "$p" && lib_mirc clean -q) || fail "mirc clean"
	[ -e "$p/dist/LICENSE.lwip" ] && fail "mirc clean left dist/LICENSE.lwip"
	echo "ok $name"
	exit 0
fi

# A board: every object, not the link.
objects() {
	printf 'lwip-objects: $(OBJS)\n.PHONY: lwip-objects\n' >"$tmp/$1/Makefile.user"
}
project p
objects p
compile p lwip-objects
# cortex_m3's 64 KiB hold the small profile only: built whole and run,
# as on unix.
if [ "$target" = cortex_m3 ]; then
	project small
	compile small EXTRA_CFLAGS="-Werror -DMIRC_LWIP_SMALL"
	timeout -k 5 120 make -s -C "$tmp/small" run EXTRA_CFLAGS="-Werror -DMIRC_LWIP_SMALL" \
		RUNFLAGS="-icount shift=auto,sleep=off" >"$tmp/out" 2>&1 </dev/null ||
		{ tail -n 20 "$tmp/out" >&2; fail "the small profile's probe failed on cortex_m3"; }
	check_log
fi
echo "ok $name"
