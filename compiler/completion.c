/* SPDX-License-Identifier: MIT */
/*
 * completion.c - shell completion for bash, zsh and fish, written from
 * the command-line tables (cli_table.c) by `mirc completion SHELL`.
 *
 * Every script has two halves.  The data half is generated here, row by
 * row from the tables: the commands, each command's options, the values
 * an option takes, the operands of query, help and completion.  Lists
 * that live outside the tables (the targets in backends/, the help topics
 * in man/, the checks for -W) are read when the script is written; the
 * build writes the scripts again each time, so they follow mirc.  The
 * program's own keys differ from one directory to the next, so the
 * scripts ask `mirc completion keys` for them when they complete.  The
 * logic half is fixed text per shell: it finds the command on the line as
 * main.c's parser does (the first word that is neither an option nor an
 * option's value) and picks what to offer.
 */
#include <string.h>

#include "backend.h"
#include "cli_table.h"
#include "compile.h"
#include "completion.h"
#include "diag.h"
#include "help.h"

const char *const completion_operands = "bash zsh fish keys";

bool completion_is_shell(const char *name)
{
	return strcmp(name, "keys") && cli_table_word_in(completion_operands,
							 name);
}

/* The word lists a script embeds, each space-separated. */
struct words {
	const char *targets;	/* backends/NAME with a backend.json */
	const char *topics;	/* mirc help TOPIC */
	const char *warnings;	/* -W error, no-CHECK, error=CHECK */
	const char *kinds;	/* mirc query WHAT */
	const char *commands;
};

static int words_init(struct words *w, struct arena *a, const char *home)
{
	struct backend_set set = {0};
	struct strbuf sb;
	const char *err = NULL;

	if (backend_load_all(a, home, &set, &err) != 0) {
		fprintf(stderr, "mirc completion: %s\n", err ? err
			: "cannot read the backends");
		return MIRC_EENV;
	}
	sb_init(&sb);
	for (size_t i = 0; i < set.len; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", set.items[i]->name);
	w->targets = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_free(&sb);

	sb_init(&sb);
	help_topics(home, &sb);
	w->topics = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_free(&sb);

	sb_init(&sb);
	sb_puts(&sb, "error");
	for (size_t i = 0; i < CHK_COUNT; i++)
		sb_printf(&sb, " no-%s error=%s", diag_check_table[i].name,
			  diag_check_table[i].name);
	w->warnings = arena_strdup(a, sb.buf);
	sb_free(&sb);

	sb_init(&sb);
	for (size_t i = 0; i < cli_table_nqueries; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", cli_table_queries[i].name);
	w->kinds = arena_strdup(a, sb.buf);
	sb_free(&sb);

	sb_init(&sb);
	for (size_t i = 0; i < cli_table_ncommands; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", cli_table_commands[i].name);
	w->commands = arena_strdup(a, sb.buf);
	sb_free(&sb);
	return MIRC_OK;
}

/* The words an option's value may be; NULL: any word, or a file. */
static const char *option_words(const struct cli_option *o,
				const struct words *w)
{
	if (o->values)
		return o->values;
	if (o->id == OPT_TARGET)
		return w->targets;
	if (o->id == OPT_WARNING)
		return w->warnings;
	return NULL;
}

static bool option_is_file(const struct cli_option *o)
{
	return o->arg && !strcmp(o->arg, "FILE");
}

/* The words of a command's operand, or NULL. */
static const char *operand_words(const struct cli_command *c,
				 const struct words *w)
{
	switch (c->id) {
	case CMD_QUERY:
		return w->kinds;
	case CMD_HELP:
		return w->topics;
	case CMD_COMPLETION:
		return completion_operands;
	default:
		return NULL;
	}
}

/* Every spelling of o as a case pattern: "-f | --file". */
static void case_pattern(FILE *out, const struct cli_option *o)
{
	if (o->short_name)
		fprintf(out, "-%c", o->short_name);
	if (o->short_name && o->long_name)
		fputs(" | ", out);
	if (o->long_name)
		fprintf(out, "--%s", o->long_name);
}

/* ---- the data half, shared by bash and zsh ------------------------------- */

/* The options offered for a command, as typed: "--file=" for a long
 * option with a value (the cursor stays after the '='), "-W" for a short
 * one without a long spelling. */
static void sh_option_list(FILE *out, const struct cli_command *cmd)
{
	bool first = true;

	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];

		if (!cli_table_option_applies(o, cmd))
			continue;
		fputs(first ? "" : " ", out);
		first = false;
		if (o->long_name)
			fprintf(out, "--%s%s", o->long_name, o->arg ? "=" : "");
		else
			fprintf(out, "-%c", o->short_name);
	}
}

static void sh_data(FILE *out, const struct words *w)
{
	fprintf(out, "_mirc_commands='%s'\n", w->commands);
	/* Spaced at both ends, for matching with *" $word "*. */
	fputs("_mirc_valued=' ", out);
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		if (!o->arg)
			continue;
		if (o->short_name)
			fprintf(out, "-%c ", o->short_name);
		if (o->long_name)
			fprintf(out, "--%s ", o->long_name);
	}
	fputs("'\n_mirc_keyed=' ", out);
	for (size_t i = 0; i < cli_table_ncommands; i++)
		if (cli_table_commands[i].takes_keys)
			fprintf(out, "%s ", cli_table_commands[i].name);
	fputs("'\n\n# The options of a command (none: before the command).\n"
	      "_mirc_options()\n{\n\tcase $1 in\n", out);
	for (size_t i = 0; i < cli_table_ncommands; i++) {
		fprintf(out, "\t%s) echo '", cli_table_commands[i].name);
		sh_option_list(out, &cli_table_commands[i]);
		fputs("' ;;\n", out);
	}
	fputs("\t*) echo '", out);
	sh_option_list(out, NULL);
	fputs("' ;;\n\tesac\n}\n\n"
	      "# The values of an option; status 1: a file (the extension it\n"
	      "# is printed), 2: any word.\n"
	      "_mirc_values()\n{\n\tcase $1 in\n", out);
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		const char *v = option_words(o, w);

		if (!o->arg || (!v && !option_is_file(o)))
			continue;
		fputc('\t', out);
		case_pattern(out, o);
		if (v)
			fprintf(out, ") echo '%s' ;;\n", v);
		else
			fprintf(out, ") echo '%s'; return 1 ;;\n",
				o->id == OPT_FILE ? "mir" : "");
	}
	fputs("\t*) return 2 ;;\n\tesac\n}\n\n"
	      "# The words of a command's operand; status 1: it has none.\n"
	      "_mirc_operand()\n{\n\tcase $1 in\n", out);
	for (size_t i = 0; i < cli_table_ncommands; i++) {
		const char *v = operand_words(&cli_table_commands[i], w);
		if (v)
			fprintf(out, "\t%s) echo '%s' ;;\n",
				cli_table_commands[i].name, v);
	}
	fputs("\t*) return 1 ;;\n\tesac\n}\n\n", out);
}

