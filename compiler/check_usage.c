/* SPDX-License-Identifier: MIT */
/*
 * check_usage.c - the usage pass: `unused` warnings.
 *
 * Input: the checked program (check_expr.c hung the resolved impl on each
 * application; load.c's lookups noted which files are referenced from
 * others).  Output: the `used` marks on lets, impls, keys and args that
 * the register reaches, and a warning for each let, key or runtime arg
 * of the user's files that it does not reach and for each import nothing
 * of which is used.  A program with errors gets none of these.
 */
#include <string.h>

#include "sema.h"

/* A let that was never checked (it is unreachable from any check) still
 * gets its info, so that it can be marked. */
static struct let_info *let_info(struct program *p, struct decl *d)
{
	if (!d->sema)
		d->sema = arena_alloc(p->arena, sizeof(struct let_info));
	return d->sema;
}

struct walker {
	struct program *p;
	VEC(struct expr *) todo;
};

static void mark_impl(struct walker *w, struct decl *d)
{
	struct impl_info *ii = d->sema;

	if (!ii || ii->used)
		return;
	ii->used = true;
	for (size_t i = 0; i < d->u.impl.nparams; i++)
		if (d->u.impl.params[i].def)
			vec_push(w->p->arena, &w->todo, d->u.impl.params[i].def);
	for (size_t i = 0; ii->f_deps && i < ii->f_deps->nvalues; i++)
		vec_push(w->p->arena, &w->todo, ii->f_deps->values[i]);
	for (size_t i = 0; i < ii->nruntime_args; i++)
		((struct keyarg_info *)ii->runtime_args[i]->sema)->used = true;
}

static void mark_decl(struct walker *w, struct decl *d)
{
	if (!d)
		return;
	if (d->kind == DECL_LET) {
		struct let_info *li = let_info(w->p, d);
		if (!li->used) {
			li->used = true;
			vec_push(w->p->arena, &w->todo, d->u.let.value);
		}
	} else if (d->kind == DECL_IMPL || d->kind == DECL_JOB) {
		mark_impl(w, d);
	} else if (d->kind == DECL_KEY && d->sema) {
		((struct keyarg_info *)d->sema)->used = true;
	}
}

static void mark_name(struct walker *w, const char *name)
{
	mark_decl(w, hmap_get(&w->p->names, name));
}

static void mark_cond(struct walker *w, struct cond *c)
{
	if (!c)
		return;
	if (c->key)
		mark_name(w, c->key);
	mark_cond(w, c->l);
	mark_cond(w, c->r);
}

/* Iterative, so that long chains of lets do not exhaust the C stack. */
static void walk_used(struct walker *w)
{
	while (w->todo.len) {
		struct expr *e = w->todo.items[--w->todo.len];
		if (w->todo.len)	/* the next one, read while this is */
			PREFETCH(w->todo.items[w->todo.len - 1]);
		switch (e->kind) {
		case EXPR_NAME:
			mark_decl(w, resolve_name(w->p, e));
			break;
		case EXPR_APPLY:
			/* check_apply's lookup of the name, when it ran. */
			if (e->sema)
				mark_decl(w, ((struct apply_info *)e->sema)->impl);
			else
				mark_name(w, e->u.apply.fn);
			for (size_t i = 0; i < e->u.apply.nargs; i++)
				vec_push(w->p->arena, &w->todo,
					 e->u.apply.args[i].value);
			break;
		case EXPR_LIST:
			for (size_t i = 0; i < e->u.list.n; i++)
				vec_push(w->p->arena, &w->todo, e->u.list.items[i]);
			break;
		case EXPR_IF:
			mark_cond(w, e->u.ifx.cond);
			vec_push(w->p->arena, &w->todo, e->u.ifx.then_e);
			vec_push(w->p->arena, &w->todo, e->u.ifx.else_e);
			break;
		case EXPR_MATCH:
			mark_name(w, e->u.match.key);
			for (size_t i = 0; i < e->u.match.narms; i++)
				vec_push(w->p->arena, &w->todo,
					 e->u.match.arms[i].body);
			break;
		default:
			break;
		}
	}
}

static bool import_used(struct program *p, struct srcfile *f, int depth)
{
	struct ast_file *af;

	if (!f)
		return true;	/* not loaded: already reported */
	if (p->file_referenced[f->index])
		return true;
	af = p->files.items[f->index];
	for (size_t i = 0; depth < 64 && i < af->imports.len; i++)
		if (import_used(p, af->imports.items[i]->file, depth + 1))
			return true;
	return false;
}

static void report_unused(struct program *p)
{
	/* A program with errors is often half-written: what it does not
	 * use yet is noise next to what is wrong. */
	if (diag_has_errors(p->diag))
		return;
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		bool used;

		if (i + 8 < p->decls.len)
			PREFETCH(p->decls.items[i + 8]);
		if (!d->file || d->file->is_prelude)
			continue;
		if (d->kind == DECL_LET)
			used = !d->sema || ((struct let_info *)d->sema)->used;
		else if (d->kind == DECL_KEY || d->kind == DECL_ARG)
			used = !d->sema || ((struct keyarg_info *)d->sema)->used;
		else
			continue;
		if (!used)
			diag_report(p->diag, CHK_UNUSED, &d->name_pos,
				    "%s '%s' is never used by the program",
				    resolve_decl_kind_name(d->kind), d->name);
	}
	for (size_t i = 0; i < p->files.len; i++) {
		struct ast_file *af = p->files.items[i];
		if (af->src->is_prelude)
			continue;
		for (size_t j = 0; j < af->imports.len; j++) {
			struct import *im = af->imports.items[j];
			if (!import_used(p, im->file, 0))
				diag_report(p->diag, CHK_UNUSED, &im->pos,
					    "nothing from import '%s' is used",
					    im->path);
		}
	}
}

void check_usage(struct program *p)
{
	struct walker w = {p, {0}};

	if (p->reg)
		for (size_t i = 0; i < p->reg->njobs; i++)
			vec_push(p->arena, &w.todo, p->reg->jobs[i]);
	walk_used(&w);
	report_unused(p);
}
