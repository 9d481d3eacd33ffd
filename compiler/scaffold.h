/* SPDX-License-Identifier: MIT */
/*
 * scaffold.h - `mirc init` and `mirc stubs` (scaffold.c): the files a
 * program starts from, written only where no file exists.
 */
#ifndef MIRC_SCAFFOLD_H
#define MIRC_SCAFFOLD_H

#include <stdbool.h>

#include "compile.h"
#include "model.h"

/* mirc init DIR (NULL: "."): config.mir, NAME.c and .gitignore, NAME
 * made from the directory's name; all or none.  Returns an enum
 * mirc_status: MIRC_EUSAGE when no program can be named after the
 * directory, MIRC_EENV when a file exists or cannot be written. */
int scaffold_init(struct arena *a, const char *home, const char *dir,
		  bool quiet);

/* mirc stubs: the headers and sources the model's impls and jobs name
 * (lowered for stubs: every one of the program's files, compile_opts)
 * that do not exist, inside the project directory (dry_run: their paths
 * on stdout, nothing written).  MIRC_OK, or MIRC_EENV when one could not
 * be written. */
int scaffold_stubs(struct arena *a, const struct model *m, bool dry_run,
		   bool quiet);

#endif
