#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run.sh - run a virtio guest under qemu and exit with the guest's status.
#
#     run.sh IMAGE.elf [QEMU-OPTION...]
#
# The options after the image go to qemu as they are, after ours (for
# example -icount shift=auto,sleep=off, or -append "--hello=Bonjour" for
# the boot arguments).  QEMU names another qemu-system-x86_64 binary.
#
# The guest ends through isa-debug-exit by writing status + 1; qemu then
# exits with ((status + 1) << 1) | 1, which is decoded here.  Guest
# statuses 0 to 126 come out exactly (larger ones arrive as 126).  qemu
# exiting on its own instead, with 0 (the guest reset itself: a triple
# fault with -no-reboot; or qemu got SIGTERM) or 1 (qemu's own error),
# is reported and turned into status 125, so that it can never pass for
# the guest's success.  qemu killed by a signal gives 128 + the signal
# as usual.

if [ $# -lt 1 ]; then
	echo "usage: $0 IMAGE.elf [QEMU-OPTION...]" >&2
	exit 2
fi
image=$1
shift

# microvm boots fastest; pit=on for the clock calibration (channel 0),
# rtc=on for the wall clock, no PIC (nothing uses it), no virtio-mmio
# additions to the command line.  TCG always: KVM may be there but this
# kind of machine is itself virtualised.
"${QEMU:-qemu-system-x86_64}" \
	-M microvm,pit=on,rtc=on,pic=off,isa-serial=on,auto-kernel-cmdline=off \
	-accel tcg -cpu max -m 64 \
	-display none -serial stdio -monitor none -nic none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel "$image" "$@"
rc=$?

case $rc in
0)
	echo "$0: the guest stopped without an exit status (it reset, or qemu was told to quit)" >&2
	exit 125 ;;
1)
	echo "$0: qemu failed" >&2
	exit 125 ;;
esac
if [ $((rc % 2)) -eq 1 ]; then
	exit $(((rc - 1) / 2 - 1))
fi
exit "$rc"
