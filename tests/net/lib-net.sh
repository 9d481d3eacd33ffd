# SPDX-License-Identifier: MIT
# shellcheck shell=bash
#
# lib-net.sh - what the tests of tests/net/ share: build a sample for a
# target, start it as a server on a free loopback port, wait for it to
# listen, and check that it ended well.  Each test is a script
# tests/net/NAME.sh taking MIRC SRCDIR (tests/CMakeLists.txt runs every
# one it finds) that sources this file and calls net_start first.
#
# The environment CMake passes (tests/CMakeLists.txt) adds the checking
# builds to every unix program the tests build and run:
#
#   MIRC_PROGRAM_CFLAGS   compiler and linker flags added to the program's
#                         (the ASan build: -fsanitize=address,undefined)
#   MIRC_PROGRAM_WRAPPER  a command line the program runs under (the
#                         valgrind build: valgrind with --error-exitcode=99
#                         and a leak check)
#
# Programs for other targets (linux_aarch64, under qemu-user) are built
# and run as they are.  Servers end by --exit-after (status 0 at a clean
# exit, so the leak checks see every flow closed), never by a kill; a
# server still running when its test fails is killed by the trap.
# shellcheck disable=SC2034,SC2154

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# net_start NAME MIRC SRCDIR: the test's name (for messages), mirc, and
# lib_start's fresh environment; $client is the python client, $net_ipv6
# is 1 when the host has ::1.
net_start() {
	net_name=$1 mirc=$2
	lib_start "$3"
	client=$srcdir/tests/net/netclient.py
	net_pid=
	trap 'net_cleanup' EXIT
	# The servers of these tests hold a thousand connections at once.
	ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"
	# Containers may have IPv6 turned off (no ::1): the IPv6 cases are
	# then left out, saying so; everywhere else they run.
	if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
		net_ipv6=1
	else
		net_ipv6=
		echo "note: this host has no IPv6 loopback (::1): the IPv6 cases are left out"
	fi
}

net_cleanup() {
	[ -n "$net_pid" ] && kill "$net_pid" 2>/dev/null
	rm -rf "$tmp"
}

net_fail() {
	echo "FAIL net/$net_name: $*" >&2
	if [ -n "${net_log:-}" ] && [ -f "$net_log" ]; then
		sed 's/^/  server: /' "$net_log" | tail -n 40 >&2
	fi
	exit 1
}

# net_skip_unless_target TARGET: exit 77 (skipped) when TARGET's cross
# compiler or its run command is not installed.
net_skip_unless_target() {
	local cc run
	cc=$(python3 "$srcdir/backends/targets.py" get "$1" toolchain.cc) ||
		net_fail "no target $1"
	run=$(python3 "$srcdir/backends/targets.py" get "$1" run.command | head -n 1)
	for t in "$cc" "$run"; do
		[ "$t" = @ARTIFACT@ ] && continue
		command -v "$t" >/dev/null ||
			{ echo "SKIP: $t is not installed (bash .ci/install-deps.sh all)"; exit 77; }
	done
}

# net_build SAMPLE TARGET [CC [CONFIGURE-ARGS...]]: samples/SAMPLE
# configured for TARGET (with CONFIGURE-ARGS) and built with -Werror (and
# CC for unix) in $tmp/SAMPLE-TARGET-CC; sets net_proj, that directory,
# and net_cmd, the command line that runs it (the target's run command).
net_build() {
	net_build_dir "$srcdir/samples/$1" "${@:2}"
}

# net_build_dir DIR TARGET [CC [CONFIGURE-ARGS...]]: the same for the
# project in DIR.
net_build_dir() {
	local dir=$1 target=$2 cc=${3:-} proj flags="-Werror" a
	shift $(($# < 3 ? $# : 3))
	proj=$tmp/${dir##*/}-$target${cc:+-$cc}
	net_proj=$proj
	cp -R "$dir" "$proj" || net_fail "cannot copy $dir"
	rm -rf "$proj/Makefile" "$proj/mirc" "$proj/dist"
	(cd "$proj" && lib_mirc configure -q -t "$target" "$@") >"$tmp/configure.log" 2>&1 ||
		{ cat "$tmp/configure.log" >&2; net_fail "mirc configure -t $target failed"; }
	local make_args=()
	[ -n "$cc" ] && make_args+=(CC="$cc")
	if [ "$target" = unix ] && [ -n "${MIRC_PROGRAM_CFLAGS:-}" ]; then
		flags="$flags $MIRC_PROGRAM_CFLAGS"
		make_args+=(EXTRA_LDFLAGS="$MIRC_PROGRAM_CFLAGS")
	fi
	# Valgrind 3.19 cannot read the DWARF 5 of newer clangs (it gives up
	# on the program): DWARF 4 under the wrapper.
	if [ "$target" = unix ] && [ -n "${MIRC_PROGRAM_WRAPPER:-}" ] && [ "$cc" = clang ]; then
		flags="$flags -gdwarf-4"
	fi
	make -j2 -C "$proj" EXTRA_CFLAGS="$flags" "${make_args[@]}" >"$tmp/make.log" 2>&1
	if [ $? -ne 0 ] || grep -q 'warning:' "$tmp/make.log"; then
		cat "$tmp/make.log" >&2
		net_fail "make ${cc:+CC=$cc }for $target with -Werror failed"
	fi
	local exe
	exe=$proj/dist/$(cd "$proj" && "$mirc" query name) || net_fail "mirc query name failed"
	[ -x "$exe" ] || net_fail "make did not produce $exe"
	# The target's own run command; the wrapper only where the checking
	# builds apply (valgrind cannot run an emulator's guest).
	net_cmd=()
	if [ "$target" = unix ] && [ -n "${MIRC_PROGRAM_WRAPPER:-}" ]; then
		# shellcheck disable=SC2206 # the wrapper is a command line
		net_cmd=($MIRC_PROGRAM_WRAPPER)
	fi
	while read -r a; do
		case $a in
		@RUNFLAGS@) ;;
		@ARTIFACT@) net_cmd+=("$exe") ;;
		*) net_cmd+=("$a") ;;
		esac
	done < <(python3 "$srcdir/backends/targets.py" get "$target" run.command)
}

