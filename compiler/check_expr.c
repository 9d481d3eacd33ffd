/* SPDX-License-Identifier: MIT */
/*
 * check_expr.c - typing of expressions: names, applications (positional,
 * named and default arguments), if/match with exhaustiveness, lets with
 * cycle detection, parameter defaults, deps and the register.
 *
 * Input: the program with its declarations checked (check_decl.c: each
 * impl's parameter types, each key's type).  Output: expr->sema on every
 * application (the impl and the bound arguments) and decl->sema of every
 * let (its type); type-mismatch, unknown-name, non-exhaustive and cycle
 * diagnostics.
 */
#include <string.h>

#include "sema.h"

#define WANT(k) (1u << (k))
#define WANT_VALUE (WANT(DECL_LET) | WANT(DECL_IMPL) | WANT(DECL_JOB) | \
		    WANT(DECL_KEY))

static const struct ty ty_error = {TY_ERROR, NULL};

bool check_expr_enter(struct program *p, const struct srcpos *pos)
{
	if (p->depth >= SEMA_MAX_DEPTH) {
		if (!p->depth_reported)
			diag_report(p->diag, CHK_LIMIT, pos,
				    "definitions nested more than %d levels "
				    "deep", SEMA_MAX_DEPTH);
		p->depth_reported = true;
		return false;
	}
	p->depth++;
	return true;
}

void check_expr_leave(struct program *p)
{
	p->depth--;
}

const char *check_expr_ty_text(const struct ty *t)
{
	switch (t->kind) {
	case TY_DEVICE: return t->sig->name;
	case TY_BOOL: return "bool";
	case TY_INT: return "int";
	case TY_STRING: return "string";
	case TY_ENUM: return "enum";
	case TY_LIST: return "list";
	case TY_ERROR: break;
	}
	return "?";
}

/* "a TIME device", "a string": for messages. */
const char *check_expr_phrase(struct program *p, const struct ty *t)
{
	if (t->kind == TY_DEVICE)
		return t->sig == p->job_sig ? "a job"
			: arena_printf(p->arena, "a %s device", t->sig->name);
	if (t->kind == TY_ENUM)
		return "an enum value";
	if (t->kind == TY_INT)
		return "an int";
	return arena_printf(p->arena, "a %s", check_expr_ty_text(t));
}

/* An unknown name, with a suggestion, unless it may be one that did not
 * load. */
void check_expr_unknown(struct program *p, const char *name,
			   const struct srcpos *pos, unsigned want)
{
	const char *s;

	if (resolve_quiet_unknown(p, name))
		return;
	s = resolve_suggest(p, name, want);
	diag_report(p->diag, CHK_UNKNOWN_NAME, pos, "unknown name '%s'%s%s%s",
		    name, s ? " (did you mean '" : "", s ? s : "",
		    s ? "'?)" : "");
}

struct ty check_expr_device(struct decl *sig)
{
	struct ty t = {TY_DEVICE, sig};
	return t;
}

static struct ty key_type(struct decl *k)
{
	struct ty t = {TY_ERROR, NULL};
	struct keyarg_info *ki = k->sema;

	if (!k->u.ka.type || (ki && !ki->ok && k->kind == DECL_KEY &&
			      k->file))
		return t;
	switch (k->u.ka.type->kind) {
	case VT_BOOL: t.kind = TY_BOOL; break;
	case VT_INT: t.kind = TY_INT; break;
	case VT_STRING: t.kind = TY_STRING; break;
	case VT_ENUM: t.kind = TY_ENUM; break;
	default: break;
	}
	return t;
}

/* ---- lets ---------------------------------------------------------------------- */

static struct let_info *let_info(struct program *p, struct decl *d)
{
	if (!d->sema)
		d->sema = arena_alloc(p->arena, sizeof(struct let_info));
	return d->sema;
}

