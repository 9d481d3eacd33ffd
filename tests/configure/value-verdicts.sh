#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# One table of good and bad values, fed to both sides of the contract
# (issue 9, part 4): mirc at configure time and the built program at boot
# must give the same verdict on every value, because they run the same
# parser (rt/src/args.c, linked into mirc through rt/check).  For each row
# "ARG VERDICT VALUE" of the table below:
#
#   boot       the unix program of tests/configure/inputs/args, run with
#              --ARG=VALUE: status 0 (accepted) or 64 (refused);
#   boot-args  `mirc check --boot-args=--ARG=VALUE`: status 0 or a
#              bad-literal error, whose message must be the one the
#              program printed at boot, word for word;
#   default    for the args whose default is written as a string (or an
#              integer), `mirc check` with VALUE as the default in
#              config.mir: status 0 or a bad-literal error;
#   key        for int values, `mirc check --size=VALUE` with a key
#              `size : int`: status 0 or a bad-literal error.
#
# Every side must agree with VERDICT too, so that the table also pins the
# accepted forms documented in mir(5) (both sides drifting together would
# otherwise pass).  Bool and enum defaults and keys are written in .mir
# syntax (true, false, an identifier) and are not part of this contract:
# only their boot forms are in the table.
. "$(dirname "$0")/lib/common.sh"

# ARG VERDICT VALUE; values hold no blank, quote or backslash (they go
# through --boot-args words unquoted).
table='
port ok 0
port ok -1
port ok 8080
port ok 0x10
port ok 0X1f
port ok -0x10
port ok 9223372036854775807
port ok -9223372036854775808
port bad 9223372036854775808
port bad -9223372036854775809
port bad 0x8000000000000000
port bad 12a
port bad 0x
port bad -
port bad +5
port bad 1.5
port bad 0xg
port bad --5
wait ok 0ns
wait ok 250ms
wait ok 2s
wait ok 1m
wait ok 1h
wait ok 10us
wait ok 18446744073709551615ns
wait bad 18446744073709551616ns
wait bad 5124096h
wait bad 5
wait bad ms
wait bad 1d
wait bad 1.5s
wait bad -1s
wait bad 1S
wait bad 1ms2
addr ok 0.0.0.0
addr ok 10.0.0.2
addr ok 255.255.255.255
addr bad 256.0.0.1
addr bad 010.0.0.1
addr bad 10.0.0
addr bad 10.0.0.1.
addr bad 10.0.0.1.5
addr bad 10..0.1
addr bad 0x7f.0.0.1
addr bad 10.0.0.2/24
net ok 10.0.0.0/24
net ok 0.0.0.0/0
net ok 10.0.0.2/32
net bad 10.0.0.0/33
net bad 10.0.0.0/024
net bad 10.0.0.0/
net bad 10.0.0.0
net bad 10.0.0/8
net bad 10.0.0.0/8/8
addr6 ok ::
addr6 ok ::1
addr6 ok fd00::2
addr6 ok 2001:db8:0:0:1:0:0:1
addr6 ok 2001:DB8::42
addr6 ok ::ffff:10.0.0.1
addr6 ok 1:2:3:4:5:6:7::
addr6 ok ::2:3:4:5:6:7:8
addr6 bad 1:2:3:4:5:6:7:8:9
addr6 bad 1::2::3
addr6 bad 12345::1
addr6 bad fd00::g
addr6 bad :1::2
addr6 bad 1::2:
addr6 bad fe80::1%eth0
addr6 bad 10.0.0.1
addr6 bad 1:2:3:4:5:6:7:10.0.0.1
net6 ok fd00::/64
net6 ok ::/0
net6 ok ::1/128
net6 bad fd00::/129
net6 bad fd00::/064
net6 bad fd00::
net6 bad fd00::/x
peer ok 10.0.0.2
peer ok fd00::2
peer ok ::ffff:1.2.3.4
peer bad 10.0.0.256
peer bad fd00:::2
peer bad localhost
verbose ok true
verbose ok false
verbose ok yes
verbose ok no
verbose ok on
verbose ok off
verbose ok 1
verbose ok 0
verbose bad TRUE
verbose bad y
verbose bad 2
mode ok fast
mode ok very_slow
mode ok very-slow
mode bad Fast
mode bad slow
ports ok 1,2,3
ports ok 0x10
ports bad 1,x
ports bad 1,,2
nets ok fd00::/8,::/0
nets bad fd00::/8,10.0.0.0/8
'

