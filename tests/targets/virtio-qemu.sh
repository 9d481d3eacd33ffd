# SPDX-License-Identifier: MIT
#
# virtio-qemu.sh - sourced by the virtio target tests (virtio-blk.sh,
# virtio-blk-chain.sh): how they run a guest under qemu and get its exit
# status, on the two machines the target supports.
#
#   virtio_microvm OUT ERR ARGS...  backends/virtio/run.sh (what make run
#                                   uses): microvm, virtio-mmio disks
#   virtio_pc OUT ERR ARGS...       the pc machine, legacy virtio-pci disks
#                                   (what the libvirt domain describes)
#
# ARGS go to qemu after the common options (disks, -icount, -append).
# Both run under `timeout -k 5 $VIRTIO_TIMEOUT` (default 60 s), with
# stdin from /dev/null, the console in OUT and qemu's own messages in
# ERR, and return the guest's exit status, decoded from isa-debug-exit
# (the guest writes status + 1; qemu exits with (value << 1) | 1); 124
# or 137 when the guest did not stop in time.  Needs $srcdir.
#
#   virtio_workdir TEST [WORK]      fails TEST when qemu-system-x86_64 is
#                                   missing; sets tmp to WORK (emptied) or
#                                   to a temporary directory removed on exit

VIRTIO_TIMEOUT=${VIRTIO_TIMEOUT:-60}

virtio_workdir() {
	command -v qemu-system-x86_64 >/dev/null || {
		echo "FAIL $1: qemu-system-x86_64 is not installed (bash .ci/install-deps.sh cross)" >&2
		exit 1
	}
	if [ -n "${2:-}" ]; then
		rm -rf "$2" && mkdir -p "$2" || exit 1
		tmp=$2
	else
		tmp=$(mktemp -d) || exit 1
		trap 'rm -rf "$tmp"' EXIT
	fi
}

virtio_microvm() {
	local out=$1 err=$2
	shift 2
	timeout -k 5 "$VIRTIO_TIMEOUT" "$srcdir/backends/virtio/run.sh" "$@" \
		>"$out" 2>"$err" </dev/null
}

virtio_pc() {
	local out=$1 err=$2 elf=$3 rc
	shift 3
	timeout -k 5 "$VIRTIO_TIMEOUT" qemu-system-x86_64 -M pc -accel tcg \
		-cpu max -m 64 -display none -serial stdio -monitor none \
		-nic none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$elf" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	[ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && return "$rc"
	if [ "$rc" -ge 3 ] && [ "$rc" -lt 128 ] && [ $((rc % 2)) -eq 1 ]; then
		return $(((rc - 1) / 2 - 1))
	fi
	echo "qemu -M pc exited with $rc" >>"$err"
	return 125
}
