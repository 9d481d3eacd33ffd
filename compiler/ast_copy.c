/* SPDX-License-Identifier: MIT */
/*
 * ast_copy.c - a deep copy of the top-level items of a syntax tree into
 * another arena, for another file, moved down by a number of lines.
 *
 * Input: items a parse left untouched (parse_incr.c keeps them from one
 * text of a file to the next).  Output: the same items as a fresh parse
 * of the new text would build them: every node copied (the passes after
 * the parse write into nodes: the `sema` pointers, resolved names), every
 * position in the new file and `dline` lines further down; strings are
 * never written, so they are shared.  A position without a file (no
 * position at all) stays as it is.
 */
#include <string.h>

#include "ast.h"

#define COPY_ARRAY(c, src, n) \
	((src) && (n) ? arena_memdup((c)->a, (src), (n) * sizeof(*(src))) \
	 : NULL)

static void pos_fix(const struct ast_copy *c, struct srcpos *p)
{
	if (!p->file)
		return;
	p->file = c->file;
	p->first_line += c->dline;
	p->last_line += c->dline;
}

static struct srcpos *pos_array(const struct ast_copy *c,
				const struct srcpos *src, size_t n)
{
	struct srcpos *out = COPY_ARRAY(c, src, n);

	for (size_t i = 0; out && i < n; i++)
		pos_fix(c, &out[i]);
	return out;
}

static struct expr *copy_expr(const struct ast_copy *c, const struct expr *e);

static struct expr **expr_array(const struct ast_copy *c,
				struct expr *const *src, size_t n)
{
	struct expr **out = COPY_ARRAY(c, src, n);

	for (size_t i = 0; out && i < n; i++)
		out[i] = copy_expr(c, src[i]);
	return out;
}

static struct cond *copy_cond(const struct ast_copy *c, const struct cond *s)
{
	struct cond *d;

	if (!s)
		return NULL;
	d = arena_memdup(c->a, s, sizeof(*d));
	pos_fix(c, &d->pos);
	pos_fix(c, &d->key_pos);
	d->l = copy_cond(c, s->l);
	d->r = copy_cond(c, s->r);
	d->values = COPY_ARRAY(c, s->values, s->nvalues);
	d->value_pos = pos_array(c, s->value_pos, s->nvalues);
	d->rhs = copy_expr(c, s->rhs);
	return d;
}

static struct arm *copy_arms(const struct ast_copy *c, const struct arm *s,
			     size_t n)
{
	struct arm *d = COPY_ARRAY(c, s, n);

	for (size_t i = 0; d && i < n; i++) {
		pos_fix(c, &d[i].pos);
		d[i].body = copy_expr(c, s[i].body);
		d[i].pats = COPY_ARRAY(c, s[i].pats, s[i].npats);
		for (size_t k = 0; d[i].pats && k < s[i].npats; k++) {
			pos_fix(c, &d[i].pats[k].pos);
			d[i].pats[k].lit = copy_expr(c, s[i].pats[k].lit);
		}
	}
	return d;
}

static struct expr *copy_expr(const struct ast_copy *c, const struct expr *s)
{
	struct expr *d;

	if (!s)
		return NULL;
	d = arena_memdup(c->a, s, sizeof(*d));
	d->sema = NULL;
	pos_fix(c, &d->pos);
	switch (s->kind) {
	case EXPR_NAME:
		d->u.name.global = NULL;
		d->u.name.looked_up = false;
		break;
	case EXPR_APPLY:
		pos_fix(c, &d->u.apply.fn_pos);
		d->u.apply.args = COPY_ARRAY(c, s->u.apply.args,
					     s->u.apply.nargs);
		for (size_t i = 0; d->u.apply.args && i < s->u.apply.nargs;
		     i++) {
			struct call_arg *a = &d->u.apply.args[i];
			pos_fix(c, &a->name_pos);
			a->value = copy_expr(c, s->u.apply.args[i].value);
		}
		break;
	case EXPR_LIST:
		d->u.list.items = expr_array(c, s->u.list.items, s->u.list.n);
		break;
	case EXPR_IF:
		d->u.ifx.cond = copy_cond(c, s->u.ifx.cond);
		d->u.ifx.then_e = copy_expr(c, s->u.ifx.then_e);
		d->u.ifx.else_e = copy_expr(c, s->u.ifx.else_e);
		break;
	case EXPR_MATCH:
		pos_fix(c, &d->u.match.key_pos);
		d->u.match.arms = copy_arms(c, s->u.match.arms,
					    s->u.match.narms);
		break;
	case EXPR_STRING:
	case EXPR_INT:
	case EXPR_BOOL:
	case EXPR_NOOP:
		break;
	}
	return d;
}

