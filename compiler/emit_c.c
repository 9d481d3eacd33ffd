/* SPDX-License-Identifier: MIT */
/*
 * emit_c.c - the generated C: mirc/mirc.h (signatures as vtables and
 * handles, call helpers, upcasts, the prototypes impls and jobs must
 * define) and mirc/main.c (per-instance state, operation tables built from
 * thunks, the boot-argument table, connects in order, job starts, the
 * event loop).  Works from the evaluated model only.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen.h"

/* ---- small helpers -------------------------------------------------------------- */

/* Output that knows its line number, for #line directives. */
struct out {
	struct strbuf *sb;
	size_t scanned;		/* bytes of sb already counted */
	size_t lines;		/* newlines in sb[0..scanned) */
};

static size_t out_line(struct out *o)
{
	for (; o->scanned < o->sb->len; o->scanned++)
		if (o->sb->buf[o->scanned] == '\n')
			o->lines++;
	return o->lines + 1;
}

/* A C declaration's type: words with spaces, stars kept to the right. */
static void put_ctype(struct strbuf *sb, const struct cdecl *cd)
{
	for (size_t i = 0; i < cd->ntoks; i++) {
		const char *t = cd->toks[i].text;
		bool star = !strcmp(t, "*");
		if (i && !(star && !strcmp(cd->toks[i - 1].text, "*")))
			sb_putc(sb, ' ');
		sb_puts(sb, t);
	}
}

/* "type name" with the star against the name: "const char *key". */
static void put_cdecl(struct strbuf *sb, const struct cdecl *cd,
		      const char *name)
{
	put_ctype(sb, cd);
	if (!cd->ntoks || strcmp(cd->toks[cd->ntoks - 1].text, "*"))
		sb_putc(sb, ' ');
	sb_puts(sb, name);
}

static bool returns_void(const struct op *op)
{
	return op->ret.ntoks == 1 && !strcmp(op->ret.toks[0].text, "void");
}

/* A C string literal; octal escapes so no escape runs into the next char. */
static void put_cstring(struct strbuf *sb, const char *s, size_t len)
{
	sb_putc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			sb_printf(sb, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f || c == '?')
			sb_printf(sb, "\\%03o", c);
		else
			sb_putc(sb, (char)c);
	}
	sb_putc(sb, '"');
}

static void put_upper(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_putc(sb, *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
}

/* ---- signatures ----------------------------------------------------------------- */

struct opvec {
	const struct op **items;
	size_t len, cap;
};
struct sigvec {
	const struct msig **items;
	size_t len, cap;
};

/* Every operation of S, its own first, then inherited ones, each once,
 * with the signature that declares it (owners, when not NULL).  Each
 * ancestor is walked once: a tower of diamonds is walked in linear time. */
static void all_ops(struct arena *a, const struct msig *s, struct hmap *seen,
		    struct opvec *out, struct sigvec *owners)
{
	if (hmap_get(seen, s->decl->name))
		return;
	hmap_put(seen, s->decl->name, (void *)s);
	for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
		const struct op *op = &s->decl->u.sig.ops[i];
		/* Op names live in another namespace than signature names:
		 * mark them with a prefix no signature name has. */
		const char *key = arena_printf(a, ".%s", op->ret.name);
		if (hmap_get(seen, key))
			continue;
		hmap_put(seen, key, (void *)op);
		vec_push(a, out, op);
		if (owners)
			vec_push(a, owners, s);
	}
	for (size_t i = 0; i < s->nparents; i++)
		all_ops(a, s->parents[i], seen, out, owners);
}

static void sig_ops(struct arena *a, const struct msig *s, struct opvec *out,
		    struct sigvec *owners)
{
	struct hmap seen;

	hmap_init(&seen);
	all_ops(a, s, &seen, out, owners);
	hmap_free(&seen);
}

static void all_ancestors(struct arena *a, const struct msig *s,
			  struct hmap *seen, struct sigvec *out)
{
	for (size_t i = 0; i < s->nparents; i++) {
		const struct msig *p = s->parents[i];
		if (hmap_get(seen, p->decl->name))
			continue;
		hmap_put(seen, p->decl->name, (void *)p);
		vec_push(a, out, p);
		all_ancestors(a, p, seen, out);
	}
}

/* ---- names of parameters --------------------------------------------------------- */

/* Words a parameter cannot be called in C, though a prototype in a
 * signature may spell them as its last word. */
static bool c_reserved(const char *w)
{
	static const char *const words[] = {
		"auto", "break", "case", "char", "const", "continue", "default",
		"do", "double", "else", "enum", "extern", "float", "for", "goto",
		"if", "inline", "int", "long", "register", "restrict", "return",
		"short", "signed", "sizeof", "static", "struct", "switch",
		"typedef", "union", "unsigned", "void", "volatile", "while",
		"_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex",
		"_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
		"_Thread_local", "bool", "true", "false", "NULL", "size_t",
		"ssize_t", "intptr_t", "uintptr_t", "int8_t", "int16_t",
		"int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
		"uint64_t",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w, words[i]))
			return true;
	return false;
}

/*
 * The names of a generated function's parameters and locals.  Each
 * operation parameter keeps the name the signature gives it (the C
 * prototypes the user reads are the ones they wrote), except one that C
 * cannot take or that is `fixed` (the callee the function calls): that
 * one is aN.  The generated name (`gen`: "d", "self") gives way instead:
 * a trailing '_' until it clashes with nothing.
 */
struct pnames {
	const char **param;	/* one per operation parameter */
	const char *gen;	/* the generated one: "d" or "self" */
};

static bool pn_taken(const struct pnames *pn, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(pn->param[i], name))
			return true;
	return false;
}