static void report_let_cycle(struct program *p, struct decl *d)
{
	struct strbuf sb;
	size_t start = p->let_stack.len;

	while (start > 0 && p->let_stack.items[start - 1] != d)
		start--;
	start = start ? start - 1 : 0;
	sb_init(&sb);
	for (size_t i = start; i < p->let_stack.len; i++) {
		struct decl *l = p->let_stack.items[i];
		sb_printf(&sb, "%s -> ", l->name);
		let_info(p, l)->in_cycle = true;
	}
	sb_puts(&sb, d->name);
	diag_report(p->diag, CHK_CYCLE, &d->name_pos,
		    "let '%s' depends on itself: %s", d->name, sb.buf);
	for (size_t i = start + 1; i < p->let_stack.len; i++) {
		struct decl *l = p->let_stack.items[i];
		diag_note(p->diag, &l->name_pos, "'%s' is defined here",
			  l->name);
	}
	sb_free(&sb);
}

static void check_fit(struct program *p, const struct ty *want,
		      const struct ty *t, const struct expr *e,
		      bool is_default, const char *param, const char *fn);

/* The types of a let's parameters (as an impl's), and their defaults. */
static void check_let_params(struct program *p, struct decl *d,
			     struct let_info *li)
{
	size_t n = d->u.let.nparams;

	li->param_types = arena_alloc(p->arena, (n + 1) * sizeof(struct ty));
	for (size_t k = 0; k < n; k++) {
		struct param *pa = &d->u.let.params[k];
		struct ty *t = &li->param_types[k];
		struct decl *sd;

		for (size_t j = 0; j < k; j++)
			if (!strcmp(d->u.let.params[j].name, pa->name))
				diag_report(p->diag, CHK_DUPLICATE_DEFINITION,
					    &pa->name_pos, "parameter '%s' is "
					    "declared twice", pa->name);
		if (!strcmp(pa->type, "string")) {
			t->kind = TY_STRING;
		} else if (!strcmp(pa->type, "int")) {
			t->kind = TY_INT;
		} else if (!strcmp(pa->type, "bool")) {
			t->kind = TY_BOOL;
		} else if (!strcmp(pa->type, "job")) {
			*t = check_expr_device(p->job_sig);
		} else if ((sd = resolve_lookup(p, pa->type, &pa->type_pos)) &&
			   sd->kind == DECL_SIGNATURE) {
			*t = check_expr_device(sd);
		} else {
			if (!sd)
				check_expr_unknown(p, pa->type, &pa->type_pos,
					       WANT(DECL_SIGNATURE));
			else
				diag_report(p->diag, CHK_TYPE_MISMATCH,
					    &pa->type_pos, "a parameter type "
					    "is string, int, bool or a "
					    "signature; '%s' is %s", pa->type,
					    util_a_an(p->arena, resolve_decl_kind_name(sd->kind)));
			*t = ty_error;
		}
		if (pa->def) {
			struct ty dt = check_expr(p, pa->def, t->kind == TY_DEVICE
						  ? t->sig : NULL);
			check_fit(p, t, &dt, pa->def, true, pa->name, d->name);
		}
	}
}

static struct ty check_let(struct program *p, struct decl *d)
{
	struct let_info *li = let_info(p, d);
	struct decl *annot = NULL;
	struct ty t;

