/* SPDX-License-Identifier: MIT */
/*
 * ast_expr.c - the syntax-tree builders of expressions, patterns and
 * conditions, called by the grammar actions of grammar/parser.y (parse.h
 * declares them).  As in ast.c: they check what needs the whole
 * construct (positional arguments before named ones), never recurse, and
 * leave out of the tree what is too broken to keep.
 */
#include <string.h>

#include "ast.h"
#include "parser.h"	/* and parse.h */

/* ---- expressions -------------------------------------------------------- */

static struct expr *new_expr(struct parse_ctx *ctx, enum expr_kind kind,
			     const struct srcpos *pos)
{
	struct expr *e = parse_node(ctx, sizeof(*e));

	e->kind = kind;
	e->pos = *pos;
	return e;
}

struct expr *ast_name(struct parse_ctx *ctx, const char *name,
		      const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_NAME, pos);

	e->u.name.name = name;
	return e;
}

struct call_arg *ast_call_arg(struct parse_ctx *ctx, const char *name,
			      const struct srcpos *name_pos,
			      struct expr *value)
{
	struct call_arg *a = parse_node(ctx, sizeof(*a));

	a->name = name;
	a->name_pos = parse_pos_of(name_pos);
	a->value = value;
	return a;
}

struct expr *ast_apply(struct parse_ctx *ctx, const char *fn,
		       const struct srcpos *fn_pos, struct ast_list *args,
		       const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_APPLY, pos);
	bool named = false;

	e->u.apply.fn = fn;
	e->u.apply.fn_pos = *fn_pos;
	/* Positional arguments after named ones are dropped once reported. */
	for (size_t i = 0; i < args->len; i++) {
		struct call_arg *a = args->items[i];

		if (a->name) {
			named = true;
		} else if (named) {
			parse_report(ctx, CHK_SYNTAX, &a->value->pos,
				     "positional argument after named "
				     "argument");
			args->items[i] = NULL;
		}
	}
	e->u.apply.args = parse_unpack(ctx, args, sizeof(*e->u.apply.args),
				 &e->u.apply.nargs);
	return e;
}

struct expr *ast_string(struct parse_ctx *ctx, const struct tok_str *s,
			const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_STRING, pos);

	e->u.str.s = s->s;
	e->u.str.len = s->len;
	return e;
}

struct expr *ast_int(struct parse_ctx *ctx, const struct tok_int *t,
		     const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_INT, pos);

	e->u.ival = t->v;
	return e;
}

struct expr *ast_bool(struct parse_ctx *ctx, bool b,
		      const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_BOOL, pos);

	e->u.bval = b;
	return e;
}

struct expr *ast_noop(struct parse_ctx *ctx, const struct srcpos *pos)
{
	return new_expr(ctx, EXPR_NOOP, pos);
}

struct expr *ast_listx(struct parse_ctx *ctx, struct ast_list *items,
		       const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_LIST, pos);

	e->u.list.items = parse_expr_array(ctx, items, &e->u.list.n);
	return e;
}

struct expr *ast_if(struct parse_ctx *ctx, struct cond *c,
		    struct expr *then_e, struct expr *else_e,
		    const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_IF, pos);

	e->u.ifx.cond = c;
	e->u.ifx.then_e = then_e;
	e->u.ifx.else_e = else_e;
	return e;
}

struct expr *ast_match(struct parse_ctx *ctx, const char *key,
		       const struct srcpos *key_pos, struct ast_list *arms,
		       const struct srcpos *pos)
{
	struct expr *e = new_expr(ctx, EXPR_MATCH, pos);

	e->u.match.key = key;
	e->u.match.key_pos = *key_pos;
	e->u.match.arms = parse_unpack(ctx, arms, sizeof(*e->u.match.arms),
				 &e->u.match.narms);
	return e;
}

