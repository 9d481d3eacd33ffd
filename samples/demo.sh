#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# samples/demo.sh - the tour: install what is missing, build mirc in build/,
# check every sample, configure, build and run samples/hello (in a copy,
# build/demo/hello, so the source tree stays clean), describe it and draw
# its device graph as build/hello.svg.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build="$root/build"

bash "$root/.ci/install-deps.sh" build

echo "== building mirc in $build"
# Same options as tests/run-all.sh, so the two share build/.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DMIRC_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target mirc
mirc="$build/mirc"

# A sample program is a .mir file with a `register`; the other .mir files
# of a sample are imported by it.
echo
echo "== mirc check, every sample"
nok=0 nbad=0
while IFS= read -r f; do
	rel=${f#"$root"/}
	if "$mirc" check -f "$f"; then
		echo "ok    $rel"
		nok=$((nok + 1))
	else
		echo "FAIL  $rel"
		nbad=$((nbad + 1))
	fi
done < <(grep -rlE --include='*.mir' '^[[:space:]]*register[[:space:]]' \
	"$root/samples" | sort)
echo "$nok sample(s) check clean, $nbad with errors"

hello="$root/samples/hello/config.mir"
if [ ! -f "$hello" ]; then
	echo "demo: $hello is missing" >&2
	exit 1
fi
echo
echo "== mirc configure && make && ./dist/hello   (in build/demo/hello)"
rm -rf "$build/demo/hello"
mkdir -p "$build/demo"
cp -r "$root/samples/hello" "$build/demo/hello"
(
	cd "$build/demo/hello"
	"$mirc" configure
	make -s
	./dist/hello
)

echo
echo "== mirc describe -f samples/hello/config.mir"
"$mirc" describe -f "$hello"

echo
echo "== mirc describe --format=svg -o build/hello.svg"
"$mirc" describe -f "$hello" --format=svg -o "$build/hello.svg"
echo "The device graph of samples/hello is in $build/hello.svg"
[ "$nbad" -eq 0 ]