/* ---- bash ---------------------------------------------------------------- */

/*
 * COMP_WORDS splits "--color=al" into "--color", "=", "al" (COMP_WORDBREAKS
 * holds '='); the words are joined again first, so that the rest reads
 * the line as mirc will.  A reply after '=' is the value alone: the word
 * readline completes starts after the '='.
 */
static const char bash_logic[] =
	"# The program's keys, one \"NAME TYPE VALUE...\" line each, for the\n"
	"# -f FILE on the line or ./config.mir, from mirc itself.\n"
	"_mirc_keys()\n"
	"{\n"
	"\tlocal i f=()\n"
	"\tfor ((i = 1; i < ${#_mirc_w[@]} - 1; i++)); do\n"
	"\t\tcase ${_mirc_w[i]} in\n"
	"\t\t-f | --file) f=(-f \"${_mirc_w[i + 1]}\") ;;\n"
	"\t\t--file=*) f=(-f \"${_mirc_w[i]#--file=}\") ;;\n"
	"\t\t-f?*) f=(-f \"${_mirc_w[i]#-f}\") ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\t\"${_mirc_w[0]}\" completion keys \"${f[@]}\" 2>/dev/null\n"
	"}\n"
	"\n"
	"# COMPREPLY: the words of $2 that start with $1.\n"
	"_mirc_reply()\n"
	"{\n"
	"\tlocal IFS=$' \\t\\n'\n"
	"\t# shellcheck disable=SC2207 # the words hold no blanks\n"
	"\tCOMPREPLY=($(compgen -W \"$2\" -- \"$1\"))\n"
	"\t# Readline completes only what follows the last '='.\n"
	"\tif [[ $1 == *=* && $COMP_WORDBREAKS == *=* ]]; then\n"
	"\t\tCOMPREPLY=(\"${COMPREPLY[@]#\"${1%=*}=\"}\")\n"
	"\tfi\n"
	"}\n"
	"\n"
	"# The value $2 of option $1.\n"
	"_mirc_value()\n"
	"{\n"
	"\tlocal words cur=$2\n"
	"\twords=$(_mirc_values \"$1\")\n"
	"\tcase $? in\n"
	"\t0) _mirc_reply \"$cur\" \"$words\" ;;\n"
	"\t1) if declare -F _filedir >/dev/null; then\n"
	"\t\t\t_filedir \"$words\"\n"
	"\t\telse\n"
	"\t\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
	"\t\tfi ;;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_mirc()\n"
	"{\n"
	"\tlocal _mirc_w=() i t join=0 cur prev='' cmd='' nops=0 dashdash=0\n"
	"\tlocal words name type vals n\n"
	"\tCOMPREPLY=()\n"
	"\tfor ((i = 0; i <= COMP_CWORD; i++)); do\n"
	"\t\tt=${COMP_WORDS[i]}\n"
	"\t\tn=$((${#_mirc_w[@]} - 1))\n"
	"\t\tif ((join)); then\n"
	"\t\t\t_mirc_w[n]+=$t\n"
	"\t\t\tjoin=0\n"
	"\t\telif [[ $t == = && $n -gt 0 ]]; then\n"
	"\t\t\t_mirc_w[n]+='='\n"
	"\t\t\tjoin=1\n"
	"\t\telse\n"
	"\t\t\t_mirc_w+=(\"$t\")\n"
	"\t\tfi\n"
	"\tdone\n"
	"\tn=$((${#_mirc_w[@]} - 1))\n"
	"\tcur=${_mirc_w[n]}\n"
	"\t((n > 1)) && prev=${_mirc_w[n - 1]}\n"
	"\t# The command, as mirc's parser finds it, and its operands so far.\n"
	"\tfor ((i = 1; i < n; i++)); do\n"
	"\t\tt=${_mirc_w[i]}\n"
	"\t\tif ((dashdash)) && [[ -n $cmd ]]; then\n"
	"\t\t\treturn 0\n"
	"\t\tfi\n"
	"\t\tcase $t in\n"
	"\t\t--) dashdash=1 ;;\n"
	"\t\t-?*) ((dashdash)) || [[ $_mirc_valued != *\" $t \"* ]] || i=$((i + 1)) ;;\n"
	"\t\t*) if [[ -z $cmd ]]; then cmd=$t; else nops=$((nops + 1)); fi ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\t((dashdash)) && [[ -n $cmd ]] && return 0\n"
	"\tif [[ -n $prev && $_mirc_valued == *\" $prev \"* ]]; then\n"
	"\t\t_mirc_value \"$prev\" \"$cur\"\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ $cur == --*=* ]]; then\n"
	"\t\tt=${cur%%=*}\n"
	"\t\tif [[ $_mirc_valued == *\" $t \"* ]]; then\n"
	"\t\t\t_mirc_value \"$t\" \"${cur#*=}\"\n"
	"\t\telif [[ $_mirc_keyed == *\" $cmd \"* ]]; then\n"
	"\t\t\twords=''\n"
	"\t\t\twhile read -r name type vals; do\n"
	"\t\t\t\t[[ --${name//_/-} == \"${t//_/-}\" ]] || continue\n"
	"\t\t\t\t[[ $type == bool ]] && vals='true false'\n"
	"\t\t\t\twords=$vals\n"
	"\t\t\tdone < <(_mirc_keys)\n"
	"\t\t\t_mirc_reply \"${cur#*=}\" \"$words\"\n"
	"\t\tfi\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\twords=\" $(_mirc_options \"$cmd\") \"\n"
	"\t\tif [[ $cur == --* && $_mirc_keyed == *\" $cmd \"* ]]; then\n"
	"\t\t\twhile read -r name type vals; do\n"
	"\t\t\t\tn=--${name//_/-}\n"
	"\t\t\t\t[[ $words == *\" $n\"[=\\ ]* ]] && continue\n"
	"\t\t\t\tif [[ $type == bool ]]; then\n"
	"\t\t\t\t\twords+=\"$n --no-${n#--} \"\n"
	"\t\t\t\telse\n"
	"\t\t\t\t\twords+=\"$n= \"\n"
	"\t\t\t\tfi\n"
	"\t\t\tdone < <(_mirc_keys)\n"
	"\t\tfi\n"
	"\t\t_mirc_reply \"$cur\" \"$words\"\n"
	"\t\tif [[ \" ${COMPREPLY[*]} \" == *\"= \"* ]]; then\n"
	"\t\t\tcompopt -o nospace 2>/dev/null\n"
	"\t\tfi\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ -z $cmd ]]; then\n"
	"\t\t_mirc_reply \"$cur\" \"$_mirc_commands\"\n"
	"\telif ((nops == 0)) && words=$(_mirc_operand \"$cmd\"); then\n"
	"\t\t_mirc_reply \"$cur\" \"$words\"\n"
	"\tfi\n"
	"\treturn 0\n"
	"}\n"
	"\n"
	"complete -F _mirc mirc\n";

