#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The Solo5-family files of the virtio target (mirc-configure(1)):
# mirc/manifest.json lists the program's host devices in Solo5's format
# (golden), `mirc query manifest` prints the same; mirc/NAME_libvirt.xml
# is libvirt's domain for the program, one disk per manifest device
# (golden, and valid against libvirt's schema when xmllint and the schema
# are installed); `make run` attaches the same disks; a manifest edited by
# hand is never overwritten; another target or clean takes them away.
. "$(dirname "$0")/lib/common.sh"

project solo5 p
mirc_ok p configure -t virtio
man=$tmp/p/mirc/manifest.json xml=$tmp/p/mirc/store_libvirt.xml
[ -f "$man" ] || die "configure -t virtio wrote no mirc/manifest.json"
same "$man" "$here/solo5.manifest.json" "mirc/manifest.json"
mirc_ok p query manifest
same "$tmp/mirc.out" "$man" "mirc query manifest"

# The libvirt domain, with the project's absolute path taken out.
[ -f "$xml" ] || die "configure -t virtio wrote no mirc/store_libvirt.xml"
dir=$(cd "$tmp/p" && pwd -P)
sed -e "s|$dir|@DIR@|g" -e 's/mirc [0-9][0-9.]*/mirc VERSION/' "$xml" >"$tmp/xml"
same "$tmp/xml" "$here/solo5.libvirt.xml" "mirc/store_libvirt.xml"
schema=/usr/share/libvirt/schemas/domain.rng
if command -v xmllint >/dev/null && [ -f "$schema" ]; then
	xmllint --noout --relaxng "$schema" "$xml" 2>"$tmp/xmllint" ||
		fail "mirc/store_libvirt.xml is not a valid libvirt domain: $(cat "$tmp/xmllint")"
else
	# Not an escape hatch: .ci/install-deps.sh test installs both.
	fail "xmllint or libvirt's schema ($schema) is missing: bash .ci/install-deps.sh test"
fi

# make run attaches logs.img then disk.img, in manifest order.
run=$(sed -n '/^run:/{n;p}' "$tmp/p/Makefile")
want='-drive file=logs.img,if=none,format=raw,id=mirc-logs -device virtio-blk-device,drive=mirc-logs -drive file=disk.img,if=none,format=raw,id=mirc-disk -device virtio-blk-device,drive=mirc-disk $(RUNFLAGS)'
case $run in
*"$want"*) ;;
*) fail "make run does not attach the disks in order: $run" ;;
esac

# A Solo5 name may start with a digit, a qemu id may not: the ids of
# make run are mirc-NAME.
cp -R "$tmp/p" "$tmp/d" && rm -rf "$tmp/d/mirc" "$tmp/d/Makefile" "$tmp/d/dist"
sed -i 's/block_virtio("disk")/block_virtio("9disk")/' "$tmp/d/config.mir"
mirc_ok d configure -t virtio
case $(sed -n '/^run:/{n;p}' "$tmp/d/Makefile") in
*"-drive file=9disk.img,if=none,format=raw,id=mirc-9disk -device virtio-blk-device,drive=mirc-9disk "*) ;;
*) fail "make run's ids for the Solo5 name 9disk: $(sed -n '/^run:/{n;p}' "$tmp/d/Makefile")" ;;
esac

# Configure again: nothing changes, the manifest is still known as ours.
mirc_ok p configure -t virtio
grep -q '(0 files written)' "$tmp/mirc.err" || fail "configure twice rewrote files: $(cat "$tmp/mirc.err")"

# A manifest edited by hand stays as it is (and nothing else is written).
printf '{"type":"solo5.manifest","version":1,"devices":[]}\n' >"$man"
cp "$man" "$tmp/mine.json"
snapshot p "$tmp/before"
mirc_in p configure -t virtio
[ "$status" -eq 3 ] || fail "configure over an edited manifest: exit status $status, expected 3"
grep -q "refusing to overwrite '.*mirc/manifest.json'" "$tmp/mirc.err" ||
	fail "no refusal naming mirc/manifest.json: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/after"
same "$tmp/after" "$tmp/before" "the project after the refused configure"
mirc_in p clean
[ -f "$man" ] || fail "clean removed the edited manifest"
same "$man" "$tmp/mine.json" "the edited manifest after clean"

# Back to mirc's own manifest; then another target takes both files away.
rm -f "$man"
mirc_ok p configure -t virtio
[ -f "$man" ] && [ -f "$xml" ] || die "configure -t virtio did not write the files again"
mirc_ok p configure -t cortex_m3
[ -e "$man" ] && fail "mirc/manifest.json is still there after configure -t cortex_m3"
[ -e "$xml" ] && fail "mirc/store_libvirt.xml is still there after configure -t cortex_m3"
mirc_in p query manifest
same_text "$tmp/mirc.err" "mirc: target cortex_m3 has no Solo5 manifest" "query manifest on cortex_m3 (stderr)"

# A manifest holds at most 63 devices: 64 is a limit error, and nothing
# is written.
tree() { # tree LO HI: block_virtio("dLO") ... block_virtio("dHI") in pairs
	if [ "$1" -eq "$2" ]; then printf 'block_virtio("d%d")' "$1"; return; fi
	local mid=$((($1 + $2) / 2))
	printf 'both(%s, %s)' "$(tree "$1" "$mid")" "$(tree $((mid + 1)) "$2")"
}
mkdir "$tmp/many"
{
	echo 'impl both(a: BLOCK, b: BLOCK) : BLOCK { }'
	echo 'job keep(d: BLOCK) { }'
	echo "register \"many\" [ keep($(tree 1 64)) ];"
} >"$tmp/many/config.mir"
mirc_in many configure -t virtio
[ "$status" -eq 1 ] || fail "configure with 64 Solo5 devices: exit status $status, expected 1"
grep -q 'error\[limit\]: the program has 64 Solo5 devices; a manifest holds at most 63' "$tmp/mirc.err" ||
	fail "no limit error for 64 devices: $(head -n 3 "$tmp/mirc.err")"
[ -e "$tmp/many/mirc" ] && fail "configure with 64 devices wrote mirc/"
{
	echo 'impl both(a: BLOCK, b: BLOCK) : BLOCK { }'
	echo 'job keep(d: BLOCK) { }'
	echo "register \"many\" [ keep($(tree 1 63)) ];"
} >"$tmp/many/config.mir"
mirc_in many query manifest -t virtio
[ "$status" -eq 0 ] || fail "query manifest with 63 Solo5 devices: exit status $status: $(head -n 3 "$tmp/mirc.err")"
[ "$(grep -c BLOCK_BASIC "$tmp/mirc.out")" -eq 63 ] || fail "the manifest of 63 devices does not list 63"

# clean takes them away too.
mirc_ok p configure -t virtio
mirc_ok p clean
[ -e "$man" ] && fail "clean left mirc/manifest.json"
[ -e "$xml" ] && fail "clean left mirc/store_libvirt.xml"
[ -e "$tmp/p/mirc" ] && fail "clean left mirc/: $(ls -A "$tmp/p/mirc")"
finish
