# SPDX-License-Identifier: MIT
#
# net-qemu.sh - sourced by the board network tests
# (tests/targets/net-BOARD.sh): a network sample built for a board and
# run by its generated `make run` under qemu, behind qemu's user-mode
# network (slirp, restrict=on: the guest reaches nothing but the ports
# forwarded to it), with a client on the host's loopback.
#
#   netq_workdir TEST [WORK]   the test's name (for messages) and its
#                              directory: WORK (emptied) or a temporary
#                              one removed at the end
#   netq_build SAMPLE TARGET [CONFIGURE ARGS...]
#                              copies samples/SAMPLE to $tmp/SAMPLE (unless
#                              it is there: then it is reconfigured), runs
#                              mirc configure -q -t TARGET ARGS, then make
#                              with -Werror; sets netq_proj
#   netq_serve PROTO GUESTPORT [ARGS...]
#                              make run HOSTFWD=PROTO:127.0.0.1:PORT-:GUESTPORT
#                              ARGS="ARGS" in the background, under
#                              timeout; returns once the guest logged
#                              `IPv4 10.0.2.15/24` (its address, by DHCP
#                              from slirp or --ipv4): a connection made
#                              while it boots loses its SYN and costs a
#                              1 s retry.  Sets port (PORT: a free one of
#                              127.0.0.1) and netq_log (the console)
#   netq_serve_tap ARGS...     the same on the TAP interface tap0 of the
#                              test's own network namespace (netq_netns),
#                              host 10.0.2.1/24: make run TAP=tap0; the
#                              guest needs --ipv4=10.0.2.15/24 (no DHCP
#                              there) and is reached at 10.0.2.15
#   netq_netns ARGS...         re-runs the script (with ARGS) in a network
#                              namespace of its own with lo up and tap0;
#                              returns 1 when it cannot (not root)
#   netq_finish                the guest must end by itself (its
#                              --exit-after), make run with status 0
#
# NETQ_RUNFLAGS, when set, goes to make run as RUNFLAGS (qemu options,
# such as -icount shift=auto,sleep=off).
#   netq_fail MESSAGE          fail the test, with the console's tail
#
# Needs $mirc and $srcdir.  Every qemu runs under `timeout`
# ($NETQ_TIMEOUT seconds, default 120: a loaded 2-CPU machine emulates
# slowly), so a guest that never exits fails
# the test instead of hanging it.

NETQ_TIMEOUT=${NETQ_TIMEOUT:-120}
netq_pid=
netq_log=

netq_fail() {
	if [ -n "$netq_log" ] && [ -s "$netq_log" ]; then
		echo "--- the guest's console (last lines):" >&2
		tail -n 20 "$netq_log" >&2
	fi
	[ -n "$netq_pid" ] && kill "$netq_pid" 2>/dev/null
	echo "FAIL $netq_name: $*" >&2
	exit 1
}

netq_workdir() {
	netq_name=$1
	command -v python3 >/dev/null || netq_fail "python3 is not installed"
	if [ -n "${2:-}" ]; then
		rm -rf "$2" && mkdir -p "$2" || exit 1
		tmp=$2
	else
		tmp=$(mktemp -d) || exit 1
		trap 'rm -rf "$tmp"' EXIT
	fi
}

netq_build() {
	local sample=$1 target=$2 st
	shift 2
	netq_proj=$tmp/$sample
	# A project already there is configured again (its objects reused).
	[ -d "$netq_proj" ] || cp -R "$srcdir/samples/$sample" "$netq_proj" ||
		netq_fail "cannot copy samples/$sample"
	(cd "$netq_proj" && "$mirc" configure -q -t "$target" "$@") \
		>"$tmp/configure.log" 2>&1 ||
		{ cat "$tmp/configure.log" >&2; netq_fail "mirc configure -t $target $* failed"; }
	make -j2 -C "$netq_proj" EXTRA_CFLAGS=-Werror >"$tmp/make.log" 2>&1
	st=$?
	if [ "$st" -ne 0 ] || grep -q 'warning:' "$tmp/make.log"; then
		cat "$tmp/make.log" >&2
		netq_fail "make ($sample for $target) with -Werror: exit status $st"
	fi
}

# A port free on 127.0.0.1 for TCP and UDP alike.
netq_free_port() {
	python3 - <<'EOF'
import socket
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.bind(("127.0.0.1", 0))
port = t.getsockname()[1]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", port))
print(port)
EOF
}

netq_netns() {
	if [ -z "${NETQ_NETNS:-}" ]; then
		[ "$(id -u)" -eq 0 ] && [ -c /dev/net/tun ] &&
			unshare -n true 2>/dev/null || return 1
		exec unshare -n env NETQ_NETNS=1 bash "$0" "$@"
	fi
	ip link set lo up && ip tuntap add dev tap0 mode tap &&
		ip addr add 10.0.2.1/24 dev tap0 && ip link set tap0 up ||
		netq_fail "cannot make tap0 in the test's namespace"
}

# The guest's ready line, once its address is configured.
netq_wait() {
	local i
	for ((i = 0; i < 400; i++)); do
		grep -qF 'IPv4 10.0.2.15/24' "$netq_log" && return 0
		kill -0 "$netq_pid" 2>/dev/null || break
		sleep 0.05
	done
	grep -qF 'IPv4 10.0.2.15/24' "$netq_log"
}

netq_serve_tap() {
	netq_log=$tmp/console.log
	: >"$netq_log"
	timeout -k 5 "$NETQ_TIMEOUT" make -s -C "$netq_proj" run \
		EXTRA_CFLAGS=-Werror TAP=tap0 ARGS="$*" RUNFLAGS="${NETQ_RUNFLAGS:-}" \
		>"$netq_log" 2>&1 </dev/null &
	netq_pid=$!
	netq_wait || netq_fail "the guest did not log 'IPv4 10.0.2.15/24' within 20 s"
}

netq_serve() {
	local proto=$1 gport=$2 try
	shift 2
	netq_log=$tmp/console.log
	for try in 1 2 3; do
		port=$(netq_free_port) || netq_fail "no free port"
		: >"$netq_log"
		timeout -k 5 "$NETQ_TIMEOUT" make -s -C "$netq_proj" run \
			EXTRA_CFLAGS=-Werror \
			HOSTFWD="$proto:127.0.0.1:$port-:$gport" ARGS="$*" \
			RUNFLAGS="${NETQ_RUNFLAGS:-}" \
			>"$netq_log" 2>&1 </dev/null &
		netq_pid=$!
		netq_wait && return 0
		kill "$netq_pid" 2>/dev/null
		wait "$netq_pid"
		netq_pid=
		# Someone took the port between the look and qemu's bind.
		grep -q 'Could not set up host forwarding' "$netq_log" && continue
		netq_fail "the guest did not log 'IPv4 10.0.2.15/24' within 20 s"
	done
	netq_fail "no free port after 3 tries"
}

netq_finish() {
	local st
	wait "$netq_pid"
	st=$?
	netq_pid=
	[ "$st" -eq 0 ] || netq_fail "make run exited with status $st"
}
