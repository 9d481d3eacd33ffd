/* SPDX-License-Identifier: MIT */
/*
 * cli_table.h - the command line of mirc as data: its commands, its
 * options and the kinds of `mirc query`.
 *
 * These tables are the only place where a command, an option or a query
 * kind is named.  The parser (main.c), every usage text, the message for a
 * missing or unknown query kind and the man page test
 * (tests/man/check-man.sh) all read them, and so will shell completion:
 * adding a command, an option or a query kind is adding one row here (plus
 * its enum constant and the code that does the work).
 */
#ifndef MIRC_CLI_TABLE_H
#define MIRC_CLI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cli_command_id {
	CMD_CHECK,
	CMD_CONFIGURE,
	CMD_BUILD,
	CMD_RUN,
	CMD_CLEAN,
	CMD_DESCRIBE,
	CMD_QUERY,
	CMD_HELP,
	CMD_COMPLETION,
	CMD_INIT,
	CMD_STUBS,
	CMD_LSP,
};

struct cli_command {
	enum cli_command_id id;
	const char *name;
	/* One positional argument ("WHAT", "TOPIC"), or NULL for none. */
	const char *operand;
	bool operand_required;
	/* Arguments after `--` go to the command (e.g. a program's own). */
	bool takes_rest;
	/* Accepts --KEY=VALUE for the program's configure-time keys. */
	bool takes_keys;
	const char *summary;		/* one line in `mirc --help` */
	const char *description;	/* the paragraph of `mirc CMD --help` */
	const char *page;		/* its man page, for "See ..." */
};

enum cli_option_id {
	OPT_FILE,
	OPT_TARGET,
	OPT_WARNING,
	OPT_COLOR,
	OPT_DIAGNOSTICS,
	OPT_MAX_DIAGNOSTICS,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_HELP,
	OPT_VERSION,
	OPT_FORMAT,
	OPT_EVAL,
	OPT_NO_EVAL,
	OPT_OUTPUT,
	OPT_BOOT_ARGS,
	OPT_JSON,
	OPT_DRY_RUN,
};

struct cli_option {
	enum cli_option_id id;
	char short_name;		/* 'f' for -f, or 0 */
	const char *long_name;		/* "file" for --file, or NULL */
	/* Placeholder of the value ("FILE"); NULL: the option is a flag.
	 * A value is always required: "--file=F", "--file F", "-f F", "-fF". */
	const char *arg;
	/* The values it takes, space-separated; NULL: any. */
	const char *values;
	bool empty_ok;			/* "--boot-args=" is a value */
	/* Space-separated names of the commands that take it; NULL: all. */
	const char *commands;
	const char *help;
};

enum cli_query_kind {
	QUERY_NAME,
	QUERY_TARGET,
	QUERY_KEYS,
	QUERY_ARGS,
	QUERY_DEVICES,
	QUERY_SOURCES,
	QUERY_PACKAGES,
	QUERY_FILES,
	QUERY_MAKEFILE,
	QUERY_MAIN,
	QUERY_LINKER_SCRIPT,
	QUERY_MANIFEST,
};

struct cli_query {
	enum cli_query_kind id;
	const char *name;
	bool json;		/* has a JSON form (--json) */
	bool generated;		/* answered from the files configure writes */
	const char *summary;
};

extern const struct cli_command cli_table_commands[];
extern const size_t cli_table_ncommands;
extern const struct cli_option cli_table_options[];
extern const size_t cli_table_noptions;
extern const struct cli_query cli_table_queries[];
extern const size_t cli_table_nqueries;

const struct cli_command *cli_table_command_find(const char *name);
const struct cli_query *cli_table_query_find(const char *name);
/* Does option o apply to command cmd (NULL: before any command)? */
bool cli_table_option_applies(const struct cli_option *o,
			const struct cli_command *cmd);
/* The option spelt `--name` (n bytes of name) or `-c`, for cmd. */
const struct cli_option *cli_table_option_long(const char *name, size_t n,
					 const struct cli_command *cmd);
const struct cli_option *cli_table_option_short(char c,
					  const struct cli_command *cmd);
/* Is `word` one of the space-separated words of `list`? */
bool cli_table_word_in(const char *list, const char *word);

/* `mirc --help` (cmd NULL) or `mirc CMD --help`. */
void cli_table_usage(FILE *out, const struct cli_command *cmd);
/* "name, target, ... or manifest" (json_only: the kinds with --json),
 * for messages; a static buffer. */
const char *cli_table_query_names(bool json_only);

/* "check, configure, ... or help": every command, for messages. */
const char *cli_table_command_names(void);

#endif
