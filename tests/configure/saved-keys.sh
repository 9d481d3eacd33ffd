#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Keys and boot arguments saved in mirc/context (issue 8, item 18):
# configure says which saved keys it used; a saved key marked `insecure`
# (insecure_random) is not used for another target, with a note, so a
# cortex_m3 configure with --insecure-random does not turn RDRAND into
# xorshift on a later `-t virtio`; other keys do carry over; saved boot
# arguments are announced when they are used, and --boot-args= clears them.
. "$(dirname "$0")/lib/common.sh"

project samples/random p

mirc_ok p configure -t cortex_m3 --insecure-random
grep -q '"insecure_random": "true"' "$tmp/p/mirc/context" || die "--insecure-random was not saved"
grep -q "using saved keys" "$tmp/mirc.err" && fail "keys from the command line reported as saved: $(cat "$tmp/mirc.err")"

# The same target again, from the context: the insecure key is used, and
# configure says so.
mirc_ok p configure
same_text "$tmp/mirc.err" "mirc: using saved keys: target=cortex_m3, insecure_random=true (from mirc/context)
mirc: configured random for cortex_m3 (0 files written)" "configure on the saved target"
mirc_ok p query devices
grep -q '^random_xorshift_unsafe' "$tmp/mirc.out" || fail "cortex_m3 lost its saved --insecure-random: $(cat "$tmp/mirc.out")"
mirc_ok p configure -t cortex_m3 -q
[ -s "$tmp/mirc.err" ] && fail "-q still prints: $(cat "$tmp/mirc.err")"

# Another target: the insecure key stays behind, with a note (even -q).
mirc_ok p configure -t virtio -q
same_text "$tmp/mirc.err" "mirc: note: saved key insecure_random=true not used: it is marked insecure and was saved for target cortex_m3, not virtio (give --insecure-random=true again to keep it)" "configure for another target"
mirc_ok p query devices
grep -q '^random_rdrand' "$tmp/mirc.out" || fail "virtio does not use RDRAND: $(cat "$tmp/mirc.out")"
grep -q insecure_random "$tmp/p/mirc/context" && fail "the dropped key is still saved"
# Given again on the command line, it is used on virtio.
mirc_ok p configure -t virtio --insecure-random
mirc_ok p query devices
grep -q '^random_xorshift_unsafe' "$tmp/mirc.out" || fail "--insecure-random given on virtio was not used"

# A key without the mark follows the project to another target.
mirc_ok p configure -t cortex_m3 --stack-size=4096 --insecure-random
mirc_ok p configure -t riscv64_virt --insecure-random
grep -qxF "mirc: using saved keys: stack_size=4096 (from mirc/context)" "$tmp/mirc.err" ||
	fail "stack_size did not carry over, or was not reported: $(cat "$tmp/mirc.err")"

# Boot arguments: saved, announced when used again, cleared by --boot-args=.
mirc_ok p configure --boot-args="--insecure-random-seed=5"
grep -q "saved boot arguments" "$tmp/mirc.err" && fail "boot arguments given now reported as saved"
mirc_ok p configure
grep -qxF "mirc: note: using the saved boot arguments --boot-args='--insecure-random-seed=5' (from mirc/context; --boot-args= clears them)" "$tmp/mirc.err" ||
	fail "saved boot arguments used without a note: $(cat "$tmp/mirc.err")"
grep -qF -- '--insecure-random-seed=5' "$tmp/p/mirc/main.c" || fail "the saved boot arguments are not baked in"
mirc_ok p configure --boot-args=
grep -q boot_args "$tmp/p/mirc/context" && fail "--boot-args= did not clear the saved boot arguments"
grep -qF -- '--insecure-random-seed=5' "$tmp/p/mirc/main.c" && fail "--boot-args= left the boot arguments baked in"
mirc_ok p configure
grep -q "saved boot arguments" "$tmp/mirc.err" && fail "cleared boot arguments still announced: $(cat "$tmp/mirc.err")"
finish
