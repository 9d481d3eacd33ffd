/* SPDX-License-Identifier: MIT */
/*
 * cli_table.c - the tables of cli_table.h and the usage texts made from
 * them.
 *
 * The usage texts are generated, not written, so that `mirc --help`, `mirc
 * CMD --help` and the messages for a missing query kind can never list
 * less (or more) than the parser accepts.
 */
#include <string.h>

#include "cli_table.h"

const struct cli_command cli_table_commands[] = {
	{CMD_CHECK, "check", NULL, false, false, true,
	 "parse, check and evaluate the program; writes nothing",
	 "Parse and check the program, evaluate it for the chosen keys and\n"
	 "report every problem found.  Writes nothing.  Prints nothing when the\n"
	 "program is fine.",
	 "mirc-check(1)"},
	{CMD_CONFIGURE, "configure", NULL, false, false, true,
	 "check, then generate the C program and its Makefile",
	 "Check the program, then write the generated files: mirc/ (main.c,\n"
	 "mirc.h, embedded files, context, compile_commands.json), the\n"
	 "Makefile and dist/NAME.1, the program's man page.  Files without mirc's marker are never overwritten; a\n"
	 "failed configure leaves the previous files as they were.",
	 "mirc-configure(1)"},
	{CMD_BUILD, "build", NULL, false, false, true,
	 "configure if needed, then make; prints the artefact",
	 "Configure (writing only files whose contents changed), then run make\n"
	 "in the project directory; prints the path of the artefact.",
	 "mirc-build(1)"},
	{CMD_RUN, "run", NULL, false, true, true,
	 "build if needed, then run the program; exits with its status",
	 "Build as mirc build does, then run the program in the project\n"
	 "directory, on the host or under the target's emulator as make run\n"
	 "does, with the ARGS after -- as its boot arguments, and exit with the\n"
	 "program's own status.  RUNFLAGS in the environment: emulator options.",
	 "mirc-run(1)"},
	{CMD_CLEAN, "clean", NULL, false, false, false,
	 "remove every file mirc generated, and nothing else",
	 "Remove every file that mirc generated in the project directory (those\n"
	 "carrying its marker, and the build products its Makefile made), and\n"
	 "nothing else.",
	 "mirc-clean(1)"},
	{CMD_DESCRIBE, "describe", NULL, false, false, true,
	 "describe the program (text, dot, json, svg, png, pdf)",
	 "Describe the program's device graph: keys, devices in connect order,\n"
	 "runtime args, artefact.",
	 "mirc-describe(1)"},
	{CMD_QUERY, "query", "WHAT", true, false, true,
	 "print one fact or one generated file",
	 "Print one fact about the program, or one file configure would\n"
	 "write, without writing anything.",
	 "mirc-query(1)"},
	{CMD_HELP, "help", "TOPIC", false, false, false,
	 "show a manual page: mirc help [TOPIC]",
	 "Show a manual page as text: mirc (the default), a command name, mir\n"
	 "for the language, or any other topic an unknown one lists.",
	 "mirc(1)"},
	{CMD_COMPLETION, "completion", "SHELL", true, false, false,
	 "print the shell completion script for bash, zsh or fish",
	 "Print the completion script for SHELL (bash, zsh or fish), made from\n"
	 "the same tables as this parser.  SHELL keys: the program's keys, one\n"
	 "\"NAME TYPE VALUE...\" line each, which the scripts read.",
	 "mirc-completion(1)"},
	{CMD_INIT, "init", "DIR", false, false, false,
	 "write a minimal program in DIR (default .), named after it",
	 "Write a minimal program into DIR (created if missing; default the\n"
	 "current directory): config.mir, NAME.c and .gitignore, NAME being the\n"
	 "directory's name made a program name.  It configures, builds and runs\n"
	 "at once.  Refuses, writing nothing, if any of those files exists.",
	 "mirc-init(1)"},
	{CMD_STUBS, "stubs", NULL, false, false, true,
	 "write the missing C files the program names, as placeholders",
	 "Check the program, then write every header and source that its impls\n"
	 "and jobs name and that does not exist: a header with the impl's state\n"
	 "struct, sources with every function mirc.h declares for it, with\n"
	 "bodies that build.  Never touches a file that exists.",
	 "mirc-stubs(1)"},
	{CMD_LSP, "lsp", NULL, false, false, false,
	 "serve the Language Server Protocol on stdin/stdout",
	 "Run a language server for editors: LSP messages on standard input,\n"
	 "answers on standard output.  Each open .mir file is checked as mirc\n"
	 "check does, as it is edited: diagnostics, hover, go to definition,\n"
	 "completion and document symbols.",
	 "mirc-lsp(1)"},
};
const size_t cli_table_ncommands =
	sizeof(cli_table_commands) / sizeof(cli_table_commands[0]);

