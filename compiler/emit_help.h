/* SPDX-License-Identifier: MIT */
/*
 * emit_help.h - the --help listing of a generated program (emit_help.c),
 * and the pieces of it that its man page (emit_man.c) shares, so that the
 * two always say the same.
 */
#ifndef MIRC_EMIT_HELP_H
#define MIRC_EMIT_HELP_H

#include <stdio.h>

#include "codegen.h"

/* The listing, as the C string mirc_help of mirc/main.c, into sb; doc is
 * the job's doc, or NULL. */
void emit_help_listing(struct strbuf *sb, struct arena *a,
		       const struct model *m, const char *doc);

/* The doc of the first registered job that has one, or NULL. */
const char *emit_help_doc(const struct model *m);
/* The section an arg is listed under ("OPTIONS" when it names none), and
 * whether two section titles are the same (case aside). */
const char *emit_help_section(const struct marg *ma);
bool emit_help_same_title(const char *a, const char *b);
/* "INT", "IPV4/LEN", "VALUE": the value part of an arg's spelling. */
const char *emit_help_placeholder(struct arena *a, const struct marg *ma);
/* Append the spelling of an arg ("--port=INT", "--verbose, --no-verbose",
 * "--mode=fast|slow", "--hosts=STRING,..."); dashed is its name with '-'
 * for '_'. */
void emit_help_spelling(struct strbuf *s, struct arena *a,
			const struct marg *ma, const char *dashed);
/* Append its paragraph: doc, list note, "(required)" or the default. */
void emit_help_paragraph(struct strbuf *s, const struct marg *ma);

/* The options every program takes: spelling, paragraph, spelling, ...;
 * the _small table is what a program of the small runtime (key
 * runtime=small) takes: no --delay, one log level, no timestamps. */
extern const char *const emit_help_common[];
extern const size_t emit_help_ncommon;
extern const char *const emit_help_common_small[];
extern const size_t emit_help_ncommon_small;
/* Exit statuses: status, meaning, ...; a '\n' in a meaning is where
 * the listing breaks its line. */
extern const char *const emit_help_exits[];
extern const size_t emit_help_nexits;

#endif
