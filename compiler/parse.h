/* SPDX-License-Identifier: MIT */
/*
 * parse.h - what grammar/parser.y, grammar/lexer.l, parse.c and the
 * syntax-tree builders share: the per-file parser state, the value types
 * of tokens and of the grammar's flat lists, the driver and helpers of
 * parse.c, and the builders the grammar actions call (ast.c, ast_expr.c).
 * Only those files include it; the rest of mirc calls parse_file (ast.h).
 */
#ifndef MIRC_PARSE_H
#define MIRC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

/*
 * State shared by the scanner (as its yyextra), the parser and the
 * builders: one per parsed file, on parse_file's stack.
 */
struct parse_ctx {
	struct arena *arena;
	struct diag_ctx *diag;
	struct srcfile *src;
	struct ast_file *file;
	int line, col;		/* scanner position of the next byte */
	size_t nitems;		/* items seen so far, for `require` */
	unsigned nerrors;	/* diagnostics reported for this file */
	bool gave_up;		/* too many errors: the rest is skipped */
	/* parse_incr.c: the first error ends the parse, unreported (the
	 * caller only wants to know whether there is one) */
	bool stop_at_error;
};

/* A growable list of node pointers, for the left-recursive list rules. */
struct ast_list {
	void **items;
	size_t len, cap;
};

struct tok_str {		/* a decoded string literal */
	const char *s;
	size_t len;
};

struct tok_int {		/* an integer literal and its spelling */
	int64_t v;
	const char *text;
};

/* One piece of the tail of a `key`/`arg` declaration (after the ':'). */
enum ka_part_kind { KAP_WORD, KAP_STRING, KAP_ENUM, KAP_DEFAULT };

struct ka_part {
	enum ka_part_kind kind;
	struct srcpos pos;
	const char *word;		/* KAP_WORD */
	struct tok_str str;		/* KAP_STRING */
	struct ast_list *values;	/* KAP_ENUM: struct name_ref * */
	struct expr *def;		/* KAP_DEFAULT */
};

/* ---- parse.c: reporting, the driver, the builders' helpers ---- */