const struct cli_option cli_table_options[] = {
	{OPT_FILE, 'f', "file", "FILE", NULL, false, NULL,
	 "the program (default: config.mir)"},
	{OPT_TARGET, 't', "target", "TARGET", NULL, false, NULL,
	 "the target (env MIRC_TARGET)"},
	{OPT_WARNING, 'W', NULL, "SETTING", NULL, false, NULL,
	 "warnings: no-CHECK, error=CHECK, or error (-Werror)"},
	{OPT_COLOR, 0, "color", "WHEN", "auto always never", false, NULL,
	 "colour in diagnostics"},
	{OPT_DIAGNOSTICS, 0, "diagnostics", "FORMAT", "text json sarif", false, NULL,
	 "diagnostic format"},
	{OPT_MAX_DIAGNOSTICS, 0, "max-diagnostics", "N", NULL, false, NULL,
	 "at most N diagnostics of each check (100; 0: all)"},
	{OPT_QUIET, 'q', NULL, NULL, NULL, false, NULL,
	 "quieter: no warnings when there is no error"},
	{OPT_VERBOSE, 'v', NULL, NULL, NULL, false, NULL,
	 "more verbose"},
	{OPT_HELP, 'h', "help", NULL, NULL, false, NULL,
	 "help for a command"},
	{OPT_VERSION, 0, "version", NULL, NULL, false, NULL,
	 "print the version"},
	{OPT_FORMAT, 0, "format", "FORMAT", "text dot json svg png pdf", false,
	 "describe", "output format (default text)"},
	{OPT_EVAL, 0, "eval", NULL, NULL, false, "describe",
	 "the graph after key resolution (default once the "
	 "project is configured)"},
	{OPT_NO_EVAL, 0, "no-eval", NULL, NULL, false, "describe",
	 "the full graph, with one node per if/match"},
	{OPT_OUTPUT, 'o', "output", "FILE", NULL, false, "describe",
	 "write to FILE (required for png and pdf)"},
	{OPT_BOOT_ARGS, 0, "boot-args", "ARGS", NULL, true, "check configure build run",
	 "boot arguments baked into the program, for "
	 "targets without a command line"},
	{OPT_JSON, 0, "json", NULL, NULL, false, "query",
	 "print the fact as JSON (the kinds marked *)"},
	{OPT_DRY_RUN, 0, "dry-run", NULL, NULL, false, "stubs",
	 "print the paths it would write; write nothing"},
};
const size_t cli_table_noptions =
	sizeof(cli_table_options) / sizeof(cli_table_options[0]);

const struct cli_query cli_table_queries[] = {
	{QUERY_NAME, "name", true, false, "the register name"},
	{QUERY_TARGET, "target", true, false, "the chosen target"},
	{QUERY_KEYS, "keys", true, false, "every configure-time key and its value"},
	{QUERY_ARGS, "args", true, false, "the runtime args the program uses"},
	{QUERY_DEVICES, "devices", true, false, "the instances in connect order"},
	{QUERY_SOURCES, "sources", true, true, "every C source the program compiles"},
	{QUERY_PACKAGES, "packages", true, true, "the pkg-config constraints"},
	{QUERY_FILES, "files", true, true, "every file configure writes or builds"},
	{QUERY_MAKEFILE, "makefile", false, true, "the text of the Makefile"},
	{QUERY_MAIN, "main", false, true, "the text of mirc/main.c"},
	{QUERY_LINKER_SCRIPT, "linker-script", false, true,
	 "the text of mirc/link.ld"},
	{QUERY_MANIFEST, "manifest", false, true,
	 "the text of mirc/manifest.json (Solo5 targets)"},
};
const size_t cli_table_nqueries =
	sizeof(cli_table_queries) / sizeof(cli_table_queries[0]);

