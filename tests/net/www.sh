#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# www.sh MIRC TOP - samples/www built twice, with its files compiled in
# (crunch) and read at run time (--kv-ro=direct), each run on a free
# loopback port against the clients of www-client.py: every file fetched
# with curl over one kept-alive connection and compared byte for byte,
# HEAD, pipelining, HTTP/1.0, every kind of bad request (raw sockets:
# curl would normalise them), a big file in chunks, a peer that resets
# mid-write, an endless header, a silent client (closed after the idle
# timeout while others are served), a client that pipelines without
# reading (held back, then closed), 1000 connections at once, and with
# direct_kv_ro symbolic links (to outside and inside htdocs) and a FIFO
# refused.  The server must answer all of it and exit 0 at --exit-after.
set -u
mirc=$1
top=$2
here=$top/tests/net
tmp=$(mktemp -d) || exit 1
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
idle=1	# seconds of --idle-timeout: short, the test waits for it twice
fail() {
	echo "FAIL: $*"
	exit 1
}

# build NAME SIZE [CONFIGURE ARGS]: the sample in $tmp/NAME, with a
# random big.bin of SIZE bytes in its htdocs.
build() {
	local dir=$tmp/$1 size=$2
	shift 2
	cp -r "$top/samples/www" "$dir" || exit 1
	head -c "$size" /dev/urandom >"$dir/htdocs/big.bin"
	(cd "$dir" && "$mirc" configure -t unix "$@" >configure.log 2>&1 &&
		make -j2 EXTRA_CFLAGS="-Werror ${MIRC_PROGRAM_CFLAGS:-}" \
			EXTRA_LDFLAGS="${MIRC_PROGRAM_CFLAGS:-}" >make.log 2>&1) ||
		{ cat "$dir"/*.log; fail "$1: does not build"; }
}

# free_port: a TCP port of 127.0.0.1 nobody listens on (now).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# serve NAME MODE: run the server of $tmp/NAME against the clients.
serve() {
	local dir=$tmp/$1 mode=$2 port n rc i
	port=$(free_port)
	n=$(python3 "$here/www-client.py" count "$mode")
	ulimit -n 4096 2>/dev/null
	# shellcheck disable=SC2086 # the wrapper is a command line
	(cd "$dir" && exec ${MIRC_PROGRAM_WRAPPER:-} ./dist/www --port="$port" \
		--ipv4=127.0.0.1/8 --exit-after="$n" --idle-timeout="${idle}s") \
		>"$dir/server.log" 2>&1 &
	server=$!
	for i in $(seq 200); do
		grep -q 'serving HTTP on port' "$dir/server.log" && break
		kill -0 "$server" 2>/dev/null || break
		sleep 0.05
	done
	grep -q 'serving HTTP on port' "$dir/server.log" ||
		{ cat "$dir/server.log"; fail "$1: the server did not start"; }
	python3 "$here/www-client.py" run "$mode" "$port" "$dir/htdocs" "$idle" ||
		{ cat "$dir/server.log"; fail "$1: a client failed"; }
	# It exits by itself after its n connections.
	for i in $(seq 100); do
		kill -0 "$server" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$server" 2>/dev/null &&
		{ cat "$dir/server.log"; fail "$1: still running after $n connections"; }
	wait "$server"
	rc=$?
	server=
	grep -E 'ERROR|Sanitizer|runtime error|definitely lost' "$dir/server.log" &&
		fail "$1: errors in the server's log"
	[ "$rc" = 0 ] || { cat "$dir/server.log"; fail "$1: the server exited $rc"; }
	echo "$1: $n connections served"
}

build crunch 70001
serve crunch crunch

build direct 3000017 --kv-ro=direct
# What direct_kv_ro must never serve: links, wherever they point, and
# special files (opening a FIFO would block).
ln -s "$tmp/direct/config.mir" "$tmp/direct/htdocs/outside"
ln -s hello.txt "$tmp/direct/htdocs/inside.txt"
ln -s .. "$tmp/direct/htdocs/up"
mkfifo "$tmp/direct/htdocs/fifo"
serve direct direct
echo SUCCESS
