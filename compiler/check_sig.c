/* SPDX-License-Identifier: MIT */
/*
 * check_sig.c - the signatures part of the check-declarations pass.
 *
 * Input: the resolved namespace (resolve.c).  Output: decl->sema of every
 * signature (struct sig_info: its parents, the numbering that answers
 * subtyping, its vtable size); diagnostics for unknown or cyclic
 * `extends`, operations that clash through two parents, C types in
 * prototypes that are not declared.  Also the subtyping queries
 * (check_sig_is_subtype, check_sig_join) the expression checks use.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

#define WANT(k) (1u << (k))

static struct sig_info *sig_info(struct program *p, struct decl *d)
{
	if (!d->sema)
		d->sema = arena_alloc(p->arena, sizeof(struct sig_info));
	return d->sema;
}

/* Look up a name that must be a signature; reports and returns NULL if not. */
struct decl *check_sig_lookup(struct program *p, const char *name,
			      const struct srcpos *pos, const char *what)
{
	struct decl *d = resolve_lookup(p, name, pos);
	const char *s;

	if (!d && !strcmp(name, "job"))
		return p->job_sig;
	if (hmap_get(&p->dups, name))
		return NULL;	/* reported as a duplicate */
	if (!d && resolve_quiet_unknown(p, name))
		return NULL;	/* may be what did not load */
	if (!d) {
		s = resolve_suggest(p, name, WANT(DECL_SIGNATURE));
		diag_report(p->diag, CHK_UNKNOWN_NAME, pos,
			    "unknown signature '%s'%s%s%s", name,
			    s ? " (did you mean '" : "", s ? s : "",
			    s ? "'?)" : "");
		return NULL;
	}
	if (d->kind != DECL_SIGNATURE) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, pos,
			    "%s expects a signature, but '%s' is %s", what,
			    name, util_a_an(p->arena, resolve_decl_kind_name(d->kind)));
		diag_note(p->diag, resolve_decl_where(d), "'%s' is declared here",
			  name);
		return NULL;
	}
	return d;
}

/* Signatures in the order they were resolved: parents first. */
struct sig_order {
	struct decl **items;
	size_t len, cap;
};

/* Resolve `extends` depth-first; a signature met again while resolving is
 * a cycle. */
static void resolve_sig(struct program *p, struct decl *d,
			struct sig_order *order)
{
	struct sig_info *si = sig_info(p, d);

	if (si->state == 2)
		return;
	if (si->state == 1) {
		diag_report(p->diag, CHK_CYCLE, &d->name_pos,
			    "signature '%s' extends itself", d->name);
		return;
	}
	if (!check_expr_enter(p, &d->name_pos))
		return;
	si->state = 1;
	si->parents = arena_alloc(p->arena, (d->u.sig.nparents + 1) *
				  sizeof(struct decl *));
	for (size_t i = 0; i < d->u.sig.nparents; i++) {
		struct name_ref *r = &d->u.sig.parents[i];
		struct decl *par = check_sig_lookup(p, r->name, &r->pos, "'extends'");
		if (!par)
			continue;
		struct sig_info *pi = sig_info(p, par);
		if (pi->state == 1) {
			diag_report(p->diag, CHK_CYCLE, &r->pos,
				    "cycle in 'extends': '%s' extends '%s', "
				    "which extends '%s'", d->name, par->name,
				    d->name);
			continue;
		}
		resolve_sig(p, par, order);
		si->parents[si->nparents++] = par;
	}
	si->multi = si->nparents > 1 ||
		(si->nparents == 1 &&
		 ((struct sig_info *)si->parents[0]->sema)->multi);
	si->state = 2;
	vec_push(p->arena, order, d);
	si->order = order->len;
	check_expr_leave(p);
}

/*
 * Children lists, and the pre/post numbers of a depth-first walk of the
 * forest in which each signature hangs below its first parent: t is
 * first parent of first parent ... of s exactly when s's interval is
 * inside t's.  Iterative: chains may be as deep as SEMA_MAX_DEPTH.
 */
