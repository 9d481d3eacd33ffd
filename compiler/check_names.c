/* SPDX-License-Identifier: MIT */
/*
 * check_names.c - the names that the generated C and the boot command line
 * are made of, checked in one place before any C is written (`bad-name`):
 * no two things may get one name, and no name may be a C keyword or one
 * of the runtime's (`mirc_`, `MIRC_`) or of <stdint.h> and friends.
 *
 * The names are derived as emit_c.c and emit_mirc_h.c derive them (keep the two in step):
 *
 *   signature S        struct S, struct S_ops; S_op for every operation,
 *                      inherited ones too (call helpers); S_as_A for every
 *                      ancestor A (upcasts)
 *   impl I, prefix P   struct P (its state, unless stateless); P_op for
 *                      every operation of its result; P_connect
 *   job J, prefix P    P_start
 *   runtime arg A      A_V upper-cased for every value V of an enum type;
 *                      the boot options --A and, for a bool, --no-A (with
 *                      '_' as '-'); its name as a C parameter of the
 *                      connect and start functions that list it
 *   ctype T            T, an ordinary identifier of its header
 *
 * Names made only inside main.c (mirc_ops_P, mirc_thunk_P_op, mirc_dev_ID,
 * mirc_arg_A, ...) are distinct whenever the names above are.  The boot
 * options every program has are checked with the runtime args themselves
 * (check_decl.c).  Each clash is reported at the later declaration, with
 * a note at the earlier one, in load order (prelude first).
 */
#include <string.h>

#include "sema.h"

/* What a generated name was made for: "value 'c' of runtime arg 'a_b'". */
struct gname {
	const char *what;
	const char *who;		/* the declaration, for the note */
	const struct srcpos *pos;	/* NULL: a standard C type */
};

/* One namespace of generated names: C identifiers, struct tags, options,
 * the parameters of one function. */
struct space {
	struct hmap map;
	const char *kind;	/* "C name", "C struct tag", "boot option" */
	const char *scope;	/* "" or " of FUNCTION" for parameters */
	bool c;			/* a C name: not a keyword */
	bool global;		/* of file scope: not the runtime's */
};

struct names {
	struct program *p;
	struct space ords, tags, opts;
};

static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "_Alignas", "_Alignof",
	"_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
	"_Static_assert", "_Thread_local", "bool",
};

/* Typedef names of the standard headers that mirc.h includes. */
static const char *const std_types[] = {
	"size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "int8_t",
	"int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
	"uint64_t", "intmax_t", "uintmax_t", "wchar_t", "max_align_t",
};

static bool in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

#define IN(list, s) in_list(list, sizeof(list) / sizeof(list[0]), s)

/*
 * Claim `name` in space `s` for `what` (`who` is the declaration that
 * makes it, for the note; NULL: `what` itself), declared at `pos`.
 * Reports when something else has it already, or when mirc makes it and it
 * is not a name the program may take; returns false then.  A ctype only
 * names what its header declares, so `made` is false for it.
 */
static bool claim(struct names *n, struct space *s, const char *name,
		  const char *what, const char *who, const struct srcpos *pos,
		  bool made)
{
	struct gname *old = hmap_get(&s->map, name), *g;
	const char *dash = s->c ? "" : "--";

	if (made && s->c && IN(c_keywords, name)) {
		diag_report(n->p->diag, CHK_BAD_NAME, pos, "the %s '%s'%s, made "
			    "for %s, is a C keyword", s->kind, name, s->scope,
			    what);
		return false;
	}
	if (made && s->global && (!strncmp(name, "mirc_", 5) ||
				  !strncmp(name, "MIRC_", 5))) {
		diag_report(n->p->diag, CHK_BAD_NAME, pos, "the %s '%s', made "
			    "for %s, is reserved: names that begin with mirc_ "
			    "or MIRC_ belong to the runtime", s->kind, name,
			    what);
		return false;
	}
	if (old && !old->pos) {
		diag_report(n->p->diag, CHK_BAD_NAME, pos, "the %s '%s'%s, "
			    "made for %s, is also %s", s->kind, name, s->scope,
			    what, old->what);
		return false;
	}
	if (old) {
		diag_report(n->p->diag, CHK_BAD_NAME, pos, "the %s '%s%s'%s, "
			    "made for %s, is also made for %s", s->kind, dash,
			    name, s->scope, what, old->what);
		diag_note(n->p->diag, old->pos, "%s is declared here",
			  old->who);
		return false;
	}
	g = arena_alloc(n->p->arena, sizeof(*g));
	g->what = what;
	g->who = who ? who : what;
	g->pos = pos;
	hmap_put(&s->map, name, g);
	return true;
}

