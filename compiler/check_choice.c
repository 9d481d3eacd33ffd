/* SPDX-License-Identifier: MIT */
/*
 * check_choice.c - the choices part of the check-expressions pass:
 * `if` conditions and `match` arms.
 *
 * Input: the keys' checked types (check_decl.c) and the expression checker
 * (check_expr.c), which calls in here for EXPR_IF and EXPR_MATCH.  Output:
 * the type the branches join to (their most specific common signature);
 * diagnostics for conditions on keys of the wrong type, enum values the
 * key does not have, patterns that repeat, and matches that are not
 * exhaustive.
 */
#include <string.h>

#include "sema.h"

#define WANT(k) (1u << (k))

static const struct ty ty_error = {TY_ERROR, NULL};

/* The key named in a condition or match, with its declared type. */
static struct decl *lookup_key(struct program *p, const char *name,
			       const struct srcpos *pos)
{
	struct decl *d = resolve_lookup(p, name, pos);

	if (hmap_get(&p->dups, name))
		return NULL;
	if (!d) {
		check_expr_unknown(p, name, pos, WANT(DECL_KEY));
		return NULL;
	}
	if (d->kind != DECL_KEY) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, pos, "'%s' is %s; "
			    "conditions and match subjects are keys", name,
			    util_a_an(p->arena, resolve_decl_kind_name(d->kind)));
		return NULL;
	}
	if (!d->u.ka.type)
		return NULL;
	/* A key whose declaration is wrong was reported there. */
	if (d->sema && !((struct keyarg_info *)d->sema)->ok)
		return NULL;
	return d;
}

static bool enum_has(const struct vtype *t, const char *v)
{
	for (size_t i = 0; i < t->nenum; i++)
		if (!strcmp(t->enum_values[i], v))
			return true;
	return false;
}

static const char *enum_suggest(const struct vtype *t, const char *v)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < t->nenum; i++) {
		size_t dist = util_edit_distance(v, t->enum_values[i], 2);
		if (dist < best_d) {
			best_d = dist;
			best = t->enum_values[i];
		}
	}
	return best;
}

static void check_enum_value(struct program *p, struct decl *k,
			     const char *v, const struct srcpos *pos)
{
	const char *s;

	if (enum_has(k->u.ka.type, v))
		return;
	s = enum_suggest(k->u.ka.type, v);
	diag_report(p->diag, CHK_UNKNOWN_NAME, pos,
		    "'%s' is not a value of key '%s'%s%s%s", v, k->name,
		    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
}

/* A condition that tests a key, written so that it type-checks. */
static const char *cond_example(struct program *p, const struct decl *k)
{
	const struct vtype *t = k->u.ka.type;

	switch (t->kind) {
	case VT_INT:
		return arena_printf(p->arena, "%s >= 1", k->name);
	case VT_STRING:
		return arena_printf(p->arena, "%s == \"value\"", k->name);
	case VT_ENUM:
		return arena_printf(p->arena, "%s == %s", k->name,
				    t->nenum ? t->enum_values[0] : "value");
	default:
		return k->name;
	}
}

static const char *const cmp_ops[] = {"==", "!=", "<", "<=", ">", ">="};

/*
 * `key OP value`: an enum key against one of its values (== and !=), an
 * int key against an integer (all six), a string key against a string
 * (== and !=).  Bool keys are conditions by themselves.
 */
static void check_cmp(struct program *p, struct cond *c, struct decl *k)
{
	const struct vtype *t = k->u.ka.type;
	const char *op = cmp_ops[c->kind - COND_EQ];
	bool order = c->kind != COND_EQ && c->kind != COND_NE;
	enum expr_kind want = t->kind == VT_INT ? EXPR_INT
		: t->kind == VT_STRING ? EXPR_STRING : EXPR_NAME;
	static const char *const what[] = {
		[EXPR_NAME] = "a name", [EXPR_INT] = "an integer",
		[EXPR_STRING] = "a string",
	};
	static const char *const hint[] = {
		[EXPR_NAME] = "one of its values", [EXPR_INT] = "an integer",
		[EXPR_STRING] = "a string",
	};

	if (t->kind == VT_BOOL) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, &c->pos, "'%s' is a "
			    "bool key: test it as '%s' or '!%s', not with "
			    "'%s'", k->name, k->name, k->name, op);
		return;
	}
	if (order && t->kind != VT_INT) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, &c->pos, "'%s' orders "
			    "int keys only, and '%s' is %s key (compare it "
			    "with == or !=)", op, k->name, util_a_an(p->arena,
			    ast_vtype_text(p->arena, t)));
		return;
	}
	if (c->rhs->kind != want) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, &c->rhs->pos, "'%s' is "
			    "%s key, compared here with %s (compare it with "
			    "%s, such as %s)", k->name, util_a_an(p->arena,
			    ast_vtype_text(p->arena, t)), what[c->rhs->kind],
			    hint[want], cond_example(p, k));
		return;
	}
	if (t->kind == VT_ENUM)
		check_enum_value(p, k, c->values[0], &c->value_pos[0]);
}