static void number_sigs(struct program *p, const struct sig_order *order)
{
	struct decl **stack;
	size_t *next, sp = 0, clock = 0;

	for (size_t i = 0; i < order->len; i++) {
		struct sig_info *si = order->items[i]->sema;
		for (size_t k = 0; k < si->nparents; k++)
			((struct sig_info *)si->parents[k]->sema)->nchildren++;
	}
	for (size_t i = 0; i < order->len; i++) {
		struct sig_info *si = order->items[i]->sema;
		si->children = arena_alloc(p->arena, (si->nchildren + 1) *
					   sizeof(struct decl *));
		si->nchildren = 0;
	}
	for (size_t i = 0; i < order->len; i++) {
		struct sig_info *si = order->items[i]->sema;
		for (size_t k = 0; k < si->nparents; k++) {
			struct sig_info *pi = si->parents[k]->sema;
			pi->children[pi->nchildren++] = order->items[i];
		}
	}
	stack = xmalloc((order->len + 1) * sizeof(*stack));
	next = xmalloc((order->len + 1) * sizeof(*next));
	for (size_t i = 0; i < order->len; i++) {
		if (((struct sig_info *)order->items[i]->sema)->nparents)
			continue;
		stack[sp] = order->items[i];
		next[sp++] = 0;
		((struct sig_info *)order->items[i]->sema)->pre = ++clock;
		while (sp) {
			struct sig_info *xi = stack[sp - 1]->sema;
			struct decl *c = NULL;
			while (next[sp - 1] < xi->nchildren && !c) {
				struct decl *k = xi->children[next[sp - 1]++];
				struct sig_info *ki = k->sema;
				if (ki->parents[0] == stack[sp - 1])
					c = k;
			}
			if (!c) {
				xi->post = ++clock;
				sp--;
				continue;
			}
			((struct sig_info *)c->sema)->pre = ++clock;
			stack[sp] = c;
			next[sp++] = 0;
		}
	}
	free(stack);
	free(next);
}

/*
 * struct S_ops embeds a copy of each parent's ops (c-interface.md 1), so
 * a shared ancestor is copied once per path to it: a tower of diamonds
 * doubles the vtable at each level.  Past this many operations in one
 * vtable (also along a chain that long) the program is refused (limit)
 * rather than generated.
 */
#define SIG_MAX_SLOTS 65536

static void check_slots(struct program *p, const struct sig_order *order)
{
	for (size_t i = 0; i < order->len; i++) {
		struct decl *d = order->items[i];
		struct sig_info *si = d->sema;
		bool over_above = false;

		si->slots = d->u.sig.nops;
		for (size_t k = 0; k < si->nparents; k++) {
			struct sig_info *pi = si->parents[k]->sema;
			over_above |= pi->slots > SIG_MAX_SLOTS;
			si->slots += pi->slots;
			if (si->slots > SIG_MAX_SLOTS)
				si->slots = SIG_MAX_SLOTS + 1;	/* capped */
		}
		if (si->slots > SIG_MAX_SLOTS && !over_above)
			diag_report(p->diag, CHK_LIMIT, &d->name_pos,
				    "the vtable of signature '%s' would hold "
				    "more than %d operations (its own and its "
				    "ancestors', a shared ancestor's once per "
				    "path to it through 'extends')", d->name,
				    SIG_MAX_SLOTS);
	}
}

static bool first_parent_below(const struct sig_info *si,
			       const struct sig_info *ti)
{
	return si->pre && ti->pre && ti->pre <= si->pre &&
	       si->post <= ti->post;
}

/*
 * Is s t or does it extend t, transitively?  In constant time when the
 * path goes through first parents only; otherwise a walk of s's
 * ancestors that leaves each part without a second parent to the
 * numbering, each ancestor visited once.
 */
