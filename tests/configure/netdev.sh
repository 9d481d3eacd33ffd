#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# make run's network (mirc-configure(1), mirc-targets(7)): for a program
# with a network device on virtio (samples/echo: netif_virtio("service")
# by default), the Makefile's run rule attaches the card with
# `-netdev $(call MIRC_NETDEV,mirc-service)` (the qemu id of Solo5 name service) right after the command, and
# MIRC_NETDEV is qemu's user-mode network with restrict=on and one
# hostfwd per rule of HOSTFWD, or the TAP interface TAP when that is set.
# A second network (inputs/solo5-net) gets neither.  A program without one
# (tests/configure/inputs/solo5: disks only) gets no MIRC_NETDEV at all.  Nothing is built or run.
. "$(dirname "$0")/lib/common.sh"

project samples/echo p
mirc_ok p configure -t virtio
grep -q '"type": "NET_BASIC"' "$tmp/p/mirc/manifest.json" ||
	fail "mirc/manifest.json lists no NET_BASIC device: $(cat "$tmp/p/mirc/manifest.json")"
run=$(sed -n '/^run:/{n;p}' "$tmp/p/Makefile")
want='-netdev $(call MIRC_NETDEV,mirc-service) -device virtio-net-device,netdev=mirc-service $(RUNFLAGS)'
case $run in
*"$want"*) ;;
*) fail "make run does not attach the card: $run" ;;
esac

# What MIRC_NETDEV expands to, as make run's words would.
netdev() {
	make -s -C "$tmp/p" --eval 'mirc-netdev-test: ; @echo '"'"'$(call MIRC_NETDEV,service)'"'" \
		mirc-netdev-test "$@" 2>"$tmp/make.err" ||
		fail "make with $*: $(cat "$tmp/make.err")"
}
check() {
	local got
	got=$(netdev "${@:2}")
	[ "$got" = "$1" ] || fail "make run ${*:2}: -netdev '$got', expected '$1'"
}
check 'user,id=service,restrict=on'
check 'user,id=service,restrict=on,hostfwd=tcp:127.0.0.1:8080-:80' \
	HOSTFWD=tcp:127.0.0.1:8080-:80
check 'user,id=service,restrict=on,hostfwd=tcp:127.0.0.1:8080-:80,hostfwd=udp:127.0.0.1:5353-:53' \
	HOSTFWD=tcp:127.0.0.1:8080-:80,udp:127.0.0.1:5353-:53
check 'tap,id=service,ifname=tap7,script=no,downscript=no' TAP=tap7
check 'tap,id=service,ifname=tap7,script=no,downscript=no' TAP=tap7 \
	HOSTFWD=tcp:127.0.0.1:8080-:80

# Two networks (manifest order: service, admin): HOSTFWD and TAP are the
# first one's; the second gets a restricted user-mode network of its own
# (qemu cannot forward one port twice, nor open one TAP twice).
project solo5-net r
mirc_ok r configure -t virtio
run=$(sed -n '/^run:/{n;p}' "$tmp/r/Makefile")
want='-netdev $(call MIRC_NETDEV,mirc-service) -device virtio-net-device,netdev=mirc-service -netdev $(call MIRC_NETDEV_MORE,mirc-admin) -device virtio-net-device,netdev=mirc-admin'
case $run in
*"$want"*) ;;
*) fail "make run does not attach both cards, HOSTFWD/TAP to the first only: $run" ;;
esac
more=$(make -s -C "$tmp/r" --eval 'mirc-netdev-test: ; @echo '"'"'$(call MIRC_NETDEV_MORE,admin)'"'" \
	mirc-netdev-test HOSTFWD=tcp:127.0.0.1:8080-:80 TAP=tap7 2>&1)
[ "$more" = 'user,id=admin,restrict=on' ] ||
	fail "the second network's -netdev is '$more', expected 'user,id=admin,restrict=on'"

project solo5 q
mirc_ok q configure -t virtio
grep -q 'MIRC_NETDEV' "$tmp/q/Makefile" &&
	fail "a program without a network device got MIRC_NETDEV in its Makefile"
finish
