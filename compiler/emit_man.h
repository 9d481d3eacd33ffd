/* SPDX-License-Identifier: MIT */
/*
 * emit_man.h - dist/NAME.1, the manual page of a generated program
 * (emit_man.c).
 */
#ifndef MIRC_EMIT_MAN_H
#define MIRC_EMIT_MAN_H

#include <stdio.h>

#include "codegen.h"

/* The page, dated `date` (YYYY-MM-DD: codegen.c takes SOURCE_DATE_EPOCH
 * or the program file's time, so that the page changes only with the
 * program), to out.  0, or -1 when out failed. */
int emit_man(FILE *out, struct arena *a, const char *date,
	     const struct model *m);

#endif
