/* SPDX-License-Identifier: MIT */
/*
 * query.h - `mirc query WHAT` (query.c).
 */
#ifndef MIRC_QUERY_H
#define MIRC_QUERY_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"

struct cli_query;
struct codegen_opts;

/*
 * Print one fact, q (a row of cli_table_queries), as text or as JSON; the kinds
 * answered from generated files are generated in memory with `go`.
 * Returns 0, 2 for --json on a kind without a JSON form (main.c refuses
 * it first), 3 on an I/O or generation error.
 */
int query_run(FILE *out, struct arena *a, const struct model *m,
	      const struct cli_query *q, bool json, const struct codegen_opts *go);

#endif