static struct pnames param_names(struct arena *a, const struct op *op,
				 const char *gen, const char *fixed)
{
	struct pnames pn = { arena_alloc(a, (op->nparams + 1) * sizeof(char *)),
			     gen };
	size_t n = op->nparams;

	for (size_t i = 0; i < n; i++) {
		const char *w = op->params[i].name;
		pn.param[i] = !w || c_reserved(w) || (fixed && !strcmp(w, fixed))
			? NULL : w;
	}
	/* aN for the unusable ones, unique among the names kept. */
	for (size_t i = 0; i < n; i++) {
		if (pn.param[i])
			continue;
		const char *w = arena_printf(a, "a%zu", i);
		bool clash;
		do {
			clash = false;
			for (size_t j = 0; j < n && !clash; j++)
				clash = j != i && pn.param[j] &&
					!strcmp(pn.param[j], w);
			if (clash)
				w = arena_printf(a, "%s_", w);
		} while (clash);
		pn.param[i] = w;
	}
	while (pn_taken(&pn, n, pn.gen) || (fixed && !strcmp(pn.gen, fixed)))
		pn.gen = arena_printf(a, "%s_", pn.gen);
	return pn;
}

/* `first` with each '@' replaced by the generated name. */
static void put_first(struct strbuf *sb, const char *first, const char *gen)
{
	for (; *first; first++)
		if (*first == '@')
			sb_puts(sb, gen);
		else
			sb_putc(sb, *first);
}

/* "(void *self, uint64_t ns, mirc_cb done)": `first` is the first
 * parameter with '@' for the generated name, or NULL for none. */
static void put_params(struct strbuf *sb, const struct op *op,
		       const struct pnames *pn, const char *first)
{
	sb_putc(sb, '(');
	if (first)
		put_first(sb, first, pn->gen);
	for (size_t i = 0; i < op->nparams; i++) {
		if (first || i)
			sb_puts(sb, ", ");
		put_cdecl(sb, &op->params[i], pn->param[i]);
	}
	if (!first && !op->nparams)
		sb_puts(sb, "void");
	sb_putc(sb, ')');
}

/* "(d.self, ns, done)": `first` as in put_params. */
static void put_args(struct strbuf *sb, const struct op *op,
		     const struct pnames *pn, const char *first)
{
	sb_putc(sb, '(');
	if (first)
		put_first(sb, first, pn->gen);
	for (size_t i = 0; i < op->nparams; i++)
		sb_printf(sb, "%s%s", first || i ? ", " : "", pn->param[i]);
	sb_putc(sb, ')');
}

/* ---- paths to ancestors' operations ------------------------------------------------
 *
 * struct S_ops embeds the ops of each parent, the first parent first, so
 * the ops of an ancestor A sit at a fixed place inside S's: an upcast is
 * the address of a member, never a copy.  A member path (as_P.as_Q...)
 * would grow with the depth of an `extends` chain, and mirc.h with its
 * cube; so the path is found with the fewest steps to a parent other
 * than the first, and a run of more than two steps to first parents is
 * written as one pointer conversion instead: the first member of a
 * struct is at its address (C11 6.7.2.1p15).
 */

/* An lvalue of some ops type, or (ptr) a pointer to one; `paren`: the
 * pointer is a conversion in parentheses, which a whole expression need
 * not keep.  '@' in the text stands for the handle's name. */
struct lval {
	const char *text;
	bool ptr, paren;
};

/*
 * The best path from the start to one ancestor, and the expression for
 * its ops, built from its predecessor's: the part written out (lv), then
 * the first-parent steps that follow it, not yet written (run, the first
 * two in r).  So each ancestor costs constant work along a chain.
 */
struct pstep {
	const struct msig *pred;	/* NULL at the start */
	unsigned cost;			/* steps to other than first parents */
	bool done;			/* lv, run, r and at are set */
	struct lval lv;
	size_t run;
	const struct msig *r[2], *at;
};

static void lv_member(struct arena *a, struct lval *l, const char *name)
{
	l->text = arena_printf(a, "%s%sas_%s", l->text, l->ptr ? "->" : ".",
			       name);
	l->ptr = l->paren = false;
}

static const char *lv_addr(struct arena *a, const struct lval *l)
{
	if (l->paren)
		return arena_strndup(a, l->text + 1, strlen(l->text) - 2);
	return l->ptr ? l->text : arena_printf(a, "&%s", l->text);
}

/* The expression of a step: its run written as members, or, when it is
 * longer than two, as one conversion. */
static struct lval ps_flush(struct arena *a, const struct pstep *st)
{
	struct lval l = st->lv;

	if (st->run > 2) {
		l.text = arena_printf(a, "((const struct %s_ops *)%s)",
				      st->at->decl->name, lv_addr(a, &l));
		l.ptr = l.paren = true;
	} else {
		for (size_t i = 0; i < st->run; i++)
			lv_member(a, &l, st->r[i]->decl->name);
	}
	return l;
}

/* Best paths from s to each ancestor (`all`) or to its parents only:
 * name -> struct pstep, by a 0-1 BFS.  `base` is the lvalue (or the
 * pointer) of s's ops. */
static void sig_paths(struct arena *a, const struct msig *s, bool all,
		      struct lval base, struct hmap *best)
{
	VEC(const struct msig *) cur = {0}, next = {0};
	unsigned cost = 0;
	struct pstep *st = arena_alloc(a, sizeof(*st));

	st->done = true;
	st->lv = base;
	st->at = s;
	hmap_put(best, s->decl->name, st);
	vec_push(a, &cur, s);
	while (cur.len) {
		for (size_t i = 0; i < cur.len; i++) {
			const struct msig *x = cur.items[i];
			struct pstep *xs = hmap_get(best, x->decl->name);
			if (xs->cost != cost || (!all && x != s))
				continue;	/* reached cheaper already */
			for (size_t k = 0; k < x->nparents; k++) {
				const struct msig *y = x->parents[k];
				unsigned c = cost + (k > 0);
				struct pstep *ys = hmap_get(best, y->decl->name);
				if (ys && ys->cost <= c)
					continue;
				if (!ys) {
					ys = arena_alloc(a, sizeof(*ys));
					hmap_put(best, y->decl->name, ys);
				}
				ys->pred = x;
				ys->cost = c;
				if (k == 0)
					vec_push(a, &cur, y);
				else
					vec_push(a, &next, y);
			}
		}
		cur = next;
		next.items = NULL;
		next.len = next.cap = 0;
		cost++;
	}
}

