/* SPDX-License-Identifier: MIT */
/*
 * emit_main_c.h - mirc/main.c, main() and the device instances
 * (emit_main_c.c).
 */
#ifndef MIRC_EMIT_MAIN_C_H
#define MIRC_EMIT_MAIN_C_H

#include <stdio.h>

#include "codegen.h"

int emit_main_c(FILE *out, struct arena *a, const struct codegen_opts *o,
		const struct model *m);

#endif
