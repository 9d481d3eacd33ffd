#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Prototypes before code (mirc-configure(1)): a `sources` file that does
# not exist yet is a missing-source warning, not an error.  configure
# writes mirc.h and the Makefile anyway, and its notes give the exact
# prototypes the file must define (the impl's operations and connect
# function, or the job's start function), each as mirc.h declares it.
# The build then fails, naming the file; once the file is written, make
# builds without another configure.  -W error=missing-source makes it an
# error again.
. "$(dirname "$0")/lib/common.sh"

# notes_in_header: every prototype note is a line of mirc/mirc.h.
notes_in_header() {
	local n=0 line
	while IFS= read -r line; do
		n=$((n + 1))
		grep -qxF -- "$line" "$tmp/p/mirc/mirc.h" ||
			fail "$1: the note '$line' is not a prototype of mirc.h"
	done < <(sed -n 's/^note:   //p' "$tmp/mirc.err")
	[ "$n" -gt 0 ] || fail "$1: no prototype in the notes: $(cat "$tmp/mirc.err")"
}

# An impl's source: its operation and its connect function.
project args p
mv "$tmp/p/sink.c" "$tmp/sink.c"
mirc_in p configure
[ "$status" -eq 0 ] || die "configure without sink.c: exit status $status, expected 0: $(cat "$tmp/mirc.err")"
grep -q "warning\[missing-source\]: source file 'sink.c' of impl 'sink' does not exist" "$tmp/mirc.err" ||
	fail "configure without sink.c: no missing-source warning naming it: $(cat "$tmp/mirc.err")"
[ -f "$tmp/p/mirc/mirc.h" ] || die "configure without sink.c did not write mirc/mirc.h"
[ -f "$tmp/p/Makefile" ] || die "configure without sink.c did not write the Makefile"
grep -q '^note:   void sink_put(struct sink \*self, const char \*[a-z0-9_]*);$' "$tmp/mirc.err" ||
	fail "configure without sink.c: no note with the prototype of sink_put: $(cat "$tmp/mirc.err")"
grep -q '^note:   int sink_connect(struct sink \*self, const char \*prefix, ' "$tmp/mirc.err" ||
	fail "configure without sink.c: no note with the prototype of sink_connect: $(cat "$tmp/mirc.err")"
notes_in_header "configure without sink.c"
[ "$(grep -c '^note:   ' "$tmp/mirc.err")" -eq 2 ] || fail "configure without sink.c: expected 2 prototypes (put, connect): $(cat "$tmp/mirc.err")"
grep -q '^0 errors, 1 warning$' "$tmp/mirc.err" || fail "configure without sink.c: the summary is not '0 errors, 1 warning'"

# mirc check says the same; the warning can be made an error.
mirc_in p check
[ "$status" -eq 0 ] || fail "check without sink.c: exit status $status, expected 0"
grep -q 'warning\[missing-source\]' "$tmp/mirc.err" || fail "check without sink.c: no missing-source warning"
mirc_in p check -W error=missing-source
[ "$status" -eq 1 ] || fail "check -W error=missing-source without sink.c: exit status $status, expected 1"
grep -q 'error\[missing-source\]' "$tmp/mirc.err" || fail "check -W error=missing-source: not reported as an error"

# The build fails, naming the file.
(cd "$tmp/p" && make) >"$tmp/make.out" 2>&1 && fail "make without sink.c succeeded"
grep -q 'source file sink.c of impl sink does not exist' "$tmp/make.out" ||
	fail "make without sink.c does not say which file is missing: $(tail -n 3 "$tmp/make.out")"
mirc_in p build
[ "$status" -eq 3 ] || fail "mirc build without sink.c: exit status $status, expected 3"
grep -q 'source file sink.c of impl sink does not exist' "$tmp/mirc.err" ||
	fail "mirc build without sink.c does not say which file is missing"

# Configured from another directory: the Makefile still names the file
# from the project directory.
(cd "$tmp" && "$mirc" configure -q -f p/config.mir) 2>/dev/null || fail "configure -f p/config.mir without sink.c failed"
grep -q '^sink\.c:$' "$tmp/p/Makefile" || fail "configure -f p/config.mir: the Makefile has no rule naming sink.c: $(grep -n 'sink' "$tmp/p/Makefile" | head -n 5)"

# Written now: make builds, without configuring again.
mv "$tmp/sink.c" "$tmp/p/sink.c"
(cd "$tmp/p" && make) >"$tmp/make.out" 2>&1 || fail "make after writing sink.c failed: $(tail -n 5 "$tmp/make.out")"
expect_prog 0 p --token=t && { grep -q 'show' "$tmp/out" || fail "the program built after writing sink.c prints nothing"; }

# A job's source: its start function.
project args j
rm "$tmp/j/show.c"
mirc_in j configure
[ "$status" -eq 0 ] || fail "configure without show.c: exit status $status, expected 0"
grep -q "warning\[missing-source\]: source file 'show.c' of job 'show' does not exist" "$tmp/mirc.err" ||
	fail "configure without show.c: no missing-source warning naming it: $(cat "$tmp/mirc.err")"
grep -q '^note:   int show_start(struct SINK out, ' "$tmp/mirc.err" ||
	fail "configure without show.c: no note with the prototype of show_start: $(cat "$tmp/mirc.err")"
project args p
rm "$tmp/p/show.c"
mirc_ok p configure
notes_in_header "configure without show.c"

# A missing header stays an error: mirc.h includes it.
project args h
rm "$tmp/h/sink.h"
mirc_in h configure
[ "$status" -eq 1 ] || fail "configure without sink.h: exit status $status, expected 1"
grep -q 'error\[missing-file\]' "$tmp/mirc.err" || fail "configure without sink.h: no missing-file error"
[ -e "$tmp/h/mirc/mirc.h" ] && fail "configure without sink.h wrote mirc.h"
finish
