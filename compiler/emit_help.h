/* SPDX-License-Identifier: MIT */
/*
 * emit_help.h - the --help listing of a generated program (emit_help.c).
 */
#ifndef MIRC_EMIT_HELP_H
#define MIRC_EMIT_HELP_H

#include <stdio.h>

#include "codegen.h"

/* The listing, as the C string mirc_help of mirc/main.c, into sb; doc is
 * the job's doc, or NULL. */
void emit_help(struct strbuf *sb, struct arena *a, const struct model *m,
	       const char *doc);

#endif