bool cli_table_word_in(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !strncmp(p, word, n))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

const struct cli_command *cli_table_command_find(const char *name)
{
	for (size_t i = 0; name && i < cli_table_ncommands; i++)
		if (!strcmp(cli_table_commands[i].name, name))
			return &cli_table_commands[i];
	return NULL;
}

const struct cli_query *cli_table_query_find(const char *name)
{
	for (size_t i = 0; name && i < cli_table_nqueries; i++)
		if (!strcmp(cli_table_queries[i].name, name))
			return &cli_table_queries[i];
	return NULL;
}

bool cli_table_option_applies(const struct cli_option *o,
			const struct cli_command *cmd)
{
	return !o->commands || (cmd && cli_table_word_in(o->commands, cmd->name));
}

const struct cli_option *cli_table_option_long(const char *name, size_t n,
					 const struct cli_command *cmd)
{
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		if (o->long_name && strlen(o->long_name) == n &&
		    !strncmp(o->long_name, name, n) && cli_table_option_applies(o, cmd))
			return o;
	}
	return NULL;
}

const struct cli_option *cli_table_option_short(char c,
					  const struct cli_command *cmd)
{
	for (size_t i = 0; i < cli_table_noptions; i++)
		if (cli_table_options[i].short_name == c &&
		    cli_table_option_applies(&cli_table_options[i], cmd))
			return &cli_table_options[i];
	return NULL;
}

/* ---- usage texts ------------------------------------------------------ */

/* "  SPELLING   help", the help in a column of its own, wrapped at 79
 * columns; a long spelling gets a line of its own.  (The table's texts
 * are single lines, for completion to show as they are.) */
