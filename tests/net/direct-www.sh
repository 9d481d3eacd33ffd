#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# direct-www.sh MIRC SRCDIR - samples/www on the direct stack (lwIP over
# netif_tap, --net=direct --no-dhcp, files read at run time with
# --kv-ro=direct) in a network namespace of its own (root only: status 77
# otherwise): every file of htdocs, and a 1 MB random one, fetched with
# curl over one kept-alive connection and compared byte for byte, then a
# second connection for the index; the server ends by --exit-after.
. "$(dirname "$0")/lib-net.sh"
net_in_netns "$@"
net_start direct-www "$1" "$2"
command -v curl >/dev/null || net_fail "curl is not installed"

src=$tmp/src/www
mkdir -p "$tmp/src" && cp -R "$srcdir/samples/www" "$src" &&
	head -c 1000003 /dev/urandom >"$src/htdocs/big.bin" ||
	net_fail "cannot copy samples/www"
net_build_dir "$src" unix gcc --net=direct --no-dhcp --kv-ro=direct
cd "$net_proj" || net_fail "no $net_proj"
net_serve 'serving HTTP on port' --interface=tap0 --ipv4=10.0.0.2/24 --exit-after=2

args=()
files=()
while IFS= read -r f; do
	files+=("$f")
	args+=(-o "$tmp/got/$f" "http://10.0.0.2:$port/$f")
done < <(cd htdocs && find . -type f | sed 's|^\./||' | sort)
mkdir -p "$tmp/got"
(cd htdocs && find . -type d | sed 's|^\./||' | while IFS= read -r d; do mkdir -p "$tmp/got/$d"; done)
timeout -k 5 60 curl -sS --fail --max-time 50 "${args[@]}" || net_fail "curl failed"
for f in "${files[@]}"; do
	cmp -s "htdocs/$f" "$tmp/got/$f" || net_fail "$f came back different"
done
timeout -k 5 30 curl -sS --fail --max-time 20 -o "$tmp/index" "http://10.0.0.2:$port/" ||
	net_fail "curl / failed"
cmp -s htdocs/index.html "$tmp/index" || net_fail "/ is not index.html"
net_finish
cd "$srcdir" || exit 1
echo "${#files[@]} files fetched and compared"
echo "ok net/$net_name"
