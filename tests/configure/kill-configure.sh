#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A configure killed with SIGKILL at any moment leaves at worst temporary
# files (NAME.mirc-tmp-PID, NAME.mirc-tmp-PID.old); the next configure,
# under the project lock, removes every one of them, in the project
# directory, mirc/, mirc/obj/ and dist/, and so does clean
# (mirc-configure(1)).  Files of the user's that only look similar stay.
# 30 kills at random moments of a configure that embeds a 128 KiB file.
. "$(dirname "$0")/lib/common.sh"

project samples/kv_ro p
head -c 131072 /dev/urandom >"$tmp/p/data/big.bin"
mirc_ok p configure --kv-ro=crunch

# How long a configure takes, to spread the kills over all of it.
start=$(date +%s%N)
echo x >>"$tmp/p/data/big.bin"
mirc_ok p configure
took=$((($(date +%s%N) - start) / 1000))	# microseconds
[ "$took" -gt 1000 ] || took=1000

hits=0
for _ in $(seq 30); do
	echo x >>"$tmp/p/data/big.bin"	# every configure has work to do
	(cd "$tmp/p" && exec "$mirc" configure) >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v r="$RANDOM" -v t="$took" 'BEGIN { printf "%.6f", r / 32768 * t * 1.2 / 1e6 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# Each configure removes what the kill before it left.
	[ -z "$(cd "$tmp/p" && find . -name '*.mirc-tmp-*')" ] || hits=$((hits + 1))
done
echo "kills that left temporary files: $hits of 30"

# Stale temporaries of mirc's naming everywhere it writes, and files of
# the user's with similar names.
mkdir -p "$tmp/p/mirc/obj" "$tmp/p/dist"
for f in Makefile.mirc-tmp-12345 mirc/main.c.mirc-tmp-1 mirc/mirc.h.mirc-tmp-77.old \
	mirc/obj/0-main.o.mirc-tmp-9 dist/kv_ro.mirc-tmp-4242; do
	echo stale >"$tmp/p/$f"
done
echo mine >"$tmp/p/notes.mirc-tmp-draft.txt"
echo mine >"$tmp/p/mirc/my.mirc-tmp"

mirc_ok p configure
leftovers=$(cd "$tmp/p" && find . -name '*.mirc-tmp-[0-9]*')
[ -z "$leftovers" ] || fail "configure after the kills left temporary files: $leftovers"
[ -f "$tmp/p/notes.mirc-tmp-draft.txt" ] && [ -f "$tmp/p/mirc/my.mirc-tmp" ] ||
	fail "configure removed a file of the user's that is not a temporary of mirc's"
# What the kills left is consistent: configuring again changes nothing.
mirc_ok p configure
grep -q '(0 files written)' "$tmp/mirc.err" || fail "a second configure still had work to do: $(cat "$tmp/mirc.err")"

echo stale >"$tmp/p/mirc/context.mirc-tmp-31337"
mirc_ok p clean
[ -e "$tmp/p/mirc/context.mirc-tmp-31337" ] && fail "clean left a stale temporary file"
[ -f "$tmp/p/notes.mirc-tmp-draft.txt" ] || fail "clean removed a file of the user's"
finish
