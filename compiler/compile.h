/* SPDX-License-Identifier: MIT */
/*
 * compile.h - the whole front end as one call: load the program and its
 * imports, check it, evaluate it for the chosen keys, and build the model
 * the emitters work from.  Used by main.c, the tests and the fuzzer.
 */
#ifndef MIRC_COMPILE_H
#define MIRC_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

#include "backend.h"
#include "diag.h"
#include "model.h"
#include "util.h"

/* Exit statuses of cli.md. */
enum mirc_status {
	MIRC_OK = 0,
	MIRC_EPROGRAM = 1,	/* the program has errors */
	MIRC_EUSAGE = 2,	/* command-line usage error */
	MIRC_EENV = 3,		/* environment or I/O failure */
};

struct parse_incr;

/* A key given on the command line: --name=value, --name or --no-name. */
struct key_setting {
	const char *spelling;	/* the option as written, for messages */
	const char *name;	/* dashes already turned into underscores */
	const char *value;	/* NULL for --name / --no-name */
	bool negated;		/* --no-name */
};

struct compile_opts {
	const char *file;	/* the program, as the user gave it */
	const char *text;	/* if not NULL: the root file's contents */
	size_t text_len;
	const char *home;	/* where stdlib/, backends/, rt/, man/ are */
	const char *target;	/* -t / MIRC_TARGET, or NULL */
	struct key_setting *keys;
	size_t nkeys;
	int eval;		/* 1 evaluate, 0 keep choices, -1 auto */
	bool read_context;	/* take keys from <project>/mirc/context */
	bool check_files;	/* missing-file checks (off for the fuzzer) */
	/* Check boot arguments (check, configure, build): boot_args, or
	 * when it is NULL the ones saved in the context. */
	bool check_boot_args;
	const char *boot_args;	/* --boot-args, or NULL */
	/* mirc stubs: missing headers and sources are what it is to
	 * write, not problems to report; every impl and job of the
	 * program's files is lowered, not only the graph's (lower.c). */
	bool stubs;
	/* If not NULL: the text to use for the imported file of canonical
	 * path `real` instead of reading it, or NULL to read it (the
	 * language server's open documents, edited but not saved). */
	const char *(*import_text)(void *ctx, const char *real, size_t *len);
	void *import_ctx;
	/* If not NULL: the root file's parse kept from its last text, to
	 * parse only what changed since (parse_incr.c). */
	struct parse_incr *root_incr;
	/* If not NULL: the same for a file of the prelude, by its path
	 * ("<stdlib>/prelude.mir"), or NULL (called with import_ctx). */
	struct parse_incr *(*prelude_incr)(void *ctx, const char *path);
};

struct compilation {
	struct arena arena;
	struct diag_ctx diag;
	struct backend_set backends;
	struct model *model;	/* set when compile_program returns MIRC_OK */
	const char *project_dir;
	struct program *program;	/* internal (sema.h) */
	const char *saved_boot_args;	/* --boot-args of the last configure */
	/* The keys taken from mirc/context, "a=1, b=x", or NULL. */
	const char *saved_keys_used;
	/* Why saved keys were not used ("saved key ... not used: ..."),
	 * for the caller to print. */
	const char **context_notes;
	size_t ncontext_notes;
};

void compile_init(struct compilation *c);
/*
 * Run the front end.  Diagnostics are collected in c->diag (the caller
 * prints them with diag_flush); usage and environment errors are printed
 * to stderr directly.  Returns an enum mirc_status.
 */
int compile_program(struct compilation *c, const struct compile_opts *o);
void compile_free(struct compilation *c);

/*
 * Where mirc's data lives: $MIRC_HOME, else the source tree when mirc runs
 * from its build tree, else the install prefix's share/mirc.  Returns an
 * arena string, or NULL when nothing usable is found.
 */
const char *compile_home_find(struct arena *a);

#endif
