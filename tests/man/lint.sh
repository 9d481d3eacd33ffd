#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# man/lint: `mandoc -T lint -W style` reports nothing on any man page: every
# man/*.[1-9] (so pages added later are covered without editing this), and
# mirc-targets(7) as backends/targets.py makes it now from its template and
# backends/*/target.7 (man/mirc-targets.7 is that page as last built;
# targets/descriptors checks the two agree).  Style is mandoc's lowest
# level: long source lines, trailing blanks, a line that would start a
# request by accident.  Fix the page (or the generator), never this list:
# there are no exceptions.
# Called as: lint.sh SRCDIR.
set -u
src=$1
command -v mandoc >/dev/null || { echo "FAIL: mandoc is not installed (Debian's mandoc; .ci/install-deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

pages=("$src"/man/*.[1-9])
[ -e "${pages[0]}" ] || { echo "FAIL: no man pages in $src/man" >&2; exit 1; }
python3 "$src/backends/targets.py" man "$src/man/mirc-targets.7.in" \
	"$tmp/mirc-targets.7" || { echo "FAIL: backends/targets.py man failed" >&2; exit 1; }
pages+=("$tmp/mirc-targets.7")

# mandoc's own status is not enough: it is 0 for style messages.
mandoc -T lint -W style "${pages[@]}" >"$tmp/lint" 2>&1
rc=$?
if [ -s "$tmp/lint" ] || [ "$rc" -ne 0 ]; then
	echo "FAIL: mandoc -T lint -W style (status $rc):" >&2
	sed "s|$src/||; s|$tmp/|(generated) |" "$tmp/lint" >&2
	exit 1
fi
echo "${#pages[@]} pages, no mandoc message"
