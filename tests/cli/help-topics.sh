#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every topic `mirc help` lists opens: the list is read from mirc itself
# (the "available topics:" line of an unknown topic), never written here,
# and every command of `mirc --help` is among the topics.
. "$(dirname "$0")/lib/common.sh"

run help nosuchtopic
[ "$status" -eq 2 ] || fail "mirc help nosuchtopic: exit status $status, expected 2"
topics=$(sed -n 's/^available topics: *//p' "$tmp/err")
[ -n "$topics" ] || fail "mirc help nosuchtopic: no 'available topics:' line"
set -f
# shellcheck disable=SC2086 # one word per topic
set -- $topics
set +f
[ "$#" -ge 5 ] || fail "only $# topics listed: $topics"
for t in "$@"; do
	expect_status 0 help "$t"
	[ -s "$tmp/out" ] || fail "mirc help $t: no output"
	[ -s "$tmp/err" ] && fail "mirc help $t: writes to stderr: $(head -n 2 "$tmp/err")"
	grep -qE '^\.(TH|SH|TP|B|BR) ' "$tmp/out" && fail "mirc help $t: roff source, not text"
	grep -q '^NAME' "$tmp/out" || fail "mirc help $t: no NAME section"
done

# The commands of `mirc --help` each have a topic.
expect_status 0 --help
cmds=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/out")
[ -n "$cmds" ] || fail "mirc --help: no command list"
for c in $cmds; do
	case " $topics " in
	*" $c "*) ;;
	*) [ "$c" = help ] || fail "command $c has no help topic (topics: $topics)" ;;
	esac
done
finish
