#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# seed.sh MIRC SRCDIR TARGET - a board whose default_random is
# random_chacha20 seeds it afresh at every boot: samples/random, built
# as a new user would (no --insecure-random), runs twice under make run
# and logs different bytes each time (the same seed would give the same
# stream), and qemu warns about nothing.  The seed comes from the device tree's /chosen/rng-seed on
# the virt machines and from the host's /dev/urandom through semihosting
# on cortex_m3.
set -u

mirc=$1 srcdir=$2 target=$3
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME RUNFLAGS ARGS
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL targets/$target/seed: $*" >&2; exit 1; }

cp -R samples/random "$tmp/p" && rm -rf "$tmp/p/Makefile" "$tmp/p/mirc" "$tmp/p/dist" ||
	fail "cannot copy samples/random"
(cd "$tmp/p" && "$mirc" configure -q -t "$target") >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; fail "mirc configure -t $target"; }
(cd "$tmp/p" && "$mirc" query devices) >"$tmp/devices" 2>&1
grep -q '^random_chacha20' "$tmp/devices" ||
	fail "default_random is not random_chacha20: $(cat "$tmp/devices")"
make -s -C "$tmp/p" EXTRA_CFLAGS=-Werror >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; fail "make"; }
for i in 1 2; do
	timeout -k 5 60 make -s -C "$tmp/p" run >"$tmp/out.$i" 2>&1 </dev/null ||
		{ cat "$tmp/out.$i" >&2; fail "boot $i failed"; }
	# No network device: nothing to warn about (cortex_m3's own NIC
	# gets run.absent_options).
	grep -i 'qemu.*warning' "$tmp/out.$i" && fail "qemu warned at boot $i"
	grep '^\[INFO\] \[show_random\]' "$tmp/out.$i" | grep -E '[0-9a-f]{32}' >"$tmp/bytes.$i"
	[ -s "$tmp/bytes.$i" ] || { cat "$tmp/out.$i" >&2; fail "boot $i logged no random bytes"; }
done
cmp -s "$tmp/bytes.1" "$tmp/bytes.2" && fail "two boots gave the same bytes: $(head -n 1 "$tmp/bytes.1")"
echo "ok targets/$target/seed"
