#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Boot arguments given with --boot-args (configure, check, build, run)
# are checked when they are given,
# by the runtime's own parser (issue 8, item 5): a bad value, an unknown
# option, a missing value and an unterminated quote are bad-literal errors
# of `mirc configure` and `mirc check`, with the runtime's message, and a
# failing configure writes nothing.  Good ones still reach the program.
# Saved ones that no longer fit the program are reported the same way,
# and --boot-args= clears them.
. "$(dirname "$0")/lib/common.sh"

# refused CMD BOOTARGS MESSAGE [NOTE]: `mirc CMD --boot-args=BOOTARGS` in p
# exits 1 with the diagnostic "--boot-args: MESSAGE", and writes nothing.
refused() {
	local cmd=$1 ba=$2 msg=$3 note=${4:-}
	snapshot p "$tmp/before"
	mirc_in p "$cmd" --boot-args="$ba"
	[ "$status" -eq 1 ] || fail "$cmd --boot-args='$ba': exit status $status, expected 1"
	grep -qxF "mirc: error[bad-literal]: --boot-args: $msg" "$tmp/mirc.err" ||
		fail "$cmd --boot-args='$ba': no 'error[bad-literal]: --boot-args: $msg' in: $(cat "$tmp/mirc.err")"
	if [ -n "$note" ]; then
		grep -qF "$note" "$tmp/mirc.err" || fail "$cmd --boot-args='$ba': no note '$note' in: $(cat "$tmp/mirc.err")"
	fi
	snapshot p "$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" || fail "$cmd --boot-args='$ba' changed the project: $(diff "$tmp/before" "$tmp/after")"
}

project args p
for cmd in configure check; do
	refused $cmd "--token=t --port=x" "option '--port': invalid value 'x' (expected an integer)" \
		"config.mir:9:5: note: runtime arg 'port' is declared here"
	refused $cmd "--token=t --wait=5" \
		"option '--wait': invalid value '5' (expected a duration such as 250ms, 2s or 1m (units ns, us, ms, s, m, h))"
	refused $cmd "--ports=1,x" "option '--ports': invalid value 'x' (expected an integer)"
	refused $cmd "--tokn=t" "unknown option '--tokn' (did you mean '--token'?)"
	refused $cmd "--port" "option '--port' needs a value"
	refused $cmd "--no-verbose=1" "option '--no-verbose' takes no value"
	refused $cmd "--who='a b" "unterminated single quote"
	refused $cmd '--who="a b' "unterminated double quote"
	refused $cmd "stray" "unexpected argument 'stray' (options are written --name=VALUE)"
	refused $cmd "--logs=*:loud" "option '--logs': invalid value '*:loud' (expected rules such as *:info,net:debug with levels quiet, error, warning, info, debug)"
	refused $cmd "--version" "--help, -h and --version stop the program before it starts, on every boot"
done
[ -e "$tmp/p/mirc" ] && fail "a refused configure created mirc/"

# The same words as the program says them at boot.
mirc_ok p configure
build p
for words in "--port=x" "--tokn=t" "--port" "--ports=1,x" "--no-verbose=1"; do
	mirc_in p check --boot-args="--token=t $words"
	# shellcheck disable=SC2086 # split the words on purpose
	prog p --token=t $words
	[ "$status" -eq 64 ] || fail "$words at boot: exit status $status, expected 64"
	at_boot=$(sed -n 's/^args: //p' "$tmp/err")
	at_configure=$(sed -n 's/^mirc: error\[bad-literal\]: --boot-args: //p' "$tmp/mirc.err")
	[ -n "$at_boot" ] && [ "$at_boot" = "$at_configure" ] ||
		fail "$words: at boot '$at_boot', at configure time '$at_configure'"
done

# A refused configure of a configured project leaves its files alone.
refused configure "--port=99999999999999999999" \
	"option '--port': invalid value '99999999999999999999' (expected an integer from -9223372036854775808 to 9223372036854775807)"

# Good boot arguments are baked in and reach the program, quotes and all.
mirc_ok p configure --boot-args="--token='two words' --port=99 --wait=18446744073709551615ns"
build p
expect_prog 0 p
grep -qx '\[INFO\] \[show\] > port = 99' "$tmp/out" || fail "the baked --port=99 did not reach the program: $(cat "$tmp/out")"
grep -qx '\[INFO\] \[show\] > token = "two words"' "$tmp/out" || fail "the baked --token did not reach the program"
mirc_ok p check --boot-args="--token=t --mode=very-slow"

# mirc build and mirc run take --boot-args too: checked, then baked in.
refused build "--token=t --port=x" "option '--port': invalid value 'x' (expected an integer)"
mirc_ok p build -q --boot-args="--token=t --port=77"
expect_prog 0 p
grep -qx '\[INFO\] \[show\] > port = 77' "$tmp/out" || fail "build --boot-args=--port=77 did not reach the program: $(cat "$tmp/out")"
mirc_in p run -q --boot-args="--token=t --port=78" -- --port=79
[ "$status" -eq 0 ] || fail "run --boot-args: exit status $status"
grep -qx '\[INFO\] \[show\] > port = 79' "$tmp/mirc.out" || fail "run: the argument after -- did not win over the baked one: $(cat "$tmp/mirc.out")"
mirc_ok p configure --boot-args="--token='two words' --port=99"

# Saved boot arguments that the program no longer accepts: the same
# error, saying where they come from and how to clear them.
sed -i 's/^arg port : int = 8080/arg port : ipv4 = "10.0.0.1"/' "$tmp/p/config.mir"
mirc_in p configure
[ "$status" -eq 1 ] || fail "configure with saved boot arguments that no longer fit: exit status $status, expected 1"
grep -qxF "mirc: error[bad-literal]: --boot-args (saved in mirc/context): option '--port': invalid value '99' (expected an IPv4 address such as 10.0.0.2)" "$tmp/mirc.err" ||
	fail "saved boot arguments: $(cat "$tmp/mirc.err")"
grep -qF -- "--boot-args= clears the saved boot arguments" "$tmp/mirc.err" || fail "no hint how to clear saved boot arguments: $(cat "$tmp/mirc.err")"
mirc_ok p configure --boot-args=
grep -q boot_args "$tmp/p/mirc/context" && fail "--boot-args= did not clear the saved boot arguments"
finish