struct arm *ast_arm(struct parse_ctx *ctx, struct ast_list *pats,
		    const struct srcpos *pats_pos,
		    const struct srcpos *arrow_pos, struct expr *body)
{
	struct arm *a = parse_node(ctx, sizeof(*a));

	a->pats = parse_unpack(ctx, pats, sizeof(*a->pats), &a->npats);
	a->body = body;
	a->pos = parse_pos_join(pats_pos, arrow_pos);
	return a;
}

struct pattern *ast_pattern(struct parse_ctx *ctx, enum pat_kind kind,
			    const char *name, const struct srcpos *pos)
{
	struct pattern *p = parse_node(ctx, sizeof(*p));

	if (kind == PAT_NAME && strcmp(name, "_") == 0) {
		kind = PAT_WILD;
		name = NULL;
	}
	p->kind = kind;
	p->name = name;
	p->pos = *pos;
	return p;
}

/* An int or string literal as a match pattern (int and string keys). */
struct pattern *ast_pattern_lit(struct parse_ctx *ctx, struct expr *lit)
{
	struct pattern *p = parse_node(ctx, sizeof(*p));

	p->kind = lit->kind == EXPR_INT ? PAT_INT : PAT_STRING;
	p->lit = lit;
	p->pos = lit->pos;
	return p;
}

/* ---- conditions --------------------------------------------------------- */

static struct cond *new_cond(struct parse_ctx *ctx, enum cond_kind kind,
			     const struct srcpos *pos)
{
	struct cond *c = parse_node(ctx, sizeof(*c));

	c->kind = kind;
	c->pos = *pos;
	return c;
}

struct cond *ast_cond_bin(struct parse_ctx *ctx, enum cond_kind kind,
			  struct cond *l, struct cond *r,
			  const struct srcpos *pos)
{
	struct cond *c = new_cond(ctx, kind, pos);

	c->l = l;
	c->r = r;
	return c;
}

struct cond *ast_cond_not(struct parse_ctx *ctx, struct cond *c,
			  const struct srcpos *pos)
{
	struct cond *n = new_cond(ctx, COND_NOT, pos);

	n->l = c;
	return n;
}

/* Parentheses make no node; the inner one covers them. */
struct cond *ast_cond_paren(struct parse_ctx *ctx, struct cond *c,
			    const struct srcpos *pos)
{
	(void)ctx;
	c->pos = *pos;
	return c;
}

struct cond *ast_cond_key(struct parse_ctx *ctx, const char *key,
			  const struct srcpos *pos)
{
	struct cond *c = new_cond(ctx, COND_KEY, pos);

	c->key = key;
	c->key_pos = *pos;
	return c;
}

/* `key OP value`; op is a version_op, whose order COND_EQ... follows. */
struct cond *ast_cond_cmp(struct parse_ctx *ctx, int op, const char *key,
			  const struct srcpos *key_pos, struct expr *rhs,
			  const struct srcpos *pos)
{
	struct cond *c = new_cond(ctx, (enum cond_kind)(COND_EQ + op), pos);

	c->key = key;
	c->key_pos = *key_pos;
	c->rhs = rhs;
	/* An enum value is also kept as a name, as `in` keeps its values. */
	if (rhs->kind == EXPR_NAME) {
		c->values = parse_node(ctx, sizeof(*c->values));
		c->value_pos = parse_node(ctx, sizeof(*c->value_pos));
		c->values[0] = rhs->u.name.name;
		c->value_pos[0] = rhs->pos;
		c->nvalues = 1;
	}
	return c;
}

struct cond *ast_cond_in(struct parse_ctx *ctx, const char *key,
			 const struct srcpos *key_pos, struct ast_list *values,
			 const struct srcpos *pos)
{
	struct cond *c = new_cond(ctx, COND_IN, pos);
	size_t n = values->len;

	c->key = key;
	c->key_pos = *key_pos;
	c->values = parse_node(ctx, n * sizeof(*c->values));
	c->value_pos = parse_node(ctx, n * sizeof(*c->value_pos));
	for (size_t i = 0; i < n; i++) {
		struct name_ref *r = values->items[i];

		c->values[i] = r->name;
		c->value_pos[i] = r->pos;
	}
	c->nvalues = n;
	return c;
}