static void bash_script(FILE *out, const struct words *w)
{
	fprintf(out, "# bash completion for mirc %s -*- shell-script -*-\n"
		"# Written by 'mirc completion bash' from mirc's command-line "
		"tables;\n# regenerate it rather than edit it.\n\n",
		MIRC_VERSION);
	sh_data(out, w);
	fputs(bash_logic, out);
}

/* ---- zsh ----------------------------------------------------------------- */

/* As bash's, with zsh's words and CURRENT (which do not split at '='),
 * compadd, and compset to complete after the '=' of --KEY=. */
static const char zsh_logic[] =
	"_mirc_keys()\n"
	"{\n"
	"\tlocal i\n"
	"\tlocal -a f\n"
	"\tfor ((i = 2; i < $#_mirc_w; i++)); do\n"
	"\t\tcase ${_mirc_w[i]} in\n"
	"\t\t(-f | --file) f=(-f \"${_mirc_w[i + 1]}\") ;;\n"
	"\t\t(--file=*) f=(-f \"${_mirc_w[i]#--file=}\") ;;\n"
	"\t\t(-f?*) f=(-f \"${_mirc_w[i]#-f}\") ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\t\"${_mirc_w[1]}\" completion keys \"${f[@]}\" 2>/dev/null\n"
	"}\n"
	"\n"
	"_mirc_value()\n"
	"{\n"
	"\tlocal v\n"
	"\tv=$(_mirc_values \"$1\")\n"
	"\tcase $? in\n"
	"\t(0) compadd -- ${=v} ;;\n"
	"\t(1) if [[ -n $v ]]; then _files -g \"*.$v\"; else _files; fi ;;\n"
	"\tesac\n"
	"}\n"
	"\n"
	"_mirc()\n"
	"{\n"
	"\tlocal -a _mirc_w opts\n"
	"\tlocal i t cur prev='' cmd='' nops=0 dashdash=0 v name type vals n\n"
	"\t_mirc_w=(\"${(@)words[1,CURRENT]}\")\n"
	"\tcur=${_mirc_w[CURRENT]}\n"
	"\t((CURRENT > 2)) && prev=${_mirc_w[CURRENT - 1]}\n"
	"\tfor ((i = 2; i < CURRENT; i++)); do\n"
	"\t\tt=${_mirc_w[i]}\n"
	"\t\t((dashdash)) && [[ -n $cmd ]] && return 1\n"
	"\t\tcase $t in\n"
	"\t\t(--) dashdash=1 ;;\n"
	"\t\t(-?*) ((dashdash)) || [[ $_mirc_valued != *\" $t \"* ]] || i=$((i + 1)) ;;\n"
	"\t\t(*) if [[ -z $cmd ]]; then cmd=$t; else nops=$((nops + 1)); fi ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\t((dashdash)) && [[ -n $cmd ]] && return 1\n"
	"\tif [[ -n $prev && $_mirc_valued == *\" $prev \"* ]]; then\n"
	"\t\t_mirc_value \"$prev\"\n"
	"\t\treturn\n"
	"\tfi\n"
	"\tif [[ $cur == --*=* ]]; then\n"
	"\t\tt=${cur%%=*}\n"
	"\t\tcompset -P '*='\n"
	"\t\tif [[ $_mirc_valued == *\" $t \"* ]]; then\n"
	"\t\t\t_mirc_value \"$t\"\n"
	"\t\telif [[ $_mirc_keyed == *\" $cmd \"* ]]; then\n"
	"\t\t\t_mirc_keys | while read -r name type vals; do\n"
	"\t\t\t\t[[ --${name//_/-} == \"${t//_/-}\" ]] || continue\n"
	"\t\t\t\t[[ $type == bool ]] && vals='true false'\n"
	"\t\t\t\tcompadd -- ${=vals}\n"
	"\t\t\tdone\n"
	"\t\tfi\n"
	"\t\treturn\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\topts=(${=$(_mirc_options \"$cmd\")})\n"
	"\t\tif [[ $cur == --* && $_mirc_keyed == *\" $cmd \"* ]]; then\n"
	"\t\t\t_mirc_keys | while read -r name type vals; do\n"
	"\t\t\t\tn=--${name//_/-}\n"
	"\t\t\t\t((${opts[(I)$n]} || ${opts[(I)$n=]})) && continue\n"
	"\t\t\t\tif [[ $type == bool ]]; then\n"
	"\t\t\t\t\topts+=(\"$n\" \"--no-${n#--}\")\n"
	"\t\t\t\telse\n"
	"\t\t\t\t\topts+=(\"$n=\")\n"
	"\t\t\t\tfi\n"
	"\t\t\tdone\n"
	"\t\tfi\n"
	"\t\tcompadd -S '' -- ${(M)opts:#*=}\n"
	"\t\tcompadd -- ${opts:#*=}\n"
	"\t\treturn\n"
	"\tfi\n"
	"\tif [[ -z $cmd ]]; then\n"
	"\t\tcompadd -- ${=_mirc_commands}\n"
	"\telif ((nops == 0)) && v=$(_mirc_operand \"$cmd\"); then\n"
	"\t\tcompadd -- ${=v}\n"
	"\tfi\n"
	"}\n"
	"\n"
	"_mirc \"$@\"\n";

