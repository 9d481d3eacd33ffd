#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mmio-blk.sh MIRC SRCDIR TARGET [WORKDIR] - block_virtio on a board's
# virtio-mmio transports, for every target whose backend.json has
# "test_run": {"block_mmio": true} (tests/CMakeLists.txt).
#
# The program of tests/targets/virtio-blk (two block_virtio devices,
# storage and ro; its config.mir and vblk.c), configured for TARGET,
# built with -Werror and run with the target's run.command (qemu, TCG,
# -icount shift=auto,sleep=off, under timeout) plus disk images made
# here as virtio-blk-device:
#   - twice in the legacy layout (qemu's default): the second run must
#     find the first one's data;
#   - once in the modern layout (-global virtio-mmio.force-legacy=false);
#   - without disks: connect must fail, naming the device, with status 1;
#   - the program of tests/targets/virtio-blk-chain (operations started
#     from earlier callbacks, refused ones among them), 4 times with
#     -icount and 2 without, each on a fresh disk: it must print
#     chain.out and exit by itself (a guest still running at the timeout
#     is a lost wake-up: a device interrupt the board held back).
# Each run's output, with the transport's address written ADDR, is
# compared with tests/targets/mmio-blk/NAME.out and its exit status
# checked; the images are checked on the host after the runs (sector 0
# counts the runs, ro.img is unchanged).  WORKDIR (default: a temporary
# directory, removed at the end) keeps the project and the images.
set -u

mirc=$1 srcdir=$2 target=$3 work=${4:-}
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME
here=$srcdir/tests/targets/mmio-blk
prog=$srcdir/tests/targets/virtio-blk
step=""
tname=targets/$target/virtio-blk
fail() { echo "FAIL $tname${step:+ ($step)}: $*" >&2; exit 1; }

# The target's run command and how it passes boot arguments, from its
# descriptor (one word a line).
mapfile -t runcmd < <(python3 backends/targets.py get "$target" run.command)
mapfile -t cmdopt < <(python3 backends/targets.py get "$target" run.cmdline_option)
[ "${#runcmd[@]}" -gt 0 ] || fail "backends/$target/backend.json has no run.command"
command -v "${runcmd[0]}" >/dev/null ||
	fail "${runcmd[0]} is not installed (bash .ci/install-deps.sh cross)"
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
(cd "$proj" && "$mirc" configure -q -t "$target") >"$tmp/configure.log" 2>&1 ||
	{ cat "$tmp/configure.log" >&2; fail "mirc configure -t $target failed"; }
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

# run ELF [-icount] ARGS...: the target's run command for ELF, with
# virtual time if asked, and ARGS (qemu options; "-append WORDS" becomes
# the target's cmdline_option).
run() {
	local elf=$1 w words=() extra=()
	shift
	for w in "${runcmd[@]}"; do words+=("${w//@ARTIFACT@/$elf}"); done
	if [ "${1:-}" = -icount ]; then
		extra+=(-icount shift=auto,sleep=off)
		shift
	fi
	while [ $# -gt 0 ]; do
		if [ "$1" = -append ] && [ ${#cmdopt[@]} -gt 0 ]; then
			for w in "${cmdopt[@]}"; do extra+=("${w//@CMDLINE@/$2}"); done
			shift 2
		else
			extra+=("$1")
			shift
		fi
	done
	timeout -k 5 60 "${words[@]}" "${extra[@]}" \
		>"$tmp/out" 2>"$tmp/err" </dev/null
}

# virt ARGS...: the disk program, console in $tmp/out, qemu's messages
# in $tmp/err; the guest's status, 124 or 137 when it did not stop in
# time.
virt() { run "$elf" -icount "$@"; }

# expect NAME STATUS: the last run's output is NAME.out, its status STATUS.
expect() {
	local st=$? name=$1 want=$2
	[ "$st" -eq 124 ] || [ "$st" -eq 137 ] && fail "no exit within 60 s"
	sed 's/\r$//; s/virtio-mmio at 0x[0-9a-f]*:/virtio-mmio at ADDR:/' \
		"$tmp/out" >"$tmp/out.n"
	diff -u --label "expected tests/targets/mmio-blk/$name.out" \
		--label "actual ($step)" "$here/$name.out" "$tmp/out.n" ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
	[ "$st" -eq "$want" ] ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "exit status $st, expected $want"; }
	echo "ok $tname ($step)"
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
echo "ok $tname ($step)"

step="no disk"
virt
expect nodisk 1

# ---- chained operations -----------------------------------------------------------

chain=$srcdir/tests/targets/virtio-blk-chain
step="chain: build"
mkdir -p "$tmp/chain" && cp "$chain/config.mir" "$chain/chain.c" "$tmp/chain/" ||
	fail "cannot copy $chain"
(cd "$tmp/chain" && "$mirc" configure -q -t "$target" && \
	make EXTRA_CFLAGS=-Werror) >"$tmp/chain.log" 2>&1 &&
	! grep -q 'warning:' "$tmp/chain.log" ||
	{ cat "$tmp/chain.log" >&2; fail "configure or make failed"; }
elf=$tmp/chain/dist/chain.elf
for run in icount-1 icount-2 icount-3 icount-4 plain-1 plain-2; do
	step="chain, $run"
	ic=()
	case $run in icount-*) ic=(-icount) ;; esac
	truncate -s 4M "$tmp/chain.img" || fail "cannot make chain.img"
	run "$elf" "${ic[@]}" \
		-drive "file=$tmp/chain.img,if=none,format=raw,id=disk" \
		-device virtio-blk-device,drive=disk
	st=$?
	[ "$st" -eq 124 ] || [ "$st" -eq 137 ] && fail "no exit within 60 s"
	sed 's/\r$//' "$tmp/out" >"$tmp/out.n"
	diff -u --label "expected tests/targets/virtio-blk-chain/chain.out" \
		--label "actual ($step)" "$chain/chain.out" "$tmp/out.n" ||
		{ sed 's/^/  stderr: /' "$tmp/err" >&2; fail "output differs"; }
	[ "$st" -eq 0 ] || fail "exit status $st, expected 0"
	rm -f "$tmp/chain.img"
	echo "ok $tname ($step)"
done

exit 0
