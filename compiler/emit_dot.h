/* SPDX-License-Identifier: MIT */
/*
 * emit_dot.h - `mirc describe --format=dot` (emit_dot.c); the svg, png
 * and pdf formats render its text (emit_render.h).
 */
#ifndef MIRC_EMIT_DOT_H
#define MIRC_EMIT_DOT_H

#include <stdio.h>

#include "model.h"

/* The device graph as a Graphviz digraph.  0, or -1 on a write error. */
int emit_dot(FILE *out, struct arena *a, const struct model *m);

#endif
