/* SPDX-License-Identifier: MIT */
/*
 * run.h - `mirc run` (run.c): build the configured program and run it on
 * the host or under its target's emulator.
 */
#ifndef MIRC_RUN_H
#define MIRC_RUN_H

#include "model.h"
#include "util.h"

/*
 * Make the project of `m` (configured already, its artefact `artifact`
 * relative to the project), then run the artefact as the backend's
 * run.command says, in the project directory, with `args` as its boot
 * arguments.  Returns the program's exit status (128 + N when signal N
 * ended it), or MIRC_EENV with a message when the build failed or the
 * command could not be started.
 */
int run_program(struct arena *a, const struct model *m, const char *artifact,
		char **args, int nargs);

#endif
