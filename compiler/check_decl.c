/* SPDX-License-Identifier: MIT */
/*
 * check_decl.c - checks on declarations that need no expression typing:
 * signatures (extends, cycles, operation clashes, C types in prototypes),
 * impl and job headers and body fields, keys and runtime args with their
 * literal defaults; then the generated C names (check_names.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

#define WANT(k) (1u << (k))

/*
 * The register name becomes the binary's name and part of the names of the
 * files built from it (dist/NAME, NAME.elf, temporary files with a suffix):
 * well within NAME_MAX (255) with room for those, and short enough for a
 * boot banner.  Longer ones would configure and then fail to link.
 */
#define REG_MAX_NAME 64

/* ---- signatures ------------------------------------------------------------ */

static struct sig_info *sig_info(struct program *p, struct decl *d)
{
	if (!d->sema)
		d->sema = arena_alloc(p->arena, sizeof(struct sig_info));
	return d->sema;
}

/* Look up a name that must be a signature; reports and returns NULL if not. */
static struct decl *lookup_sig(struct program *p, const char *name,
			       const struct srcpos *pos, const char *what)
{
	struct decl *d = sema_lookup(p, name, pos);
	const char *s;

	if (!d && !strcmp(name, "job"))
		return p->job_sig;
	if (hmap_get(&p->dups, name))
		return NULL;	/* reported as a duplicate */
	if (!d && sema_quiet_unknown(p, name))
		return NULL;	/* may be what did not load */
	if (!d) {
		s = sema_suggest(p, name, WANT(DECL_SIGNATURE));
		diag_report(p->diag, CHK_UNKNOWN_NAME, pos,
			    "unknown signature '%s'%s%s%s", name,
			    s ? " (did you mean '" : "", s ? s : "",
			    s ? "'?)" : "");
		return NULL;
	}
	if (d->kind != DECL_SIGNATURE) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, pos,
			    "%s expects a signature, but '%s' is %s", what,
			    name, a_an(p->arena, decl_kind_name(d->kind)));
		diag_note(p->diag, decl_where(d), "'%s' is declared here",
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
	if (!sema_enter(p, &d->name_pos))
		return;
	si->state = 1;
	si->parents = arena_alloc(p->arena, (d->u.sig.nparents + 1) *
				  sizeof(struct decl *));
	for (size_t i = 0; i < d->u.sig.nparents; i++) {
		struct name_ref *r = &d->u.sig.parents[i];
		struct decl *par = lookup_sig(p, r->name, &r->pos, "'extends'");
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
	sema_leave(p);
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
bool sig_is_subtype(struct decl *s, struct decl *t)
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

/* Every ancestor of s and s itself, each once, into *out (heap). */
static size_t sig_ancestors(struct decl *s, struct decl ***out)
{
	struct sig_info *si = s->sema;
	size_t cap = si && si->order ? si->order + 1 : 2, n = 0;
	struct decl **v = xmalloc(cap * sizeof(*v));
	struct hmap seen;

	hmap_init(&seen);
	hmap_put(&seen, s->name, s);
	v[n++] = s;
	for (size_t i = 0; i < n; i++) {
		struct sig_info *xi = v[i]->sema;
		for (size_t k = 0; xi && k < xi->nparents; k++) {
			struct decl *q = xi->parents[k];
			if (hmap_get(&seen, q->name))
				continue;
			hmap_put(&seen, q->name, q);
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof(*v));
			v[n++] = q;
		}
	}
	hmap_free(&seen);
	*out = v;
	return n;
}

/*
 * The common ancestors of every type are counted in one walk of each
 * type's ancestors; the most specific ones are those no common ancestor
 * has as a parent (a parent of a common ancestor is common too).
 */
struct decl *sig_join(const struct ty *tys, size_t n, bool *ambiguous)
{
	struct decl **anc, **other, *best = NULL;
	size_t nanc = sig_ancestors(tys[0].sig, &anc), nbest = 0;
	struct hmap count, dominated;

	*ambiguous = false;
	hmap_init(&count);
	for (size_t a = 0; a < nanc; a++)
		hmap_put(&count, anc[a]->name, (void *)(uintptr_t)1);
	for (size_t i = 1; i < n; i++) {
		size_t no = sig_ancestors(tys[i].sig, &other);
		for (size_t k = 0; k < no; k++) {
			uintptr_t c = (uintptr_t)hmap_get(&count, other[k]->name);
			if (c == i)
				hmap_put(&count, other[k]->name, (void *)(c + 1));
		}
		free(other);
	}
	hmap_init(&dominated);
	for (size_t a = 0; a < nanc; a++) {
		struct sig_info *xi = anc[a]->sema;
		if ((uintptr_t)hmap_get(&count, anc[a]->name) != n || !xi)
			continue;
		for (size_t k = 0; k < xi->nparents; k++)
			hmap_put(&dominated, xi->parents[k]->name, anc[a]);
	}
	for (size_t a = 0; a < nanc; a++) {
		if ((uintptr_t)hmap_get(&count, anc[a]->name) != n ||
		    hmap_get(&dominated, anc[a]->name))
			continue;
		if (!best)
			best = anc[a];
		nbest++;
	}
	hmap_free(&dominated);
	hmap_free(&count);
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
		d = sema_lookup(p, w, &cd->toks[i].pos);
		if ((d && d->kind == DECL_CTYPE) ||
		    (!d && sema_quiet_unknown(p, w)))
			continue;
		const char *s = sema_suggest(p, w, WANT(DECL_CTYPE));
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

/* ---- impls and jobs ------------------------------------------------------------ */

/* FV_TARGETS: names, possibly none (`targets;` = available nowhere). */
enum fval { FV_NONE, FV_STRINGS, FV_STRING, FV_NAMES, FV_TARGETS, FV_EXPRS };

static const struct {
	const char *name;
	enum fval vals;
	bool job_ok;
	size_t off;
} fields[] = {
	{"header", FV_STRINGS, true, offsetof(struct impl_info, f_header)},
	{"sources", FV_STRINGS, true, offsetof(struct impl_info, f_sources)},
	{"prefix", FV_STRING, false, offsetof(struct impl_info, f_prefix)},
	{"connect", FV_NONE, false, offsetof(struct impl_info, f_connect)},
	{"args", FV_NAMES, true, offsetof(struct impl_info, f_args)},
	{"deps", FV_EXPRS, true, offsetof(struct impl_info, f_deps)},
	{"packages", FV_STRINGS, true, offsetof(struct impl_info, f_packages)},
	{"cflags", FV_STRINGS, true, offsetof(struct impl_info, f_cflags)},
	{"ldflags", FV_STRINGS, true, offsetof(struct impl_info, f_ldflags)},
	{"targets", FV_TARGETS, true, offsetof(struct impl_info, f_targets)},
	{"doc", FV_STRING, true, offsetof(struct impl_info, f_doc)},
	{"stateless", FV_NONE, false, offsetof(struct impl_info, f_stateless)},
	{"embed", FV_NAMES, false, offsetof(struct impl_info, f_embed)},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static bool is_c_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool field_values_ok(struct program *p, struct decl *d,
			    struct field *f, enum fval want)
{
	const char *expect = NULL;

	switch (want) {
	case FV_NONE:
		if (f->nvalues)
			expect = "no value";
		break;
	case FV_STRING:
		if (f->nvalues != 1 || f->values[0]->kind != EXPR_STRING)
			expect = "one string";
		break;
	case FV_STRINGS:
		if (!f->nvalues)
			expect = "one or more strings";
		for (size_t i = 0; i < f->nvalues; i++)
			if (f->values[i]->kind != EXPR_STRING)
				expect = "strings";
		break;
	case FV_NAMES:
	case FV_TARGETS:
		if (!f->nvalues && want == FV_NAMES)
			expect = "one or more names";
		for (size_t i = 0; i < f->nvalues; i++)
			if (f->values[i]->kind != EXPR_NAME)
				expect = "names";
		break;
	case FV_EXPRS:
		if (!f->nvalues)
			expect = "one or more devices";
		break;
	}
	if (!expect)
		return true;
	diag_report(p->diag, CHK_BAD_FIELD, &f->pos,
		    "field '%s' of %s '%s' takes %s", f->name,
		    decl_kind_name(d->kind), d->name, expect);
	return false;
}

static bool is_target(struct program *p, const char *name)
{
	for (size_t i = 0; i < p->backends->len; i++)
		if (strcmp(p->backends->items[i]->name, name) == 0)
			return true;
	return false;
}

static const char *suggest_target(struct program *p, const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < p->backends->len; i++) {
		size_t dist = edit_distance(name, p->backends->items[i]->name, 2);
		if (dist < best_d) {
			best_d = dist;
			best = p->backends->items[i]->name;
		}
	}
	return best;
}

/* Each `packages` string is one pkg-config module with at most one
 * version constraint (mir(5)); anything else would reach pkg-config and
 * the Makefile to mean something else, or nothing. */
static void check_packages(struct program *p, struct field *f)
{
	for (size_t i = 0; i < f->nvalues; i++) {
		const struct expr *e = f->values[i];
		struct pkg_constraint pc;
		const char *why = memchr(e->u.str.s, '\0', e->u.str.len)
			? "it contains a NUL byte"
			: pkg_constraint_parse(p->arena, e->u.str.s, &pc);
		if (why)
			diag_report(p->diag, CHK_BAD_FIELD, &e->pos,
				    "package constraint \"%s\" is not valid: %s",
				    e->u.str.s, why);
	}
}

static void check_fields(struct program *p, struct decl *d, struct impl_info *ii)
{
	bool job = d->kind == DECL_JOB;

	for (size_t i = 0; i < d->u.impl.nfields; i++) {
		struct field *f = &d->u.impl.fields[i];
		size_t k;

		for (k = 0; k < NFIELDS; k++)
			if (strcmp(f->name, fields[k].name) == 0)
				break;
		if (k == NFIELDS || (job && !fields[k].job_ok)) {
			const char *best = NULL;
			size_t best_d = 3;
			for (size_t j = 0; k == NFIELDS && j < NFIELDS; j++) {
				size_t dist = edit_distance(f->name, fields[j].name, 2);
				if (dist < best_d && (!job || fields[j].job_ok)) {
					best_d = dist;
					best = fields[j].name;
				}
			}
			diag_report(p->diag, CHK_BAD_FIELD, &f->name_pos,
				    k == NFIELDS ? "unknown field '%s'%s%s%s"
				    : "a job has no field '%s'%s%s%s", f->name,
				    best ? " (did you mean '" : "",
				    best ? best : "", best ? "'?)" : "");
			continue;
		}
		struct field **slot = (struct field **)((char *)ii + fields[k].off);
		if (*slot) {
			diag_report(p->diag, CHK_BAD_FIELD, &f->name_pos,
				    "field '%s' is given twice", f->name);
			diag_note(p->diag, &(*slot)->name_pos,
				  "first given here");
			continue;
		}
		if (!field_values_ok(p, d, f, fields[k].vals))
			continue;
		if (!strcmp(f->name, "packages"))
			check_packages(p, f);
		*slot = f;
	}

	ii->embed_param = -1;
	if (ii->f_embed) {
		struct expr *v = ii->f_embed->values[0];
		size_t k;
		for (k = 0; k < d->u.impl.nparams; k++)
			if (!strcmp(d->u.impl.params[k].name, v->u.name.name))
				break;
		if (ii->f_embed->nvalues != 1)
			diag_report(p->diag, CHK_BAD_FIELD, &ii->f_embed->pos,
				    "field 'embed' takes one parameter name");
		else if (k == d->u.impl.nparams ||
			 strcmp(d->u.impl.params[k].type, "string"))
			diag_report(p->diag, CHK_BAD_FIELD, &v->pos, "'embed' "
				    "names a string parameter of '%s' (the "
				    "directory to embed)", d->name);
		else
			ii->embed_param = (int)k;
	}
	if (ii->f_prefix && !is_c_ident(ii->f_prefix->values[0]->u.str.s))
		diag_report(p->diag, CHK_BAD_NAME, &ii->f_prefix->values[0]->pos,
			    "prefix '%s' is not a C identifier",
			    ii->f_prefix->values[0]->u.str.s);
	if (ii->f_args) {
		struct field *f = ii->f_args;
		ii->runtime_args = arena_alloc(p->arena, f->nvalues * sizeof(struct decl *));
		for (size_t i = 0; i < f->nvalues; i++) {
			const char *n = f->values[i]->u.name.name;
			struct decl *a = hmap_get(&p->args, n);
			if (a && a->file && f->values[i]->pos.file &&
			    a->file != f->values[i]->pos.file)
				p->file_referenced[a->file->index] = true;
			if (!a)
				a = hmap_get(&p->names, n);
			if (a && a->kind == DECL_ARG) {
				for (size_t j = 0; j < ii->nruntime_args; j++)
					if (ii->runtime_args[j] == a)
						diag_report(p->diag, CHK_BAD_FIELD,
							    &f->values[i]->pos,
							    "runtime arg '%s' is "
							    "listed twice", n);
				ii->runtime_args[ii->nruntime_args++] = a;
				continue;
			}
			if (!a && sema_quiet_unknown(p, n))
				continue;	/* may be what did not load */
			const char *s = sema_suggest(p, n, WANT(DECL_ARG));
			diag_report(p->diag, CHK_UNKNOWN_ARG, &f->values[i]->pos,
				    a ? "'%s' is %s, not a runtime arg%s%s%s"
				      : "'%s' is not a runtime arg%.0s%s%s%s",
				    n, a ? a_an(p->arena, decl_kind_name(a->kind)) : "",
				    s ? " (did you mean '" : "", s ? s : "",
				    s ? "'?)" : "");
		}
	}
	if (ii->f_targets) {
		struct field *f = ii->f_targets;
		ii->targets = arena_alloc(p->arena, (f->nvalues + 1) * sizeof(char *));
		for (size_t i = 0; i < f->nvalues; i++) {
			const char *n = f->values[i]->u.name.name;
			if (is_target(p, n)) {
				ii->targets[ii->ntargets++] = n;
				continue;
			}
			const char *s = suggest_target(p, n);
			diag_report(p->diag, CHK_UNKNOWN_NAME, &f->values[i]->pos,
				    "unknown target '%s'%s%s%s", n,
				    s ? " (did you mean '" : "", s ? s : "",
				    s ? "'?)" : "");
		}
	}
}

static void check_impl(struct program *p, struct decl *d)
{
	struct impl_info *ii = arena_alloc(p->arena, sizeof(*ii));
	struct impl_decl *im = &d->u.impl;

	d->sema = ii;
	if (d->kind == DECL_JOB)
		ii->result = p->job_sig;
	else
		ii->result = lookup_sig(p, im->result, &im->result_pos,
					"the result of an impl");
	ii->param_types = arena_alloc(p->arena, (im->nparams + 1) * sizeof(struct ty));
	ii->param_state = arena_alloc(p->arena, im->nparams + 1);
	for (size_t i = 0; i < im->nparams; i++) {
		struct param *pa = &im->params[i];
		struct ty *t = &ii->param_types[i];

		for (size_t j = 0; j < i; j++) {
			if (strcmp(im->params[j].name, pa->name) == 0) {
				diag_report(p->diag, CHK_DUPLICATE_DEFINITION,
					    &pa->name_pos, "parameter '%s' "
					    "is declared twice", pa->name);
				diag_note(p->diag, &im->params[j].name_pos,
					  "first declared here");
			}
		}
		if (!strcmp(pa->type, "string"))
			t->kind = TY_STRING;
		else if (!strcmp(pa->type, "int"))
			t->kind = TY_INT;
		else if (!strcmp(pa->type, "bool"))
			t->kind = TY_BOOL;
		else if ((t->sig = lookup_sig(p, pa->type, &pa->type_pos,
					      "a parameter type")))
			t->kind = TY_DEVICE;
		else
			t->kind = TY_ERROR;
	}
	check_fields(p, d, ii);
}

/* ---- keys and runtime args ------------------------------------------------------ */

static const char *enum_choices(struct arena *a, const struct vtype *t)
{
	struct strbuf sb;
	const char *r;

	sb_init(&sb);
	for (size_t i = 0; i < t->nenum; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", t->enum_values[i]);
	r = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return r;
}

/* Check the text form of a scalar value; NULL when it fits. */
const char *literal_check_text(struct arena *a, const struct vtype *t,
			       const char *s)
{
	unsigned char buf[16];
	unsigned len;
	uint64_t ns;
	int64_t i;

	switch (t->kind) {
	case VT_BOOL:
		return !strcmp(s, "true") || !strcmp(s, "false") ? NULL
			: "expected true or false";
	case VT_INT:
		return lit_parse_int(s, &i) ? NULL
			: "expected an integer that fits in 64 bits";
	case VT_STRING:
		return NULL;
	case VT_ENUM:
		for (size_t k = 0; k < t->nenum; k++)
			if (!strcmp(s, t->enum_values[k]))
				return NULL;
		return arena_printf(a, "expected one of: %s", enum_choices(a, t));
	case VT_DURATION: {
		/* The runtime's words: it says too long apart from malformed. */
		const char *why = lit_duration_why(s, &ns);
		return why ? arena_printf(a, "expected %s", why) : NULL;
	}
	case VT_IPV4:
		return lit_parse_ipv4(s, buf) ? NULL
			: "expected an IPv4 address such as \"10.0.0.2\"";
	case VT_IPV6:
		return lit_parse_ipv6(s, buf) ? NULL
			: "expected an IPv6 address such as \"fe80::1\"";
	case VT_IP:
		return lit_parse_ipv4(s, buf) || lit_parse_ipv6(s, buf) ? NULL
			: "expected an IPv4 or IPv6 address";
	case VT_IPV4_PREFIX:
		return lit_parse_prefix(s, 4, buf, &len) ? NULL
			: "expected an IPv4 prefix such as \"10.0.0.2/24\" "
			  "(length 0 to 32)";
	case VT_IPV6_PREFIX:
		return lit_parse_prefix(s, 6, buf, &len) ? NULL
			: "expected an IPv6 prefix such as \"fd00::1/64\" "
			  "(length 0 to 128)";
	case VT_OPT:
		return literal_check_text(a, t->elem, s);
	case VT_LIST:
		return "a list cannot be given as one value";
	}
	return "unknown type";
}

const char *literal_check(struct arena *a, const struct vtype *t,
			  const struct expr *e)
{
	switch (t->kind) {
	case VT_BOOL:
		return e->kind == EXPR_BOOL ? NULL : "expected true or false";
	case VT_INT:
		return e->kind == EXPR_INT ? NULL : "expected an integer";
	case VT_ENUM:
		if (e->kind != EXPR_NAME)
			return arena_printf(a, "expected one of: %s",
					    enum_choices(a, t));
		return literal_check_text(a, t, e->u.name.name);
	case VT_OPT:
		return literal_check(a, t->elem, e);
	case VT_LIST:
		if (e->kind != EXPR_LIST)
			return "expected a list such as [ ... ]";
		for (size_t i = 0; i < e->u.list.n; i++) {
			const char *why = literal_check(a, t->elem,
							e->u.list.items[i]);
			if (why)
				return arena_printf(a, "item %zu: %s", i + 1, why);
		}
		return NULL;
	default:
		if (e->kind != EXPR_STRING)
			return arena_printf(a, "expected a string holding a %s",
					    vt_base_name(t->kind));
		if (memchr(e->u.str.s, '\0', e->u.str.len))
			return "a string value cannot contain NUL";
		return literal_check_text(a, t, e->u.str.s);
	}
}

static void check_keyarg(struct program *p, struct decl *d)
{
	struct keyarg_info *ki = arena_alloc(p->arena, sizeof(*ki));
	struct keyarg_decl *ka = &d->u.ka;
	const struct vtype *t = ka->type;
	const char *why;

	d->sema = ki;
	if (!t)
		return;
	if (d->kind == DECL_ARG) {
		/* Every program's boot options (c-interface.md 5). */
		static const char *const builtin[] = {"help", "version", "logs",
			"delay", "name", "log-time", "no-log-time"};
		for (size_t i = 0; i < sizeof(builtin) / sizeof(*builtin); i++) {
			/* Options are spelt with '-' where the arg has '_'. */
			const char *a = d->name, *b = builtin[i];
			while (*a && (*a == *b || (*a == '_' && *b == '-'))) {
				a++;
				b++;
			}
			if (!*a && !*b)
				diag_report(p->diag, CHK_BAD_NAME, &d->name_pos,
					    "runtime arg '%s' would clash with "
					    "the boot option every program has, "
					    "--%s", d->name, builtin[i]);
		}
	}
	bool dup = false;
	for (const struct vtype *v = t; v; v = v->elem) {
		for (size_t i = 0; v->kind == VT_ENUM && i < v->nenum; i++)
			for (size_t j = 0; j < i; j++)
				if (!strcmp(v->enum_values[i], v->enum_values[j])) {
					dup = true;
					diag_report(p->diag, CHK_DUPLICATE_DEFINITION,
						    &v->enum_pos[i], "enum value "
						    "'%s' is given twice",
						    v->enum_values[i]);
					diag_note(p->diag, &v->enum_pos[j],
						  "first given here");
				}
	}
	if (dup)
		return;
	if (ka->def && (why = literal_check(p->arena, t, ka->def))) {
		diag_report(p->diag, CHK_BAD_LITERAL, &ka->def->pos,
			    "default of %s '%s' does not fit its type %s: %s",
			    decl_kind_name(d->kind), d->name,
			    vtype_text(p->arena, t), why);
		return;
	}
	if (ka->def && ka->required) {
		diag_report(p->diag, CHK_BAD_LITERAL, &ka->def->pos,
			    "runtime arg '%s' is 'required' and so cannot "
			    "have a default", d->name);
		return;
	}
	ki->ok = true;
}

void check_decls(struct program *p)
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
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		switch (d->kind) {
		case DECL_SIGNATURE:
			check_ops(p, d);
			break;
		case DECL_IMPL:
		case DECL_JOB:
			check_impl(p, d);
			break;
		case DECL_KEY:
		case DECL_ARG:
			if (d != p->target_key)
				check_keyarg(p, d);
			else {
				struct keyarg_info *ki = arena_alloc(p->arena,
						sizeof(struct keyarg_info));
				ki->ok = true;
				d->sema = ki;
			}
			break;
		case DECL_LET:
		case DECL_CTYPE:
			break;
		}
	}
	check_c_names(p);
	if (p->reg && strlen(p->reg->name) > REG_MAX_NAME) {
		diag_report(p->diag, CHK_LIMIT, &p->reg->name_pos,
			    "register name '%.20s...' is %zu characters long; "
			    "the limit is %d (it names the binary and the "
			    "files made from it)", p->reg->name,
			    strlen(p->reg->name), REG_MAX_NAME);
	} else if (p->reg) {
		const char *n = p->reg->name;
		bool ok = *n >= 'a' && *n <= 'z';
		for (const char *c = n; ok && *c; c++)
			ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')
			     || *c == '_' || *c == '-';
		if (!ok)
			diag_report(p->diag, CHK_BAD_NAME, &p->reg->name_pos,
				    "register name '%s' must match "
				    "[a-z][a-z0-9_-]* (it names the binary)", n);
	}
}