/* ---- signatures, impls, jobs ------------------------------------------------ */

/* Visit signature `s`, then (when `full`) each of its ancestors once,
 * depth first, as emit_c.c walks them: a tower of diamonds stays linear. */
static void walk_sigs(struct decl *s, bool full, struct hmap *seen,
		      void (*fn)(void *ctx, struct decl *sig), void *ctx)
{
	struct sig_info *si = s->sema;

	if (hmap_get(seen, s->name))
		return;
	hmap_put(seen, s->name, s);
	fn(ctx, s);
	for (size_t i = 0; full && si && i < si->nparents; i++)
		walk_sigs(si->parents[i], true, seen, fn, ctx);
}

struct op_walk {
	void (*fn)(void *ctx, struct decl *owner, struct op *op);
	void *ctx;
	struct hmap ops;	/* operation names already given */
};

static void walk_ops_of(void *vw, struct decl *owner)
{
	struct op_walk *w = vw;

	for (size_t i = 0; i < owner->u.sig.nops; i++) {
		struct op *op = &owner->u.sig.ops[i];
		if (hmap_get(&w->ops, op->ret.name))
			continue;	/* op-clash, or a diamond */
		hmap_put(&w->ops, op->ret.name, op);
		w->fn(w->ctx, owner, op);
	}
}

/*
 * Each operation of signature `s` once, with its owner: its own, and
 * with `full` its ancestors' too.  mirc.h has helpers for inherited
 * operations only for handle signatures (see is_handle), and an impl
 * defines every operation of its result.
 */
static void each_op(struct decl *s, bool full,
		    void (*fn)(void *ctx, struct decl *owner, struct op *op),
		    void *ctx)
{
	struct op_walk w = {fn, ctx, {0}};
	struct hmap seen;

	hmap_init(&seen);
	hmap_init(&w.ops);
	walk_sigs(s, full, &seen, walk_ops_of, &w);
	hmap_free(&w.ops);
	hmap_free(&seen);
}

struct op_ctx {
	struct names *n;
	struct decl *d;		/* the signature, impl or job */
	const char *prefix;	/* S for helpers, P for an impl's functions */
	bool bad_prefix;	/* S itself was reported: only check ops */
};

static void sig_op(void *vctx, struct decl *owner, struct op *op)
{
	struct op_ctx *c = vctx;
	struct arena *a = c->n->p->arena;
	const char *name = arena_printf(a, "%s_%s", c->prefix, op->ret.name);

	/* The operation is also a member of S_ops. */
	if (owner == c->d && IN(c_keywords, op->ret.name))
		diag_report(c->n->p->diag, CHK_BAD_NAME, &op->ret.name_pos,
			    "the name of operation '%s' of signature '%s' is "
			    "a C keyword", op->ret.name, c->d->name);
	if (c->bad_prefix)
		return;
	if (owner == c->d)
		claim(c->n, &c->n->ords, name, arena_printf(a, "the call "
		      "helper of operation '%s' of signature '%s'",
		      op->ret.name, c->d->name), arena_printf(a, "operation "
		      "'%s' of signature '%s'", op->ret.name, c->d->name),
		      &op->ret.name_pos, true);
	else
		claim(c->n, &c->n->ords, name, arena_printf(a, "the call "
		      "helper of operation '%s' of signature '%s' (inherited "
		      "from '%s')", op->ret.name, c->d->name, owner->name),
		      arena_printf(a, "signature '%s'", c->d->name),
		      &c->d->name_pos, true);
}

static void impl_op(void *vctx, struct decl *owner, struct op *op)
{
	struct op_ctx *c = vctx;
	struct arena *a = c->n->p->arena;

	(void)owner;
	claim(c->n, &c->n->ords, arena_printf(a, "%s_%s", c->prefix,
	      op->ret.name), arena_printf(a, "operation '%s' of impl '%s'",
	      op->ret.name, c->d->name), arena_printf(a, "impl '%s'",
	      c->d->name), &c->d->name_pos, true);
}

struct upcast_ctx {
	struct names *n;
	struct decl *d;
	const char *who;
};

static void upcast_name(void *vu, struct decl *anc)
{
	struct upcast_ctx *u = vu;
	struct arena *a = u->n->p->arena;

	claim(u->n, &u->n->ords, arena_printf(a, "%s_as_%s", u->d->name,
	      anc->name), arena_printf(a, "the upcast from signature '%s' to "
	      "'%s'", u->d->name, anc->name), u->who, &u->d->name_pos, true);
}

