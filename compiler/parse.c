/* SPDX-License-Identifier: MIT */
/*
 * parse.c - the parse step of the load pass: one file's text to its syntax
 * tree, with the scanner of grammar/lexer.l and the parser of
 * grammar/parser.y, whose actions call the builders (ast.c, ast_expr.c).
 *
 * Input: a source file's text.  Output: its struct ast_file (declarations,
 * imports, registers, the names of declarations too broken to keep) and
 * syntax diagnostics, at most PARSE_MAX_ERRORS per file.  Also the small
 * helpers every builder uses (parse.h).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "parser.h"	/* and parse.h */
#include "lexer.h"

/* After this many errors in one file the rest of it is skipped. */
#define PARSE_MAX_ERRORS 100

void parse_report(struct parse_ctx *ctx, enum check chk,
		  const struct srcpos *pos, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	if (ctx->gave_up)
		return;
	if (ctx->stop_at_error) {
		ctx->nerrors++;
		ctx->gave_up = true;
		return;
	}
	if (ctx->nerrors >= PARSE_MAX_ERRORS) {
		diag_report(ctx->diag, CHK_LIMIT, pos,
			    "too many errors in %s; the rest of it is skipped",
			    ctx->src->path);
		ctx->gave_up = true;
		return;
	}
	ctx->nerrors++;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	diag_report(ctx->diag, chk, pos, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
}

struct ast_file *parse_file(struct arena *a, struct diag_ctx *diag,
			    struct srcfile *src)
{
	struct ast_file *f = arena_alloc(a, sizeof(*f));
	struct parse_ctx ctx = {
		.arena = a, .diag = diag, .src = src, .file = f,
		.line = 1, .col = 1,
	};

	struct srcpos start = { 1, 1, 1, 1, src };
	int rc = 1;

	f->src = src;
	/* Flex counts in int; positions are ints too. */
	if (src->len > INT_MAX / 2)
		parse_report(&ctx, CHK_LIMIT, &start, "file too large");
	else if ((rc = parse_run(&ctx)) < 0)
		parse_report(&ctx, CHK_LIMIT, &start,
			     "cannot initialise the scanner");
	/* Not parsed to its end (bison gave up, or after too many errors
	 * the scanner did): the rest of it may have declared anything. */
	f->incomplete = rc != 0 || ctx.gave_up;
	return f;
}

/* Scan and parse ctx->src; the builders add what they find to ctx->file. */
int parse_run(struct parse_ctx *ctx)
{
	yyscan_t scanner;
	YY_BUFFER_STATE buf;
	int rc;

	if (mirc_yylex_init_extra(ctx, &scanner) != 0)
		return -1;
	buf = mirc_yy_scan_bytes(ctx->src->text, (int)ctx->src->len, scanner);
	rc = mirc_yyparse(scanner, ctx);
	mirc_yy_delete_buffer(buf, scanner);
	mirc_yylex_destroy(scanner);
	return rc;
}

/* ---- helpers ------------------------------------------------------------ */

struct srcpos parse_pos_join(const struct srcpos *a, const struct srcpos *b)
{
	struct srcpos p = *a;

	p.last_line = b->last_line;
	p.last_column = b->last_column;
	return p;
}

struct srcpos parse_pos_of(const struct srcpos *p)
{
	struct srcpos none = { 0, 0, 0, 0, NULL };

	return p ? *p : none;
}

void *parse_node(struct parse_ctx *ctx, size_t size)
{
	return arena_alloc(ctx->arena, size);
}

size_t parse_list_len(const struct ast_list *l)
{
	return l ? l->len : 0;
}

/*
 * Copy a list of node pointers into an array of the nodes themselves,
 * leaving out NULL entries (constructs already reported as broken).
 */
void *parse_unpack(struct parse_ctx *ctx, const struct ast_list *l,
		    size_t size, size_t *n)
{
	size_t len = parse_list_len(l), k = 0;
	char *out;

	*n = 0;
	if (len == 0)
		return NULL;
	out = arena_alloc(ctx->arena, len * size);
	for (size_t i = 0; i < len; i++)
		if (l->items[i])
			memcpy(out + k++ * size, l->items[i], size);
	*n = k;
	return out;
}

struct expr **parse_expr_array(struct parse_ctx *ctx,
				const struct ast_list *l, size_t *n)
{
	size_t len = parse_list_len(l);
	struct expr **out;

	*n = len;
	if (len == 0)
		return NULL;
	out = arena_alloc(ctx->arena, len * sizeof(*out));
	for (size_t i = 0; i < len; i++)
		out[i] = l->items[i];
	return out;
}

/* A string used as a C string must not hide a NUL byte. */
const char *parse_cstring(struct parse_ctx *ctx, const struct tok_str *s,
			   const struct srcpos *pos, const char *what)
{
	if (memchr(s->s, '\0', s->len))
		parse_report(ctx, CHK_SYNTAX, pos,
			     "%s must not contain a NUL byte", what);
	return s->s;
}

struct decl *parse_new_decl(struct parse_ctx *ctx, enum decl_kind kind,
			     const char *name, const struct srcpos *name_pos,
			     const struct srcpos *pos)
{
	struct decl *d = parse_node(ctx, sizeof(*d));

	d->kind = kind;
	d->name = name;
	d->name_pos = *name_pos;
	d->pos = *pos;
	d->file = ctx->src;
	return d;
}

void parse_push_decl(struct parse_ctx *ctx, struct decl *d)
{
	vec_push(ctx->arena, &ctx->file->decls, d);
}
