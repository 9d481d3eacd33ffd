#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The commit of a configure is all or nothing (mirc-configure(1)): when a
# rename fails after others succeeded (here the rename of mirc/context,
# the last file, made to fail by a preloaded shim), the files already
# renamed are put back, contents and mtimes, and no temporary or backup is
# left.  The next configure then works.
. "$(dirname "$0")/lib/common.sh"

cat >"$tmp/failrename.c" <<'C'
/* Fail every rename whose new name is .../context, as a full or failing
 * disk would: the files renamed before it must be put back. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int is_context(const char *to)
{
	const char *slash = strrchr(to, '/');
	return !strcmp(slash ? slash + 1 : to, "context");
}

int renameat(int od, const char *from, int nd, const char *to)
{
	int (*real)(int, const char *, int, const char *) =
		(int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
	if (is_context(to)) {
		errno = EIO;
		return -1;
	}
	return real(od, from, nd, to);
}

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (is_context(to)) {
		errno = EIO;
		return -1;
	}
	return real(from, to);
}
C
cc -shared -fPIC -o "$tmp/failrename.so" "$tmp/failrename.c" -ldl ||
	die "cannot build the rename shim"

project samples/hello-key p
mirc_ok p configure
snapshot p "$tmp/good"
sleep 1.1	# a rewrite would show in the mtimes

# main.c, mirc.h and the context change; the context cannot be renamed.
mirc_in p query main --hello=Servus
grep -q Servus "$tmp/mirc.out" || die "--hello does not change main.c"
# (Under ASan, the shim comes before its runtime: allowed.)
(cd "$tmp/p" && LD_PRELOAD=$tmp/failrename.so \
	ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
	exec "$mirc" configure --hello=Servus) \
	>"$tmp/mirc.out" 2>"$tmp/mirc.err"
status=$?
[ "$status" -eq 3 ] || fail "configure with a failing rename: exit status $status, expected 3"
grep -q 'cannot write .*mirc/context' "$tmp/mirc.err" || fail "the error does not name mirc/context: $(cat "$tmp/mirc.err")"
snapshot p "$tmp/now"
diff -u "$tmp/good" "$tmp/now" >&2 || fail "a failed commit left the project changed (diff above)"
grep -q Servus "$tmp/p/mirc/main.c" && fail "main.c was replaced although the configure failed"

mirc_ok p configure --hello=Servus
grep -q Servus "$tmp/p/mirc/main.c" || fail "configure --hello=Servus did not write main.c"
leftovers=$(cd "$tmp/p" && find . -name '*.mirc-tmp-*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
finish
