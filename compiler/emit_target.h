/* SPDX-License-Identifier: MIT */
/*
 * emit_target.h - the target's files (emit_target.c): mirc/link.ld from the
 * backend's template, and the extra outputs a descriptor names
 * (codegen.c's table).
 */
#ifndef MIRC_EMIT_TARGET_H
#define MIRC_EMIT_TARGET_H

#include <stdio.h>

#include "codegen.h"

int emit_target_linker_script(FILE *out, struct arena *a, const char **err,
			      const struct model *m);
int emit_target_solo5_manifest(FILE *out, struct arena *a, const char **err,
			       const struct model *m);
int emit_target_libvirt_domain(FILE *out, struct arena *a, const char **err,
			       const struct model *m);

#endif