static void sig_names(struct names *n, struct decl *d, bool full)
{
	struct arena *a = n->p->arena;
	struct sig_info *si = d->sema;
	struct op_ctx c = {n, d, d->name, false};
	const char *who = arena_printf(a, "signature '%s'", d->name);

	/* A name that cannot be S would only repeat that in S's others. */
	if (!claim(n, &n->tags, d->name, arena_printf(a, "signature '%s' "
		   "(its handle)", d->name), who, &d->name_pos, true)) {
		c.bad_prefix = true;
		each_op(d, full, sig_op, &c);
		return;
	}
	claim(n, &n->tags, arena_printf(a, "%s_ops", d->name),
	      arena_printf(a, "signature '%s' (its operation table)",
			   d->name), who, &d->name_pos, true);
	each_op(d, full, sig_op, &c);
	/* Upcasts: to each parent; for a handle signature to every
	 * ancestor. */
	struct upcast_ctx u = {n, d, who};
	struct hmap seen;
	hmap_init(&seen);
	hmap_put(&seen, d->name, d);
	for (size_t i = 0; si && i < si->nparents; i++)
		walk_sigs(si->parents[i], full, &seen, upcast_name, &u);
	hmap_free(&seen);
}

/*
 * The parameters of P_connect or P_start, as emit_mirc_h.c lists them: `self`,
 * the impl's parameters, its runtime args, `files`.  They are C names in
 * one scope.
 */
static void entry_params(struct names *n, struct decl *d,
			 struct impl_info *ii, const char *fn)
{
	struct arena *a = n->p->arena;
	struct space s = {{0}, "C parameter", "", true, false};

	s.scope = arena_printf(a, " of %s", fn);
	hmap_init(&s.map);
	if (d->kind == DECL_IMPL && !ii->f_stateless)
		claim(n, &s, "self", "the pointer to the impl's state",
		      NULL, NULL, true);
	for (size_t k = 0; k < d->u.impl.nparams; k++) {
		struct param *pa = &d->u.impl.params[k];
		struct gname *g = hmap_get(&s.map, pa->name);
		if (g && g->pos)
			continue;	/* declared twice: reported as such */
		claim(n, &s, pa->name, arena_printf(a, "parameter '%s' of '%s'",
		      pa->name, d->name), NULL, &pa->name_pos, true);
	}
	for (size_t k = 0; k < ii->nruntime_args; k++) {
		const char *an = ii->runtime_args[k]->name;
		size_t j = 0;
		while (j < k && ii->runtime_args[j] != ii->runtime_args[k])
			j++;
		if (j < k)
			continue;	/* listed twice: reported as such */
		claim(n, &s, an, arena_printf(a, "runtime arg '%s' (in its "
		      "'args')", an), NULL, &ii->f_args->pos, true);
	}
	if (ii->embed_param >= 0)
		claim(n, &s, "files", "the embedded directory", NULL,
		      &ii->f_embed->pos, true);
	hmap_free(&s.map);
}

static void impl_names(struct names *n, struct decl *d)
{
	struct arena *a = n->p->arena;
	struct impl_info *ii = d->sema;
	const char *pre = ii->f_prefix ? ii->f_prefix->values[0]->u.str.s
				       : d->name;
	const struct srcpos *pos = ii->f_prefix ? &ii->f_prefix->values[0]->pos
						: &d->name_pos;
	const char *who = arena_printf(a, "%s '%s'", resolve_decl_kind_name(d->kind),
				       d->name);
	struct op_ctx c = {n, d, pre, false};
	const char *fn;

	if (d->kind == DECL_JOB) {
		fn = arena_printf(a, "%s_start", pre);
		if (claim(n, &n->ords, fn, arena_printf(a, "the start "
			  "function of job '%s'", d->name), who, pos, true))
			entry_params(n, d, ii, fn);
		return;
	}
	if (!ii->f_stateless && !claim(n, &n->tags, pre, arena_printf(a,
		   "impl '%s' (its state)", d->name), who, pos, true))
		return;
	if (ii->result)
		each_op(ii->result, true, impl_op, &c);
	if (!ii->f_connect)
		return;
	fn = arena_printf(a, "%s_connect", pre);
	if (claim(n, &n->ords, fn, arena_printf(a, "the connect function "
		  "of impl '%s'", d->name), who, pos, true))
		entry_params(n, d, ii, fn);
}

