/* SPDX-License-Identifier: MIT */
/*
 * eval.c - the evaluate pass: the program's graph for the chosen keys.
 *
 * Input: the checked program and the keys' values (keys.c).  Output: the
 * model's graph (struct graph): one node per distinct application, equal
 * applications shared (same impl, same arguments), and the registered
 * jobs as its roots.  Every if/match is resolved by the keys, or, for
 * `describe --no-eval`, kept as a choice node with all its branches.
 * The nodes are not yet ordered nor named: order.c does that.
 */
#include <string.h>

#include "sema.h"

struct evres;

/* The arguments of the let with parameters whose value is evaluated. */
struct eframe {
	struct decl *let;
	struct evres *args;
};

struct evaluator {
	struct program *p;
	struct eframe *env;	/* NULL: the global scope */
	bool evaluate;		/* resolve choices, or keep them */
	struct hmap share;	/* application identity -> gnode */
	size_t ncreated;
	struct gnode *noop;
};

struct evres {
	struct gnode *node;
	struct value *value;
};


/* ---- conditions ---------------------------------------------------------------- */

/* `value OP rhs` for a key's value and a checked literal of its type. */
static bool cmp_value(const struct value *v, enum cond_kind op,
		      const struct expr *rhs)
{
	int cmp;

	if (v->kind == VAL_INT) {
		cmp = v->i < rhs->u.ival ? -1 : v->i > rhs->u.ival;
	} else if (v->kind == VAL_STRING) {
		size_t n = v->len < rhs->u.str.len ? v->len : rhs->u.str.len;
		cmp = memcmp(v->s, rhs->u.str.s, n);
		if (!cmp)
			cmp = v->len < rhs->u.str.len ? -1
			      : v->len > rhs->u.str.len;
	} else {
		cmp = strcmp(v->s, rhs->u.name.name) != 0;
	}
	switch (op) {
	case COND_EQ: return cmp == 0;
	case COND_NE: return cmp != 0;
	case COND_LT: return cmp < 0;
	case COND_LE: return cmp <= 0;
	case COND_GT: return cmp > 0;
	default: return cmp >= 0;
	}
}

/* A condition under the chosen keys.  The checks made sure each key
 * named is a key of the right type, so lookups cannot fail here. */
static bool cond_value(struct program *p, const struct cond *c)
{
	struct decl *k;
	struct keyval *kv;

	switch (c->kind) {
	case COND_OR:
		return cond_value(p, c->l) || cond_value(p, c->r);
	case COND_AND:
		return cond_value(p, c->l) && cond_value(p, c->r);
	case COND_NOT:
		return !cond_value(p, c->l);
	default:
		break;
	}
	k = hmap_get(&p->names, c->key);
	kv = keys_kv(k);
	if (c->kind == COND_KEY)
		return kv->value.b;
	if (c->kind != COND_IN)
		return cmp_value(&kv->value, c->kind, c->rhs);
	for (size_t i = 0; i < c->nvalues; i++)
		if (!strcmp(kv->value.s, c->values[i]))
			return true;
	return false;
}

/*
 * A literal as the source spells it.  Strings are escaped so that labels
 * stay printable ASCII (a key's string may hold any byte) and read back
 * as the same literal.
 */
static void lit_text(struct strbuf *sb, const struct expr *e)
{
	if (e->kind == EXPR_NAME) {
		sb_puts(sb, e->u.name.name);
		return;
	}
	if (e->kind == EXPR_INT) {
		sb_printf(sb, "%lld", (long long)e->u.ival);
		return;
	}
	sb_putc(sb, '"');
	for (size_t i = 0; i < e->u.str.len; i++) {
		unsigned char ch = (unsigned char)e->u.str.s[i];
		if (ch == '"' || ch == '\\')
			sb_printf(sb, "\\%c", ch);
		else if (ch == '\n')
			sb_puts(sb, "\\n");
		else if (ch == '\t')
			sb_puts(sb, "\\t");
		else if (ch < 0x20 || ch >= 0x7f)
			sb_printf(sb, "\\x%02x", ch);
		else
			sb_putc(sb, (char)ch);
	}
	sb_putc(sb, '"');
}

