#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# A long `extends` chain: S1 extends S0, ..., S(N-1) extends S(N-2), each
# with one operation, one impl of the last, and a job that takes a handle
# of the first and one of the last.  Checking and configuring it costs in
# proportion to the program, and so does the output: mirc.h and main.c of
# the 300-deep chain are less than 2.5 times those of the 150-deep one (an
# upcast that spelt out its whole path, as it once did, made mirc.h grow
# with the cube of the depth).  The 300-deep program builds with -Werror
# and runs: the job calls the first and the last operation through each
# handle, and upcasts the last handle back to the first signature.
# A functional test: it measures sizes, not time.
. "$(dirname "$0")/lib/common.sh"

# chain N DIR: write the program of depth N into $tmp/DIR.
chain() {
	local n=$1 d=$tmp/$2 i last=$(($1 - 1))
	mkdir -p "$d"
	{
		echo 'signature S0 { int op0(int x); }'
		for ((i = 1; i < n; i++)); do
			echo "signature S$i extends S$((i - 1)) { int op$i(int x); }"
		done
		echo "impl leaf : S$last { header \"leaf.h\"; sources \"leaf.c\"; connect; }"
		echo "job top(first: S0, last: S$last) { sources \"top.c\"; }"
		echo 'register "chain" [ top(leaf, leaf) ];'
	} >"$d/config.mir"
	printf '/* SPDX-License-Identifier: MIT */\nstruct leaf {\n\tint base;\n};\n' >"$d/leaf.h"
	{
		printf '/* SPDX-License-Identifier: MIT */\n#include "mirc.h"\n\n'
		printf 'int leaf_connect(struct leaf *self)\n{\n\tself->base = 1000;\n\treturn 0;\n}\n'
		for ((i = 0; i < n; i++)); do
			printf '\nint leaf_op%d(struct leaf *self, int x)\n{\n\treturn self->base + %d * x;\n}\n' "$i" "$i"
		done
	} >"$d/leaf.c"
	cat >"$d/top.c" <<EOT
/* SPDX-License-Identifier: MIT */
#include "mirc.h"

int top_start(struct S0 first, struct S$last last)
{
	mirc_log_info("%d %d %d %d", S0_op0(first, 1), S${last}_op0(last, 2),
		      S${last}_op$last(last, 3), S0_op0(S${last}_as_S0(last), 4));
	return 0;
}
EOT
}

size() { wc -c <"$1"; }

for n in 150 300; do
	chain $n c$n
	mirc_ok c$n check
	mirc_ok c$n configure
done
for f in mirc/mirc.h mirc/main.c; do
	a=$(size "$tmp/c150/$f") b=$(size "$tmp/c300/$f")
	# b < 2.5 a, in integers
	[ $((2 * b)) -lt $((5 * a)) ] ||
		fail "$f: $a bytes for a chain of 150, $b for 300: not in proportion"
done
build c300 gcc
last=299
expect_prog 0 c300 && same_text "$tmp/out" "[INFO] [top] 1000 1000 $((1000 + 3 * last)) 1000" "the 300-deep chain's output"
finish