static void zsh_script(FILE *out, const struct words *w)
{
	fprintf(out, "#compdef mirc\n# zsh completion for mirc %s\n"
		"# Written by 'mirc completion zsh' from mirc's command-line "
		"tables;\n# regenerate it rather than edit it.\n\n",
		MIRC_VERSION);
	sh_data(out, w);
	fputs(zsh_logic, out);
}

/* ---- fish ---------------------------------------------------------------- */

/* s in fish's single quotes, where only \ and ' are special. */
static void fish_quote(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\\' || *s == '\'')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('\'', out);
}

/* Every spelling of an option with a value, for fish's `case`. */
static void fish_valued(FILE *out)
{
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		if (!o->arg)
			continue;
		if (o->short_name)
			fprintf(out, " -%c", o->short_name);
		if (o->long_name)
			fprintf(out, " --%s", o->long_name);
	}
}

static void fish_functions(FILE *out)
{
	/* __mirc_state: two lines, the command ("-": none yet) and how many
	 * operands follow it ("rest" after `--`). */
	fputs("function __mirc_state\n"
	      "    set -l toks (commandline -opc)\n"
	      "    set -e toks[1]\n"
	      "    set -l cmd -\n"
	      "    set -l nops 0\n"
	      "    set -l skip 0\n"
	      "    set -l dashdash 0\n"
	      "    for t in $toks\n"
	      "        if test $skip = 1\n"
	      "            set skip 0\n"
	      "            continue\n"
	      "        end\n"
	      "        if test $dashdash = 1 -a $cmd != -\n"
	      "            printf '%s\\nrest\\n' $cmd\n"
	      "            return\n"
	      "        end\n"
	      "        switch $t\n"
	      "            case --\n"
	      "                set dashdash 1\n"
	      "            case", out);
	fish_valued(out);
	fputs("\n"
	      "                test $dashdash = 1; or set skip 1\n"
	      "            case '-?*'\n"
	      "            case '*'\n"
	      "                if test $cmd = -\n"
	      "                    set cmd $t\n"
	      "                else\n"
	      "                    set nops (math $nops + 1)\n"
	      "                end\n"
	      "        end\n"
	      "    end\n"
	      "    test $dashdash = 1 -a $cmd != -; and set nops rest\n"
	      "    printf '%s\\n%s\\n' $cmd $nops\n"
	      "end\n\n"
	      "# __mirc_is CMD...: the command on the line is one of CMD.\n"
	      "function __mirc_is\n"
	      "    set -l s (__mirc_state)\n"
	      "    test \"$s[2]\" != rest; and contains -- $s[1] $argv\n"
	      "end\n\n"
	      "# __mirc_operand CMD: the command is CMD, its operand is next.\n"
	      "function __mirc_operand\n"
	      "    set -l s (__mirc_state)\n"
	      "    test \"$s[1]\" = $argv[1] -a \"$s[2]\" = 0\n"
	      "end\n\n"
	      "# The program's keys as --KEY=VALUE (enums), --KEY and --no-KEY\n"
	      "# (bools) or --KEY=, for the -f FILE on the line or ./config.mir.\n"
	      "function __mirc_keys\n"
	      "    string match -q -- '--*' (commandline -ct); or return\n"
	      "    set -l toks (commandline -opc)\n"
	      "    set -l f\n"
	      "    for i in (seq 2 (count $toks))\n"
	      "        switch $toks[$i]\n"
	      "            case -f --file\n"
	      "                set f -f $toks[(math $i + 1)]\n"
	      "            case '--file=*'\n"
	      "                set f -f (string replace -- --file= '' $toks[$i])\n"
	      "            case '-f?*'\n"
	      "                set f -f (string sub -s 3 -- $toks[$i])\n"
	      "        end\n"
	      "    end\n"
	      "    $toks[1] completion keys $f 2>/dev/null | while read -l name type vals\n"
	      "        set -l n --(string replace -a _ - -- $name)\n"
	      "        switch $n\n"
	      "            case", out);
	for (size_t i = 0; i < cli_table_noptions; i++)
		if (cli_table_options[i].long_name)
			fprintf(out, " --%s", cli_table_options[i].long_name);
	fputs("\n"
	      "                continue\n"
	      "        end\n"
	      "        switch $type\n"
	      "            case bool\n"
	      "                printf '%s\\tkey\\n' $n --no-(string sub -s 3 -- $n)\n"
	      "            case enum\n"
	      "                for v in (string split ' ' -- $vals)\n"
	      "                    printf '%s=%s\\tkey\\n' $n $v\n"
	      "                end\n"
	      "            case '*'\n"
	      "                printf '%s=\\tkey\\n' $n\n"
	      "        end\n"
	      "    end\n"
	      "end\n\n", out);
}

