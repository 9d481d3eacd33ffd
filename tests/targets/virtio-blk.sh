#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# virtio-blk.sh MIRC SRCDIR [WORKDIR] - block_virtio on the virtio target.
#
# Configures tests/targets/virtio-blk (two block_virtio devices, storage
# and ro) for virtio, builds it with -Werror, and runs it under qemu
# (TCG, -icount shift=auto,sleep=off, under timeout) with disk images
# made here:
#   - on microvm (virtio-mmio, backends/virtio/run.sh, what make run
#     uses), twice: the second run must find the first one's data;
#   - on pc (legacy virtio-pci, what the libvirt domain describes), a
#     third run on the same images;
#   - on microvm's other interrupt layouts (acpi=off, ioapic2=off) and
#     with modern virtio-mmio (force-legacy=false);
#   - without disks, and with one disk for two devices: connect must fail
#     with the message naming the device, and status 1.
# Each run's output is compared with tests/targets/virtio-blk/NAME.out
# and its exit status checked; the images are checked on the host after
# the runs.  WORKDIR (default: a temporary directory, removed at the
# end) keeps the project and the images for inspection.  Fails without
# qemu-system-x86_64 (bash .ci/install-deps.sh cross installs it).
set -u

mirc=$1 srcdir=$2 work=${3:-}
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
here=$srcdir/tests/targets/virtio-blk
. "$srcdir/tests/targets/virtio-qemu.sh"

virtio_workdir targets/virtio-blk "$work"
proj=$tmp/vblk
step=""
fail() { echo "FAIL targets/virtio-blk${step:+ ($step)}: $*" >&2; exit 1; }

# ---- configure and build --------------------------------------------------------

mkdir -p "$proj" && cp "$here/config.mir" "$here/vblk.c" "$proj/" ||
	fail "cannot copy $here"
(cd "$proj" && "$mirc" configure -q -t virtio) >"$tmp/configure.log" 2>&1 ||
	{ cat "$tmp/configure.log" >&2; fail "mirc configure -t virtio failed"; }
for name in storage ro; do
	grep -q "\"name\": \"$name\"" "$proj/mirc/manifest.json" ||
		fail "mirc/manifest.json does not list the block device $name"
done
make -C "$proj" EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1
st=$?
if [ "$st" -ne 0 ] || grep -q 'warning:' "$tmp/make.log"; then
	cat "$tmp/make.log" >&2
	fail "make with -Werror: exit status $st"
fi
elf=$proj/dist/vblk.elf

# A name that is not a Solo5 device name is refused at configure time
# (block_virtio's connect refuses it too, should one get through).
step="bad name"
mkdir -p "$tmp/badname" && cp "$here"/config.mir "$here"/vblk.c "$tmp/badname/" ||
	fail "cannot copy $here"
(cd "$tmp/badname" && "$mirc" configure -q -t virtio --disk-name=bad-name) \
	>"$tmp/badname.log" 2>&1
st=$?
[ "$st" -eq 1 ] && grep -q "bad-name" "$tmp/badname.log" ||
	{ cat "$tmp/badname.log" >&2; fail "configure exit status $st, expected 1 and a message"; }

# ---- the disks ------------------------------------------------------------------

truncate -s 1M "$proj/storage.img" || fail "cannot make storage.img"
printf 'mirc virtio-blk read-only disk\n' >"$proj/ro.img"
truncate -s 64K "$proj/ro.img" && cp "$proj/ro.img" "$tmp/ro.orig" ||
	fail "cannot make ro.img"

mmio_disks=(-drive "file=$proj/storage.img,if=none,format=raw,id=storage"
	-device virtio-blk-device,drive=storage
	-drive "file=$proj/ro.img,if=none,format=raw,id=ro,readonly=on"
	-device virtio-blk-device,drive=ro)
pci_disks=(-drive "file=$proj/storage.img,if=none,format=raw,id=storage"
	-device virtio-blk-pci,drive=storage
	-drive "file=$proj/ro.img,if=none,format=raw,id=ro,readonly=on"
	-device virtio-blk-pci,drive=ro)
icount=(-icount shift=auto,sleep=off)

# ---- runs -----------------------------------------------------------------------

# The two machines (virtio-qemu.sh), with -icount.
microvm() { virtio_microvm "$tmp/out" "$tmp/err" "$elf" "${icount[@]}" "$@"; }
pc() { virtio_pc "$tmp/out" "$tmp/err" "$elf" "${icount[@]}" "$@"; }

# expect NAME STATUS [SED]: the last run's output (edited by the sed
# script SED) is NAME.out, its status STATUS.
expect() {
	local st=$? name=$1 want=$2 edit=${3:-}
	[ "$st" -eq 124 ] || [ "$st" -eq 137 ] && fail "no exit within 60 s"
	sed -E 's/^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z|\+[0-9]+\.[0-9]+) (\[[A-Z]+\] )/\2/; s/\r$//' \
		"$tmp/out" | sed -E "$edit" >"$tmp/out.n"
	diff -u --label "expected tests/targets/virtio-blk/$name.out" \
		--label "actual ($step)" "$here/$name.out" "$tmp/out.n" ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
	[ "$st" -eq "$want" ] ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "exit status $st, expected $want"; }
	echo "ok targets/virtio-blk ($step)"
}

step="microvm, first run"
microvm "${mmio_disks[@]}" -append "-l block_virtio:debug"
expect first 0

step="microvm, second run"
microvm "${mmio_disks[@]}"
expect second 0

step="pc, third run"
pc "${pci_disks[@]}" -append "-l block_virtio:debug"
expect pc 0

# What the runs left on the disks, seen from the host.
step="images"
printf 'mirc virtio-blk test\nruns: 3\n' >"$tmp/header"
cmp -s -n "$(wc -c <"$tmp/header")" "$tmp/header" "$proj/storage.img" ||
	fail "sector 0 of storage.img does not count 3 runs"
cmp -s "$tmp/ro.orig" "$proj/ro.img" || fail "ro.img changed"
echo "ok targets/virtio-blk ($step)"

# microvm's other interrupt wirings, and the modern virtio-mmio layout
# (the run counts go on: again.out has N for them).
for variant in "acpi=off" "ioapic2=off" "force-legacy=false"; do
	step="microvm, $variant"
	case $variant in
	force-legacy=*) extra=(-global "virtio-mmio.$variant") ;;
	*) extra=(-M "microvm,$variant") ;;
	esac
	microvm "${mmio_disks[@]}" "${extra[@]}"
	expect again 0 's/(written by|now counts) [0-9]+ /\1 N /'
done

step="microvm, no disk"
microvm
expect nodisk 1

step="microvm, one disk for two devices"
microvm "${mmio_disks[@]:0:4}"
expect onedisk 1

step="pc, no disk"
pc
expect nodisk 1

step="pc, one disk for two devices"
pc "${pci_disks[@]:0:4}"
expect onedisk 1

exit 0
