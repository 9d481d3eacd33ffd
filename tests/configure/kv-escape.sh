#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A KV_RO never serves anything outside its directory, through a real
# program asking for keys given at boot:
#   - keys that are not relative paths ("../x", "/etc/passwd", "a/../b",
#     "./a", "a//b") are refused with -EINVAL by both devices;
#   - direct_kv_ro does not follow symbolic links (prelude doc), whether
#     they point outside (relative, absolute, to a directory, to the
#     project above) or inside: get fails and nothing of the target is
#     read; exists never calls them values, size fails;
#   - crunch embeds regular files only: the links are not in the program.
# The text of the files outside (SECRET-...) must never be printed.
. "$(dirname "$0")/lib/common.sh"

setup_links() {	# setup_links DIR: the files outside and the links to them
	local p=$tmp/$1
	printf 'SECRET-above' >"$p/secret.txt"
	mkdir -p "$tmp/outside" && printf 'SECRET-outside' >"$tmp/outside/secret2.txt"
	ln -s ../secret.txt "$p/data/link-out"
	ln -s "$p/secret.txt" "$p/data/abs-link"
	ln -s "$tmp/outside" "$p/data/dir-link"
	ln -s ../.. "$p/data/sub/up"
	ln -s ok.txt "$p/data/link-in"
	ln -s /etc/passwd "$p/data/passwd"
}

invalid=(../secret.txt /etc/passwd sub/../ok.txt ./ok.txt sub//ok2.txt data/../../secret.txt ..)
links=(link-out abs-link dir-link/secret2.txt sub/up/secret.txt sub/up/data/ok.txt link-in passwd)

for store in direct crunch; do
	project kv-escape "$store"
	setup_links "$store"
	mirc_ok "$store" configure --kv-ro="$store"
	build "$store"
	args=(--keys=ok.txt --keys=sub/ok2.txt)
	for k in "${invalid[@]}" "${links[@]}"; do args+=("--keys=$k"); done
	expect_prog 0 "$store" "${args[@]}" || continue
	out=$tmp/out

	grep -q SECRET "$out" && fail "$store: a file outside data/ was read: $(grep SECRET "$out")"
	grep -q '^root:' "$out" && fail "$store: /etc/passwd was read"
	grep -qx "\[INFO\] \[probe\] get 'ok.txt': 4 bytes: fine" "$out" || fail "$store: ok.txt was not read: $(grep "'ok.txt'" "$out")"
	grep -qx "\[INFO\] \[probe\] get 'sub/ok2.txt': 9 bytes: also fine" "$out" || fail "$store: sub/ok2.txt was not read"
	for k in "${invalid[@]}"; do
		for op in get exists size; do
			grep -qxF "[INFO] [probe] $op '$k': EINVAL" "$out" ||
				fail "$store: $op '$k' did not fail with EINVAL: $(grep -F "$op '$k'" "$out")"
		done
	done
	for k in "${links[@]}"; do
		line=$(grep -F "get '$k': " "$out")
		case $line in
		*": ENOENT" | *": ELOOP" | *": EACCES" | *": EPERM" | *": EINVAL" | *": ENOTDIR") ;;
		*) fail "$store: get '$k' (a symbolic link) did not fail: $line" ;;
		esac
		line=$(grep -F "exists '$k': " "$out")
		case $line in
		*": value" | *": dictionary") fail "$store: exists '$k' (a symbolic link) says: $line" ;;
		esac
		line=$(grep -F "size '$k': " "$out")
		case $line in
		*": "[0-9]*) fail "$store: size '$k' (a symbolic link) says: $line" ;;
		esac
	done
	# The listing of the root: the regular entries, and (for crunch)
	# nothing of the links.
	grep -qx '\[INFO\] \[probe\] list: ok.txt (value)' "$out" || fail "$store: the root's listing lacks ok.txt"
	grep -qx '\[INFO\] \[probe\] list: sub (dictionary)' "$out" || fail "$store: the root's listing lacks sub"
	if [ "$store" = crunch ]; then
		listing=$(grep '\] list: ' "$out" | sed 's/.*\] list: //')
		[ "$listing" = "ok.txt (value)
sub (dictionary)" ] || fail "crunch: the root's listing is not just ok.txt and sub: ${listing//$'\n'/, }"
		grep -l 'SECRET' "$tmp/$store"/mirc/*.c && fail "crunch: a file outside data/ was embedded"
		# 'SECR' in the hex of the generated arrays.
		grep -il '0x53, 0x45, 0x43, 0x52' "$tmp/$store"/mirc/embed_*.c && fail "crunch: a file outside data/ was embedded (as bytes)"
	fi
done
finish