	if (li->state == 2)
		return li->ty;
	if (li->state == 1) {
		if (!li->in_cycle)
			report_let_cycle(p, d);
		return ty_error;
	}
	if (!check_expr_enter(p, &d->name_pos))
		return ty_error;
	li->state = 1;
	vec_push(p->arena, &p->let_stack, d);
	struct decl *saved_scope = p->scope_let;
	/* A let's value sees the let's own parameters, nothing else local:
	 * defaults and parameterless lets are of the global scope. */
	p->scope_let = NULL;
	if (d->u.let.has_params)
		check_let_params(p, d, li);
	if (d->u.let.type) {
		annot = resolve_lookup(p, d->u.let.type, &d->u.let.type_pos);
		if (!annot && !strcmp(d->u.let.type, "job")) {
			annot = p->job_sig;
		} else if (!annot) {
			check_expr_unknown(p, d->u.let.type, &d->u.let.type_pos,
				       WANT(DECL_SIGNATURE));
		} else if (annot->kind != DECL_SIGNATURE) {
			diag_report(p->diag, CHK_TYPE_MISMATCH,
				    &d->u.let.type_pos, "the type of a let "
				    "must be a signature, but '%s' is %s",
				    annot->name,
				    util_a_an(p->arena, resolve_decl_kind_name(annot->kind)));
			annot = NULL;
		}
	}
	p->scope_let = d->u.let.has_params ? d : NULL;
	t = check_expr(p, d->u.let.value, annot);
	p->scope_let = saved_scope;
	if (annot && t.kind != TY_ERROR) {
		if (t.kind != TY_DEVICE || !check_sig_is_subtype(t.sig, annot))
			diag_report(p->diag, CHK_TYPE_MISMATCH,
				    &d->u.let.value->pos, "let '%s' is "
				    "declared as %s but its value is %s",
				    d->name, annot->name, check_expr_phrase(p, &t));
		t = check_expr_device(annot);
	}
	if (t.kind == TY_LIST) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, &d->u.let.value->pos,
			    "a list can only appear in 'register'");
		t = ty_error;
	}
	p->let_stack.len--;
	li->ty = li->in_cycle ? ty_error : t;
	li->state = 2;
	check_expr_leave(p);
	return li->ty;
}

/* ---- defaults -------------------------------------------------------------------- */

/*
 * A default is an expression of the global scope, used wherever its
 * parameter is left out.  Walking the lets it reaches from the place of
 * use finds cycles such as `let s = f();` with `impl f(x: S = s)`.
 */
static void walk_default_deps(struct program *p, struct expr *e);

static void walk_param_default(struct program *p, struct decl *d, size_t k)
{
	struct impl_info *ii = d->sema;
	struct param *pa = &d->u.impl.params[k];

	if (!ii || !pa->def || ii->param_state[k] == 2)
		return;
	if (ii->param_state[k] == 1) {
		diag_report(p->diag, CHK_CYCLE, &pa->def->pos, "the default "
			    "of parameter '%s' of '%s' depends on itself",
			    pa->name, d->name);
		ii->param_state[k] = 2;
		return;
	}
	ii->param_state[k] = 1;
	if (check_expr_enter(p, &pa->def->pos)) {
		walk_default_deps(p, pa->def);
		check_expr_leave(p);
	}
	ii->param_state[k] = 2;
}

static void walk_impl_defaults(struct program *p, struct decl *d,
			       const struct call_arg *args, size_t nargs)
{
	for (size_t k = 0; k < d->u.impl.nparams; k++) {
		bool bound = false;
		for (size_t i = 0, pos = 0; i < nargs && !bound; i++)
			bound = args[i].name ? !strcmp(args[i].name,
						       d->u.impl.params[k].name)
					     : pos++ == k;
		if (!bound)
			walk_param_default(p, d, k);
	}
}

static void walk_default_deps(struct program *p, struct expr *e)
{
	struct decl *d;

	switch (e->kind) {
	case EXPR_NAME:
		d = resolve_name(p, e);
		if (d && d->kind == DECL_LET)
			check_let(p, d);
		else if (d && (d->kind == DECL_IMPL || d->kind == DECL_JOB))
			walk_impl_defaults(p, d, NULL, 0);
		break;
	case EXPR_APPLY:
		/* check_apply's resolve_lookup of the name, when it ran. */
		d = e->sema ? ((struct apply_info *)e->sema)->impl
			    : hmap_get(&p->names, e->u.apply.fn);
		if (d && (d->kind == DECL_IMPL || d->kind == DECL_JOB))
			walk_impl_defaults(p, d, e->u.apply.args,
					   e->u.apply.nargs);
		for (size_t i = 0; i < e->u.apply.nargs; i++)
			walk_default_deps(p, e->u.apply.args[i].value);
		break;
	case EXPR_LIST:
		for (size_t i = 0; i < e->u.list.n; i++)
			walk_default_deps(p, e->u.list.items[i]);
		break;
	case EXPR_IF:
		walk_default_deps(p, e->u.ifx.then_e);
		walk_default_deps(p, e->u.ifx.else_e);
		break;
	case EXPR_MATCH:
		for (size_t i = 0; i < e->u.match.narms; i++)
			walk_default_deps(p, e->u.match.arms[i].body);
		break;
	default:
		break;
	}
}

