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

/* The project directory of program `file` (its directory, "." for none). */
const char *configure_project_dir(struct arena *a, const char *file);
/* Lock the project directory (flock(2) on the directory) until mirc
 * exits, saying so when another mirc holds it and waiting for it. */
void configure_lock(const char *project_dir);
int configure_write(struct arena *a, const struct model *m,
		    const struct codegen_opts *o, struct codegen_set *g, bool quiet);
int configure_clean(struct arena *a, const char *project_dir, bool quiet);
/* Run make -jN in the project; print the artefact's path on success
 * when asked to (mirc build). */
int configure_make(struct arena *a, const char *project_dir,
		   const char *artifact, bool print_path);

#endif
