#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shell completion (mirc-completion(1)): bash's completion function, from
# `mirc completion bash`, run on command lines as bash would split them,
# its replies compared with what mirc itself says (its --help, its help
# topics, the backends) or with the keys of a program; zsh's function
# runs with compsys stubbed; fish completes.  Skipped parts say so.
. "$(dirname "$0")/lib/common.sh"

expect_status 0 completion bash
cp "$tmp/out" "$tmp/mirc.bash"
[ -s "$tmp/err" ] && fail "mirc completion bash writes to stderr: $(head -n 2 "$tmp/err")"
usage_error completion nosuchshell
grep -q "unknown shell 'nosuchshell'" "$tmp/err" || fail "completion nosuchshell: $(cat "$tmp/err")"
usage_error completion

# The keys of a program, the form the scripts read.
mkdir "$tmp/prog"
cp tests/query/program.mir "$tmp/prog/config.mir"
expect_status 0 completion keys -f "$tmp/prog/config.mir"
grep -qx 'level enum low high' "$tmp/out" || fail "completion keys: no 'level enum low high': $(cat "$tmp/out")"
grep -qx 'verbose bool' "$tmp/out" || fail "completion keys: no 'verbose bool'"
grep -q '^target enum .*unix' "$tmp/out" || fail "completion keys: no target key"

# The completion function in a bash of its own (the tests run under
# set -u, bash-completion does not), with bash-completion when installed
# and this mirc first on PATH.  Each line of $tmp/lines is a command line
# completed at its end; the reply, sorted, one line per command line.
mkdir "$tmp/bin"
ln -s "$(cd "$(dirname "$mirc")" && pwd)/$(basename "$mirc")" "$tmp/bin/mirc"
complete_lines() {
	(cd "$tmp/prog" && PATH="$tmp/bin:$PATH" bash --norc --noprofile -c '
		[ -r /usr/share/bash-completion/bash_completion ] &&
			. /usr/share/bash-completion/bash_completion
		. "$1"
		while IFS= read -r line; do
			# Words as readline splits them: at blanks, and at "="
			# (COMP_WORDBREAKS), which is a word of its own.
			COMP_WORDS=()
			for w in $line; do
				while [[ $w == *=* ]]; do
					[[ -n ${w%%=*} ]] && COMP_WORDS+=("${w%%=*}")
					COMP_WORDS+=("=")
					w=${w#*=}
				done
				[[ -n $w ]] && COMP_WORDS+=("$w")
			done
			[[ $line == *" " ]] && COMP_WORDS+=("")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMP_LINE=$line
			COMP_POINT=${#line}
			COMPREPLY=()
			_mirc mirc "${COMP_WORDS[COMP_CWORD]}"
			((${#COMPREPLY[@]} == 0)) ||
				printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "
			echo
		done' bash "$tmp/mirc.bash" <"$tmp/lines")
}

# expect LINE REPLY...: completing LINE offers exactly REPLY (sorted).
: >"$tmp/lines"
: >"$tmp/expected"
expect() {
	local line=$1
	shift
	printf '%s\n' "$line" >>"$tmp/lines"
	printf '%s\n' "$*" | tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort |
		tr '\n' ' ' >>"$tmp/expected"
	echo >>"$tmp/expected"
}

expect_status 0 --help
cmds=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/out")
expect 'mirc ' "$cmds"
expect 'mirc conf' configure
expect 'mirc -q --color=never conf' configure
expect 'mirc configure --tar' --target=
expect 'mirc --color=' auto always never
expect 'mirc describe --format=p' pdf png
expect 'mirc describe --format p' pdf png
expect 'mirc --form'
expect 'mirc query ma' main makefile manifest
expect 'mirc query keys '
expect 'mirc completion ' bash zsh fish keys
targets=$(for d in backends/*/backend.json; do basename "$(dirname "$d")"; done)
expect 'mirc check -t ' "$targets"
expect 'mirc check --target=' "$targets"
run help nosuchtopic
expect 'mirc help ' "$(sed -n 's/^available topics: *//p' "$tmp/err")"
# After '=', readline replaces only what follows it.
expect 'mirc -W error=unk' unknown-arg unknown-ctype unknown-name
# The program in the current directory, then one named by -f.
expect 'mirc configure --le' --level=
expect 'mirc configure --level=' low high
expect 'mirc configure --level=h' high
expect 'mirc configure --no-v' --no-verbose
expect 'mirc build --period' --period-ms=
expect 'mirc configure --verbose=' true false
expect 'mirc clean --le'
expect "mirc check -f $srcdir/tests/query/program-set.mir --le" --level=
expect 'mirc run -- --le'
complete_lines >"$tmp/got" 2>"$tmp/err"
if ! diff -u "$tmp/expected" "$tmp/got" >"$tmp/diff"; then
	fail "bash completion (line: expected -, got +):"
	nl -ba "$tmp/lines" >&2
	cat "$tmp/diff" >&2
fi
[ -s "$tmp/err" ] && fail "bash completion wrote to stderr: $(head -n 5 "$tmp/err")"

# zsh: the script parses; fish: it completes a command.
if command -v zsh >/dev/null; then
	lib_mirc completion zsh >"$tmp/_mirc" || fail "mirc completion zsh failed"
	zsh -n "$tmp/_mirc" || fail "zsh -n: the zsh script does not parse"
	head -n 1 "$tmp/_mirc" | grep -qx '#compdef mirc' || fail "zsh script: no #compdef line"
	# Its function on a few lines, with compsys's compadd, compset and
	# _files stubbed: compadd prints the words that match the prefix.
	cat >"$tmp/zdrive.zsh" <<'ZSH'
compadd() {
	while [[ $# -gt 0 && $1 != -- ]]; do shift; done
	shift
	local x
	for x in "$@"; do [[ $x == ${PREFIX}* ]] && print -r -- "$x"; done
}
compset() { [[ $1 == -P ]] && PREFIX=${PREFIX##*=}; }
_files() { print -r -- "files $*"; }
words=(${(z)2})
[[ $2 == *" " ]] && words+=("")
CURRENT=$#words
PREFIX=${words[CURRENT]}
source "$1"
ZSH
	got=$(for l in 'mirc conf' 'mirc configure --le' 'mirc configure --level=' \
		'mirc query ma' 'mirc -f ' 'mirc run -- --l'; do
		(cd "$tmp/prog" && PATH="$tmp/bin:$PATH" zsh -f "$tmp/zdrive.zsh" "$tmp/_mirc" "$l")
	done 2>&1 | tr '\n' ' ')
	[ "$got" = "configure --level= low high makefile main manifest files -g *.mir " ] ||
		fail "zsh: got '$got'"
else
	echo "skipped: zsh is not installed"
fi
if command -v fish >/dev/null; then
	lib_mirc completion fish >"$tmp/mirc.fish" || fail "mirc completion fish failed"
	got=$(PATH="$tmp/bin:$PATH" fish --no-config -c "source '$tmp/mirc.fish'; complete -C 'mirc conf'; complete -C 'mirc query linker'; cd '$tmp/prog'; complete -C 'mirc configure --level='" 2>&1 | cut -f 1 | tr '\n' ' ')
	[ "$got" = "configure linker-script --level=high --level=low " ] ||
		fail "fish: got '$got'"
else
	echo "skipped: fish is not installed"
fi
finish