/* ---- arguments ------------------------------------------------------------------ */

/*
 * Does a value of type `t` fit a parameter of type `want`?  Reports if not,
 * naming the parameter and the callee; the text is only made then, as
 * this runs for every argument of a program.
 */
static const char *fit_what(struct program *p, bool is_default,
			    const char *param, const char *fn)
{
	return is_default
		? arena_printf(p->arena, "the default of parameter '%s' of '%s'",
			       param, fn)
		: arena_printf(p->arena, "argument '%s' of '%s'", param, fn);
}

static void check_fit(struct program *p, const struct ty *want,
		      const struct ty *t, const struct expr *e,
		      bool is_default, const char *param, const char *fn)
{
	const char *what;

	if (t->kind == TY_ERROR || want->kind == TY_ERROR)
		return;
	if (want->kind == TY_DEVICE && t->kind == TY_DEVICE) {
		if (check_sig_is_subtype(t->sig, want->sig))
			return;
		what = fit_what(p, is_default, param, fn);
		diag_report(p->diag, CHK_TYPE_MISMATCH, &e->pos,
			    "%s expects %s, got %s", what, want->sig->name,
			    t->sig->name);
		struct apply_info *ai = e->sema;
		if (ai && ai->impl && (e->kind == EXPR_APPLY ||
				       e->kind == EXPR_NAME))
			diag_note(p->diag, resolve_decl_where(ai->impl),
				  "'%s' is declared here with result %s",
				  ai->impl->name, t->sig->name);
		return;
	}
	if (want->kind == t->kind && want->kind != TY_DEVICE)
		return;
	what = fit_what(p, is_default, param, fn);
	diag_report(p->diag, CHK_TYPE_MISMATCH, &e->pos, "%s expects %s, got %s",
		    what, check_expr_phrase(p, want), check_expr_phrase(p, t));
}

static struct ty check_apply(struct program *p, struct expr *e,
			     const char *fn, const struct srcpos *fn_pos,
			     struct call_arg *args, size_t nargs)
{
	struct decl *d = resolve_lookup(p, fn, fn_pos);
	struct impl_info *ii;
	struct apply_info *ai;
	size_t npos = 0;
	bool bad = false;

	if (hmap_get(&p->dups, fn)) {
		for (size_t i = 0; i < nargs; i++)
			check_expr(p, args[i].value, NULL);
		return ty_error;	/* reported as a duplicate */
	}
	bool callable = d && (d->kind == DECL_IMPL || d->kind == DECL_JOB ||
			      (d->kind == DECL_LET && d->u.let.has_params));