static void cond_text(struct strbuf *sb, const struct cond *c, int prec)
{
	static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};

	switch (c->kind) {
	case COND_OR:
	case COND_AND: {
		int mine = c->kind == COND_OR ? 1 : 2;
		if (mine < prec)
			sb_putc(sb, '(');
		cond_text(sb, c->l, mine);
		sb_puts(sb, c->kind == COND_OR ? " || " : " && ");
		cond_text(sb, c->r, mine + 1);
		if (mine < prec)
			sb_putc(sb, ')');
		return;
	}
	case COND_NOT:
		sb_putc(sb, '!');
		cond_text(sb, c->l, 3);
		return;
	case COND_KEY:
		sb_puts(sb, c->key);
		return;
	case COND_EQ: case COND_NE: case COND_LT:
	case COND_LE: case COND_GT: case COND_GE:
		sb_printf(sb, "%s %s ", c->key, ops[c->kind - COND_EQ]);
		lit_text(sb, c->rhs);
		return;
	case COND_IN:
		sb_printf(sb, "%s in [", c->key);
		for (size_t i = 0; i < c->nvalues; i++)
			sb_printf(sb, "%s%s", i ? ", " : "", c->values[i]);
		sb_putc(sb, ']');
		return;
	}
}

/* Does a pattern name the key's value? */
static bool pat_matches(const struct pattern *pt, const struct value *v)
{
	switch (pt->kind) {
	case PAT_WILD: return true;
	case PAT_TRUE: return v->kind == VAL_BOOL && v->b;
	case PAT_FALSE: return v->kind == VAL_BOOL && !v->b;
	case PAT_NAME: return v->kind == VAL_ENUM && !strcmp(v->s, pt->name);
	case PAT_INT:
	case PAT_STRING:
		return (v->kind == VAL_INT || v->kind == VAL_STRING) &&
		       cmp_value(v, COND_EQ, pt->lit);
	}
	return false;
}

/* The arm a match takes for the key's current value. */
static struct arm *match_arm(struct program *p, const struct expr *e)
{
	struct keyval *kv = keys_kv(hmap_get(&p->names, e->u.match.key));

	for (size_t i = 0; i < e->u.match.narms; i++) {
		struct arm *a = &e->u.match.arms[i];
		for (size_t j = 0; j < a->npats; j++)
			if (pat_matches(&a->pats[j], &kv->value))
				return a;
	}
	return NULL;	/* excluded by the exhaustiveness check */
}

/* ---- expressions --------------------------------------------------------------- */

static struct evres eval_expr(struct evaluator *ev, struct expr *e);

/* Nodes are numbered as they are made: order.c sizes its tables by
 * that count and keeps the number to print paths after renumbering. */
static struct gnode *new_node(struct evaluator *ev, enum gnode_kind k,
			      const struct srcpos *pos)
{
	struct gnode *n = arena_alloc(ev->p->arena, sizeof(*n));

	n->kind = k;
	n->pos = *pos;
	n->index = ev->ncreated++;
	return n;
}

/* A value's part of an application's identity: two applications with
 * equal arguments are one device, so equal values must give equal text
 * and different values different text. */
static void share_key_value(struct strbuf *sb, const struct value *v)
{
	switch (v->kind) {
	case VAL_BOOL:
		sb_puts(sb, v->b ? "|b1" : "|b0");
		break;
	case VAL_INT: {
		/* Without printf, as for the nodes' numbers below. */
		char num[24];
		size_t at = sizeof(num);
		uint64_t u = v->i < 0 ? -(uint64_t)v->i : (uint64_t)v->i;
		do
			num[--at] = (char)('0' + u % 10);
		while ((u /= 10) && at);
		if (v->i < 0)
			num[--at] = '-';
		sb_puts(sb, "|i");
		sb_putn(sb, num + at, sizeof(num) - at);
		break;
	}
	case VAL_STRING:
	case VAL_ENUM:
		/* Hex, so that any byte fits a NUL-terminated key. */
		sb_puts(sb, "|s");
		for (size_t i = 0; i < v->len; i++) {
			unsigned char c = (unsigned char)v->s[i];
			sb_putc(sb, "0123456789abcdef"[c >> 4]);
			sb_putc(sb, "0123456789abcdef"[c & 15]);
		}
		break;
	}
}

/*
 * An impl or job applied: its arguments first (defaults evaluated in the
 * global scope, where they were checked), then one node per identity;
 * deps are evaluated once, for the node that is kept.
 */
