#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# net-board.sh MIRC SRCDIR [TARGET [WORKDIR]] - the network samples on a
# board under qemu (TARGET: virtio, the default, on microvm; riscv64_virt;
# aarch64_virt; cortex_m3), each built by `mirc configure -t TARGET` as a
# new user would (the board's defaults: netif_virtio("service"), or
# netif_lan9118 on cortex_m3, and lwIP) and run by its `make run`
# (tests/targets/net-qemu.sh):
#   - samples/echo by DHCP from slirp, reached through HOSTFWD on a free
#     port of 127.0.0.1: 1 MiB sent while the echo is read, compared
#     byte for byte, then 8 connections at once; on virtio the same
#     kernel on pc too (virtio-net-pci; www and udp as well, below), and
#     without a card (connect fails, status 1, with a message naming the
#     device); the same echo again under -icount shift=auto,sleep=off
#     (256 KiB);
#   - samples/www the same way: every file of htdocs (a 300 KB one added;
#     60 KB on cortex_m3, whose 256 KiB of flash holds program and site)
#     fetched by curl on one connection and compared, then /, then a
#     missing file (404);
#   - samples/udp built --no-dhcp, run with --ipv4=10.0.2.15/24 on make
#     run TAP=tap0 in the test's own network namespace (root; without it
#     the test says so and exits 77 after the rest): datagrams of 1, 512,
#     1472 and 4000 bytes (fragmented and reassembled), each compared;
#     then the services on the same TAP, each against the server of
#     tests/net on the host's side (10.0.2.1): samples/resolve
#     (dns-server.py), samples/syslog (syslog-collector.py) and
#     samples/ntp with --pclock=sntp (ntp-server.py).
# Each guest ends by itself (--exit-after) with status 0.  WORKDIR keeps
# the projects and consoles for inspection.
set -u

mirc=$1 srcdir=$2 target=${3:-virtio} work=${4:-}
cd "$srcdir" || exit 1
unset MIRC_TARGET NO_COLOR MIRC_HOME RUNFLAGS TAP HOSTFWD NETQ_RUNFLAGS
. "$srcdir/tests/targets/net-qemu.sh"
client=$srcdir/tests/net/netclient.py

netq_netns "$@"
netq_workdir "targets/$target/net" "$work"
command -v curl >/dev/null || netq_fail "curl is not installed"

# ---- echo by DHCP ------------------------------------------------------------------

netq_build echo "$target"
# echo_round WHAT BYTES: the echo of BYTES on one connection, then 8 at once.
echo_round() {
	netq_serve tcp 7 --port=7 --exit-after=9
	timeout -k 5 60 python3 "$client" bulk 127.0.0.1 "$port" "$2" ||
		netq_fail "$1: the echo of $2 bytes failed"
	timeout -k 5 60 python3 "$client" many 127.0.0.1 "$port" 8 ||
		netq_fail "$1: 8 connections at once failed"
	netq_finish
	grep -q 'Served 9 connections' "$netq_log" ||
		netq_fail "$1: no 'Served 9 connections' line"
}
echo_round echo 1048576
# The same kernel in virtual time (-icount shift=auto,sleep=off: the
# guest's clock leaps over its idle waits, so lwIP's timers run far
# ahead of the host's packets).
NETQ_RUNFLAGS="-icount shift=auto,sleep=off" echo_round "echo under -icount" 262144

# Without a card, connect fails with a message naming the device.
if [ "$target" = virtio ]; then
	timeout -k 5 "$NETQ_TIMEOUT" "$srcdir/backends/virtio/run.sh" \
		"$netq_proj/dist/echo.elf" -append --port=7 \
		>"$tmp/nocard.log" 2>&1 </dev/null
	st=$?
	netq_log=$tmp/nocard.log
	[ "$st" -eq 1 ] || netq_fail "no card: status $st, expected 1"
	grep -q "no virtio network card for network device 'service'" "$tmp/nocard.log" ||
		netq_fail "no card: no message naming the device"
fi

# The same kernels on pc: the card is legacy virtio-net-pci (what the
# libvirt domain describes); qemu's status 3 is the guest's 0.
# pc_serve NAME NETDEV ARGS: $netq_proj/dist/NAME.elf on pc, in the
# background, until its address is up.  pc_finish: it ended with 0.
pc_serve() {
	netq_log=$tmp/console-pc.log
	timeout -k 5 "$NETQ_TIMEOUT" qemu-system-x86_64 -M pc -accel tcg \
		-cpu max -m 64 -display none -serial stdio -monitor none \
		-nic none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-netdev "$2" -device virtio-net-pci,netdev=service \
		-kernel "$netq_proj/dist/$1.elf" -append "$3" >"$netq_log" 2>&1 </dev/null &
	netq_pid=$!
	netq_wait || netq_fail "pc: the guest did not log 'IPv4 10.0.2.15/24' within 20 s"
	grep -q 'the card at virtio-pci' "$netq_log" || netq_fail "pc: the card is not on virtio-pci"
}
pc_finish() {
	local st
	wait "$netq_pid"
	st=$?
	netq_pid=
	[ "$st" -eq 3 ] || netq_fail "pc: qemu exited with $st, not 3 (the guest's 0)"
}
if [ "$target" = virtio ]; then
	port=$(netq_free_port) || netq_fail "no free port"
	pc_serve echo "user,id=service,restrict=on,hostfwd=tcp:127.0.0.1:$port-:7" \
		"--port=7 --exit-after=1"
	timeout -k 5 60 python3 "$client" bulk 127.0.0.1 "$port" 262144 ||
		netq_fail "pc: the echo failed"
	pc_finish