	for (size_t i = 0; i < nargs; i++)	/* type args even on error */
		if (!callable)
			check_expr(p, args[i].value, NULL);
	if (!d) {
		check_expr_unknown(p, fn, fn_pos, WANT(DECL_IMPL) | WANT(DECL_JOB));
		return ty_error;
	}
	if (!callable) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, fn_pos, "'%s' is %s "
			    "and cannot be applied; only impls, jobs and lets "
			    "with parameters can",
			    fn, util_a_an(p->arena, resolve_decl_kind_name(d->kind)));
		diag_note(p->diag, resolve_decl_where(d), "'%s' is declared here",
			  fn);
		return ty_error;
	}
	/* Impls, jobs and lets with parameters bind arguments alike. */
	struct param *params;
	size_t nparams;
	struct ty *types, result = ty_error;
	if (d->kind == DECL_LET) {
		result = check_let(p, d);
		params = d->u.let.params;
		nparams = d->u.let.nparams;
		types = ((struct let_info *)d->sema)->param_types;
	} else {
		ii = d->sema;
		params = d->u.impl.params;
		nparams = d->u.impl.nparams;
		types = ii->param_types;
		if (ii->result)
			result = check_expr_device(ii->result);
	}
	ai = arena_alloc(p->arena, sizeof(*ai));
	ai->impl = d;
	ai->bound = arena_alloc(p->arena, (nparams + 1) *
				sizeof(struct expr *));
	e->sema = ai;
	for (size_t i = 0; i < nargs; i++) {
		struct call_arg *a = &args[i];
		size_t k;

		if (!a->name) {
			k = npos++;
			if (k >= nparams) {
				diag_report(p->diag, CHK_ARITY, &a->value->pos,
					    "too many arguments: '%s' takes %zu",
					    fn, nparams);
				diag_note(p->diag, resolve_decl_where(d),
					  "'%s' is declared here", fn);
				check_expr(p, a->value, NULL);
				bad = true;
				continue;
			}
		} else {
			for (k = 0; k < nparams; k++)
				if (!strcmp(params[k].name, a->name))
					break;
			if (k == nparams) {
				diag_report(p->diag, CHK_ARITY, &a->name_pos,
					    "'%s' has no parameter named '%s'",
					    fn, a->name);
				diag_note(p->diag, resolve_decl_where(d),
					  "'%s' is declared here", fn);
				check_expr(p, a->value, NULL);
				bad = true;
				continue;
			}
		}
		struct param *pa = &params[k];
		if (ai->bound[k]) {
			diag_report(p->diag, CHK_ARITY, a->name ? &a->name_pos
				    : &a->value->pos, "argument '%s' of '%s' "
				    "is given twice", pa->name, fn);
			bad = true;
		}
		ai->bound[k] = a->value;
		struct ty want = types ? types[k] : ty_error;
		struct ty t = check_expr(p, a->value,
					 want.kind == TY_DEVICE ? want.sig : NULL);
		check_fit(p, &want, &t, a->value, false, pa->name, fn);
	}
	for (size_t k = 0; k < nparams; k++) {
		if (!ai->bound[k] && !params[k].def) {
			diag_report(p->diag, CHK_ARITY, &e->pos,
				    "missing argument '%s' of '%s'",
				    params[k].name, fn);
			diag_note(p->diag, &params[k].name_pos,
				  "parameter '%s' has no default",
				  params[k].name);
			bad = true;
		}
	}
	if (bad || result.kind == TY_ERROR)
		return ty_error;
	if (d->kind != DECL_LET)
		walk_impl_defaults(p, d, args, nargs);
	return result;
}

static struct ty check_name(struct program *p, struct expr *e)
{
	const char *n = e->u.name.name;
	struct decl *d = resolve_lookup_name(p, e);

	if (p->scope_let) {
		struct decl *sl = p->scope_let;
		struct let_info *sli = sl->sema;
		for (size_t k = 0; k < sl->u.let.nparams; k++)
			if (!strcmp(sl->u.let.params[k].name, n))
				return sli->param_types[k];
	}
	if (hmap_get(&p->dups, n))
		return ty_error;	/* reported as a duplicate */
	if (!d && (d = hmap_get(&p->args, n)) == NULL) {
		check_expr_unknown(p, n, &e->pos, WANT_VALUE);
		return ty_error;
	}
	switch (d->kind) {
	case DECL_LET:
		if (!d->u.let.has_params)
			return check_let(p, d);
		for (size_t i = 0; i < d->u.let.nparams; i++) {
			if (!d->u.let.params[i].def) {
				diag_report(p->diag, CHK_NOT_APPLIED, &e->pos,
					    "let '%s' takes arguments: apply "
					    "it, as in %s(...)", n, n);
				diag_note(p->diag, resolve_decl_where(d),
					  "'%s' is declared here", n);
				return ty_error;
			}
		}
		return check_apply(p, e, n, &e->pos, NULL, 0);
	case DECL_IMPL:
	case DECL_JOB:
		for (size_t i = 0; i < d->u.impl.nparams; i++) {
			if (!d->u.impl.params[i].def) {
				diag_report(p->diag, CHK_NOT_APPLIED, &e->pos,
					    "%s '%s' takes arguments: apply "
					    "it, as in %s(...)",
					    resolve_decl_kind_name(d->kind), n, n);
				diag_note(p->diag, resolve_decl_where(d),
					  "'%s' is declared here", n);
				return ty_error;
			}
		}
		return check_apply(p, e, n, &e->pos, NULL, 0);
	case DECL_KEY:
		return key_type(d);
	case DECL_ARG:
		diag_report(p->diag, CHK_TYPE_MISMATCH, &e->pos, "'%s' is a "
			    "runtime arg: it reaches C code through the "
			    "'args' field of an impl or job, not as a value", n);
		return ty_error;
	case DECL_SIGNATURE:
	case DECL_CTYPE:
		diag_report(p->diag, CHK_TYPE_MISMATCH, &e->pos,
			    "'%s' is %s, not a device or value", n,
			    util_a_an(p->arena, resolve_decl_kind_name(d->kind)));
		return ty_error;
	}
	return ty_error;
}

