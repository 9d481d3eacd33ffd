#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# www-http.sh MIRC SRCDIR - the unit test of rt/net/http.c (request
# parser, target mapping, content types, response heads): www-http.c
# built with the host's C compiler and the flags of the checking build
# (MIRC_PROGRAM_CFLAGS), run under its wrapper (MIRC_PROGRAM_WRAPPER);
# it prints SUCCESS.
. "$(dirname "$0")/lib-net.sh"
net_start www-http "$1" "$2"
# shellcheck disable=SC2086 # the flags and the wrapper are word lists
cc -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Werror -g ${MIRC_PROGRAM_CFLAGS:-} \
	-Irt/net tests/net/www-http.c rt/net/http.c -o "$tmp/www-http" ||
	net_fail "www-http.c does not build"
# shellcheck disable=SC2086
${MIRC_PROGRAM_WRAPPER:-} "$tmp/www-http" >"$tmp/out" 2>&1
st=$?
cat "$tmp/out"
if [ "$st" != 0 ] || [ "$(tail -n 1 "$tmp/out")" != SUCCESS ]; then
	net_fail "www-http exited with status $st"
fi
