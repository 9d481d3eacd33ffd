/* SPDX-License-Identifier: MIT */
/*
 * emit_embed.h - embedded directories as generated C (emit_embed.c).
 */
#ifndef MIRC_EMIT_EMBED_H
#define MIRC_EMIT_EMBED_H

#include <stdio.h>

#include "codegen.h"

/* mirc/embed_<id>.c of embedding device n; the files and directories it
 * reads go to inputs (the Makefile's dependencies). */
int emit_embed(FILE *out, struct arena *a, const char **err,
	       struct codegen_paths *inputs, const struct gnode *n,
	       const struct model *m);

#endif