bool check_sig_is_subtype(struct decl *s, struct decl *t)
{
	struct sig_info *si = s->sema, *ti = t->sema;
	struct decl **stack;
	struct hmap seen;
	size_t sp = 0;
	bool found = false;

	if (s == t)
		return true;
	if (!si || !ti || si->state != 2 || ti->state != 2)
		return false;
	if (si->pre && ti->pre) {
		if (first_parent_below(si, ti))
			return true;
		if (!si->multi)
			return false;
	}
	hmap_init(&seen);
	stack = xmalloc((si->order + 1) * sizeof(*stack));
	stack[sp++] = s;
	hmap_put(&seen, s->name, s);
	while (sp && !found) {
		struct decl *x = stack[--sp];
		struct sig_info *xi = x->sema;
		if (x == t || (xi->pre && ti->pre && first_parent_below(xi, ti))) {
			found = true;
			break;
		}
		if (xi->pre && ti->pre && !xi->multi)
			continue;	/* only first parents above: not there */
		for (size_t k = 0; k < xi->nparents; k++) {
			struct decl *q = xi->parents[k];
			if (hmap_get(&seen, q->name))
				continue;
			hmap_put(&seen, q->name, q);
			stack[sp++] = q;
		}
	}
	free(stack);
	hmap_free(&seen);
	return found;
}

/* Where d is in v[0..n), n when it is not.  The lists here are a
 * signature's ancestors: a few, so a scan costs less than a map. */
static size_t sig_index(struct decl *const *v, size_t n, const struct decl *d)
{
	size_t i = 0;

	while (i < n && v[i] != d)
		i++;
	return i;
}

/* Every ancestor of s and s itself, each once, into *out (heap). */
static size_t sig_ancestors(struct decl *s, struct decl ***out)
{
	struct sig_info *si = s->sema;
	size_t cap = si && si->order ? si->order + 1 : 2, n = 0;
	struct decl **v = xmalloc(cap * sizeof(*v));

	v[n++] = s;
	for (size_t i = 0; i < n; i++) {
		struct sig_info *xi = v[i]->sema;
		for (size_t k = 0; xi && k < xi->nparents; k++) {
			struct decl *q = xi->parents[k];
			if (sig_index(v, n, q) < n)
				continue;
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof(*v));
			v[n++] = q;
		}
	}
	*out = v;
	return n;
}

/*
 * The common ancestors of every type are counted in one walk of each
 * type's ancestors; the most specific ones are those no common ancestor
 * has as a parent (a parent of a common ancestor is common too).
 */
struct decl *check_sig_join(const struct ty *tys, size_t n, bool *ambiguous)
{
	struct decl **anc, **other, **sigs, *best = NULL;
	size_t nanc, nbest = 0, ns = 0, *count;
	bool *dominated;

	*ambiguous = false;
	/* The join of a set: each signature once.  Branches mostly repeat
	 * a few signatures, and one alone joins to itself (the parents
	 * never form a cycle, see resolve_sig), with no walk; the walks,
	 * with maps then, were 8% of `mirc check` of a 10k-device file. */
	sigs = xmalloc(n * sizeof(*sigs));
	for (size_t i = 0; i < n; i++)
		if (sig_index(sigs, ns, tys[i].sig) == ns)
			sigs[ns++] = tys[i].sig;
	if (ns == 1) {
		best = sigs[0];
		free(sigs);
		return best;
	}
	nanc = sig_ancestors(sigs[0], &anc);
	count = xcalloc(nanc, sizeof(*count));
	dominated = xcalloc(nanc, sizeof(*dominated));
	for (size_t a = 0; a < nanc; a++)
		count[a] = 1;
	for (size_t i = 1; i < ns; i++) {
		size_t no = sig_ancestors(sigs[i], &other);
		for (size_t k = 0; k < no; k++) {
			size_t a = sig_index(anc, nanc, other[k]);
			if (a < nanc && count[a] == i)
				count[a]++;
		}
		free(other);
	}
	free(sigs);
	for (size_t a = 0; a < nanc; a++) {
		struct sig_info *xi = anc[a]->sema;
		if (count[a] != ns || !xi)
			continue;
		for (size_t k = 0; k < xi->nparents; k++) {
			size_t q = sig_index(anc, nanc, xi->parents[k]);
			if (q < nanc)
				dominated[q] = true;
		}
	}
	for (size_t a = 0; a < nanc; a++) {
		if (count[a] != ns || dominated[a])
			continue;
		if (!best)
			best = anc[a];
		nbest++;
	}
	free(dominated);
	free(count);
	free(anc);
	*ambiguous = nbest > 1;
	return nbest == 1 ? best : NULL;
}

