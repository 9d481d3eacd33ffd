#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Bad boot arguments: for every type a bad value prints exactly one line
#   args: option '--NAME': invalid value 'VALUE' (expected WHAT)
# on stderr, nothing on stdout (no device connected, no job started), and
# exits with status 64; so do a missing required arg, an unknown option
# and a stray word.  The text of WHAT is fixed for int (c-interface.md 5)
# and must be non-empty for the others.
. "$(dirname "$0")/lib/common.sh"

project args p
mirc_ok p configure
build p

# bad OPTION VALUE [WHAT [SHOWN]]: --OPTION=VALUE (with a good --token) is
# refused; the message quotes SHOWN (default: VALUE; the bad item of a list).
bad() {
	local opt=$1 given=$2 what=${3:-} value=${4:-$2} line
	prog p --token=t "--$opt=$given"
	[ "$status" -eq 64 ] || fail "--$opt=$given: exit status $status, expected 64"
	[ -s "$tmp/out" ] && fail "--$opt=$given: output on stdout (the program ran): $(head -n 3 "$tmp/out")"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "--$opt=$given: not exactly one line on stderr: $(cat "$tmp/err")"
	line=$(head -n 1 "$tmp/err")
	if [ -n "$what" ]; then
		[ "$line" = "args: option '--$opt': invalid value '$value' (expected $what)" ] ||
			fail "--$opt=$given: message is: $line"
	else
		case $line in
		"args: option '--$opt': invalid value '$value' (expected "?*")") ;;
		*) fail "--$opt=$value: message is: $line" ;;
		esac
	fi
}

bad port abc "an integer"
bad port 12x "an integer"
bad port "" "an integer"
bad offset 9223372036854775808
bad offset -9223372036854775809
bad verbose maybe
bad wait 5
bad wait "5 parsecs"
bad wait -1s
bad addr 10.0.0
bad addr 10.0.0.256
bad addr 010.0.0.1
bad net 10.0.0.0/33
bad net 10.0.0.0
bad addr6 fd00:::1
bad addr6 10.0.0.1
bad net6 fd00::/129
bad peer example.org
bad mode medium
bad gateway 1.2.3
bad level none
bad max-conn four
bad ports 1,x "an integer" x
bad nets fe80::/10,fe80:: "" fe80::
bad logs '*:loud'
bad delay soon
bad name 'a b'

# A missing required arg, before anything runs.
prog p
[ "$status" -eq 64 ] || fail "no --token: exit status $status, expected 64"
[ -s "$tmp/out" ] && fail "no --token: output on stdout (the program ran)"
grep -q -- "--token" "$tmp/err" || fail "no --token: the message does not name --token: $(cat "$tmp/err")"
grep -q '^args: ' "$tmp/err" || fail "no --token: the message does not start with the program's name: $(cat "$tmp/err")"

# Unknown options and stray words.
for words in "--bogus" "--port=1 --tokn=x" "stray" "-- stray" "-x" "--no-port"; do
	# shellcheck disable=SC2086 # split the words on purpose
	prog p --token=t $words
	[ "$status" -eq 64 ] || fail "$words: exit status $status, expected 64"
	[ -s "$tmp/out" ] && fail "$words: output on stdout (the program ran)"
	grep -q '^args: ' "$tmp/err" || fail "$words: no 'args: ...' message on stderr: $(cat "$tmp/err")"
done

# --name changes the name in the messages.
prog p --name=other --token=t --port=x
[ "$status" -eq 64 ] || fail "--name=other --port=x: exit status $status, expected 64"
same_text "$tmp/err" "other: option '--port': invalid value 'x' (expected an integer)" "the message after --name=other"
finish