/* The ops of ancestor `to`, along the paths of sig_paths(): the steps
 * above it not yet done first, without recursion (chains are deep). */
static struct lval ops_at(struct arena *a, const struct hmap *best,
			  const struct msig *to)
{
	VEC(const struct msig *) todo = {0};
	const struct msig *x = to;
	struct pstep *st;

	while (!(st = hmap_get(best, x->decl->name))->done) {
		vec_push(a, &todo, x);
		x = st->pred;
	}
	while (todo.len) {
		const struct msig *y = todo.items[--todo.len];
		const struct pstep *ps = hmap_get(best, x->decl->name);
		struct pstep *ys = hmap_get(best, y->decl->name);
		if (y == x->parents[0]) {
			ys->lv = ps->lv;
			ys->run = ps->run + 1;
			ys->r[0] = ps->r[0];
			ys->r[1] = ps->r[1];
			if (ys->run <= 2)
				ys->r[ys->run - 1] = y;
		} else {
			ys->lv = ps_flush(a, ps);
			lv_member(a, &ys->lv, y->decl->name);
			ys->run = 0;
		}
		ys->at = y;
		ys->done = true;
		x = y;
	}
	return ps_flush(a, hmap_get(best, to->decl->name));
}

/* ---- which impls a handle can be ---------------------------------------------------- */

/*
 * Per signature, the one impl of the program whose devices a handle of it
 * can refer to (its result is S or extends S), or `many` when there are
 * several.  Handles are made only by main.c (c-interface.md), so with one
 * such impl the call helpers of S can call it directly: no vtable, no
 * thunk, and the compiler sees the callee.  Each impl walks its result's
 * ancestors once.
 */
static void sole_impls(struct arena *a, const struct model *m,
		       struct hmap *sole, const struct mimpl *many)
{
	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		struct sigvec ancs = {0};
		struct hmap seen;

		if (mi->is_job || !mi->result)
			continue;
		hmap_init(&seen);
		vec_push(a, &ancs, mi->result);
		all_ancestors(a, mi->result, &seen, &ancs);
		hmap_free(&seen);
		for (size_t k = 0; k < ancs.len; k++) {
			const char *n = ancs.items[k]->decl->name;
			const struct mimpl *old = hmap_get(sole, n);
			hmap_put(sole, n, (void *)(old && old != mi ? many : mi));
		}
	}
}

/* A helper S_op: through the vtable (at `ops`, an lvalue or pointer for
 * the ops of the declaring signature), or straight to the sole impl. */
static void emit_helper(struct strbuf *sb, struct arena *a, const char *n,
			const struct op *op, const struct mimpl *sole,
			const struct hmap *best, const struct msig *owner)
{
	const char *callee = sole ? arena_printf(a, "%s_%s", sole->prefix,
						 op->ret.name) : NULL;
	struct pnames pn = param_names(a, op, "d", callee);
	const char *d = pn.gen;

	sb_puts(sb, "static inline ");
	put_cdecl(sb, &op->ret, arena_printf(a, "%s_%s", n, op->ret.name));
	put_params(sb, op, &pn, arena_printf(a, "struct %s @", n));
	if (!sole) {
		struct lval l = ops_at(a, best, owner);
		sb_printf(sb, "\n{\n\t%s", returns_void(op) ? "" : "return ");
		put_first(sb, l.text, d);
		sb_printf(sb, "%s%s", l.ptr ? "->" : ".", op->ret.name);
		put_args(sb, op, &pn, "@.self");
	} else {
		if (sole->stateless)
			sb_printf(sb, "\n{\n\t(void)%s;\n\t", d);
		else
			sb_puts(sb, "\n{\n\t");
		sb_printf(sb, "%s%s", returns_void(op) ? "" : "return ", callee);
		put_args(sb, op, &pn, sole->stateless ? NULL
			 : "@.self");
	}
	sb_puts(sb, ";\n}\n\n");
}

/* The prototype of impl function P_op, as the impl must define it. */
static void put_impl_proto(struct strbuf *sb, struct arena *a,
			   const struct mimpl *mi, const struct op *op)
{
	struct pnames pn = param_names(a, op, "self", NULL);

	put_cdecl(sb, &op->ret, arena_printf(a, "%s_%s", mi->prefix,
					     op->ret.name));
	put_params(sb, op, &pn, mi->stateless ? NULL
		   : arena_printf(a, "struct %s *@", mi->prefix));
	sb_puts(sb, ";\n");
}

/*
 * One signature: its ops and handle types, a helper per operation and an
 * upcast per parent; for a handle signature (model.h) also a helper per
 * inherited operation and an upcast to every ancestor.  Only the
 * handle signatures get those: every signature of an `extends` chain
 * of n would otherwise bring n helpers and upcasts, n^2 in all.
 */