static void copy_cdecl(const struct ast_copy *c, struct cdecl *d)
{
	d->toks = COPY_ARRAY(c, d->toks, d->ntoks);
	for (size_t i = 0; d->toks && i < d->ntoks; i++)
		pos_fix(c, &d->toks[i].pos);
	pos_fix(c, &d->name_pos);
	pos_fix(c, &d->pos);
}

static void copy_sig(const struct ast_copy *c, struct sig_decl *d)
{
	d->parents = COPY_ARRAY(c, d->parents, d->nparents);
	for (size_t i = 0; d->parents && i < d->nparents; i++)
		pos_fix(c, &d->parents[i].pos);
	d->ops = COPY_ARRAY(c, d->ops, d->nops);
	for (size_t i = 0; d->ops && i < d->nops; i++) {
		struct op *op = &d->ops[i];
		copy_cdecl(c, &op->ret);
		op->params = COPY_ARRAY(c, op->params, op->nparams);
		for (size_t k = 0; op->params && k < op->nparams; k++)
			copy_cdecl(c, &op->params[k]);
		pos_fix(c, &op->pos);
	}
}

static struct param *copy_params(const struct ast_copy *c,
				 const struct param *s, size_t n)
{
	struct param *d = COPY_ARRAY(c, s, n);

	for (size_t i = 0; d && i < n; i++) {
		pos_fix(c, &d[i].name_pos);
		pos_fix(c, &d[i].type_pos);
		pos_fix(c, &d[i].pos);
		d[i].def = copy_expr(c, s[i].def);
	}
	return d;
}

static void copy_impl(const struct ast_copy *c, struct impl_decl *d)
{
	d->params = copy_params(c, d->params, d->nparams);
	pos_fix(c, &d->result_pos);
	d->fields = COPY_ARRAY(c, d->fields, d->nfields);
	for (size_t i = 0; d->fields && i < d->nfields; i++) {
		struct field *f = &d->fields[i];
		pos_fix(c, &f->name_pos);
		pos_fix(c, &f->pos);
		f->values = expr_array(c, f->values, f->nvalues);
	}
}

static struct vtype *copy_vtype(const struct ast_copy *c,
				const struct vtype *s)
{
	struct vtype *d;

	if (!s)
		return NULL;
	d = arena_memdup(c->a, s, sizeof(*d));
	d->elem = copy_vtype(c, s->elem);
	d->enum_values = COPY_ARRAY(c, s->enum_values, s->nenum);
	d->enum_pos = pos_array(c, s->enum_pos, s->nenum);
	pos_fix(c, &d->pos);
	return d;
}

struct decl *ast_copy_decl(const struct ast_copy *c, const struct decl *s)
{
	struct decl *d = arena_memdup(c->a, s, sizeof(*d));

	d->sema = NULL;
	d->file = c->file;
	pos_fix(c, &d->name_pos);
	pos_fix(c, &d->pos);
	switch (s->kind) {
	case DECL_SIGNATURE:
		copy_sig(c, &d->u.sig);
		break;
	case DECL_IMPL:
	case DECL_JOB:
		copy_impl(c, &d->u.impl);
		break;
	case DECL_KEY:
	case DECL_ARG:
		d->u.ka.type = copy_vtype(c, s->u.ka.type);
		d->u.ka.def = copy_expr(c, s->u.ka.def);
		break;
	case DECL_LET:
		d->u.let.params = copy_params(c, s->u.let.params,
					      s->u.let.nparams);
		pos_fix(c, &d->u.let.type_pos);
		d->u.let.value = copy_expr(c, s->u.let.value);
		break;
	case DECL_CTYPE:
		pos_fix(c, &d->u.ctype.header_pos);
		break;
	}
	return d;
}

struct import *ast_copy_import(const struct ast_copy *c,
			       const struct import *s)
{
	struct import *d = arena_memdup(c->a, s, sizeof(*d));

	d->file = NULL;
	d->used = false;
	pos_fix(c, &d->pos);
	return d;
}

struct register_item *ast_copy_register(const struct ast_copy *c,
					const struct register_item *s)
{
	struct register_item *d = arena_memdup(c->a, s, sizeof(*d));

	pos_fix(c, &d->name_pos);
	pos_fix(c, &d->pos);
	d->jobs = expr_array(c, s->jobs, s->njobs);
	return d;
}

struct require *ast_copy_require(const struct ast_copy *c,
				 const struct require *s)
{
	struct require *d = arena_memdup(c->a, s, sizeof(*d));

	pos_fix(c, &d->what_pos);
	pos_fix(c, &d->pos);
	d->cons = COPY_ARRAY(c, s->cons, s->ncons);
	for (size_t i = 0; d->cons && i < s->ncons; i++)
		pos_fix(c, &d->cons[i].pos);
	return d;
}
