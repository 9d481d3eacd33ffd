#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Where an impl is available is said once, by the "provides" lists of the
# backends' descriptors (mir(5), check provides-mismatch): a `targets`
# field on a provided impl that lists the same targets is accepted, one
# that lists others is an error naming the targets on each side, and a
# descriptor that stops providing an impl makes it unavailable there
# (unavailable-on-target).  Each case runs in a copy of mirc's data
# directory (MIRC_HOME) with one library file changed.
. "$(dirname "$0")/lib/common.sh"

project samples/hello p

# home NAME: a fresh copy of the data directory in $tmp/NAME.
home() {
	rm -rf "${tmp:?}/$1"
	mkdir -p "$tmp/$1"
	cp -R stdlib rt backends man "$tmp/$1/"
}

# A field that agrees: no diagnostic.
home agree
sed -i 's/^impl random_rdrand : RANDOM {$/&\n\ttargets virtio;/' \
	"$tmp/agree/backends/virtio/devices.mir"
grep -q '^	targets virtio;' "$tmp/agree/backends/virtio/devices.mir" ||
	die "could not add the targets field"
MIRC_HOME=$tmp/agree mirc_in p check -t unix
[ "$status" -eq 0 ] || fail "an agreeing targets field: exit status $status; $(cat "$tmp/mirc.err")"

# A field that disagrees, on both sides.
home bad
sed -i 's/^impl random_rdrand : RANDOM {$/&\n\ttargets virtio, cortex_m3, unix;/' \
	"$tmp/bad/backends/virtio/devices.mir"
sed -i 's/"provides": \[/"provides": ["random_rdrand", /' \
	"$tmp/bad/backends/riscv64_virt/backend.json"
MIRC_HOME=$tmp/bad mirc_in p check -t unix
[ "$status" -eq 1 ] || fail "a disagreeing targets field: exit status $status, expected 1"
grep -v '^ ' "$tmp/mirc.err" >"$tmp/diag.txt"
same_text "$tmp/diag.txt" \
"<backends>/virtio/devices.mir:11:2: error[provides-mismatch]: the targets of impl 'random_rdrand' disagree with the backends' provides lists
note: listed here but not provided by: cortex_m3, unix (add 'random_rdrand' to their backend.json \"provides\", or drop them here)
note: provided by but not listed here: riscv64_virt
note: \"provides\" is the one source of an impl's targets: the field can go
1 error, 0 warnings" "the provides-mismatch diagnostic"

# An impl no longer provided is unavailable there.
home gone
sed -i 's/"provides": \["console_bare", "time_bare", /"provides": ["console_bare", /' \
	"$tmp/gone/backends/cortex_m3/backend.json"
grep -q '"provides": \["console_bare", "time_bare"' "$tmp/gone/backends/cortex_m3/backend.json" &&
	die "could not take time_bare out of cortex_m3's provides"
MIRC_HOME=$tmp/gone mirc_in p check -t cortex_m3
[ "$status" -eq 1 ] || fail "an impl no target provides: exit status $status, expected 1"
grep -q "error\[unavailable-on-target\]: impl 'time_bare' is not available on target 'cortex_m3'" "$tmp/mirc.err" ||
	fail "no unavailable-on-target for an impl that is provided nowhere: $(cat "$tmp/mirc.err")"

finish