static struct evres eval_apply(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	struct apply_info *ai = e->sema;
	struct decl *d = ai->impl;
	struct impl_info *ii = d->sema;
	size_t np = d->u.impl.nparams;
	struct garg *args = arena_alloc(p->arena, (np + 1) * sizeof(*args));
	struct evres r = {NULL, NULL};
	struct strbuf id;	/* the application's identity, for sharing */
	struct gnode *n;
	char *key;

	sb_init(&id);
	sb_puts(&id, d->name);
	for (size_t k = 0; k < np; k++) {
		struct expr *ae = ai->bound[k] ? ai->bound[k]
					       : d->u.impl.params[k].def;
		struct eframe *saved = ev->env;
		if (!ai->bound[k])
			ev->env = NULL;	/* defaults are global */
		struct evres a = eval_expr(ev, ae);
		ev->env = saved;
		args[k].param = d->u.impl.params[k].name;
		args[k].node = a.node;
		args[k].value = a.value;
		if (a.node) {
			/* "|d" and the node's number, without printf: this
			 * runs for every argument of every application. */
			char num[24];
			size_t at = sizeof(num), v = a.node->index;
			do
				num[--at] = (char)('0' + v % 10);
			while ((v /= 10) && at);
			sb_puts(&id, "|d");
			sb_putn(&id, num + at, sizeof(num) - at);
		}
		else if (a.value)
			share_key_value(&id, a.value);
	}
	n = hmap_get(&ev->share, id.buf);
	if (n) {
		sb_free(&id);
		r.node = n;
		return r;
	}
	key = arena_strdup(p->arena, id.buf);
	sb_free(&id);
	n = new_node(ev, GN_DEVICE, &e->pos);
	n->impl = d;
	n->impl_name = d->name;
	n->signature = ii->result->name;
	n->is_job = d->kind == DECL_JOB;
	n->args = args;
	n->nargs = np;
	/* Lowered here, not in lower.c: a graph kept unevaluated is not
	 * lowered, and describe shows its nodes' args too. */
	n->runtime_args = lower_args(p, ii->runtime_args, ii->nruntime_args);
	n->nruntime_args = ii->nruntime_args;
	hmap_put(&ev->share, key, n);
	if (ii->f_deps) {
		struct eframe *saved = ev->env;
		ev->env = NULL;	/* deps are global */
		n->deps = arena_alloc(p->arena, ii->f_deps->nvalues *
				      sizeof(struct gnode *));
		for (size_t k = 0; k < ii->f_deps->nvalues; k++) {
			struct evres dr = eval_expr(ev, ii->f_deps->values[k]);
			if (dr.node)
				n->deps[n->ndeps++] = dr.node;
		}
		ev->env = saved;
	}
	r.node = n;
	return r;
}

/* A key used as a value: a copy, so that nodes never share the keyval
 * the model lists. */
static struct value *key_value(struct program *p, struct decl *k)
{
	struct keyval *kv = keys_kv(k);
	struct value *v = arena_alloc(p->arena, sizeof(*v));

	*v = kv->value;
	return v;
}

/* A choice node (describe --no-eval): its branches are filled by the
 * caller, in the order the source gives them. */
static struct gnode *choice(struct evaluator *ev, struct expr *e,
			    const char *key, const char *label, size_t nbr)
{
	struct gnode *n = new_node(ev, GN_CHOICE, &e->pos);

	n->key = key;
	n->label = label;
	n->branches = arena_alloc(ev->p->arena, nbr * sizeof(struct gbranch));
	n->nbranches = nbr;
	return n;
}

static struct evres eval_if(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	bool taken = cond_value(p, e->u.ifx.cond);
	struct evres r = {NULL, NULL};
	struct strbuf sb;
	struct gnode *n;
	static const char *const t[] = {"true"}, *const f[] = {"false"};

	if (ev->evaluate)
		return eval_expr(ev, taken ? e->u.ifx.then_e : e->u.ifx.else_e);
	sb_init(&sb);
	cond_text(&sb, e->u.ifx.cond, 0);
	n = choice(ev, e, NULL, arena_printf(p->arena, "if %s", sb.buf), 2);
	sb_free(&sb);
	n->branches[0].values = (const char **)t;
	n->branches[0].nvalues = 1;
	n->branches[0].node = eval_expr(ev, e->u.ifx.then_e).node;
	n->branches[1].values = (const char **)f;
	n->branches[1].nvalues = 1;
	n->branches[1].node = eval_expr(ev, e->u.ifx.else_e).node;
	n->default_node = n->branches[taken ? 0 : 1].node;
	r.node = n;
	return r;
}

