/* SPDX-License-Identifier: MIT */
/*
 * emit_make.h - the build files (emit_make.c): the Makefile and
 * mirc/compile_commands.json.
 */
#ifndef MIRC_EMIT_MAKE_H
#define MIRC_EMIT_MAKE_H

#include <stdio.h>

#include "codegen.h"

/* The sources, objects, packages and artefact, into g: first, so that
 * both files agree. */
void emit_make_plan(struct codegen_set *g, struct arena *a, const struct model *m);
/* The Makefile. */
int emit_make(FILE *out, struct arena *a, const struct codegen_set *g,
	      const struct model *m);
/* mirc/compile_commands.json. */
int emit_make_compile_commands(FILE *out, struct arena *a,
			       const struct codegen_set *g, const struct model *m);

#endif