struct ty check_expr(struct program *p, struct expr *e, struct decl *expect)
{
	struct ty t = ty_error;

	if (!check_expr_enter(p, &e->pos))
		return ty_error;
	switch (e->kind) {
	case EXPR_NAME:
		t = check_name(p, e);
		break;
	case EXPR_APPLY:
		t = check_apply(p, e, e->u.apply.fn, &e->u.apply.fn_pos,
				e->u.apply.args, e->u.apply.nargs);
		break;
	case EXPR_STRING:
		t.kind = TY_STRING;
		break;
	case EXPR_INT:
		t.kind = TY_INT;
		break;
	case EXPR_BOOL:
		t.kind = TY_BOOL;
		break;
	case EXPR_NOOP:
		t = check_expr_device(p->job_sig);
		break;
	case EXPR_LIST:
		for (size_t i = 0; i < e->u.list.n; i++)
			check_expr(p, e->u.list.items[i], NULL);
		t.kind = TY_LIST;
		break;
	case EXPR_IF:
		t = check_choice_if(p, e, expect);
		break;
	case EXPR_MATCH:
		t = check_choice_match(p, e, expect);
		break;
	}
	check_expr_leave(p);
	return t;
}

void check_exprs(struct program *p)
{
	/* Lets in declaration order: a program that defines before it uses
	 * is checked without deep recursion. */
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if (i + 8 < p->decls.len)
			PREFETCH(p->decls.items[i + 8]);
		if (d->kind == DECL_LET)
			check_let(p, d);
	}
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if (i + 8 < p->decls.len)
			PREFETCH(p->decls.items[i + 8]);
		struct impl_info *ii = d->sema;
		if ((d->kind != DECL_IMPL && d->kind != DECL_JOB) || !ii)
			continue;
		for (size_t k = 0; k < d->u.impl.nparams; k++) {
			struct param *pa = &d->u.impl.params[k];
			struct ty want = ii->param_types[k], t;
			if (!pa->def)
				continue;
			t = check_expr(p, pa->def, want.kind == TY_DEVICE
					? want.sig : NULL);
			check_fit(p, &want, &t, pa->def, true, pa->name,
				  d->name);
		}
		for (size_t k = 0; ii->f_deps && k < ii->f_deps->nvalues; k++) {
			struct expr *de = ii->f_deps->values[k];
			struct ty t = check_expr(p, de, NULL);
			if (t.kind != TY_DEVICE && t.kind != TY_ERROR)
				diag_report(p->diag, CHK_TYPE_MISMATCH, &de->pos,
					    "'deps' lists devices, got %s",
					    check_expr_phrase(p, &t));
		}
	}
	if (p->reg) {
		for (size_t i = 0; i < p->reg->njobs; i++) {
			struct expr *je = p->reg->jobs[i];
			struct ty t = check_expr(p, je, p->job_sig);
			if (t.kind != TY_ERROR &&
			    (t.kind != TY_DEVICE || t.sig != p->job_sig))
				diag_report(p->diag, CHK_TYPE_MISMATCH, &je->pos,
					    "'register' lists jobs, got %s",
					    check_expr_phrase(p, &t));
		}
	}
}
