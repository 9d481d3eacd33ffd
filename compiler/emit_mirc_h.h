/* SPDX-License-Identifier: MIT */
/*
 * emit_mirc_h.h - mirc/mirc.h, the program's interfaces (emit_mirc_h.c).
 */
#ifndef MIRC_EMIT_MIRC_H_H
#define MIRC_EMIT_MIRC_H_H

#include <stdio.h>

#include "codegen.h"

int emit_mirc_h(FILE *out, struct arena *a, const struct model *m);
/* The C prototypes an impl's or job's sources define, one per line, as
 * mirc.h declares them; for lower.c's missing-source notes too. */
void emit_mirc_h_prototypes(struct strbuf *out, struct arena *a,
			    const struct mimpl *mi);

#endif
