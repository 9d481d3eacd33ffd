#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# riscv64-blk.sh MIRC SRCDIR [WORKDIR] - block_virtio on riscv64_virt.
#
# The program of tests/targets/virtio-blk (two block_virtio devices,
# storage and ro; its config.mir and vblk.c), configured for riscv64_virt,
# built with -Werror and run under qemu-system-riscv64 -M virt (TCG,
# -icount shift=auto,sleep=off, under timeout) with disk images made
# here, on the virt machine's virtio-mmio transports (interrupts through
# the PLIC):
#   - twice in the legacy layout (qemu's default): the second run must
#     find the first one's data;
#   - once in the modern layout (-global virtio-mmio.force-legacy=false);
#   - without disks: connect must fail, naming the device, with status 1;
#   - the program of tests/targets/virtio-blk-chain (operations started
#     from earlier callbacks, refused ones among them), 4 times with
#     -icount and 2 without, each on a fresh disk: it must print
#     chain.out and exit by itself (a guest still running at the timeout
#     is a lost wake-up: a device interrupt the PLIC held back).
# Each run's output is compared with tests/targets/riscv64-blk/NAME.out
# and its exit status checked; the images are checked on the host after
# the runs (sector 0 counts the runs, ro.img is unchanged).  WORKDIR
# (default: a temporary directory, removed at the end) keeps the project
# and the images.  Fails without qemu-system-riscv64 (bash
# .ci/install-deps.sh cross installs it).
set -u

mirc=$1 srcdir=$2 work=${3:-}
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
here=$srcdir/tests/targets/riscv64-blk
prog=$srcdir/tests/targets/virtio-blk
step=""
fail() { echo "FAIL targets/riscv64-blk${step:+ ($step)}: $*" >&2; exit 1; }

command -v qemu-system-riscv64 >/dev/null ||
	fail "qemu-system-riscv64 is not installed (bash .ci/install-deps.sh cross)"
if [ -n "$work" ]; then
	rm -rf "$work" && mkdir -p "$work" || exit 1
	tmp=$work
else
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
fi
proj=$tmp/vblk

# ---- configure and build --------------------------------------------------------

mkdir -p "$proj" && cp "$prog/config.mir" "$prog/vblk.c" "$proj/" ||
	fail "cannot copy $prog"
(cd "$proj" && "$mirc" configure -q -t riscv64_virt) >"$tmp/configure.log" 2>&1 ||
	{ cat "$tmp/configure.log" >&2; fail "mirc configure -t riscv64_virt failed"; }
make -C "$proj" EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1
st=$?
if [ "$st" -ne 0 ] || grep -q 'warning:' "$tmp/make.log"; then
	cat "$tmp/make.log" >&2
	fail "make with -Werror: exit status $st"
fi
elf=$proj/dist/vblk.elf

# ---- the disks ------------------------------------------------------------------

truncate -s 1M "$proj/storage.img" || fail "cannot make storage.img"
printf 'mirc virtio-blk read-only disk\n' >"$proj/ro.img"
truncate -s 64K "$proj/ro.img" && cp "$proj/ro.img" "$tmp/ro.orig" ||
	fail "cannot make ro.img"
disks=(-drive "file=$proj/storage.img,if=none,format=raw,id=storage"
	-device virtio-blk-device,drive=storage
	-drive "file=$proj/ro.img,if=none,format=raw,id=ro,readonly=on"
	-device virtio-blk-device,drive=ro)

# ---- runs -----------------------------------------------------------------------

# virt ARGS...: the program on the virt machine, console in $tmp/out,
# qemu's messages in $tmp/err; the guest's status (the SiFive test
# device passes it on), 124 or 137 when it did not stop in time.
virt() {
	timeout -k 5 60 qemu-system-riscv64 -M virt -bios none -display none \
		-serial stdio -monitor none -icount shift=auto,sleep=off \
		-kernel "$elf" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
}

# expect NAME STATUS: the last run's output is NAME.out, its status STATUS.
expect() {
	local st=$? name=$1 want=$2
	[ "$st" -eq 124 ] || [ "$st" -eq 137 ] && fail "no exit within 60 s"
	sed 's/\r$//' "$tmp/out" >"$tmp/out.n"
	diff -u --label "expected tests/targets/riscv64-blk/$name.out" \
		--label "actual ($step)" "$here/$name.out" "$tmp/out.n" ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
	[ "$st" -eq "$want" ] ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "exit status $st, expected $want"; }
	echo "ok targets/riscv64-blk ($step)"
}

step="first run"
virt "${disks[@]}" -append "-l block_virtio:debug"
expect first 0

step="second run"
virt "${disks[@]}"
expect second 0

step="modern virtio-mmio"
virt "${disks[@]}" -global virtio-mmio.force-legacy=false
expect modern 0

# What the runs left on the disks, seen from the host.
step="images"
printf 'mirc virtio-blk test\nruns: 3\n' >"$tmp/header"
cmp -s -n "$(wc -c <"$tmp/header")" "$tmp/header" "$proj/storage.img" ||
	fail "sector 0 of storage.img does not count 3 runs"
cmp -s "$tmp/ro.orig" "$proj/ro.img" || fail "ro.img changed"
echo "ok targets/riscv64-blk ($step)"

step="no disk"
virt
expect nodisk 1

# ---- chained operations -----------------------------------------------------------

chain=$srcdir/tests/targets/virtio-blk-chain
step="chain: build"
mkdir -p "$tmp/chain" && cp "$chain/config.mir" "$chain/chain.c" "$tmp/chain/" ||
	fail "cannot copy $chain"
(cd "$tmp/chain" && "$mirc" configure -q -t riscv64_virt && \
	make EXTRA_CFLAGS=-Werror) >"$tmp/chain.log" 2>&1 &&
	! grep -q 'warning:' "$tmp/chain.log" ||
	{ cat "$tmp/chain.log" >&2; fail "configure or make failed"; }
elf=$tmp/chain/dist/chain.elf
for run in icount-1 icount-2 icount-3 icount-4 plain-1 plain-2; do
	step="chain, $run"
	ic=()
	case $run in icount-*) ic=(-icount shift=auto,sleep=off) ;; esac
	truncate -s 4M "$tmp/chain.img" || fail "cannot make chain.img"
	timeout -k 5 60 qemu-system-riscv64 -M virt -bios none -display none \
		-serial stdio -monitor none "${ic[@]}" -kernel "$elf" \
		-drive "file=$tmp/chain.img,if=none,format=raw,id=disk" \
		-device virtio-blk-device,drive=disk \
		>"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
	[ "$st" -eq 124 ] || [ "$st" -eq 137 ] && fail "no exit within 60 s"
	sed 's/\r$//' "$tmp/out" >"$tmp/out.n"
	diff -u --label "expected tests/targets/virtio-blk-chain/chain.out" \
		--label "actual ($step)" "$chain/chain.out" "$tmp/out.n" ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
	[ "$st" -eq 0 ] || fail "exit status $st, expected 0"
	rm -f "$tmp/chain.img"
	echo "ok targets/riscv64-blk ($step)"
done

exit 0