static void help_line(FILE *out, const char *spell, const char *help)
{
	enum { COL = 25, WIDTH = 79 };
	int col;

	if (strlen(spell) > COL - 3)
		fprintf(out, "  %s\n%*s", spell, COL, "");
	else
		fprintf(out, "  %-*s ", COL - 3, spell);
	col = COL;
	while (*help) {
		size_t w = strcspn(help, " ");
		if (col > COL && col + 1 + (int)w > WIDTH) {
			fprintf(out, "\n%*s", COL, "");
			col = COL;
		} else if (col > COL) {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%.*s", (int)w, help);
		col += (int)w;
		help += w;
		help += strspn(help, " ");
	}
	fputc('\n', out);
}

/* "  -f, --file=FILE" or "  --color=auto|always|never", padded to the help
 * column, then the help. */
static void option_line(FILE *out, const struct cli_option *o)
{
	char spell[80];
	size_t n;

	if (o->short_name && o->long_name)
		snprintf(spell, sizeof spell, "-%c, --%s", o->short_name,
			 o->long_name);
	else if (o->short_name)
		snprintf(spell, sizeof spell, "-%c", o->short_name);
	else
		snprintf(spell, sizeof spell, "--%s", o->long_name);
	n = strlen(spell);
	if (o->arg && n + 1 < sizeof spell) {
		spell[n++] = o->long_name ? '=' : ' ';
		for (const char *v = o->values ? o->values : o->arg;
		     *v && n + 1 < sizeof spell; v++)
			spell[n++] = *v == ' ' ? '|' : *v;
		spell[n] = '\0';
	}
	help_line(out, spell, o->help);
}

/* The query kinds, space-separated, filled into lines of 72 columns. */
static void fill_kinds(FILE *out, const char *indent)
{
	int col = (int)strlen(indent);

	fputs(indent, out);
	for (size_t i = 0; i < cli_table_nqueries; i++) {
		int w = (int)strlen(cli_table_queries[i].name);
		if (i && col + 1 + w > 72) {
			fprintf(out, "\n%s", indent);
			col = (int)strlen(indent);
		} else if (i) {
			fputc(' ', out);
			col++;
		}
		fputs(cli_table_queries[i].name, out);
		col += w;
	}
}

const char *cli_table_query_names(bool json_only)
{
	static char buf[2][512];
	char *b = buf[json_only];
	size_t len = 0, n = 0, total = 0;

	for (size_t i = 0; i < cli_table_nqueries; i++)
		total += !json_only || cli_table_queries[i].json;
	for (size_t i = 0; i < cli_table_nqueries; i++) {
		if (json_only && !cli_table_queries[i].json)
			continue;
		n++;
		len += (size_t)snprintf(b + len, sizeof buf[0] - len, "%s%s",
					n == 1 ? "" : n == total ? " or " : ", ",
					cli_table_queries[i].name);
		if (len >= sizeof buf[0])
			break;
	}
	return b;
}

const char *cli_table_command_names(void)
{
	static char b[256];
	size_t len = 0;

	for (size_t i = 0; i < cli_table_ncommands && len < sizeof b; i++)
		len += (size_t)snprintf(b + len, sizeof b - len, "%s%s",
					i == 0 ? "" : i + 1 == cli_table_ncommands
					? " or " : ", ", cli_table_commands[i].name);
	return b;
}

static void usage_main(FILE *out)
{
	fputs("usage: mirc COMMAND [OPTION]... [--KEY=VALUE]...\n\n"
	      "commands:\n", out);
	for (size_t i = 0; i < cli_table_ncommands; i++) {
		const struct cli_command *c = &cli_table_commands[i];
		fprintf(out, "  %-10s %s", c->name, c->summary);
		if (c->id == CMD_QUERY) {
			fputs(":\n", out);
			fill_kinds(out, "             ");
		}
		fputc('\n', out);
	}
	fputs("\ncommon options:\n", out);
	for (size_t i = 0; i < cli_table_noptions; i++)
		if (!cli_table_options[i].commands)
			option_line(out, &cli_table_options[i]);
	help_line(out, "--KEY=VALUE, --KEY, --no-KEY",
		  "set a configure-time key of the program");
	fputs("\nexit status: 0 success, 1 the program has errors, 2 usage "
	      "error,\n3 environment or I/O failure.  See mirc(1): mirc "
	      "help.\n", out);
}

void cli_table_usage(FILE *out, const struct cli_command *cmd)
{
	bool any = false;

	if (!cmd) {
		usage_main(out);
		return;
	}
	fprintf(out, "usage: mirc %s", cmd->name);
	if (cmd->operand)
		fprintf(out, cmd->operand_required ? " %s" : " [%s]",
			cmd->operand);
	fputs(" [OPTION]...", out);
	if (cmd->takes_keys)
		fputs(" [--KEY=VALUE]...", out);
	if (cmd->takes_rest)
		fputs(" [-- ARG...]", out);
	fprintf(out, "\n\n%s\n", cmd->description);
	for (size_t i = 0; i < cli_table_noptions; i++) {
		if (!cli_table_options[i].commands ||
		    !cli_table_option_applies(&cli_table_options[i], cmd))
			continue;
		if (!any)
			fprintf(out, "\noptions of mirc %s:\n", cmd->name);
		any = true;
		option_line(out, &cli_table_options[i]);
	}
	if (cmd->id == CMD_QUERY) {
		fputs("\nWHAT is one of (* also with --json):\n", out);
		for (size_t i = 0; i < cli_table_nqueries; i++)
			fprintf(out, "  %-14s %s %s\n", cli_table_queries[i].name,
				cli_table_queries[i].json ? "*" : " ",
				cli_table_queries[i].summary);
	}
	fprintf(out, "\nThe common options are listed by 'mirc --help'.  "
		"See %s.\n", cmd->page);
}
