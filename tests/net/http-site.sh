#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# http-site.sh MIRC SRCDIR - the three-line static site of mir(5), HTTP
# SERVER (tests/net/http-site: the prelude's let http_server, i.e. the
# job http_serve around the device http_static, beside htdocs/): built
# once, it must take the prelude's args --http-port, --http-exit-after
# and --http-idle-timeout (in --help too), serve both files byte for
# byte over one kept-alive connection, answer 404 for a missing one,
# and exit 0 after that one connection.
. "$(dirname "$0")/lib-net.sh"
net_start http-site "$1" "$2"
command -v curl >/dev/null || net_fail "curl is not installed"

net_build_dir "$srcdir/tests/net/http-site" unix
cd "$net_proj" || net_fail "no $net_proj"
"${net_cmd[@]}" --help >"$tmp/help" 2>&1
[ $? = 63 ] || net_fail "--help did not exit 63"
for a in --http-port --http-exit-after --http-idle-timeout; do
	grep -qe "$a" "$tmp/help" || net_fail "--help does not list $a"
done
net_port_arg=--http-port
net_serve 'serving HTTP on port' --ipv4=127.0.0.1/8 --http-exit-after=1 \
	--http-idle-timeout=5s
base=http://127.0.0.1:$port
# One curl, three URLs: one connection (curl keeps it alive).
timeout -k 5 30 curl -sS --fail-early -o "$tmp/index" -o "$tmp/css" \
	-o /dev/null -w '%{http_code} %{num_connects}\n' \
	"$base/" "$base/site.css" "$base/missing" >"$tmp/codes" 2>&1 ||
	{ cat "$tmp/codes" >&2; net_fail "curl failed"; }
printf '200 1\n200 0\n404 0\n' | cmp -s - "$tmp/codes" ||
	{ cat "$tmp/codes" >&2; net_fail "not 200, 200, 404 over one connection"; }
cmp "$tmp/index" htdocs/index.html || net_fail "/ is not htdocs/index.html"
cmp "$tmp/css" htdocs/site.css || net_fail "/site.css differs"
net_finish
cd "$srcdir" || exit 1
echo "ok net/$net_name"
