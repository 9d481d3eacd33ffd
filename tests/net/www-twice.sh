#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# www-twice.sh MIRC SRCDIR - the prelude's http_server (the job
# http_serve around one device http_static) registered
# twice in one program: its runtime args (--http-port ...) are the
# program's, so the second start must refuse by name (not with the
# EADDRINUSE of the same port), and the program must exit with status 1.
. "$(dirname "$0")/lib-net.sh"
net_start www-twice "$1" "$2"

src=$tmp/src/twice
mkdir -p "$src/htdocs" && echo hello >"$src/htdocs/index.html" || net_fail "cannot make $src"
cat >"$src/config.mir" <<'MIR'
register "twice" [ http_server(generic_kv_ro("htdocs")),
		   http_server(generic_kv_ro("htdocs")) ];
MIR
net_build_dir "$src" unix gcc
cd "$net_proj" || net_fail "no $net_proj"
port=$(net_free_port) || net_fail "no free port"
timeout -k 5 60 "${net_cmd[@]}" --http-port="$port" --ipv4=127.0.0.1/8 >"$tmp/log" 2>&1
st=$?
cat "$tmp/log"
[ "$st" = 1 ] || net_fail "the program exited with status $st, not 1"
grep -qF 'http_server is registered twice' "$tmp/log" ||
	net_fail "no 'registered twice' error"
grep -q 'Address already in use' "$tmp/log" &&
	net_fail "the second start tried to listen"
if grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/log" >/dev/null; then
	net_fail "the sanitizers reported errors"
fi
cd "$srcdir" || exit 1
echo "ok net/$net_name"
