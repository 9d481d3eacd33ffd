#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Network devices in the Solo5-family files of the virtio target
# (mirc-configure(1), mirc-targets(7)): every netif_virtio is a NET_BASIC
# entry of mirc/manifest.json, named by its `name`, networks before block
# devices (Solo5's order) and each kind in connect order (golden), and a
# virtio interface of mirc/NAME_libvirt.xml (golden, valid against
# libvirt's schema).  Solo5 names are one namespace: a network and a disk
# with the same name are a bad-name error at the second device in the
# manifest, with a note at the first, and so is a name that is not 1 to
# 67 letters and digits; nothing is written then.
. "$(dirname "$0")/lib/common.sh"

# netif_virtio comes from the virtio target's own branch (issue 11); until
# it is merged, the projects declare an identical impl of their own, last
# so that the line numbers of the diagnostics stay the same either way.
provisional=
grep -qs '^impl netif_virtio(' stdlib/prelude.mir backends/*/devices.mir ||
	provisional='impl netif_virtio(name: string) : NETWORK { }'

# mir DIR: config.mir of $tmp/DIR from standard input, plus the impl above.
mir() {
	mkdir -p "$tmp/$1"
	{ cat; [ -z "$provisional" ] || echo "$provisional"; } >"$tmp/$1/config.mir"
}

project solo5-net p
[ -z "$provisional" ] || echo "$provisional" >>"$tmp/p/config.mir"
mirc_ok p configure -t virtio
man=$tmp/p/mirc/manifest.json xml=$tmp/p/mirc/gate_libvirt.xml
[ -f "$man" ] || die "configure -t virtio wrote no mirc/manifest.json"
same "$man" "$here/solo5-net.manifest.json" "mirc/manifest.json"
mirc_ok p query manifest
same "$tmp/mirc.out" "$man" "mirc query manifest"

# The libvirt domain, with the project's absolute path taken out.
[ -f "$xml" ] || die "configure -t virtio wrote no mirc/gate_libvirt.xml"
dir=$(cd "$tmp/p" && pwd -P)
sed -e "s|$dir|@DIR@|g" -e 's/mirc [0-9][0-9.]*/mirc VERSION/' "$xml" >"$tmp/xml"
same "$tmp/xml" "$here/solo5-net.libvirt.xml" "mirc/gate_libvirt.xml"
schema=/usr/share/libvirt/schemas/domain.rng
if command -v xmllint >/dev/null && [ -f "$schema" ]; then
	xmllint --noout --relaxng "$schema" "$xml" 2>"$tmp/xmllint" ||
		fail "mirc/gate_libvirt.xml is not a valid libvirt domain: $(cat "$tmp/xmllint")"
	# The schema is what makes the check worth having: an interface it
	# refuses must fail it.
	sed "s/<model type='virtio'\/>/<model type='virtio'\/><model type='e1000'\/>/" \
		"$xml" >"$tmp/bad.xml"
	xmllint --noout --relaxng "$schema" "$tmp/bad.xml" 2>/dev/null &&
		fail "libvirt's schema accepts an interface with two models"
else
	# Not an escape hatch: .ci/install-deps.sh test installs both.
	fail "xmllint or libvirt's schema ($schema) is missing: bash .ci/install-deps.sh test"
fi

# Without networks the domain has no interface (the template's line goes).
mir disks <<'EOF'
job keep(d: BLOCK) { }
register "disks" [ keep(block_virtio("disk")) ];
EOF
mirc_ok disks configure -t virtio
grep -q '<interface' "$tmp/disks/mirc/disks_libvirt.xml" &&
	fail "a program without networks has an interface in its domain"

# bad CASE STDERR: configure of $tmp/CASE fails with exactly STDERR (the
# source lines shown under each diagnostic left out) and writes nothing.
bad() {
	mirc_in "$1" configure -t virtio
	[ "$status" -eq 1 ] || fail "$1: exit status $status, expected 1"
	grep -v '^ ' "$tmp/mirc.err" >"$tmp/diag.txt"
	same_text "$tmp/diag.txt" "$2" "$1 (stderr)"
	[ -e "$tmp/$1/mirc" ] && fail "$1: configure wrote mirc/"
}

# The same call twice is one device (a device is its impl and its
# arguments), so two networks cannot share a name: one entry, no error.
mir twonets <<'EOF'
job pair(a: NETWORK, b: NETWORK) { }
let lan = netif_virtio("service");
register "pair" [ pair(lan, netif_virtio("service")) ];
EOF
mirc_ok twonets query manifest -t virtio
[ "$(grep -c '"name"' "$tmp/mirc.out")" -eq 1 ] ||
	fail "netif_virtio(\"service\") twice is not one manifest entry: $(cat "$tmp/mirc.out")"

# A network and a disk with one name (the disk is the second: networks
# come first, although it connects first).
mir netdisk <<'EOF'
job both(d: BLOCK, n: NETWORK) { }
register "both" [ both(block_virtio("data"),
                       netif_virtio("data")) ];
EOF
bad netdisk "config.mir:2:24: error[bad-name]: two Solo5 devices are named 'data'
config.mir:3:24: note: the other one (NET_BASIC 'netif_virtio') is made here
1 error, 0 warnings"

# Names Solo5 has no room for.
long=$(printf 'n%.0s' $(seq 68))
mir badnames <<EOF
job pair(a: NETWORK, b: NETWORK) { }
register "pair" [ pair(netif_virtio("eth-0"),
                       netif_virtio("$long")) ];
EOF
bad badnames "config.mir:2:24: error[bad-name]: Solo5 device name 'eth-0' of 'netif_virtio' must be 1 to 67 letters and digits
config.mir:3:24: error[bad-name]: Solo5 device name '$long' of 'netif_virtio' must be 1 to 67 letters and digits
2 errors, 0 warnings"

# mirc check -t virtio reports the same, without writing anything.
mirc_in netdisk check -t virtio
[ "$status" -eq 1 ] || fail "check -t virtio of netdisk: exit status $status, expected 1"
grep -q "^config.mir:2:24: error\[bad-name\]: two Solo5 devices are named 'data'" "$tmp/mirc.err" ||
	fail "check -t virtio does not report the duplicate: $(cat "$tmp/mirc.err")"
[ -e "$tmp/netdisk/mirc" ] && fail "check -t virtio of netdisk wrote mirc/"
finish
