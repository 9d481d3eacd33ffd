/* SPDX-License-Identifier: MIT */
/*
 * diag.h - source files, locations and diagnostics.
 *
 * Every diagnostic carries the name of the check that produced it
 * (see diag_check_table in diag.c).  Diagnostics are collected during a run and
 * printed at the end, sorted by position, followed by the summary line.
 * Nothing here ever exits.
 */
#ifndef MIRC_DIAG_H
#define MIRC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* A loaded source file.  `path` is as the user (or an import) spelt it. */
struct srcfile {
	const char *path;	/* for messages */
	const char *realpath;	/* canonical, to load each file once */
	const char *dir;	/* directory for relative paths */
	const char *text;	/* NUL-terminated contents */
	size_t len;
	int index;		/* load order: 0 is the prelude or the root */
	bool is_prelude;	/* part of stdlib/: never warned as unused */
	size_t *line_starts;	/* offsets of each line, built on demand */
	size_t nlines;
};

/*
 * A source range, 1-based lines and columns (columns count bytes).  Used as
 * bison's YYLTYPE, hence the field names.
 */
struct srcpos {
	int first_line, first_column;
	int last_line, last_column;	/* inclusive */
	struct srcfile *file;		/* NULL: no location (command line) */
};

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

/* The named checks of language.md section 4, plus a few of our own. */
enum check {
	CHK_SYNTAX,
	CHK_UNKNOWN_NAME,
	CHK_DUPLICATE_DEFINITION,
	CHK_TYPE_MISMATCH,
	CHK_ARITY,
	CHK_NOT_APPLIED,
	CHK_NON_EXHAUSTIVE_MATCH,
	CHK_UNREACHABLE_ARM,
	CHK_BAD_LITERAL,
	CHK_CYCLE,
	CHK_UNKNOWN_CTYPE,
	CHK_OP_CLASH,
	CHK_UNKNOWN_ARG,
	CHK_UNAVAILABLE_ON_TARGET,
	CHK_MISSING_FILE,
	CHK_BAD_NAME,
	CHK_VERSION,
	CHK_UNUSED,
	CHK_BAD_FIELD,		/* unknown, repeated or ill-typed body field */
	CHK_REGISTER,		/* no register, or more than one */
	CHK_LIMIT,		/* input beyond an implementation limit */
	CHK_MISSING_SOURCE,	/* a sources file not written yet (warning) */
	CHK_PROVIDES_MISMATCH,	/* targets field vs backends' provides */
	CHK_MISSING_LWIP,	/* an @lwip/ path without a good lwIP tree */
	CHK_SMALL_RUNTIME,	/* what runtime=small left out, used where seen */
	CHK_COUNT
};

struct check_info {
	const char *name;
	enum severity default_severity;	/* SEV_ERROR or SEV_WARNING */
	const char *doc;
	/* Reported only when the run has no error of another check: what a
	 * half-written program does not use yet is noise next to what is
	 * wrong (mirc-check(1)). */
	bool only_without_errors;
};
extern const struct check_info diag_check_table[CHK_COUNT];
/* Look a check up by name; -1 when unknown. */
int diag_check_by_name(const char *name);

struct diag_note {
	struct srcpos pos;
	char *message;
	struct diag_note *next;
};

struct diagnostic {
	struct srcpos pos;
	enum check check;
	enum severity severity;	/* after -W processing */
	char *message;
	struct diag_note *notes, **notes_tail;
	size_t seq;		/* emission order, to keep sorting stable */
};

/* DIAG_SARIF: one SARIF 2.1.0 log (diag_sarif.c), also when empty. */
enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF };

struct diag_ctx {
	struct arena *arena;
	VEC(struct diagnostic *) list;
	/* -W settings: per check, 0 = default, 1 = disabled, 2 = as error */
	unsigned char wmode[CHK_COUNT];
	bool werror;
	enum diag_format format;
	bool color;
	/* At most this many diagnostics of one check are printed, then a
	 * note with how many more there were; 0: no limit. */
	size_t max_per_check;
	size_t nerrors, nwarnings;
	struct diagnostic *last;	/* for diag_note after diag_error */
	/* Only the SARIF log records these: whether the run failed (exit
	 * status 3, not errors in the program), and notes about the run
	 * that the other formats leave to the caller to print. */
	bool run_failed;
	const char *const *run_notes;
	size_t nrun_notes;
};

/* The default of max_per_check (mirc(1), --max-diagnostics). */
#define DIAG_MAX_PER_CHECK 100

void diag_init(struct diag_ctx *d, struct arena *a);
/*
 * Report a diagnostic.  Returns it so notes can be attached, or NULL when
 * the check is disabled by -W (diag_note then does nothing).
 */
struct diagnostic *diag_report(struct diag_ctx *d, enum check chk,
			       const struct srcpos *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Add a note to the most recent diagnostic (dropped when it was disabled). */
void diag_note(struct diag_ctx *d, const struct srcpos *pos,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool diag_has_errors(const struct diag_ctx *d);
/*
 * Print the diagnostics, sorted, and the summary line (text format).  The
 * summary counts every error and warning, also those past max_per_check;
 * diagnostics of an only_without_errors check are dropped (and not
 * counted) when another check found an error.  DIAG_SARIF writes a log
 * even when there is nothing to report (diag_sarif_write).
 */
void diag_flush(struct diag_ctx *d, FILE *out);

/* The message of the note "N more diagnostics of check chk not shown". */
char *diag_suppressed_text(struct diag_ctx *d, enum check chk, size_t n);
/* A JSON string for text that may not be UTF-8: bad bytes become "\\xHH". */
struct json_t *diag_json_text(const char *s);

/* The text of line `line` (1-based) of f, without its newline. */
const char *diag_srcfile_line(struct srcfile *f, int line, size_t *len);

/* Merge two positions into the range that covers both. */
struct srcpos diag_srcpos_span(struct srcpos a, struct srcpos b);
/* "file:line:col" of a position, or "" when it has none. */
const char *diag_srcpos_text(struct arena *a, const struct srcpos *p);

#endif
