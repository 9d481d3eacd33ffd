#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# configure, build and clean lock the project directory (flock(2) on the
# directory itself, mirc-configure(1)) for as long as they run: while
# another holds the lock, mirc says it is waiting and waits.  Two
# configures started together in one directory, for different targets,
# both succeed, one after the other: the files left are all of one of them
# (a later configure has nothing to write), and no temporary is left.
. "$(dirname "$0")/lib/common.sh"

project samples/hello p

# 1. Another holder of the lock: mirc waits for it, and says so.
for cmd in configure clean; do
	rm -f "$tmp/released"
	flock "$tmp/p" sh -c "sleep 2; touch '$tmp/released'" &
	holder=$!
	for _ in $(seq 100); do flock -n "$tmp/p" true || break; sleep 0.05; done
	flock -n "$tmp/p" true && die "flock(1) did not take the lock"
	mirc_in p "$cmd"
	# The holder marks its end before it lets the lock go.
	[ -e "$tmp/released" ] || fail "$cmd finished while another held the lock"
	wait "$holder"
	[ "$status" -eq 0 ] || fail "$cmd after waiting: exit status $status: $(cat "$tmp/mirc.err")"
	grep -q 'waiting for another mirc' "$tmp/mirc.err" || fail "$cmd did not say it waits for the lock: $(cat "$tmp/mirc.err")"
done

# 2. Concurrent configures for two targets.
for round in $(seq 10); do
	(cd "$tmp/p" && exec "$mirc" configure -t unix) >/dev/null 2>"$tmp/a.err" &
	a=$!
	(cd "$tmp/p" && exec "$mirc" configure -t cortex_m3) >/dev/null 2>"$tmp/b.err" &
	b=$!
	wait "$a" || fail "round $round: configure -t unix failed: $(cat "$tmp/a.err")"
	wait "$b" || fail "round $round: configure -t cortex_m3 failed: $(cat "$tmp/b.err")"
	mirc_ok p configure
	grep -q '(0 files written)' "$tmp/mirc.err" ||
		fail "round $round: the files are not those of one configure: $(cat "$tmp/mirc.err")"
	if grep -q '"target": "unix"' "$tmp/p/mirc/context"; then
		[ -e "$tmp/p/mirc/link.ld" ] && fail "round $round: unix configured, but mirc/link.ld of cortex_m3 is there"
	else
		[ -e "$tmp/p/mirc/link.ld" ] || fail "round $round: cortex_m3 configured, but mirc/link.ld is missing"
	fi
	leftovers=$(cd "$tmp/p" && find . -name '*.mirc-tmp-*')
	[ -z "$leftovers" ] || fail "round $round: temporary files left: $leftovers"
	[ "$nfail" -eq 0 ] || break
done
finish