void parse_report(struct parse_ctx *ctx, enum check chk,
		  const struct srcpos *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Scan and parse ctx->src with the scanner of lexer.l: bison's result, 0 when the parser
 * reached the end of the file, -1 when the scanner could not start. */
int parse_run(struct parse_ctx *ctx);

/* A position from a's start to b's end; *p, or no position for NULL. */
struct srcpos parse_pos_join(const struct srcpos *a, const struct srcpos *b);
struct srcpos parse_pos_of(const struct srcpos *p);
/* A node of `size` bytes, zeroed, from the file's arena. */
void *parse_node(struct parse_ctx *ctx, size_t size);
/* A list's length (0 for NULL); its nodes copied into an array, NULL
 * entries (constructs already reported) left out; its expressions. */
size_t parse_list_len(const struct ast_list *l);
void *parse_unpack(struct parse_ctx *ctx, const struct ast_list *l,
		   size_t size, size_t *n);
struct expr **parse_expr_array(struct parse_ctx *ctx,
			       const struct ast_list *l, size_t *n);
/* A string's text, reported when it hides a NUL byte (`what` names it). */
const char *parse_cstring(struct parse_ctx *ctx, const struct tok_str *s,
			  const struct srcpos *pos, const char *what);
/* A declaration, and adding it to the file. */
struct decl *parse_new_decl(struct parse_ctx *ctx, enum decl_kind kind,
			    const char *name, const struct srcpos *name_pos,
			    const struct srcpos *pos);
void parse_push_decl(struct parse_ctx *ctx, struct decl *d);

/* ---- the builders (ast.c, ast_expr.c) ---- */

struct ast_list *ast_list_new(struct parse_ctx *ctx, void *first);
struct ast_list *ast_list_push(struct parse_ctx *ctx, struct ast_list *l,
			       void *x);

void ast_require(struct parse_ctx *ctx, const char *what,
		 const struct srcpos *what_pos, struct ast_list *cons,
		 const struct srcpos *pos);
struct constraint *ast_constraint(struct parse_ctx *ctx, int op,
				  const char *version,
				  const struct srcpos *pos);
const char *ast_int_version(struct parse_ctx *ctx, const struct tok_int *t,
			    const struct srcpos *pos);
void ast_import(struct parse_ctx *ctx, const struct tok_str *path,
		const struct srcpos *path_pos, const struct srcpos *pos);
void ast_ctype(struct parse_ctx *ctx, const char *name,
	       const struct srcpos *name_pos, const char *from,
	       const struct srcpos *from_pos, const struct tok_str *header,
	       const struct srcpos *header_pos, const struct srcpos *pos);
struct name_ref *ast_name_ref(struct parse_ctx *ctx, const char *name,
			      const struct srcpos *pos);
void ast_signature(struct parse_ctx *ctx, const char *name,
		   const struct srcpos *name_pos, struct ast_list *parents,
		   struct ast_list *ops, const struct srcpos *pos);
struct ctok *ast_ctok(struct parse_ctx *ctx, const char *text,
		      const struct srcpos *pos);
struct cdecl *ast_cparam(struct parse_ctx *ctx, struct ast_list *words,
			 const struct srcpos *pos);
struct op *ast_op(struct parse_ctx *ctx, struct ast_list *words,
		  const struct srcpos *words_pos, struct ast_list *params,
		  const struct srcpos *pos);
struct param *ast_param(struct parse_ctx *ctx, const char *name,
			const struct srcpos *name_pos, const char *type,
			const struct srcpos *type_pos, struct expr *def,
			const struct srcpos *pos);
struct field *ast_field(struct parse_ctx *ctx, const char *name,
			const struct srcpos *name_pos, struct ast_list *values,
			const struct srcpos *pos);
struct field *ast_field_open(struct parse_ctx *ctx, const char *name,
			     const struct srcpos *name_pos,
			     struct ast_list *values,
			     const struct srcpos *last_pos);
void ast_broken(struct parse_ctx *ctx, const char *name);
void ast_impl(struct parse_ctx *ctx, enum decl_kind kind, const char *name,
	      const struct srcpos *name_pos, struct ast_list *params,
	      const char *result, const struct srcpos *result_pos,
	      struct ast_list *fields, const struct srcpos *pos);
struct ka_part *ast_ka_word(struct parse_ctx *ctx, const char *word,
			    const struct srcpos *pos);
struct ka_part *ast_ka_string(struct parse_ctx *ctx, const struct tok_str *s,
			      const struct srcpos *pos);
struct ka_part *ast_ka_enum(struct parse_ctx *ctx, struct ast_list *values,
			    const struct srcpos *pos);
struct ka_part *ast_ka_default(struct parse_ctx *ctx, struct expr *def,
			       const struct srcpos *pos);
void ast_keyarg(struct parse_ctx *ctx, enum decl_kind kind, const char *name,
		const struct srcpos *name_pos, struct ast_list *parts,
		const struct srcpos *pos);
void ast_let(struct parse_ctx *ctx, const char *name,
	     const struct srcpos *name_pos, struct ast_list *params,
	     const char *type,
	     const struct srcpos *type_pos, struct expr *value,
	     const struct srcpos *pos);
void ast_register(struct parse_ctx *ctx, const struct tok_str *name,
		  const struct srcpos *name_pos, struct ast_list *jobs,
		  const struct srcpos *pos);

struct expr *ast_name(struct parse_ctx *ctx, const char *name,
		      const struct srcpos *pos);
struct expr *ast_apply(struct parse_ctx *ctx, const char *fn,
		       const struct srcpos *fn_pos, struct ast_list *args,
		       const struct srcpos *pos);
struct call_arg *ast_call_arg(struct parse_ctx *ctx, const char *name,
			      const struct srcpos *name_pos,
			      struct expr *value);
struct expr *ast_string(struct parse_ctx *ctx, const struct tok_str *s,
			const struct srcpos *pos);
struct expr *ast_int(struct parse_ctx *ctx, const struct tok_int *t,
		     const struct srcpos *pos);
struct expr *ast_bool(struct parse_ctx *ctx, bool b,
		      const struct srcpos *pos);
struct expr *ast_noop(struct parse_ctx *ctx, const struct srcpos *pos);
struct expr *ast_listx(struct parse_ctx *ctx, struct ast_list *items,
		       const struct srcpos *pos);
struct expr *ast_if(struct parse_ctx *ctx, struct cond *c,
		    struct expr *then_e, struct expr *else_e,
		    const struct srcpos *pos);
struct expr *ast_match(struct parse_ctx *ctx, const char *key,
		       const struct srcpos *key_pos, struct ast_list *arms,
		       const struct srcpos *pos);
struct arm *ast_arm(struct parse_ctx *ctx, struct ast_list *pats,
		    const struct srcpos *pats_pos,
		    const struct srcpos *arrow_pos, struct expr *body);
struct pattern *ast_pattern(struct parse_ctx *ctx, enum pat_kind kind,
			    const char *name, const struct srcpos *pos);

struct cond *ast_cond_bin(struct parse_ctx *ctx, enum cond_kind kind,
			  struct cond *l, struct cond *r,
			  const struct srcpos *pos);
struct cond *ast_cond_not(struct parse_ctx *ctx, struct cond *c,
			  const struct srcpos *pos);
struct cond *ast_cond_paren(struct parse_ctx *ctx, struct cond *c,
			    const struct srcpos *pos);
struct cond *ast_cond_key(struct parse_ctx *ctx, const char *key,
			  const struct srcpos *pos);
struct pattern *ast_pattern_lit(struct parse_ctx *ctx, struct expr *lit);
struct cond *ast_cond_cmp(struct parse_ctx *ctx, int op, const char *key,
			  const struct srcpos *key_pos, struct expr *rhs,
			  const struct srcpos *pos);
struct cond *ast_cond_in(struct parse_ctx *ctx, const char *key,
			 const struct srcpos *key_pos, struct ast_list *values,
			 const struct srcpos *pos);

#endif