/* Names a prototype may use besides ctypes (language.md 2.1). */
static bool is_c_type_word(const char *w)
{
	static const char *const words[] = {
		"void", "char", "short", "int", "long", "signed", "unsigned",
		"float", "double", "const", "volatile", "_Bool", "bool",
		"size_t", "ssize_t", "intptr_t", "uintptr_t",
		"int8_t", "int16_t", "int32_t", "int64_t",
		"uint8_t", "uint16_t", "uint32_t", "uint64_t",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

static void check_ctoks(struct program *p, const struct cdecl *cd)
{
	for (size_t i = 0; i < cd->ntoks; i++) {
		const char *w = cd->toks[i].text;
		struct decl *d;

		if (strcmp(w, "*") == 0 || is_c_type_word(w))
			continue;
		if (!strcmp(w, "struct") || !strcmp(w, "union") ||
		    !strcmp(w, "enum")) {
			i++;	/* the tag is any name */
			if (i >= cd->ntoks || !strcmp(cd->toks[i].text, "*"))
				diag_report(p->diag, CHK_UNKNOWN_CTYPE,
					    &cd->toks[i - 1].pos,
					    "'%s' needs a tag name", w);
			continue;
		}
		d = resolve_lookup(p, w, &cd->toks[i].pos);
		if ((d && d->kind == DECL_CTYPE) ||
		    (!d && resolve_quiet_unknown(p, w)))
			continue;
		const char *s = resolve_suggest(p, w, WANT(DECL_CTYPE));
		diag_report(p->diag, CHK_UNKNOWN_CTYPE, &cd->toks[i].pos,
			    "unknown C type '%s'%s%s%s; declare it with "
			    "'ctype %s from \"header.h\";'", w,
			    s ? " (did you mean '" : "", s ? s : "",
			    s ? "'?)" : "", w);
	}
}

/* A signature's own operations: C types known, each name once. */
static void check_ops(struct program *p, struct decl *d)
{
	struct hmap seen;

	hmap_init(&seen);
	for (size_t i = 0; i < d->u.sig.nops; i++) {
		struct op *op = &d->u.sig.ops[i];
		struct op *old = hmap_get(&seen, op->ret.name);
		check_ctoks(p, &op->ret);
		for (size_t j = 0; j < op->nparams; j++)
			check_ctoks(p, &op->params[j]);
		if (old) {
			diag_report(p->diag, CHK_OP_CLASH, &op->ret.name_pos,
				    "operation '%s' is defined twice in '%s'",
				    op->ret.name, d->name);
			diag_note(p->diag, &old->ret.name_pos,
				  "first defined here");
			continue;
		}
		hmap_put(&seen, op->ret.name, op);
	}
	hmap_free(&seen);
}

static struct op *own_op(struct decl *d, const char *name)
{
	for (size_t i = 0; i < d->u.sig.nops; i++)
		if (!strcmp(d->u.sig.ops[i].ret.name, name))
			return &d->u.sig.ops[i];
	return NULL;
}

static int by_order(const void *x, const void *y)
{
	const struct sig_info *a = (*(struct decl *const *)x)->sema;
	const struct sig_info *b = (*(struct decl *const *)y)->sema;

	return (a->order > b->order) - (a->order < b->order);
}

/*
 * Every operation name must come from exactly one signature: the same op
 * reached through two paths from one ancestor is fine (a diamond), two
 * different ones clash.  Only a name that two signatures declare can
 * clash, and only in their descendants, so those alone are walked, in
 * resolve order, each carrying the (at most two) signatures its name
 * comes from.  A clash is reported where it arises, not again in every
 * signature below it.
 */
static void check_inherited_ops(struct program *p,
				const struct sig_order *order)
{
	struct hmap decls, done;
	VEC(struct decl *) todo = {0};
	unsigned epoch = 0;

	/* name -> the signatures declaring it (a VEC in the arena) */
	hmap_init(&decls);
	for (size_t i = 0; i < order->len; i++) {
		struct decl *d = order->items[i];
		for (size_t k = 0; k < d->u.sig.nops; k++) {
			const char *n = d->u.sig.ops[k].ret.name;
			struct sig_order *v = hmap_get(&decls, n);
			if (!v) {
				v = arena_alloc(p->arena, sizeof(*v));
				hmap_put(&decls, n, v);
			}
			if (!v->len || v->items[v->len - 1] != d)
				vec_push(p->arena, v, d);
		}
	}
	hmap_init(&done);
	for (size_t i = 0; i < order->len; i++) {
		struct decl *d0 = order->items[i];
		for (size_t k = 0; k < d0->u.sig.nops; k++) {
			const char *n = d0->u.sig.ops[k].ret.name;
			struct sig_order *v = hmap_get(&decls, n);
			if (v->len < 2 || hmap_get(&done, n))
				continue;
			hmap_put(&done, n, v);
			epoch++;
			/* The declarers and everything below them. */
			todo.len = 0;
			for (size_t j = 0; j < v->len; j++) {
				struct sig_info *xi = v->items[j]->sema;
				if (xi->mark == epoch)
					continue;
				xi->mark = epoch;
				vec_push(p->arena, &todo, v->items[j]);
			}
			for (size_t j = 0; j < todo.len; j++) {
				struct sig_info *xi = todo.items[j]->sema;
				for (size_t c = 0; c < xi->nchildren; c++) {
					struct sig_info *ci = xi->children[c]->sema;
					if (ci->mark == epoch)
						continue;
					ci->mark = epoch;
					vec_push(p->arena, &todo, xi->children[c]);
				}
			}
			qsort(todo.items, todo.len, sizeof(*todo.items), by_order);
			for (size_t j = 0; j < todo.len; j++) {
				struct decl *d = todo.items[j];
				struct sig_info *si = d->sema;
				struct op *mine = own_op(d, n);
				struct decl *from[2] = {NULL, NULL};
				bool below_clash = false;
				size_t nf = 0;

				for (size_t q = 0; q < si->nparents; q++) {
					struct sig_info *pi = si->parents[q]->sema;
					if (pi->mark != epoch)
						continue;
					below_clash |= pi->clash;
					for (size_t o = 0; o < 2 && pi->origin[o]; o++) {
						struct decl *g = pi->origin[o];
						if (nf < 2 && from[0] != g)
							from[nf++] = g;
					}
				}
				si->clash = below_clash || nf > 1 || (mine && nf);
				si->origin[0] = mine ? d : from[0];
				si->origin[1] = mine ? from[0] : from[1];
				if (below_clash || !si->clash)
					continue;
				if (mine) {
					diag_report(p->diag, CHK_OP_CLASH,
						    &mine->ret.name_pos,
						    "operation '%s' of '%s' clashes "
						    "with the one inherited from '%s'",
						    n, d->name, from[0]->name);
					diag_note(p->diag, &from[0]->name_pos,
						  "'%s' is declared here",
						  from[0]->name);
				} else {
					diag_report(p->diag, CHK_OP_CLASH,
						    &d->name_pos, "'%s' inherits "
						    "operation '%s' from both '%s' "
						    "and '%s'", d->name, n,
						    from[0]->name, from[1]->name);
					diag_note(p->diag, &from[1]->name_pos,
						  "'%s' is declared here",
						  from[1]->name);
				}
			}
		}
	}
	hmap_free(&done);
	hmap_free(&decls);
}

void check_sigs(struct program *p)
{
	struct sig_order order = {0};

	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if (d->kind == DECL_SIGNATURE && d != p->job_sig)
			resolve_sig(p, d, &order);
	}
	number_sigs(p, &order);
	check_inherited_ops(p, &order);
	check_slots(p, &order);
	for (size_t i = 0; i < p->decls.len; i++)
		if (p->decls.items[i]->kind == DECL_SIGNATURE)
			check_ops(p, p->decls.items[i]);
}