static void emit_sig(struct strbuf *sb, struct arena *a, const struct msig *s,
		     const struct hmap *sole_map, const struct mimpl *many)
{
	const struct mimpl *sole = hmap_get(sole_map, s->decl->name);
	const char *n = s->decl->name;
	struct opvec ops = {0};
	struct sigvec owners = {0}, ancs = {0};
	struct hmap best, seen;
	size_t members = s->nparents + s->decl->u.sig.nops;

	if (sole == many)
		sole = NULL;
	sb_printf(sb, "/* signature %s */\nstruct %s_ops {\n", n, n);
	for (size_t i = 0; i < s->nparents; i++)
		sb_printf(sb, "\tstruct %s_ops as_%s;\n",
			  s->parents[i]->decl->name, s->parents[i]->decl->name);
	for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
		const struct op *op = &s->decl->u.sig.ops[i];
		struct pnames pn = param_names(a, op, "self", NULL);
		sb_putc(sb, '\t');
		put_cdecl(sb, &op->ret, arena_printf(a, "(*%s)", op->ret.name));
		put_params(sb, op, &pn, "void *@");
		sb_puts(sb, ";\n");
	}
	if (!members)	/* ISO C has no empty structs */
		sb_puts(sb, "\tchar mirc_no_operations;\n");
	sb_printf(sb, "};\n\nstruct %s {\n\tconst struct %s_ops *ops;\n"
		  "\tvoid *self;\n};\n\n", n, n);

	if (s->handle) {
		sig_ops(a, s, &ops, &owners);
	} else {
		for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
			vec_push(a, &ops, &s->decl->u.sig.ops[i]);
			vec_push(a, &owners, s);
		}
	}
	if (sole && ops.len) {
		/* The callee's prototypes, as mirc.h declares them below. */
		sb_printf(sb, "/* %s: every handle is a device of impl %s, "
			  "called directly. */\n", n, sole->decl->name);
		if (!sole->stateless)
			sb_printf(sb, "struct %s;\n", sole->prefix);
		for (size_t i = 0; i < ops.len; i++)
			put_impl_proto(sb, a, sole, ops.items[i]);
		sb_putc(sb, '\n');
	}
	hmap_init(&best);
	sig_paths(a, s, s->handle, (struct lval){ "@.ops", true, false }, &best);
	for (size_t i = 0; i < ops.len; i++)
		emit_helper(sb, a, n, ops.items[i], sole, &best,
			    owners.items[i]);
	if (s->handle) {
		hmap_init(&seen);
		all_ancestors(a, s, &seen, &ancs);
		hmap_free(&seen);
	} else {
		for (size_t i = 0; i < s->nparents; i++)
			vec_push(a, &ancs, s->parents[i]);
	}
	for (size_t i = 0; i < ancs.len; i++) {
		const char *an = ancs.items[i]->decl->name;
		struct lval l = ops_at(a, &best, ancs.items[i]);
		sb_printf(sb, "static inline struct %s %s_as_%s(struct %s d)\n{\n"
			  "\tstruct %s r;\n\n\tr.ops = ", an, n, an, n, an);
		put_first(sb, lv_addr(a, &l), "d");
		sb_puts(sb, ";\n\tr.self = d.self;\n\treturn r;\n}\n\n");
	}
	hmap_free(&best);
}

/* ---- C types of parameters and args ------------------------------------------------ */

const char *c_arg_type(struct arena *a, const struct vtype *t)
{
	switch (t->kind) {
	case VT_BOOL: return "bool";
	case VT_INT: return "int64_t";
	case VT_STRING: return "const char *";
	case VT_ENUM: return "int";
	case VT_DURATION: return "uint64_t";
	case VT_IPV4: return "struct mirc_ipv4";
	case VT_IPV4_PREFIX: return "struct mirc_ipv4_prefix";
	case VT_IPV6: return "struct mirc_ipv6";
	case VT_IPV6_PREFIX: return "struct mirc_ipv6_prefix";
	case VT_IP: return "struct mirc_ip";
	case VT_OPT:
	case VT_LIST:
		return arena_printf(a, "mirc_%s_%s", vt_base_name(t->kind),
				    vt_base_name(t->elem->kind));
	}
	return "int";
}

static const char *value_ctype(const char *type)
{
	return !strcmp(type, "string") ? "const char *"
	     : !strcmp(type, "int") ? "int64_t" : "bool";
}

/* The parameter list of connect or start: devices, values, args. */
static void put_entry_params(struct strbuf *sb, struct arena *a,
			     const struct mimpl *mi, const char *self)
{
	const struct decl *d = mi->decl;
	bool any = false;

	sb_putc(sb, '(');
	if (self) {
		sb_puts(sb, self);
		any = true;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < d->u.impl.nparams; k++) {
			const struct param *pa = &d->u.impl.params[k];
			if ((pass == 0) != (mi->param_sigs[k] != NULL))
				continue;
			if (any)
				sb_puts(sb, ", ");
			if (mi->param_sigs[k])
				sb_printf(sb, "struct %s %s",
					  mi->param_sigs[k]->decl->name, pa->name);
			else
				sb_printf(sb, "%s%s%s", value_ctype(pa->type),
					  strcmp(pa->type, "string") ? " " : "",
					  pa->name);
			any = true;
		}
	}
	for (size_t i = 0; i < mi->nruntime_args; i++) {
		const struct decl *ad = mi->runtime_args[i];
		const char *ct = c_arg_type(a, ad->u.ka.type);
		sb_printf(sb, "%s%s%s%s", any ? ", " : "", ct,
			  ct[strlen(ct) - 1] == '*' ? "" : " ", ad->name);
		any = true;
	}
	if (mi->embed_param >= 0) {
		sb_printf(sb, "%sconst struct mirc_embed_dir *files",
			  any ? ", " : "");
		any = true;
	}
	if (!any)
		sb_puts(sb, "void");
	sb_putc(sb, ')');
}

/*
 * The name mirc/mirc.h includes a header by, through the include path
 * the Makefile and compile_commands.json give (-Imirc -I. -I$(MIRC_HOME)
 * -I$(MIRC_HOME)/rt/include), so that no absolute path of the
 * installation is written into the program: "store.h" for a header of
 * the project, "rt/devices/time_posix.h" for one of mirc's own.  A
 * header elsewhere is named relative to mirc/ ("../../lib/x.h").  The
 * project's own "mirc.h" would be found as mirc/mirc.h first: "../mirc.h".
 */