# net_free_port: a port free for TCP and UDP on every loopback address
# now (another process may take it before the server does: net_serve
# tries again then).
net_free_port() {
	python3 - <<'EOF'
import socket
try:
    family, anyaddr = socket.AF_INET6, "::"
    t = socket.socket(family, socket.SOCK_STREAM)
    t.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
except OSError:  # a host without IPv6
    family, anyaddr = socket.AF_INET, "0.0.0.0"
    t = socket.socket(family, socket.SOCK_STREAM)
t.bind((anyaddr, 0))
port = t.getsockname()[1]
u = socket.socket(family, socket.SOCK_DGRAM)
if family == socket.AF_INET6:
    u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
u.bind((anyaddr, port))
print(port)
EOF
}

# net_serve READY ARGS...: start $net_cmd ARGS... --port=PORT in the
# background (at most 120 s) and wait until its log has the line READY
# (a fixed string); sets $port, $net_pid, $net_log.  With $net_fds set,
# the server may open that many descriptors only (ulimit -n); with
# $net_port_arg set, the port is given as $net_port_arg=PORT (the
# prelude's http_server takes --http-port: http-site.sh).
net_serve() {
	local ready=$1 try i
	shift
	for try in 1 2 3; do
		port=$(net_free_port) || net_fail "no free port"
		net_log=$tmp/server.log
		: >"$net_log"
		timeout -k 5 120 bash -c 'ulimit -n "$1" && shift && exec "$@"' _ \
			"${net_fds:-$(ulimit -n)}" "${net_cmd[@]}" "$@" "${net_port_arg:---port}=$port" \
			>"$net_log" 2>&1 </dev/null &
		net_pid=$!
		for ((i = 0; i < 600; i++)); do
			grep -qF "$ready" "$net_log" && return 0
			kill -0 "$net_pid" 2>/dev/null || break
			sleep 0.05
		done
		# It may have logged the line and ended since the last look.
		grep -qF "$ready" "$net_log" && return 0
		wait "$net_pid"
		net_pid=
		grep -q 'Address already in use' "$net_log" && continue
		net_fail "the server did not log '$ready'"
	done
	net_fail "no free port after 3 tries"
}

# net_client ARGS...: run netclient.py ARGS... (the server's host and
# port included), fail the test with its message if it fails.
net_client() {
	timeout -k 5 90 python3 "$client" "$@" || net_fail "client $* failed"
}

# net_finish: the server must end by itself (its --exit-after), with
# status 0: no sanitizer report, no valgrind error (99), no leak.
net_finish() {
	local st
	wait "$net_pid"
	st=$?
	net_pid=
	case $st in
	0) ;;
	124 | 137) net_fail "the server did not exit by itself (--exit-after)" ;;
	99) net_fail "valgrind found errors or leaks" ;;
	*) net_fail "the server exited with status $st" ;;
	esac
	if grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$net_log" >/dev/null; then
		net_fail "the sanitizers reported errors"
	fi
}

# net_in_netns ARGS...: the direct-stack tests (direct-*.sh) run whole in
# a network namespace of their own with a TAP: called with the script's
# arguments before net_start, it re-runs the script under `unshare -n`
# (status 77 without root, /dev/net/tun or namespaces), and there makes
# tap0, 10.0.0.1/24, up; the program takes 10.0.0.2 (or DHCP's).  The tap
# and everything else go with the namespace.
net_in_netns() {
	if [ -z "${MIRC_NET_NETNS:-}" ]; then
		if [ "$(id -u)" -ne 0 ] || [ ! -c /dev/net/tun ] ||
			! unshare -n true 2>/dev/null; then
			echo "SKIP: needs root (/dev/net/tun, unshare -n)"
			exit 77
		fi
		exec unshare -n env MIRC_NET_NETNS=1 bash "$0" "$@"
	fi
	ip link set lo up && ip tuntap add dev tap0 mode tap &&
		ip addr add 10.0.0.1/24 dev tap0 && ip link set tap0 up ||
		{ echo "FAIL: cannot make tap0 in the test's namespace" >&2; exit 1; }
}

# net_udhcpd [OPTION LINES...]: busybox udhcpd on tap0 (net_in_netns)
# leasing 10.0.0.100-109 with router 10.0.0.1, each argument one more
# line of its configuration ("option dns 10.0.0.1"); its leases go to
# $tmp/udhcpd.leases when it ends, its log to $tmp/udhcpd.log; killed
# with the test.  Needs busybox (callers skip with 77 without it).
net_udhcpd() {
	{
		printf '%s\n' "start 10.0.0.100" "end 10.0.0.109" "interface tap0" \
			"max_leases 10" "lease_file $tmp/udhcpd.leases" \
			"pidfile $tmp/udhcpd.pid" "option subnet 255.255.255.0" \
			"option router 10.0.0.1" "option lease 600"
		[ "$#" -eq 0 ] || printf '%s\n' "$@"
	} >"$tmp/udhcpd.conf"
	: >"$tmp/udhcpd.leases"
	busybox udhcpd -f "$tmp/udhcpd.conf" >"$tmp/udhcpd.log" 2>&1 &
	net_dhcpd=$!
	trap 'kill $net_dhcpd 2>/dev/null; net_cleanup' EXIT
}
