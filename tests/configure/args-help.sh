#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# --help and -h print a man-page-like listing and exit 63, even without the
# required arg: every runtime arg under the heading of its section, with
# its doc and default (or "required"), and the common options; --version
# prints the name and mirc's version and exits 63.  Both print on stdout
# only.
. "$(dirname "$0")/lib/common.sh"

project args p
mirc_ok p configure
build p

expect_prog 63 p --help
cp "$tmp/out" "$tmp/help"
[ -s "$tmp/err" ] && fail "--help wrote to stderr: $(cat "$tmp/err")"
expect_prog 63 p -h && { cmp -s "$tmp/out" "$tmp/help" || fail "-h and --help print different text"; }
expect_prog 63 p --token=t --help && { cmp -s "$tmp/out" "$tmp/help" || fail "--help after --token prints different text"; }

# section HEADING: the lines of the help under HEADING, up to the next one.
section() { awk -v h="$1" '/^[A-Z]/ { on = ($0 == h); next } on' "$tmp/help"; }
# entry HEADING OPTION: the paragraph of OPTION under HEADING, joined.
entry() {
	section "$1" | awk -v o="$2" '
		/^       -/ { on = (index($0, o) > 0) }
		/^$/ { on = 0 }
		on { sub(/^ +/, ""); printf "%s ", $0 }'
}
# has HEADING OPTION TEXT...: the entry exists and contains every TEXT.
has() {
	local h=$1 o=$2 e
	shift 2
	e=$(entry "$h" "$o")
	[ -n "$e" ] || { fail "--help: no $o under '$h'"; return; }
	for t in "$@"; do
		case $e in *"$t"*) ;; *) fail "--help: the entry of $o under '$h' lacks '$t': $e" ;; esac
	done
}

for h in NAME SYNOPSIS "NETWORK OPTIONS" OPTIONS "COMMON OPTIONS"; do
	grep -qx "$h" "$tmp/help" || fail "--help has no section heading '$h'"
done
section NAME | grep -q 'args - Print every runtime arg\.' || fail "--help: NAME does not give the name and the job's doc"
section SYNOPSIS | grep -q -- '--token=' || fail "--help: SYNOPSIS does not show the required --token"

has "NETWORK OPTIONS" --port= "TCP port to listen on." "8080"
has "NETWORK OPTIONS" --net= "The local network." "10.0.0.0/24"
has "NETWORK OPTIONS" --gateway= "Default gateway."
has "NETWORK OPTIONS" --addr6= "fd00::1"
has "NETWORK OPTIONS" --peer= "192.168.1.1"
has OPTIONS --verbose "Say more." "false"
has OPTIONS --who= "Who is greeted." 'a "quoted" name'
has OPTIONS --wait= "How long to wait." "1m"
has OPTIONS --mode= "fast" "safe" "very_slow" "How careful to be."
has OPTIONS --max-conn= "4"
has OPTIONS --hosts= "Hosts to greet."
has OPTIONS --token= "A secret that has no default." "required"
for o in --port= --net= --gateway=; do
	[ -z "$(entry OPTIONS "$o")" ] || fail "--help: $o is also under OPTIONS, not only under its section"
done
for o in --help --version --logs= --delay= --name=; do
	has "COMMON OPTIONS" "$o"
done

expect_prog 63 p --version
version=$("$mirc" --version | sed -n 's/^mirc //p')
[ -n "$version" ] || fail "mirc --version does not print 'mirc VERSION'"
same_text "$tmp/out" "args (mirc $version)" "--version"
[ -s "$tmp/err" ] && fail "--version wrote to stderr: $(cat "$tmp/err")"
finish