static const char *include_path(struct arena *a, const char *path,
				const char *home, const char *proj)
{
	size_t n = strlen(home);

	if (path[0] != '/')
		return strcmp(path, "mirc.h") ? path : "../mirc.h";
	if (n && !strncmp(path, home, n) && path[n] == '/')
		return path + n + 1;
	/* Relative to proj/mirc: up from it past the common directories. */
	size_t common = 0;
	for (size_t i = 0; proj[i] && proj[i] == path[i]; i++)
		if (proj[i] == '/')
			common = i;
	if (proj[0] == '/' && path[strlen(proj)] == '/' &&
	    !strncmp(path, proj, strlen(proj)))
		common = strlen(proj);
	struct strbuf sb;
	const char *r;
	sb_init(&sb);
	sb_puts(&sb, "../");
	for (const char *c = proj + common; *c; c++)
		if (*c == '/')
			sb_puts(&sb, "../");
	sb_puts(&sb, path + common + 1);
	r = arena_strdup(a, sb.buf);
	sb_free(&sb);
	return r;
}

static void put_marker(struct strbuf *sb, const struct model *m,
		       const char *what)
{
	sb_printf(sb, "/* %s from %s for target %s: %s.\n"
		  " * Do not edit: mirc configure rewrites it. */\n", GEN_MARKER,
		  m->root_file, m->target, what);
}

void emit_mirc_h(struct genfile *f, struct arena *a, const struct model *m)
{
	struct strbuf *sb = &f->text;
	struct hmap seen;

	struct hmap sole;
	struct mimpl many;	/* marks a signature that several impls serve */
	char home[PATH_MAX], proj[PATH_MAX];

	if (!realpath(m->home, home))
		snprintf(home, sizeof(home), "%s", m->home);
	if (!realpath(m->project_dir, proj))
		snprintf(proj, sizeof(proj), "%s", m->project_dir);
	put_marker(sb, m, "the program's interfaces");
	sb_puts(sb, "#ifndef MIRC_GENERATED_H\n#define MIRC_GENERATED_H\n\n"
		"#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
		"\n#include \"mirc/rt.h\"\n#include \"mirc/args.h\"\n");
	/* ctype headers used by the signatures' prototypes, each once */
	hmap_init(&seen);
	hmap_put(&seen, "mirc/rt.h", (void *)"");
	hmap_put(&seen, "mirc/args.h", (void *)"");
	for (size_t i = 0; i < m->nimpls; i++)
		if (m->impls[i]->embed_param >= 0) {
			sb_puts(sb, "#include \"mirc/embed.h\"\n");
			hmap_put(&seen, "mirc/embed.h", (void *)"");
			break;
		}
	sb_putc(sb, '\n');
	for (size_t i = 0; i < m->nctypes; i++) {
		const char *h = m->ctypes[i]->u.ctype.header;
		if (hmap_get(&seen, h))
			continue;
		hmap_put(&seen, h, (void *)h);
		sb_printf(sb, "#include \"%s\"\n", h);
	}
	hmap_free(&seen);
	sb_putc(sb, '\n');

	hmap_init(&sole);
	sole_impls(a, m, &sole, &many);
	for (size_t i = 0; i < m->nsigs; i++)
		emit_sig(sb, a, m->sigs[i], &sole, &many);
	hmap_free(&sole);

	/* Enum constants of runtime args: ARGNAME_VALUE. */
	for (size_t i = 0; i < m->nargs; i++) {
		const struct vtype *t = m->args[i]->u.ka.type;
		while (t->kind == VT_OPT || t->kind == VT_LIST)
			t = t->elem;
		if (t->kind != VT_ENUM)
			continue;
		sb_printf(sb, "/* values of runtime arg %s */\nenum {\n",
			  m->args[i]->name);
		for (size_t k = 0; k < t->nenum; k++) {
			sb_putc(sb, '\t');
			put_upper(sb, m->args[i]->name);
			sb_putc(sb, '_');
			put_upper(sb, t->enum_values[k]);
			sb_printf(sb, " = %zu,\n", k);
		}
		sb_puts(sb, "};\n\n");
	}

	sb_puts(sb, "/* The impls' headers: each defines its state struct. */\n");
	hmap_init(&seen);
	for (size_t i = 0; i < m->nimpls; i++) {
		for (size_t j = 0; j < m->impls[i]->nheaders; j++) {
			const char *h = m->impls[i]->headers[j];
			if (hmap_get(&seen, h))
				continue;
			hmap_put(&seen, h, (void *)h);
			sb_printf(sb, "#include \"%s\"\n",
				  include_path(a, h, home, proj));
		}
	}
	hmap_free(&seen);
	sb_putc(sb, '\n');

	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		sb_printf(sb, "/* %s %s */\n", mi->is_job ? "job" : "impl",
			  mi->decl->name);
		emit_prototypes(sb, a, mi);
		sb_putc(sb, '\n');
	}
	sb_puts(sb, "#endif\n");
}

void emit_prototypes(struct strbuf *sb, struct arena *a,
		     const struct mimpl *mi)
{
	const char *self = mi->stateless ? NULL
		: arena_printf(a, "struct %s *self", mi->prefix);
	struct opvec ops = {0};

	if (mi->is_job) {
		sb_printf(sb, "int %s_start", mi->prefix);
		put_entry_params(sb, a, mi, NULL);
		sb_puts(sb, ";\n");
		return;
	}
	sig_ops(a, mi->result, &ops, NULL);
	for (size_t k = 0; k < ops.len; k++)
		put_impl_proto(sb, a, mi, ops.items[k]);
	if (mi->connect) {
		sb_printf(sb, "int %s_connect", mi->prefix);
		put_entry_params(sb, a, mi, self);
		sb_puts(sb, ";\n");
	}
}

/* ---- main.c ---------------------------------------------------------------------- */

static const char *arg_type_const(const struct vtype *t)
{
	static const char *const names[] = {
		[VT_BOOL] = "MIRC_ARG_BOOL", [VT_INT] = "MIRC_ARG_INT",
		[VT_STRING] = "MIRC_ARG_STRING", [VT_ENUM] = "MIRC_ARG_ENUM",
		[VT_DURATION] = "MIRC_ARG_DURATION", [VT_IPV4] = "MIRC_ARG_IPV4",
		[VT_IPV4_PREFIX] = "MIRC_ARG_IPV4_PREFIX",
		[VT_IPV6] = "MIRC_ARG_IPV6",
		[VT_IPV6_PREFIX] = "MIRC_ARG_IPV6_PREFIX", [VT_IP] = "MIRC_ARG_IP",
	};
	while (t->kind == VT_OPT || t->kind == VT_LIST)
		t = t->elem;
	return names[t->kind];
}

