#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mirc.h defines every signature of the program before it includes the
# impls' headers (c-interface.md 2), not only those of the graph the keys
# chose: ticker.h, shared by two impls, keeps a CLOCK handle, and with
# --fast=true no CLOCK device is left in the graph.  Both configurations
# build with gcc and clang under -Werror, and run.
. "$(dirname "$0")/lib/common.sh"

for fast in false true; do
	project shared-header s
	mirc_ok s configure --fast=$fast
	for cc in gcc clang; do
		make -C "$tmp/s" clean >/dev/null 2>&1
		build s "$cc"
		expect_prog 0 s || continue
		if [ $fast = true ]; then want=102; else want=3; fi
		same_text "$tmp/out" "[INFO] [run] ticked $want" "--fast=$fast built with $cc"
	done
done
finish
