/* SPDX-License-Identifier: MIT */
/*
 * completion.h - `mirc completion SHELL`: shell completion scripts made
 * from the command-line tables (cli_table.h), and `mirc completion keys`,
 * the program's keys in the form the scripts read at completion time.
 */
#ifndef MIRC_COMPLETION_H
#define MIRC_COMPLETION_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "util.h"

/* The operands of `mirc completion`, space-separated: the shells, then
 * `keys`. */
extern const char *const completion_operands;

/* Is `name` a shell completion_script writes for? */
bool completion_is_shell(const char *name);

/*
 * Write the completion script for `shell` (bash, zsh or fish) to out.
 * The lists that are not in the tables (targets, help topics, checks)
 * are read from home as `mirc` sees them now: the script is regenerated
 * by each build.  Returns an exit status (MIRC_EENV when home cannot be
 * read or out cannot be written).
 */
int completion_script(FILE *out, struct arena *a, const char *shell,
		      const char *home);

/* One line per key of m: "NAME TYPE" then, for an enum, its values, all
 * space-separated.  Returns an exit status. */
int completion_keys(FILE *out, const struct model *m);

#endif