# The args whose default is a string in config.mir, and port (an integer).
default_arg() {
	case $1 in wait | addr | net | addr6 | net6 | peer | port) return 0 ;; esac
	return 1
}

project args p
mirc_ok p configure
build p
cp "$tmp/p/config.mir" "$tmp/config.keep"

# mirc_verdict: the verdict of the last mirc run (ok or bad); anything but a
# clean pass or a bad-literal error fails the test.
mirc_verdict() {
	if [ "$status" -eq 0 ]; then
		verdict=ok
	elif [ "$status" -eq 1 ] && grep -q 'error\[bad-literal\]' "$tmp/mirc.err"; then
		verdict=bad
	else
		verdict="status $status: $(head -n 3 "$tmp/mirc.err")"
	fi
}

nrows=0
while read -r arg want value; do
	[ -n "$arg" ] || continue
	nrows=$((nrows + 1))
	row="--$arg=$value"

	# Boot.
	prog p --token=t "$row"
	case $status in
	0) boot=ok ;;
	64) boot=bad ;;
	*) boot="status $status" ;;
	esac
	[ "$boot" = "$want" ] || fail "$row at boot: $boot, expected $want: $(head -n 2 "$tmp/err")"
	at_boot=$(sed -n 's/^args: //p' "$tmp/err")

	# Configure time: --boot-args, with the runtime's own words.
	mirc_in p check --boot-args="$row"
	mirc_verdict
	[ "$verdict" = "$boot" ] || fail "$row: --boot-args $verdict, at boot $boot"
	if [ "$verdict" = bad ]; then
		at_configure=$(sed -n 's/^mirc: error\[bad-literal\]: --boot-args: //p' "$tmp/mirc.err")
		[ "$at_configure" = "$at_boot" ] ||
			fail "$row: at configure time '$at_configure', at boot '$at_boot'"
	fi

	# Configure time: the same text as the default in config.mir.
	if default_arg "$arg"; then
		if [ "$arg" = port ]; then
			def=$value
		else
			def="\"$value\""
		fi
		sed "s|^\(arg $arg : [a-z0-9_]*\) = [^ ;]*|\1 = $def|" \
			"$tmp/config.keep" >"$tmp/p/config.mir"
		grep -qE "^arg $arg : [a-z0-9_]+ = $(printf '%s' "$def" | sed 's/[].[*^$\\+?(){}|/]/\\&/g')( |;)" \
			"$tmp/p/config.mir" || die "could not set the default of $arg to $def"
		mirc_in p check
		mirc_verdict
		# An integer default is a token of the language: one the lexer
		# does not take as a number is a syntax error, a refusal too.
		if [ "$arg" = port ] && [ "$status" -eq 1 ] &&
			grep -q 'error\[syntax\]' "$tmp/mirc.err"; then
			verdict=bad
		fi
		[ "$verdict" = "$boot" ] || fail "default of $arg = $def: $verdict, at boot $boot"
		cp "$tmp/config.keep" "$tmp/p/config.mir"
	fi

	# Configure time: an int key given on the command line.
	if [ "$arg" = port ]; then
		printf '%s\n' 'key size : int = 1;' >>"$tmp/p/config.mir"
		mirc_in p check --size="$value"
		mirc_verdict
		[ "$verdict" = "$boot" ] || fail "key --size=$value: $verdict, at boot $boot"
		cp "$tmp/config.keep" "$tmp/p/config.mir"
	fi
done <<<"$table"
[ "$nrows" -ge 100 ] || die "the table has $nrows rows"
finish
