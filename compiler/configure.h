/* SPDX-License-Identifier: MIT */
/*
 * configure.h - writing generated files into a project, cleaning them
 * away, running the build (configure.c).  Functions return an exit status
 * of compile.h (MIRC_OK, MIRC_EENV) and print their own messages.
 */
#ifndef MIRC_CONFIGURE_H
#define MIRC_CONFIGURE_H

#include <stdbool.h>

#include "codegen.h"

int configure_write(struct arena *a, const struct model *m,
		    const struct gen_opts *o, struct genset *g, bool quiet);
int configure_clean(struct arena *a, const char *project_dir, bool quiet);
/* Run make -jN in the project; print the artefact's path on success
 * when asked to (mirc build). */
int configure_make(struct arena *a, const char *project_dir,
		   const char *artifact, bool print_path);

#endif