/* Must be given at boot: declared so, or nothing else gives it a value
 * (no default, and not an opt, a list or a flag). */
bool emit_arg_required(const struct decl *ad)
{
	const struct vtype *t = ad->u.ka.type;

	return ad->u.ka.required || (!ad->u.ka.def && t->kind != VT_OPT &&
				     t->kind != VT_LIST && t->kind != VT_BOOL);
}

/* The default of a runtime arg in its boot-time text form.  Items of a
 * list of strings are quoted ("a,b","c"), so that commas, quotes and the
 * empty string survive; the runtime's parser reads them back. */
void emit_default_text(struct strbuf *txt, const struct expr *e,
		       const struct vtype *t)
{
	bool quote = t->kind == VT_LIST && t->elem->kind == VT_STRING;

	switch (e->kind) {
	case EXPR_STRING:
		sb_putn(txt, e->u.str.s, e->u.str.len);
		break;
	case EXPR_INT:
		sb_printf(txt, "%lld", (long long)e->u.ival);
		break;
	case EXPR_BOOL:
		sb_puts(txt, e->u.bval ? "true" : "false");
		break;
	case EXPR_NAME:
		sb_puts(txt, e->u.name.name);
		break;
	case EXPR_LIST:
		for (size_t i = 0; i < e->u.list.n; i++) {
			const struct expr *it = e->u.list.items[i];
			if (i)
				sb_putc(txt, ',');
			if (it->kind == EXPR_STRING && quote) {
				sb_putc(txt, '"');
				for (size_t k = 0; k < it->u.str.len; k++) {
					char c = it->u.str.s[k];
					if (c == '"' || c == '\\')
						sb_putc(txt, '\\');
					sb_putc(txt, c);
				}
				sb_putc(txt, '"');
			} else if (it->kind == EXPR_STRING)
				sb_putn(txt, it->u.str.s, it->u.str.len);
			else if (it->kind == EXPR_INT)
				sb_printf(txt, "%lld", (long long)it->u.ival);
			else if (it->kind == EXPR_BOOL)
				sb_puts(txt, it->u.bval ? "true" : "false");
			else if (it->kind == EXPR_NAME)
				sb_puts(txt, it->u.name.name);
		}
		break;
	default:
		break;
	}
}

static void put_default(struct strbuf *sb, const struct expr *e,
			const struct vtype *t)
{
	struct strbuf txt;

	if (!e) {
		sb_puts(sb, "NULL");
		return;
	}
	sb_init(&txt);
	emit_default_text(&txt, e, t);
	put_cstring(sb, txt.buf ? txt.buf : "", txt.len);
	sb_free(&txt);
}

static void put_doc(struct strbuf *sb, const char *s)
{
	if (s)
		put_cstring(sb, s, strlen(s));
	else
		sb_puts(sb, "NULL");
}

/* A value argument as a C expression. */
static void put_value(struct strbuf *sb, const struct value *v)
{
	switch (v->kind) {
	case VAL_BOOL:
		sb_puts(sb, v->b ? "true" : "false");
		break;
	case VAL_INT:
		if (v->i == INT64_MIN)
			sb_puts(sb, "(-INT64_C(9223372036854775807) - 1)");
		else
			sb_printf(sb, "INT64_C(%lld)", (long long)v->i);
		break;
	case VAL_STRING:
	case VAL_ENUM:
		put_cstring(sb, v->s, v->len);
		break;
	}
}

/* The handle of device `d` as a `want` handle: the ops of `want` inside
 * the impl's table (ops_at), so no upcast function is needed. */
static void put_handle(struct strbuf *sb, struct arena *a, const struct gnode *d,
		       const struct msig *want)
{
	const struct mimpl *mi = d->mi;
	struct lval l = { arena_printf(a, "mirc_ops_%s", mi->prefix), false,
			   false };

	if (want != mi->result) {
		struct hmap best;
		hmap_init(&best);
		sig_paths(a, mi->result, true, l, &best);
		l = ops_at(a, &best, want);
		hmap_free(&best);
	}
	sb_printf(sb, "(struct %s){ %s, ", want->decl->name, lv_addr(a, &l));
	if (mi->stateless)
		sb_puts(sb, "NULL }");
	else
		sb_printf(sb, "&mirc_dev_%s }", d->id);
}

static void put_entry_args(struct strbuf *sb, struct arena *a,
			   const struct gnode *n, bool self)
{
	const struct mimpl *mi = n->mi;
	bool any = false;

	sb_putc(sb, '(');
	if (self) {
		sb_printf(sb, "&mirc_dev_%s", n->id);
		any = true;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < n->nargs; k++) {
			if ((pass == 0) != (mi->param_sigs[k] != NULL))
				continue;
			if (any)
				sb_puts(sb, ",\n\t\t");
			if (mi->param_sigs[k])
				put_handle(sb, a, n->args[k].node, mi->param_sigs[k]);
			else
				put_value(sb, n->args[k].value);
			any = true;
		}
	}
	for (size_t i = 0; i < mi->nruntime_args; i++) {
		sb_printf(sb, "%smirc_arg_%s", any ? ", " : "",
			  mi->runtime_args[i]->name);
		any = true;
	}
	if (mi->embed_param >= 0)
		sb_printf(sb, "%s&mirc_embed_%s", any ? ", " : "", n->id);
	sb_putc(sb, ')');
}

/* The .mir file of a position as the C compiler, run in the project
 * directory, should name it. */