/* Two impls with one C prefix would define the same functions. */
static void check_prefixes(struct program *p)
{
	struct hmap prefixes;

	hmap_init(&prefixes);
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		struct impl_info *ii = d->sema;
		const char *pre;

		if ((d->kind != DECL_IMPL && d->kind != DECL_JOB) || !ii)
			continue;
		pre = ii->f_prefix ? ii->f_prefix->values[0]->u.str.s : d->name;
		struct decl *old = hmap_get(&prefixes, pre);
		if (old && old != d) {
			diag_report(p->diag, CHK_BAD_NAME, &d->name_pos,
				    "the C prefix '%s' of %s '%s' is also "
				    "used by '%s'", pre, resolve_decl_kind_name(d->kind),
				    d->name, old->name);
			diag_note(p->diag, resolve_decl_where(old), "'%s' is declared "
				  "here", old->name);
			ii->prefix_clash = true;
			continue;
		}
		hmap_put(&prefixes, pre, d);
	}
	hmap_free(&prefixes);
}

/* ---- runtime args --------------------------------------------------------------- */

static char *upper(struct arena *a, const char *s)
{
	char *r = arena_strdup(a, s);

	for (char *c = r; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return r;
}

static char *dashed(struct arena *a, const char *prefix, const char *s)
{
	char *r = arena_printf(a, "%s%s", prefix, s);

	for (char *c = r; *c; c++)
		if (*c == '_')
			*c = '-';
	return r;
}

static void arg_names(struct names *n, struct decl *d)
{
	struct arena *a = n->p->arena;
	const struct vtype *t = d->u.ka.type;

	if (!t)
		return;
	const char *who = arena_printf(a, "runtime arg '%s'", d->name);

	claim(n, &n->opts, dashed(a, "", d->name), who, NULL, &d->name_pos,
	      true);
	/* The runtime negates bool args, opt ones too, but not lists. */
	if (t->kind == VT_BOOL || (t->kind == VT_OPT && t->elem->kind == VT_BOOL))
		claim(n, &n->opts, dashed(a, "no-", d->name), arena_printf(a,
		      "bool runtime arg '%s' (its negation)", d->name), who,
		      &d->name_pos, true);
	while (t->kind == VT_OPT || t->kind == VT_LIST)
		t = t->elem;
	for (size_t k = 0; t->kind == VT_ENUM && k < t->nenum; k++)
		claim(n, &n->ords, arena_printf(a, "%s_%s", upper(a, d->name),
		      upper(a, t->enum_values[k])), arena_printf(a, "value "
		      "'%s' of runtime arg '%s'", t->enum_values[k], d->name),
		      NULL, &t->enum_pos[k], true);
}

void check_names_handle_sigs(struct program *p, struct hmap *out)
{
	hmap_init(out);
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		struct impl_info *ii = d->sema;
		if ((d->kind != DECL_IMPL && d->kind != DECL_JOB) || !ii ||
		    !ii->param_types)
			continue;
		for (size_t k = 0; k < d->u.impl.nparams; k++)
			if (ii->param_types[k].kind == TY_DEVICE &&
			    ii->param_types[k].sig)
				hmap_put(out, ii->param_types[k].sig->name,
					 ii->param_types[k].sig);
	}
}

void check_names_c(struct program *p)
{
	struct names n = {p, {{0}, "C name", "", true, true},
			  {{0}, "C struct tag", "", true, true},
			  {{0}, "boot option", "", false, false}};
	struct hmap handles;

	check_prefixes(p);
	hmap_init(&n.ords.map);
	hmap_init(&n.tags.map);
	hmap_init(&n.opts.map);
	for (size_t i = 0; i < sizeof(std_types) / sizeof(*std_types); i++) {
		struct gname *g = arena_alloc(p->arena, sizeof(*g));
		g->what = g->who = "a standard C type";
		hmap_put(&n.ords.map, std_types[i], g);
	}
	check_names_handle_sigs(p, &handles);
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		struct impl_info *ii = d->sema;

		switch (d->kind) {
		case DECL_SIGNATURE:
			sig_names(&n, d, hmap_get(&handles, d->name) != NULL);
			break;
		case DECL_IMPL:
		case DECL_JOB:
			if (ii && !ii->prefix_clash)
				impl_names(&n, d);
			break;
		case DECL_ARG:
			arg_names(&n, d);
			break;
		case DECL_CTYPE:
			if (!IN(std_types, d->name))
				claim(&n, &n.ords, d->name, arena_printf(p->arena,
				      "ctype '%s'", d->name), NULL,
				      &d->name_pos, false);
			break;
		case DECL_KEY:
		case DECL_LET:
			break;
		}
	}
	hmap_free(&n.ords.map);
	hmap_free(&n.tags.map);
	hmap_free(&n.opts.map);
	hmap_free(&handles);
}
