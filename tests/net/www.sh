#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# www.sh MIRC SRCDIR [TARGET] - samples/www built twice, with its files
# compiled in (crunch, gcc) and read at run time (--kv-ro=direct, clang),
# each run as a server on a free loopback port against the clients of
# www-client.py: every file fetched with curl over one kept-alive
# connection and compared byte for byte, HEAD, pipelining, HTTP/1.0,
# every kind of bad request (on raw sockets: curl would normalise them),
# a big file in chunks, a peer that resets mid-write, an endless header,
# a silent client (closed after the idle timeout while others are
# served), a client that pipelines without reading (held back, then
# closed), 1000 connections at once, and, with direct_kv_ro, symbolic
# links (out of htdocs and within it) and a FIFO refused.  The server
# must answer all of it and exit 0 at --exit-after (under the checking
# builds: without a sanitizer report or a leak).
#
# For another TARGET (www-TARGET.sh: a target whose generic_stack is
# socket_stack, run with its run command; qemu-user shares the host's
# network), the crunch build only, through everything.
. "$(dirname "$0")/lib-net.sh"
target=${3:-unix}
net_start "www${3:+-$3}" "$1" "$2"
[ "$target" = unix ] || net_skip_unless_target "$target"
client=$srcdir/tests/net/www-client.py
idle=1	# seconds of --idle-timeout: short, the clients wait for it

# copy_big SIZE: a copy of the sample, $src, whose htdocs has big.bin:
# SIZE random bytes, several of the job's 16 KiB chunks and not a
# multiple of them (fewer when compiled in: they become C).
copy_big() {
	src=$tmp/src-$1/www
	mkdir -p "$tmp/src-$1" && cp -R "$srcdir/samples/www" "$src" &&
		head -c "$1" /dev/urandom >"$src/htdocs/big.bin" ||
		net_fail "cannot copy samples/www"
}

# serve MODE: the server built last, run from its directory (direct_kv_ro
# reads htdocs/ there) against the clients of MODE.
serve() {
	local n
	n=$(python3 "$client" count "$1") || net_fail "www-client.py count"
	cd "$net_proj" || net_fail "no $net_proj"
	net_serve 'serving HTTP on port' --ipv4=127.0.0.1/8 --exit-after="$n" \
		--idle-timeout="${idle}s"
	net_client run "$1" "$port" "$net_proj/htdocs" "$idle"
	net_finish
	cd "$srcdir" || exit 1
	echo "$1: $n connections served"
}

copy_big 70001
if [ "$target" != unix ]; then
	net_build_dir "$src" "$target"
	serve crunch
	echo SUCCESS
	exit 0
fi
net_build_dir "$src" unix gcc
serve crunch

copy_big 3000017
net_build_dir "$src" unix clang --kv-ro=direct
# What direct_kv_ro must never serve: symbolic links, wherever they
# point, and special files (opening a FIFO would block).
ln -s "$net_proj/config.mir" "$net_proj/htdocs/outside"
ln -s hello.txt "$net_proj/htdocs/inside.txt"
ln -s .. "$net_proj/htdocs/up"
mkfifo "$net_proj/htdocs/fifo"
serve direct
echo SUCCESS