static void check_cond(struct program *p, struct cond *c)
{
	struct decl *k;

	switch (c->kind) {
	case COND_OR:
	case COND_AND:
		check_cond(p, c->l);
		check_cond(p, c->r);
		return;
	case COND_NOT:
		check_cond(p, c->l);
		return;
	case COND_KEY:
		if ((k = lookup_key(p, c->key, &c->key_pos)) &&
		    k->u.ka.type->kind != VT_BOOL)
			diag_report(p->diag, CHK_TYPE_MISMATCH, &c->key_pos,
				    "'%s' is %s key; a condition needs a "
				    "bool key or a comparison such as %s",
				    c->key, util_a_an(p->arena,
				    ast_vtype_text(p->arena, k->u.ka.type)),
				    cond_example(p, k));
		return;
	case COND_EQ: case COND_NE: case COND_LT:
	case COND_LE: case COND_GT: case COND_GE:
		if ((k = lookup_key(p, c->key, &c->key_pos)))
			check_cmp(p, c, k);
		return;
	case COND_IN:
		if (!(k = lookup_key(p, c->key, &c->key_pos)))
			return;
		if (k->u.ka.type->kind != VT_ENUM) {
			diag_report(p->diag, CHK_TYPE_MISMATCH, &c->key_pos,
				    "'%s' is %s key; 'in' needs an enum key",
				    c->key, util_a_an(p->arena,
				    ast_vtype_text(p->arena, k->u.ka.type)));
			return;
		}
		for (size_t i = 0; i < c->nvalues; i++)
			check_enum_value(p, k, c->values[i], &c->value_pos[i]);
		return;
	}
}

/*
 * The type of a choice: with an expected signature every branch must fit
 * it; otherwise the most specific signature all branches share.
 */
static struct ty join_branches(struct program *p, struct expr *e,
			       struct ty *tys, struct expr **branches,
			       size_t n, struct decl *expect)
{
	for (size_t i = 0; i < n; i++) {
		if (tys[i].kind == TY_ERROR)
			return ty_error;
		if (tys[i].kind != TY_DEVICE) {
			diag_report(p->diag, CHK_TYPE_MISMATCH, &branches[i]->pos,
				    "the branches of '%s' must be devices, "
				    "got %s", e->kind == EXPR_IF ? "if" : "match",
				    check_expr_phrase(p, &tys[i]));
			return ty_error;
		}
	}
	if (expect) {
		bool ok = true;
		for (size_t i = 0; i < n; i++) {
			if (check_sig_is_subtype(tys[i].sig, expect))
				continue;
			diag_report(p->diag, CHK_TYPE_MISMATCH, &branches[i]->pos,
				    "this branch is %s, but %s is expected here",
				    check_expr_phrase(p, &tys[i]), expect->name);
			ok = false;
		}
		return ok ? check_expr_device(expect) : ty_error;
	}
	/* The most specific signature all branches share. */
	bool ambiguous;
	struct decl *best = check_sig_join(tys, n, &ambiguous);
	if (best)
		return check_expr_device(best);
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", tys[i].sig->name);
	diag_report(p->diag, CHK_TYPE_MISMATCH, &e->pos, "the branches of "
		    "this '%s' (%s) have no %scommon signature%s",
		    e->kind == EXPR_IF ? "if" : "match", sb.buf,
		    ambiguous ? "single most specific " : "",
		    ambiguous ? "; annotate the let with the one you mean" : "");
	sb_free(&sb);
	return ty_error;
}

struct ty check_choice_if(struct program *p, struct expr *e,
			  struct decl *expect)
{
	struct ty tys[2];
	struct expr *br[2] = {e->u.ifx.then_e, e->u.ifx.else_e};

	check_cond(p, e->u.ifx.cond);
	tys[0] = check_expr(p, br[0], expect);
	tys[1] = check_expr(p, br[1], expect);
	return join_branches(p, e, tys, br, 2, expect);
}

/* Do two literal patterns (of an int or string key) name one value? */
static bool same_lit(const struct expr *a, const struct expr *b)
{
	if (a->kind != b->kind)
		return false;
	if (a->kind == EXPR_INT)
		return a->u.ival == b->u.ival;
	return a->u.str.len == b->u.str.len &&
	       !memcmp(a->u.str.s, b->u.str.s, a->u.str.len);
}

/*
 * One pattern of a match on key k: the index of the value it names (enum
 * values in declaration order, false/true for a bool; for an int or string
 * key the index of its first spelling among the patterns so far), or
 * `nvals` when it names none (reported).  `lits` collects the literals of
 * int and string keys.
 */
