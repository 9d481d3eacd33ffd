/* SPDX-License-Identifier: MIT */
/*
 * lsp_complete.h - the language server's lists (lsp_complete.c):
 * completion items for a position, the document symbols of a file.
 */
#ifndef MIRC_LSP_COMPLETE_H
#define MIRC_LSP_COMPLETE_H

#include <jansson.h>

#include "sema.h"

/* textDocument/completion: the items for (line, col) of f. */
json_t *lsp_complete_items(struct program *p, struct ast_file *f, int line,
			   int col);
/* textDocument/documentSymbol: the declarations of f, with children. */
json_t *lsp_complete_symbols(struct program *p, struct ast_file *f);

#endif
