#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# www-http.sh MIRC TOP - the unit test of samples/www/http.c (the request
# parser, target mapping, content types, response heads): www-http.c
# built with the host's C compiler and the program flags of the variant
# (MIRC_PROGRAM_CFLAGS, e.g. -fsanitize=address,undefined), run under
# MIRC_PROGRAM_WRAPPER (e.g. valgrind); it prints SUCCESS.
set -u
top=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
# shellcheck disable=SC2086 # the flags and the wrapper are word lists
$cc -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Werror -g \
	${MIRC_PROGRAM_CFLAGS:-} -I"$top/samples/www" \
	"$top/tests/net/www-http.c" "$top/samples/www/http.c" -o "$tmp/www-http" ||
	{ echo "FAIL: www-http.c does not build"; exit 1; }
# shellcheck disable=SC2086
${MIRC_PROGRAM_WRAPPER:-} "$tmp/www-http" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
[ "$rc" = 0 ] && [ "$(tail -n 1 "$tmp/out")" = SUCCESS ] ||
	{ echo "FAIL: www-http exited $rc"; exit 1; }
