/* SPDX-License-Identifier: MIT */
/*
 * lsp_query.h - what lsp.c asks about a compiled document: positions
 * converted between mirc and LSP (lsp_query.c), the name at a position
 * and its hover and declaration.
 */
#ifndef MIRC_LSP_QUERY_H
#define MIRC_LSP_QUERY_H

#include <stdbool.h>

#include <jansson.h>

#include "sema.h"

/* A {line, character} object for the byte column `col` (1-based) of line
 * `line` (1-based) of f. */
json_t *lsp_query_position(struct srcfile *f, int line, int col);
/* A {start, end} range for a mirc position (end made exclusive). */
json_t *lsp_query_range_json(const struct srcpos *p);
/* The byte column (1-based) of UTF-16 offset `ch` on line `line` (1-based). */
int lsp_query_byte_column(struct srcfile *f, int line, long ch);

/* What a position of a document names, found by lsp_query_find. */
struct lsp_query_ref {
	struct srcpos range;		/* the word under the cursor */
	struct decl *decl;		/* the declaration it names, or NULL */
	const struct param *param;	/* or a parameter of `owner` */
	struct decl *owner;
	int enum_index;			/* or a value of key `decl` (>= 0) */
};

/* The name at (line, col) of file f of the program (1-based, bytes). */
bool lsp_query_find(struct program *p, struct ast_file *f, int line, int col,
		    struct lsp_query_ref *out);
/* Markdown for the hover of r (a heap string, free()), or NULL. */
char *lsp_query_hover(struct program *p, const struct lsp_query_ref *r);
/* Where r is declared; false when it has no position. */
bool lsp_query_target(const struct lsp_query_ref *r, struct srcpos *out);

#endif