static const char *pat_text(struct arena *a, const struct pattern *pt)
{
	struct strbuf sb;
	const char *r;

	switch (pt->kind) {
	case PAT_NAME: return pt->name;
	case PAT_TRUE: return "true";
	case PAT_FALSE: return "false";
	case PAT_WILD: return "_";
	case PAT_INT:
	case PAT_STRING:
		break;
	}
	sb_init(&sb);
	lit_text(&sb, pt->lit);
	r = arena_strdup(a, sb.buf);
	sb_free(&sb);
	return r;
}

/*
 * A match kept as a choice node.  Branches are labelled with the key
 * values they take: for a bool or enum key `_` stands for the values no
 * earlier arm names; an int or string key has too many values to list, so
 * its `_` branch is labelled `_`.
 */
static struct evres eval_match(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	struct arm *taken = match_arm(p, e);
	struct evres r = {NULL, NULL};
	struct gnode *n;

	if (ev->evaluate)
		return taken ? eval_expr(ev, taken->body) : r;
	n = choice(ev, e, e->u.match.key, arena_printf(p->arena, "match %s",
		   e->u.match.key), e->u.match.narms);
	struct keyval *kv = keys_kv(hmap_get(&p->names, e->u.match.key));
	static const char *const bools[] = {"false", "true"};
	bool open = kv->value.kind == VAL_INT || kv->value.kind == VAL_STRING;
	size_t nvals = kv->value.kind == VAL_BOOL ? 2 : kv->nenum;
	const char **vals = (const char **)(kv->value.kind == VAL_BOOL
					    ? bools : kv->enum_values);
	if (open) {
		/* The values are the patterns' own, in order. */
		nvals = 0;
		for (size_t i = 0; i < e->u.match.narms; i++)
			nvals += e->u.match.arms[i].npats;
		vals = arena_alloc(p->arena, (nvals + 1) * sizeof(char *));
		nvals = 0;
		for (size_t i = 0; i < e->u.match.narms; i++) {
			struct arm *a = &e->u.match.arms[i];
			for (size_t j = 0; j < a->npats; j++) {
				const char *v = pat_text(p->arena, &a->pats[j]);
				size_t k = 0;
				while (k < nvals && strcmp(vals[k], v))
					k++;
				if (k == nvals && a->pats[j].kind != PAT_WILD)
					vals[nvals++] = v;
			}
		}
	}
	bool *named = arena_alloc(p->arena, nvals + 1);
	bool wild_named = false;
	for (size_t i = 0; i < e->u.match.narms; i++) {
		struct arm *a = &e->u.match.arms[i];
		struct gbranch *b = &n->branches[i];
		b->values = arena_alloc(p->arena, (a->npats + nvals + 1) *
					sizeof(char *));
		for (size_t j = 0; j < a->npats; j++) {
			bool wild = a->pats[j].kind == PAT_WILD;
			const char *v = pat_text(p->arena, &a->pats[j]);
			if (open && wild && !wild_named) {
				wild_named = true;
				b->values[b->nvalues++] = "_";
			}
			for (size_t k = 0; k < nvals && !(open && wild); k++) {
				bool hit = wild ? !named[k] : !strcmp(vals[k], v);
				if (hit && !named[k]) {
					named[k] = true;
					b->values[b->nvalues++] = vals[k];
				}
			}
		}
		b->node = eval_expr(ev, a->body).node;
		if (a == taken)
			n->default_node = b->node;
	}
	r.node = n;
	return r;
}

/* A let without parameters is one value for the whole program: evaluated
 * once, and every use shares its node. */
static struct evres eval_let(struct evaluator *ev, struct decl *d)
{
	struct let_info *li = d->sema;
	struct evres r;

	if (!li->evaluated) {
		struct eframe *saved = ev->env;
		ev->env = NULL;
		r = eval_expr(ev, d->u.let.value);
		ev->env = saved;
		li->node = r.node;
		li->value = r.value;
		li->evaluated = true;
	}
	r.node = li->node;
	r.value = li->value;
	return r;
}

/* A let with parameters applied: its value, with the arguments bound. */
static struct evres eval_let_apply(struct evaluator *ev, struct expr *e)
{
	struct apply_info *ai = e->sema;
	struct decl *d = ai->impl;
	size_t np = d->u.let.nparams;
	struct evres *args = arena_alloc(ev->p->arena, (np + 1) * sizeof(*args));
	struct eframe frame = {d, args}, *saved = ev->env;
	struct evres r;

