#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mirc init DIR writes a program named after DIR that configures, builds
# (-Werror) and runs at once, on unix and on cortex_m3 (where its
# toolchain and qemu are installed), and documents itself (dist/NAME.1).  It
# creates DIR if missing, makes the name from the directory's (lower
# case, other characters '_'; status 2 when no name can be made, and
# then nothing is left behind), and refuses with status 3, writing
# nothing, when any file it would write exists.
. "$(dirname "$0")/lib/common.sh"

mkdir "$tmp/w"
mirc_ok w init demo
for f in config.mir demo.c .gitignore; do
	[ -f "$tmp/w/demo/$f" ] || fail "init did not write demo/$f"
done
mirc_ok w/demo configure
build w/demo
expect_prog 0 w/demo
grep -q 'Hello from demo!' "$tmp/out" "$tmp/err" || fail "./dist/demo did not greet: $(cat "$tmp/out" "$tmp/err")"
grep -q 'greeting' "$tmp/w/demo/dist/demo.1" || fail "dist/demo.1 does not document --greeting"

# And on a board, where its toolchain and qemu are installed.
if command -v arm-none-eabi-gcc >/dev/null && command -v qemu-system-arm >/dev/null; then
	mirc_ok w/demo configure -t cortex_m3
	(cd "$tmp/w/demo" && make EXTRA_CFLAGS=-Werror && timeout -k 5 60 make run) \
		>"$tmp/board.log" 2>&1 || { cat "$tmp/board.log" >&2; fail "demo on cortex_m3: make && make run failed"; }
	grep -q 'Hello from demo!' "$tmp/board.log" || fail "demo on cortex_m3 did not greet: $(tail -5 "$tmp/board.log")"
	mirc_ok w/demo configure -t unix
fi

# Again: every file exists; refused, nothing changed.
snapshot w "$tmp/before"
mirc_in w init demo
[ "$status" -eq 3 ] || fail "init over a program: exit status $status, expected 3"
grep -q "refusing to overwrite demo/config.mir" "$tmp/mirc.err" || fail "init does not name config.mir: $(cat "$tmp/mirc.err")"
snapshot w "$tmp/after"
diff -u "$tmp/before" "$tmp/after" >&2 || fail "a refused init changed files"

# One file of its own is enough to refuse: nothing is written.
mkdir "$tmp/w/other"
echo "mine" >"$tmp/w/other/.gitignore"
mirc_in w/other init
[ "$status" -eq 3 ] || fail "init over a .gitignore: exit status $status, expected 3"
[ "$(ls -A "$tmp/w/other")" = .gitignore ] || fail "a refused init wrote: $(ls -A "$tmp/w/other")"

# Names: made from the directory's; none for one starting with a digit.
mirc_ok w init "My Demo.x"
[ -f "$tmp/w/My Demo.x/my_demo_x.c" ] || fail "init 'My Demo.x' did not name the program my_demo_x"
grep -q 'register "my_demo_x"' "$tmp/w/My Demo.x/config.mir" || fail "init 'My Demo.x': wrong register name"
mirc_in w init 2048
[ "$status" -eq 2 ] || fail "init 2048: exit status $status, expected 2"
[ -e "$tmp/w/2048" ] && fail "init 2048 left the directory it created"
# A keyword as the name: the job is NAME_main, and it still checks.
mirc_ok w init job
mirc_ok w/job check
finish