fi

# ---- www --------------------------------------------------------------------------

big=300007
[ "$target" = cortex_m3 ] && big=60007
mkdir -p "$tmp/www" && cp -R "$srcdir/samples/www/." "$tmp/www/" &&
	head -c "$big" /dev/urandom >"$tmp/www/htdocs/big.bin" ||
	netq_fail "cannot copy samples/www"
netq_build www "$target"
netq_serve tcp 80 --port=80 --exit-after=3
# www_fetch: every file of htdocs on one connection, then /, then a 404.
www_fetch() {
	local f d code
	rm -rf "$tmp/got"
	args=()
	files=()
	while IFS= read -r f; do
		files+=("$f")
		args+=(-o "$tmp/got/$f" "http://127.0.0.1:$port/$f")
	done < <(cd "$netq_proj/htdocs" && find . -type f | sed 's|^\./||' | sort)
	(cd "$netq_proj/htdocs" && find . -type d) | while IFS= read -r d; do
		mkdir -p "$tmp/got/$d"
	done
	timeout -k 5 60 curl -sS --fail --max-time 50 "${args[@]}" || netq_fail "www: curl failed"
	for f in "${files[@]}"; do
		cmp -s "$netq_proj/htdocs/$f" "$tmp/got/$f" || netq_fail "www: $f came back different"
	done
	timeout -k 5 30 curl -sS --fail --max-time 20 -o "$tmp/index" "http://127.0.0.1:$port/" ||
		netq_fail "www: curl / failed"
	cmp -s "$netq_proj/htdocs/index.html" "$tmp/index" || netq_fail "www: / is not index.html"
	code=$(timeout -k 5 30 curl -s --max-time 20 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/no-such-file")
	[ "$code" = 404 ] || netq_fail "www: /no-such-file: HTTP $code, not 404"
}
www_fetch
netq_finish
if [ "$target" = virtio ]; then
	port=$(netq_free_port) || netq_fail "no free port"
	pc_serve www "user,id=service,restrict=on,hostfwd=tcp:127.0.0.1:$port-:80" \
		"--port=80 --exit-after=3"
	www_fetch
	pc_finish
fi
echo "www: ${#files[@]} files fetched and compared"


# ---- udp, static address, on a TAP ------------------------------------------------
#
# slirp (libslirp 4.7) sends a guest's answer to a forwarded UDP port
# back to the forwarding socket's own address, not to the client: UDP
# goes through make run TAP=tap0 instead, in the test's namespace.

if [ -z "${NETQ_NETNS:-}" ]; then
	echo "SKIP: the UDP part (TAP, static address) needs root (/dev/net/tun, unshare -n)"
	exit 77
fi
netq_build udp "$target" --no-dhcp
netq_serve_tap --port=7 --exit-after=4 --ipv4=10.0.2.15/24
grep -q 'DHCP' "$netq_log" && netq_fail "udp --no-dhcp: the guest asked DHCP"
timeout -k 5 60 python3 "$client" udp 10.0.2.15 7 1 512 1472 4000 ||
	netq_fail "udp: the datagrams did not come back right"
netq_finish
grep -q 'Echoed 4 datagrams' "$netq_log" ||
	netq_fail "udp: no 'Echoed 4 datagrams' line"
if [ "$target" = virtio ]; then
	pc_serve udp "tap,id=service,ifname=tap0,script=no,downscript=no" \
		"--port=7 --exit-after=4 --ipv4=10.0.2.15/24"
	timeout -k 5 60 python3 "$client" udp 10.0.2.15 7 1 512 1472 4000 ||
		netq_fail "pc: udp: the datagrams did not come back right"
	pc_finish
fi

# ---- the services, static address, on the TAP -----------------------------------
#
# Each server of tests/net runs the program itself, its own options
# appended: run-on-tap turns them into make run's boot arguments.

printf '%s\n' '#!/usr/bin/env bash' 'proj=$1' 'shift' \
	'exec make -s -C "$proj" run EXTRA_CFLAGS=-Werror TAP=tap0 ARGS="$*"' \
	>"$tmp/run-on-tap" && chmod +x "$tmp/run-on-tap" || netq_fail "cannot write run-on-tap"
netq_log=
netq_build resolve "$target" --no-dhcp
timeout -k 5 90 python3 "$srcdir/tests/net/dns-server.py" 10.0.2.1 \
	"$srcdir/tests/net/resolve-a.expected" "$tmp/run-on-tap" "$netq_proj" \
	--ipv4=10.0.2.15/24 --dns-servers=@SERVER@ --lookup=a.test ||
	netq_fail "resolve: dns-server.py on 10.0.2.1 failed"
netq_build syslog "$target" --no-dhcp
timeout -k 5 90 python3 "$srcdir/tests/net/syslog-collector.py" 10.0.2.1 5 syslog \
	"$tmp/run-on-tap" "$netq_proj" --ipv4=10.0.2.15/24 ||
	netq_fail "syslog: the collector on 10.0.2.1 failed"
netq_build ntp "$target" --no-dhcp --pclock=sntp
timeout -k 5 90 python3 "$srcdir/tests/net/ntp-server.py" 10.0.2.1 \
	"$tmp/run-on-tap" "$netq_proj" --ipv4=10.0.2.15/24 ||
	netq_fail "ntp: ntp-server.py on 10.0.2.1 failed"

echo "ok targets/$target/net"