	for (size_t k = 0; k < np; k++) {
		if (!ai->bound[k])
			ev->env = NULL;	/* defaults are global */
		args[k] = eval_expr(ev, ai->bound[k] ? ai->bound[k]
						     : d->u.let.params[k].def);
		ev->env = saved;
	}
	ev->env = &frame;
	r = eval_expr(ev, d->u.let.value);
	ev->env = saved;
	return r;
}

/* A name bound by the let whose value is being evaluated, or NULL. */
static struct evres *env_lookup(struct evaluator *ev, const char *name)
{
	if (!ev->env)
		return NULL;
	for (size_t k = 0; k < ev->env->let->u.let.nparams; k++)
		if (!strcmp(ev->env->let->u.let.params[k].name, name))
			return &ev->env->args[k];
	return NULL;
}

/* Depth is bounded as in the checks (check_expr_enter), so a deep but valid
 * program cannot overflow the stack here either. */
static struct evres eval_expr(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	struct evres r = {NULL, NULL};
	struct decl *d;

	if (!check_expr_enter(p, &e->pos))
		return r;
	switch (e->kind) {
	case EXPR_NAME: {
		struct evres *bound = env_lookup(ev, e->u.name.name);
		if (bound) {
			r = *bound;
			break;
		}
		d = resolve_name(p, e);
		if (d->kind == DECL_LET && d->u.let.has_params)
			r = eval_let_apply(ev, e);
		else if (d->kind == DECL_LET)
			r = eval_let(ev, d);
		else if (d->kind == DECL_KEY)
			r.value = key_value(p, d);
		else
			r = eval_apply(ev, e);
		break;
	}
	case EXPR_APPLY:
		r = ((struct apply_info *)e->sema)->impl->kind == DECL_LET
			? eval_let_apply(ev, e) : eval_apply(ev, e);
		break;
	case EXPR_STRING:
		r.value = arena_alloc(p->arena, sizeof(struct value));
		r.value->kind = VAL_STRING;
		r.value->s = e->u.str.s;
		r.value->len = e->u.str.len;
		break;
	case EXPR_INT:
		r.value = arena_alloc(p->arena, sizeof(struct value));
		r.value->kind = VAL_INT;
		r.value->i = e->u.ival;
		break;
	case EXPR_BOOL:
		r.value = arena_alloc(p->arena, sizeof(struct value));
		r.value->kind = VAL_BOOL;
		r.value->b = e->u.bval;
		break;
	case EXPR_NOOP:
		if (!ev->noop) {
			ev->noop = new_node(ev, GN_DEVICE, &e->pos);
			ev->noop->impl_name = "noop";
			ev->noop->signature = "job";
			ev->noop->is_job = true;
		}
		r.node = ev->noop;
		break;
	case EXPR_LIST:
		break;
	case EXPR_IF:
		r = eval_if(ev, e);
		break;
	case EXPR_MATCH:
		r = eval_match(ev, e);
		break;
	}
	check_expr_leave(p);
	return r;
}

/* ---- the pass ------------------------------------------------------------------ */

bool eval_graph(struct program *p, struct model *m, bool evaluate)
{
	struct evaluator ev = {p, NULL, evaluate, {0}, 0, NULL};
	struct graph *g = arena_alloc(p->arena, sizeof(*g));

	m->name = p->reg->name;
	m->root_file = p->root->src->path;
	m->graph = g;
	g->evaluated = evaluate;
	hmap_init(&ev.share);
	/* About one device for each let, in a big program. */
	hmap_reserve(&ev.share, p->decls.len);
	/* Lets first, in declaration order, so that evaluation recurses
	 * only as deep as expressions nest. */
	for (size_t i = 0; i < p->decls.len; i++)
		if (p->decls.items[i]->kind == DECL_LET &&
		    !p->decls.items[i]->u.let.has_params)
			eval_let(&ev, p->decls.items[i]);
	/* The roots, in register order; a job named twice is one node. */
	for (size_t i = 0; i < p->reg->njobs; i++) {
		struct gnode *root = eval_expr(&ev, p->reg->jobs[i]).node;
		if (root)
			vec_push(p->arena, &g->jobs, root);
	}
	hmap_free(&ev.share);
	p->nnodes_created = ev.ncreated;
	return !diag_has_errors(p->diag);
}
