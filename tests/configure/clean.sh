#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# mirc clean removes every file mirc generated (and the build's objects and
# artefact), and nothing else: the program, its C sources and headers, a
# hand-written Makefile.user, a file of the user's inside mirc/ and inside
# dist/, all without the marker, survive byte for byte.  A generated file
# the user edited keeps the marker and goes.  Cleaning twice is fine, and
# works on a program that no longer checks.
. "$(dirname "$0")/lib/common.sh"

project args p
mirc_ok p configure
build p
mirc_in p query files
cp "$tmp/mirc.out" "$tmp/files"
[ -s "$tmp/files" ] || die "mirc query files printed nothing"

# The user's own files, next to and among the generated ones.
printf 'run-twice: build\n\t./dist/args --token=x\n' >"$tmp/p/Makefile.user"
echo "my notes, not generated" >"$tmp/p/mirc/notes.txt"
mkdir -p "$tmp/p/dist" && echo "keep me" >"$tmp/p/dist/README"
echo "/* hand-written */" >"$tmp/p/extra.c"
# An edited generated file: it still says it is generated.
echo "/* edited by hand */" >>"$tmp/p/mirc/main.c"

before=$(cd "$tmp/p" && find . -type f | sort)
user_files=(config.mir sink.c sink.h show.c Makefile.user extra.c mirc/notes.txt dist/README)
(cd "$tmp/p" && md5sum "${user_files[@]}") >"$tmp/user.md5"

mirc_in p clean
[ "$status" -eq 0 ] || fail "mirc clean: exit status $status: $(cat "$tmp/mirc.err")"
(cd "$tmp/p" && md5sum -c --quiet "$tmp/user.md5") >&2 || fail "mirc clean changed or removed a file of the user's"

# Every generated file is gone, and so are the objects and the artefact.
while read -r f; do
	[ -e "$tmp/p/$f" ] && fail "mirc clean left $f (listed by mirc query files)"
done <"$tmp/files"
for f in Makefile mirc/main.c mirc/mirc.h mirc/context mirc/compile_commands.json dist/args; do
	[ -e "$tmp/p/$f" ] && fail "mirc clean left $f"
done
if [ -d "$tmp/p/mirc/obj" ]; then
	fail "mirc clean left mirc/obj: $(find "$tmp/p/mirc/obj" | head -n 5 | tr '\n' ' ')"
fi
after=$(cd "$tmp/p" && find . -type f | sort)
extra=$(comm -13 <(echo "$before") <(echo "$after"))
[ -z "$extra" ] || fail "mirc clean created files: $extra"
left=$(comm -12 <(echo "$before") <(echo "$after") | sed 's|^\./||' | sort)
want=$(printf '%s\n' "${user_files[@]}" | sort)
[ "$left" = "$want" ] || fail "after mirc clean the files are: ${left//$'\n'/ }, expected: ${want//$'\n'/ }"

# Again: nothing to do, still status 0.
mirc_in p clean
[ "$status" -eq 0 ] || fail "a second mirc clean: exit status $status"
(cd "$tmp/p" && md5sum -c --quiet "$tmp/user.md5") >&2 || fail "a second mirc clean changed a file of the user's"

# A program that no longer checks is still cleaned.
mirc_ok p configure
echo "this is not mir" >>"$tmp/p/config.mir"
mirc_in p clean
[ "$status" -eq 0 ] || fail "mirc clean of a program with errors: exit status $status: $(cat "$tmp/mirc.err")"
[ -e "$tmp/p/Makefile" ] && fail "mirc clean of a program with errors left the Makefile"
[ -e "$tmp/p/mirc/main.c" ] && fail "mirc clean of a program with errors left mirc/main.c"
finish
