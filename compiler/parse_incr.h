/* SPDX-License-Identifier: MIT */
/*
 * parse_incr.h - the parse of a file that is edited again and again (the
 * language server's documents), kept from one text to the next so that
 * only the top-level items an edit touched are parsed again.
 */
#ifndef MIRC_PARSE_INCR_H
#define MIRC_PARSE_INCR_H

#include "ast.h"

struct parse_incr;

struct parse_incr *parse_incr_new(void);
void parse_incr_free(struct parse_incr *pi);

/*
 * The syntax tree of src (its text the file's new text), in arena `a`:
 * exactly the tree parse_file would build, built from the items of the
 * last text that parsed without a diagnostic, those of the changed part
 * parsed again.  NULL when the changed part (or, without such a last
 * text, the whole file) does not parse without a diagnostic: then the
 * caller parses the file the ordinary way, which reports what is wrong.
 */
struct ast_file *parse_incr_file(struct parse_incr *pi, struct arena *a,
				 struct srcfile *src);
/* After NULL from parse_incr_file: the caller's parse of that text found
 * no error (clean), or some. */
void parse_incr_parsed(struct parse_incr *pi, bool clean);

#endif
