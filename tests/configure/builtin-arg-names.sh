#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A runtime arg whose boot option is one every program already has
# (c-interface.md 5: --help, --version, --logs, --delay, --name; the
# runtime also has --log-time and --no-log-time) cannot work: either the
# built-in option or the arg (language.md 2.6: "at boot the argument is
# --name=VALUE") would be unreachable.  mirc must reject the program
# with an error naming the arg (exit status 1) instead of building a
# program whose arg can never be set.  A name that only resembles one is
# fine.
. "$(dirname "$0")/lib/common.sh"

mkdir -p "$tmp/p"
for a in help version logs delay name log_time no_log_time; do
	printf 'arg %s : string = "x";\njob j { args %s; }\nregister "clash" [ j ];\n' "$a" "$a" >"$tmp/p/config.mir"
	mirc_in p check
	if [ "$status" -ne 1 ]; then
		fail "arg $a (boot option --${a//_/-}): mirc check exit status $status, expected 1"
	elif ! grep -q "error\[.*'$a'" "$tmp/mirc.err"; then
		fail "arg $a: the error does not name the arg: $(head -n 1 "$tmp/mirc.err")"
	fi
done
for a in named delays logs_dir helper; do
	printf 'arg %s : string = "x";\njob j { args %s; }\nregister "clash" [ j ];\n' "$a" "$a" >"$tmp/p/config.mir"
	mirc_in p check
	[ "$status" -eq 0 ] || fail "arg $a: mirc check exit status $status, expected 0: $(head -n 1 "$tmp/mirc.err")"
done
finish
