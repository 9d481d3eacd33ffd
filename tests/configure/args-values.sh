#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Good boot arguments of every type reach the C code: the defaults, then
# every value given on the command line (args.given.out), in both the
# --opt=value and the --opt value forms; bool flags and --no-flag; list
# options split at commas and appended to when repeated; dashes for
# underscores; --name; an impl's connect gets its runtime args too.
. "$(dirname "$0")/lib/common.sh"

project args p
mirc_ok p configure
build p

# Only the required arg: every other value is the default of config.mir.
expect_prog 0 p --token=s3cret && same "$tmp/out" "$here/args.defaults.out" "the defaults"
[ -s "$tmp/err" ] && fail "stderr is not empty with good arguments: $(cat "$tmp/err")"

# shellcheck disable=SC2054 # the commas are list values
given=(
	--verbose --no-quiet --port=443 --offset=-9223372036854775808
	'--who=Jo "the" \ one' --motd= --wait=250ms --addr=192.168.0.254
	--net=172.16.0.0/12 --addr6=2001:db8::42 --net6=2001:db8::/32
	--peer=2001:db8:0:0:1:0:0:1 --peer6=127.0.0.1 --mode=very_slow
	--gateway=10.0.0.1 --level=high --max-conn=0x10
	--hosts=x --hosts=y,z --ports=1,2 --ports 3 --nets=fe80::/10
	--token 'two words' --name=args-7
)
expect_prog 0 p "${given[@]}" && same "$tmp/out" "$here/args.given.out" "the given values"
[ -s "$tmp/err" ] && fail "stderr is not empty with good arguments: $(cat "$tmp/err")"

# The last occurrence of a single-valued option wins; bool spellings.
expect_prog 0 p --token=t --port=1 --port=2 --verbose=true --quiet=false
grep -qx '\[INFO\] \[show\] > port = 2' "$tmp/out" || fail "--port=1 --port=2 did not give 2"
grep -qx '\[INFO\] \[show\] > verbose = true' "$tmp/out" || fail "--verbose=true did not give true"
grep -qx '\[INFO\] \[show\] > quiet = false' "$tmp/out" || fail "--quiet=false did not give false"
grep -qx '\[INFO\] \[sink\] connect: port 2, no gateway, mode 1' "$tmp/out" ||
	fail "the impl's connect did not get --port=2"

# An empty list on the command line replaces the default.
expect_prog 0 p --token=t --hosts=
grep -qx '\[INFO\] \[show\] > hosts = 0 \[\]' "$tmp/out" ||
	fail "--hosts= did not give the empty list: $(grep 'hosts =' "$tmp/out")"
finish