static const char *mir_path(struct arena *a, const struct model *m,
			    const struct srcpos *pos)
{
	const struct srcfile *f = pos->file;
	char proj[PATH_MAX];
	const char *real;
	size_t n;

	if (!f)
		return m->root_file;
	real = f->realpath ? f->realpath : f->is_prelude
		? arena_printf(a, "%s/stdlib/prelude.mir", m->home) : f->path;
	if (!realpath(m->project_dir, proj))
		return real;
	n = strlen(proj);
	if (!strncmp(real, proj, n) && real[n] == '/')
		return real + n + 1;
	return real;
}

static void put_line(struct out *o, struct arena *a, const struct model *m,
		     const struct srcpos *pos)
{
	struct strbuf path;

	sb_init(&path);
	sb_printf(o->sb, "#line %d ", pos->first_line > 0 ? pos->first_line : 1);
	sb_puts(&path, mir_path(a, m, pos));
	put_cstring(o->sb, path.buf, path.len);
	sb_putc(o->sb, '\n');
	sb_free(&path);
}

static void put_line_back(struct out *o)
{
	size_t next = out_line(o) + 1;
	sb_printf(o->sb, "#line %zu \"mirc/main.c\"\n", next);
}

/* Nested initialisers are indented by their depth, but no deeper than
 * this: a deep `extends` chain would make the indentation alone grow
 * with the square of the depth. */
#define MAX_INDENT 4

static void put_tabs(struct strbuf *sb, int n)
{
	for (n = n < MAX_INDENT ? n : MAX_INDENT; n > 0; n--)
		sb_putc(sb, '\t');
}

static void emit_ops_table(struct strbuf *sb, struct arena *a,
			   const struct mimpl *mi, const struct msig *s,
			   int depth)
{
	for (size_t i = 0; i < s->nparents; i++) {
		put_tabs(sb, depth);
		sb_printf(sb, ".as_%s = {\n", s->parents[i]->decl->name);
		emit_ops_table(sb, a, mi, s->parents[i], depth + 1);
		put_tabs(sb, depth);
		sb_puts(sb, "},\n");
	}
	for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
		const char *op = s->decl->u.sig.ops[i].ret.name;
		put_tabs(sb, depth);
		sb_printf(sb, ".%s = mirc_thunk_%s_%s,\n", op, mi->prefix, op);
	}
	if (!s->nparents && !s->decl->u.sig.nops) {
		put_tabs(sb, depth);
		sb_puts(sb, ".mirc_no_operations = 0,\n");
	}
}

static void emit_thunks(struct strbuf *sb, struct arena *a,
			const struct mimpl *mi)
{
	struct opvec ops = {0};

	sig_ops(a, mi->result, &ops, NULL);
	for (size_t k = 0; k < ops.len; k++) {
		const struct op *op = ops.items[k];
		const char *callee = arena_printf(a, "%s_%s", mi->prefix,
						  op->ret.name);
		struct pnames pn = param_names(a, op, "self", callee);
		sb_puts(sb, "static ");
		put_cdecl(sb, &op->ret, arena_printf(a, "mirc_thunk_%s_%s",
						     mi->prefix, op->ret.name));
		put_params(sb, op, &pn, "void *@");
		sb_puts(sb, "\n{\n");
		if (mi->stateless)
			sb_printf(sb, "\t(void)%s;\n", pn.gen);
		sb_printf(sb, "\t%s%s", returns_void(op) ? "" : "return ", callee);
		put_args(sb, op, &pn, mi->stateless ? NULL : "@");
		sb_puts(sb, ";\n}\n\n");
	}
	sb_printf(sb, "static const struct %s_ops mirc_ops_%s = {\n",
		  mi->result->decl->name, mi->prefix);
	emit_ops_table(sb, a, mi, mi->result, 1);
	sb_puts(sb, "};\n\n");
}

static void emit_arg_table(struct strbuf *sb, struct arena *a,
			   const struct model *m)
{
	for (size_t i = 0; i < m->nargs; i++) {
		const struct decl *ad = m->args[i];
		const char *ct = c_arg_type(a, ad->u.ka.type);
		const struct vtype *t = ad->u.ka.type;
		sb_printf(sb, "static %s%smirc_arg_%s;\n", ct,
			  ct[strlen(ct) - 1] == '*' ? "" : " ", ad->name);
		while (t->kind == VT_OPT || t->kind == VT_LIST)
			t = t->elem;
		if (t->kind == VT_ENUM) {
			sb_printf(sb, "static const char *const mirc_enum_%s[] = {",
				  ad->name);
			for (size_t k = 0; k < t->nenum; k++)
				sb_printf(sb, "%s\"%s\"", k ? ", " : " ",
					  t->enum_values[k]);
			sb_puts(sb, " };\n");
		}
	}
	if (!m->nargs)
		return;
	sb_puts(sb, "\nstatic const struct mirc_arg_desc mirc_args[] = {\n");
	for (size_t i = 0; i < m->nargs; i++) {
		const struct decl *ad = m->args[i];
		const struct vtype *t = ad->u.ka.type, *base = t;
		char *dashed = arena_strdup(a, ad->name);
		for (char *c = dashed; *c; c++)
			if (*c == '_')
				*c = '-';
		while (base->kind == VT_OPT || base->kind == VT_LIST)
			base = base->elem;
		sb_printf(sb, "\t{ \"%s\", %s, %s%s%s0u,\n\t  ", dashed,
			  arg_type_const(t),
			  t->kind == VT_OPT ? "MIRC_ARG_OPT | " : "",
			  t->kind == VT_LIST ? "MIRC_ARG_LIST | " : "",
			  emit_arg_required(ad) ? "MIRC_ARG_REQUIRED | " : "");
		if (base->kind == VT_ENUM)
			sb_printf(sb, "mirc_enum_%s, %zu, ", ad->name, base->nenum);
		else
			sb_puts(sb, "NULL, 0, ");
		put_default(sb, ad->u.ka.def, ad->u.ka.type);
		/* Doc and section are in the --help listing, mirc_help. */
		sb_puts(sb, ",\n\t  NULL, NULL");
		/* The parser of the type, named so that the program links
		 * only the parsers it needs: MIRC_ARG_IPV4 -> mirc_arg_parse_ipv4. */
		sb_printf(sb, ", &mirc_arg_%s, mirc_arg_parse_", ad->name);
		for (const char *c = arg_type_const(t) + strlen("MIRC_ARG_"); *c; c++)
			sb_putc(sb, (char)tolower((unsigned char)*c));
		sb_puts(sb, " },\n");
	}
	sb_puts(sb, "};\n");
}