static size_t pattern_index(struct program *p, struct decl *k,
			    struct pattern *pt, size_t nvals,
			    const struct expr ***lits, size_t *nlits)
{
	const struct vtype *vt = k->u.ka.type;
	enum pat_kind want = vt->kind == VT_BOOL ? PAT_TRUE
		: vt->kind == VT_ENUM ? PAT_NAME
		: vt->kind == VT_INT ? PAT_INT : PAT_STRING;
	bool fits = pt->kind == want || (want == PAT_TRUE &&
					 pt->kind == PAT_FALSE);
	size_t idx;

	if (!fits) {
		diag_report(p->diag, CHK_TYPE_MISMATCH, &pt->pos, "key '%s' "
			    "is %s; its patterns are %s", k->name,
			    util_a_an(p->arena, ast_vtype_text(p->arena, vt)),
			    want == PAT_TRUE ? "true and false"
			    : want == PAT_NAME ? "its values"
			    : want == PAT_INT ? "integers" : "strings");
		return nvals;
	}
	switch (pt->kind) {
	case PAT_TRUE:
	case PAT_FALSE:
		return pt->kind == PAT_TRUE ? 1 : 0;
	case PAT_NAME:
		check_enum_value(p, k, pt->name, &pt->pos);
		for (idx = 0; idx < nvals; idx++)
			if (!strcmp(vt->enum_values[idx], pt->name))
				break;
		return idx;
	default:
		for (idx = 0; idx < *nlits; idx++)
			if (same_lit((*lits)[idx], pt->lit))
				return idx;
		/* Patterns are few; growing by one keeps this simple. */
		const struct expr **n = arena_alloc(p->arena, (*nlits + 1) *
						    sizeof(*n));
		if (*nlits)
			memcpy(n, *lits, *nlits * sizeof(*n));
		n[(*nlits)++] = pt->lit;
		*lits = n;
		return idx;
	}
}

/*
 * Bool and enum keys have values that arms can list; int and string keys
 * have too many, so a match on them needs `_`.
 */
struct ty check_choice_match(struct program *p, struct expr *e,
			     struct decl *expect)
{
	struct decl *k = lookup_key(p, e->u.match.key, &e->u.match.key_pos);
	size_t narms = e->u.match.narms, nvals = 0, covered = 0, nlits = 0;
	struct ty *tys = arena_alloc(p->arena, (narms + 1) * sizeof(*tys));
	struct expr **br = arena_alloc(p->arena, (narms + 1) * sizeof(*br));
	const struct vtype *vt = NULL;
	const struct expr **lits = NULL;
	bool *seen = NULL, wild = false, open = false;

	if (k) {
		vt = k->u.ka.type;
		open = vt->kind == VT_INT || vt->kind == VT_STRING;
		nvals = vt->kind == VT_BOOL ? 2 : vt->kind == VT_ENUM
			? vt->nenum : 0;
		for (size_t i = 0; open && i < narms; i++)
			nvals += e->u.match.arms[i].npats;
		seen = arena_alloc(p->arena, nvals + 1);
	}
	for (size_t i = 0; i < narms; i++) {
		struct arm *arm = &e->u.match.arms[i];
		bool fresh = false, was_wild = wild;

		for (size_t j = 0; k && j < arm->npats; j++) {
			struct pattern *pt = &arm->pats[j];
			size_t idx;
			if (pt->kind == PAT_WILD) {
				fresh = fresh || (open ? !was_wild
						       : covered < nvals);
				wild = true;
				continue;
			}
			idx = pattern_index(p, k, pt, nvals, &lits, &nlits);
			if (idx >= nvals) {
				fresh = true;	/* reported */
				continue;
			}
			if (!seen[idx] && !was_wild) {
				seen[idx] = true;
				covered++;
				fresh = true;
			}
		}
		if (k && !fresh)
			diag_report(p->diag, CHK_UNREACHABLE_ARM, &arm->pos,
				    "this arm is never taken: earlier arms "
				    "cover its values");
		br[i] = arm->body;
		tys[i] = check_expr(p, arm->body, expect);
	}
	struct srcpos pos = e->pos;
	pos.last_line = e->u.match.key_pos.last_line;
	pos.last_column = e->u.match.key_pos.last_column;
	if (k && open && !wild) {
		diag_report(p->diag, CHK_NON_EXHAUSTIVE_MATCH, &pos,
			    "match on '%s', %s key, needs a last '_ =>' arm: "
			    "its values cannot all be listed", k->name,
			    util_a_an(p->arena, ast_vtype_text(p->arena, vt)));
	} else if (k && !wild && covered < nvals) {
		struct strbuf sb;
		sb_init(&sb);
		for (size_t v = 0, n = 0; v < nvals; v++) {
			if (seen[v])
				continue;
			sb_printf(&sb, "%s%s", n++ ? ", " : "",
				  vt->kind == VT_BOOL ? (v ? "true" : "false")
						      : vt->enum_values[v]);
		}
		diag_report(p->diag, CHK_NON_EXHAUSTIVE_MATCH, &pos,
			    "match on '%s' does not cover: %s (add arms or "
			    "'_ =>')", k->name, sb.buf);
		sb_free(&sb);
	}
	if (!narms)
		return ty_error;
	return join_branches(p, e, tys, br, narms, expect);
}
