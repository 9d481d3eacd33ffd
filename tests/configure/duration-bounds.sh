#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The largest duration of every unit (2^64 - 1 ns and below) is accepted,
# and one more refused, the same way at configure time (--boot-args, and a
# default in config.mir) and at boot, with the same message: mirc and the
# program run one parser (issue 8, item 28).
. "$(dirname "$0")/lib/common.sh"

max=(18446744073709551615ns 18446744073709551us 18446744073709ms 18446744073s 307445734m 5124095h)
ns=(18446744073709551615 18446744073709551000 18446744073709000000 18446744073000000000 18446744040000000000 18446742000000000000)
over=(18446744073709551616ns 18446744073709552us 18446744073710ms 18446744074s 307445735m 5124096h)
why="expected a duration of at most 18446744073709551615ns, about 584 years"

project args p
mirc_ok p configure
build p
for i in "${!max[@]}"; do
	# Configure time: boot arguments, then a default.
	mirc_in p check --boot-args="--wait=${max[i]}"
	[ "$status" -eq 0 ] || fail "check --boot-args=--wait=${max[i]}: exit status $status: $(cat "$tmp/mirc.err")"
	mirc_in p check --boot-args="--wait=${over[i]}"
	[ "$status" -eq 1 ] || fail "check --boot-args=--wait=${over[i]}: exit status $status, expected 1"
	grep -qxF "mirc: error[bad-literal]: --boot-args: option '--wait': invalid value '${over[i]}' ($why)" "$tmp/mirc.err" ||
		fail "check --boot-args=--wait=${over[i]}: $(cat "$tmp/mirc.err")"
	at_configure=$(sed -n 's/^mirc: error\[bad-literal\]: --boot-args: //p' "$tmp/mirc.err")

	cp "$tmp/p/config.mir" "$tmp/config.keep"
	sed -i "s/^arg wait : duration = \"1m\"/arg wait : duration = \"${max[i]}\"/" "$tmp/p/config.mir"
	grep -qF "\"${max[i]}\"" "$tmp/p/config.mir" || die "could not set the default of wait"
	mirc_in p check
	[ "$status" -eq 0 ] || fail "default ${max[i]}: exit status $status: $(cat "$tmp/mirc.err")"
	sed -i "s/\"${max[i]}\"/\"${over[i]}\"/" "$tmp/p/config.mir"
	mirc_in p check
	[ "$status" -eq 1 ] && grep -qF "error[bad-literal]: default of arg 'wait' does not fit its type duration: $why" "$tmp/mirc.err" ||
		fail "default ${over[i]}: status $status: $(cat "$tmp/mirc.err")"
	cp "$tmp/config.keep" "$tmp/p/config.mir"

	# Boot.
	expect_prog 0 p --token=t --wait="${max[i]}" &&
		{ grep -qx "\[INFO\] \[show\] > wait = ${ns[i]} ns" "$tmp/out" ||
			fail "--wait=${max[i]} at boot: $(grep 'wait =' "$tmp/out")"; }
	expect_prog 64 p --token=t --wait="${over[i]}"
	at_boot=$(sed -n 's/^args: //p' "$tmp/err")
	[ "$at_boot" = "$at_configure" ] || fail "${over[i]}: at boot '$at_boot', at configure time '$at_configure'"
done
finish