static const char *log_source(const struct hmap *count, const struct gnode *n)
{
	return (uintptr_t)hmap_get(count, n->mi->prefix) > 1 ? n->id
		: n->mi->decl->name;
}

void emit_main_c(struct genfile *f, struct arena *a, const struct model *m,
		 const struct gen_opts *o)
{
	struct strbuf *sb = &f->text;
	struct out out = {sb, 0, 0};
	const char *doc = NULL;
	struct hmap handed, instances;

	put_marker(sb, m, "main() and the device instances");
	sb_puts(sb, "#include \"mirc.h\"\n\n");

	sb_puts(sb, "/* ---- one state per device instance ---- */\n");
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];
		if (n->mi && !n->mi->is_job && !n->mi->stateless)
			sb_printf(sb, "static struct %s mirc_dev_%s;\n",
				  n->mi->prefix, n->id);
		if (n->mi && n->mi->embed_param >= 0)
			sb_printf(sb, "extern const struct mirc_embed_dir "
				  "mirc_embed_%s;\n", n->id);
	}
	/* Tables only for the impls whose devices are passed as handles:
	 * one used only through `deps` has none, and an unused static
	 * table would be a warning (-Wunused-const-variable). */
	sb_puts(sb, "\n/* ---- operation tables ---- */\n");
	hmap_init(&handed);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];
		for (size_t k = 0; n->mi && k < n->nargs; k++)
			if (n->mi->param_sigs[k] && n->args[k].node->mi)
				hmap_put(&handed, n->args[k].node->mi->prefix, (void *)"");
	}
	for (size_t i = 0; i < m->nimpls; i++)
		if (!m->impls[i]->is_job &&
		    hmap_get(&handed, m->impls[i]->prefix))
			emit_thunks(sb, a, m->impls[i]);
	hmap_free(&handed);

	sb_puts(sb, "/* ---- runtime args ---- */\n");
	emit_arg_table(sb, a, m);
	for (size_t i = 0; i < m->graph->jobs.len && !doc; i++) {
		const struct gnode *j = m->graph->jobs.items[i];
		struct impl_info;
		if (j->impl && j->impl->kind == DECL_JOB)
			for (size_t k = 0; k < j->impl->u.impl.nfields; k++)
				if (!strcmp(j->impl->u.impl.fields[k].name, "doc") &&
				    j->impl->u.impl.fields[k].nvalues == 1)
					doc = j->impl->u.impl.fields[k].values[0]->u.str.s;
	}
	emit_help(sb, a, m, doc);
	/* The job's doc is in mirc_help, the runtime's only reader of it. */
	sb_printf(sb, "\nstatic const struct mirc_program mirc_program = {\n"
		  "\t\"%s\", \"%s\", NULL,", m->name, MIRC_VERSION);
	sb_printf(sb, "\n\t%s, %zu, ", m->nargs ? "mirc_args" : "NULL", m->nargs);
	put_doc(sb, o->baked_args);
	sb_puts(sb, "\n};\n\n");

	/* Instances per impl, for the log sources. */
	hmap_init(&instances);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];
		if (n->mi)
			hmap_put(&instances, n->mi->prefix, (void *)((uintptr_t)
				 hmap_get(&instances, n->mi->prefix) + 1));
	}
	sb_puts(sb, "int main(int argc, char **argv)\n{\n\tint rc;\n\n"
		"\tmirc_rt_set_help(mirc_help);\n");
	for (size_t i = 0; i < m->nargs; i++) {
		if (m->args[i]->u.ka.type->kind == VT_LIST) {
			/* Others link no list parsing. */
			sb_puts(sb, "\tmirc_rt_use_lists();\n");
			break;
		}
	}
	sb_puts(sb, "\trc = mirc_rt_init(&mirc_program, argc, argv);\n"
		"\tif (rc != 0)\n\t\treturn rc;\n");
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];
		if (!n->mi || n->mi->is_job || !n->mi->connect)
			continue;
		sb_printf(sb, "\n\t/* %s */\n\tmirc_log_set_source(\"%s\");\n",
			  n->id, log_source(&instances, n));
		put_line(&out, a, m, &n->pos);
		sb_printf(sb, "\trc = %s_connect", n->mi->prefix);
		put_entry_args(sb, a, n, !n->mi->stateless);
		sb_puts(sb, ";\n");
		put_line_back(&out);
		sb_printf(sb, "\tif (rc < 0)\n\t\treturn mirc_connect_failed("
			  "\"%s\", rc);\n", n->id);
	}
	for (size_t i = 0; i < m->graph->jobs.len; i++) {
		const struct gnode *n = m->graph->jobs.items[i];
		if (!n->mi)
			continue;	/* noop */
		sb_printf(sb, "\n\t/* %s */\n\tmirc_log_set_source(\"%s\");\n",
			  n->id, log_source(&instances, n));
		put_line(&out, a, m, &n->pos);
		sb_printf(sb, "\trc = %s_start", n->mi->prefix);
		put_entry_args(sb, a, n, false);
		sb_puts(sb, ";\n");
		put_line_back(&out);
		sb_printf(sb, "\tif (rc != 0)\n\t\treturn mirc_start_failed("
			  "\"%s\", rc);\n", n->id);
	}
	sb_puts(sb, "\treturn mirc_run();\n}\n");
	hmap_free(&instances);
}
