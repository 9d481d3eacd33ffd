/* SPDX-License-Identifier: MIT */
/*
 * lsp.h - `mirc lsp`: a Language Server Protocol server on stdin/stdout.
 *
 * lsp.c speaks the protocol (JSON-RPC with Content-Length framing), keeps
 * the open documents and compiles each one in memory through the same
 * passes as `mirc check`; lsp_query.c answers questions about a position
 * of a compiled document (hover, definition, completion, symbols).
 *
 * Positions: mirc counts 1-based lines and byte columns with inclusive
 * ends; LSP counts 0-based lines and UTF-16 code units with exclusive
 * ends.  Every conversion goes through lsp_query_position and
 * lsp_query_range_json.
 */
#ifndef MIRC_LSP_H
#define MIRC_LSP_H

#include <stdbool.h>
#include <stdio.h>

/* What the command line sets for every document: where mirc's data is,
 * the target (-t; NULL: MIRC_TARGET, else the default) and the -W
 * settings (diag.h). */
struct lsp_opts {
	const char *home;
	const char *target;
	const unsigned char *wmode;	/* CHK_COUNT entries, or NULL */
	bool werror;
};

/* Serve until `exit` or end of input.  Returns the exit status
 * (mirc-lsp(1): 0 after shutdown then exit, 1 when the input ended or
 * exit came without shutdown). */
int lsp_serve(const struct lsp_opts *o, FILE *in, FILE *out);

#endif
