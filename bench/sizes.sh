#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/sizes.sh [BUILD_DIR] - how big are the programs mirc makes?  Builds
# samples/hello, samples/noop and samples/www (a web server: lwIP on the
# boards, the socket stack on the hosted targets, its site in the image)
# for every target of backends/ (in temporary copies) and prints text/data/bss of each artefact, as the
# target's `size` reports them (the binutils next to its toolchain.cc).  The reference point (issue 4): the best embedded
# frameworks' hello is 2.6-9 KiB of flash; mirc's aim for cortex_m3 is
# 8 KiB.  A benchmark: it prints figures, it does not pass or fail on them.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_mirc "${1:-}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mirc-sizes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The target's size(1): its compiler's name with "size" for the last
# word (arm-none-eabi-gcc -> arm-none-eabi-size, cc -> size).
size_tool() {
	local cc
	cc=$(python3 "$root/backends/targets.py" get "$1" toolchain.cc) || cc=cc
	case $cc in
	*-*) echo "${cc%-*}-size" ;;
	*) echo size ;;
	esac
}

printf '%-14s %-6s %9s %7s %8s %9s\n' target sample text data bss "flash"
for t in $(python3 "$root/backends/targets.py" names); do
	for s in hello noop www; do
		p=$tmp/$t-$s
		cp -r "$root/samples/$s" "$p"
		rm -rf "$p/mirc" "$p/Makefile" "$p/dist"
		if ! (cd "$p" && "$mirc" configure -q -t "$t" >/dev/null 2>&1 &&
			make -s >/dev/null 2>&1); then
			printf '%-14s %-6s %s\n' "$t" "$s" "(does not build here)"
			continue
		fi
		art=$(cd "$p" && "$mirc" query files | tail -1)
		read -r text data bss _ < <($(size_tool "$t") "$p/$art" | tail -1)
		# Flash: what a ROM-based board stores, code plus initialised data.
		printf '%-14s %-6s %9d %7d %8d %8.1fK\n' "$t" "$s" "$text" \
			"$data" "$bss" "$(awk -v t="$text" -v d="$data" 'BEGIN { print (t + d) / 1024 }')"
	done
done