static void fish_script(FILE *out, const struct words *w)
{
	fprintf(out, "# fish completion for mirc %s\n"
		"# Written by 'mirc completion fish' from mirc's command-line "
		"tables;\n# regenerate it rather than edit it.\n\n"
		"complete -c mirc -e\ncomplete -c mirc -f\n\n", MIRC_VERSION);
	fish_functions(out);
	for (size_t i = 0; i < cli_table_ncommands; i++) {
		const struct cli_command *c = &cli_table_commands[i];
		const char *v = operand_words(c, w);

		fprintf(out, "complete -c mirc -n '__mirc_is -' -a %s -d ",
			c->name);
		fish_quote(out, c->summary);
		fputc('\n', out);
		if (v)
			fprintf(out, "complete -c mirc -n '__mirc_operand %s' "
				"-a '%s'\n", c->name, v);
	}
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		const char *v = option_words(o, w);

		fputs("complete -c mirc", out);
		if (o->commands)
			fprintf(out, " -n '__mirc_is %s'", o->commands);
		if (o->short_name)
			fprintf(out, " -s %c", o->short_name);
		if (o->long_name)
			fprintf(out, " -l %s", o->long_name);
		if (v)
			fprintf(out, " -x -a '%s'", v);
		else if (option_is_file(o))
			fputs(" -r -F", out);
		else if (o->arg)
			fputs(" -x", out);
		fputs(" -d ", out);
		fish_quote(out, o->help);
		fputc('\n', out);
	}
	fputs("complete -c mirc -n '__mirc_is", out);
	for (size_t i = 0; i < cli_table_ncommands; i++)
		if (cli_table_commands[i].takes_keys)
			fprintf(out, " %s", cli_table_commands[i].name);
	fputs("' -a '(__mirc_keys)'\n", out);
}

/* ---- entry points -------------------------------------------------------- */

int completion_script(FILE *out, struct arena *a, const char *shell,
		      const char *home)
{
	struct words w;
	int rc = words_init(&w, a, home);

	if (rc != MIRC_OK)
		return rc;
	if (!strcmp(shell, "bash"))
		bash_script(out, &w);
	else if (!strcmp(shell, "zsh"))
		zsh_script(out, &w);
	else
		fish_script(out, &w);
	if (fflush(out) != 0 || ferror(out)) {
		perror("mirc completion: write error");
		return MIRC_EENV;
	}
	return MIRC_OK;
}

int completion_keys(FILE *out, const struct model *m)
{
	for (size_t i = 0; i < m->nkeys; i++) {
		const struct keyval *k = &m->keys[i];

		fprintf(out, "%s %s", k->name, k->type);
		for (size_t v = 0; v < k->nenum; v++)
			fprintf(out, " %s", k->enum_values[v]);
		fputc('\n', out);
	}
	return fflush(out) == 0 && !ferror(out) ? MIRC_OK : MIRC_EENV;
}
