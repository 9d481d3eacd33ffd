# SPDX-License-Identifier: MIT
#
# bench/lib.sh - sourced by the benchmark scripts: bench_mirc BUILD_DIR
# configures BUILD_DIR (default build-bench; Release if it is new),
# builds mirc there and sets root (the source tree, found from this
# file's place), build and mirc.

bench_mirc() {
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	build=${1:-$root/build-bench}
	mkdir -p "$build"
	build=$(cd "$build" && pwd)
	if [ ! -f "$build/CMakeCache.txt" ]; then
		cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
	fi
	cmake --build "$build" -j"$(nproc)" --target mirc >/dev/null
	mirc=$build/mirc
}
