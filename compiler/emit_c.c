/* SPDX-License-Identifier: MIT */
/*
 * emit_c.c - the C helpers both C emitters use (emit_c.h): prototypes
 * and strings spelled as C, every operation of a signature with its
 * owner, parameter names that cannot clash with C or each other, and the
 * member paths from a signature's ops to each ancestor's.  The emitters
 * are emit_mirc_h.c (mirc/mirc.h) and emit_main_c.c (mirc/main.c).
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_c.h"

/* ---- small helpers -------------------------------------------------------------- */

/* The line emit_c_out's next byte will be on (the struct: emit_c.h). */
size_t emit_c_out_line(struct emit_c_out *o)
{
	for (; o->scanned < o->sb->len; o->scanned++)
		if (o->sb->buf[o->scanned] == '\n')
			o->lines++;
	return o->lines + 1;
}

/* "type name" with the star against the name: "const char *key"
 * (lower.c spells the type). */
void emit_c_put_cdecl(struct strbuf *sb, const struct mcdecl *cd,
		      const char *name)
{
	size_t n = strlen(cd->type);

	sb_puts(sb, cd->type);
	if (!n || cd->type[n - 1] != '*')
		sb_putc(sb, ' ');
	sb_puts(sb, name);
}

bool emit_c_returns_void(const struct mop *op)
{
	return !strcmp(op->ret.type, "void");
}

int emit_c_flush(FILE *out, struct strbuf *sb)
{
	size_t n = sb->len;
	bool ok = !n || fwrite(sb->buf, 1, n, out) == n;

	sb_free(sb);
	return ok ? 0 : -1;
}

/* A C string literal; octal escapes so no escape runs into the next char. */
void emit_c_put_cstring(struct strbuf *sb, const char *s, size_t len)
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

void emit_c_put_upper(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		sb_putc(sb, *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s);
}

/* ---- signatures ----------------------------------------------------------------- */

/* Every operation of S, its own first, then inherited ones, each once,
 * with the signature that declares it (owners, when not NULL).  Each
 * ancestor is walked once: a tower of diamonds is walked in linear time. */
static void all_ops(struct arena *a, const struct msig *s, struct hmap *seen,
		    struct emit_c_opvec *out, struct emit_c_sigvec *owners)
{
	if (hmap_get(seen, s->name))
		return;
	hmap_put(seen, s->name, (void *)s);
	for (size_t i = 0; i < s->nops; i++) {
		const struct mop *op = &s->ops[i];
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

void emit_c_sig_ops(struct arena *a, const struct msig *s, struct emit_c_opvec *out,
		    struct emit_c_sigvec *owners)
{
	struct hmap seen;

	hmap_init(&seen);
	all_ops(a, s, &seen, out, owners);
	hmap_free(&seen);
}

void emit_c_all_ancestors(struct arena *a, const struct msig *s,
			  struct hmap *seen, struct emit_c_sigvec *out)
{
	for (size_t i = 0; i < s->nparents; i++) {
		const struct msig *p = s->parents[i];
		if (hmap_get(seen, p->name))
			continue;
		hmap_put(seen, p->name, (void *)p);
		vec_push(a, out, p);
		emit_c_all_ancestors(a, p, seen, out);
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

static bool pn_taken(const struct emit_c_pnames *pn, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(pn->param[i], name))
			return true;
	return false;
}

struct emit_c_pnames emit_c_param_names(struct arena *a, const struct mop *op,
				 const char *gen, const char *fixed)
{
	struct emit_c_pnames pn = { arena_alloc(a, (op->nparams + 1) * sizeof(char *)),
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
void emit_c_put_first(struct strbuf *sb, const char *first, const char *gen)
{
	for (; *first; first++)
		if (*first == '@')
			sb_puts(sb, gen);
		else
			sb_putc(sb, *first);
}

/* "(void *self, uint64_t ns, mirc_cb done)": `first` is the first
 * parameter with '@' for the generated name, or NULL for none. */
void emit_c_put_params(struct strbuf *sb, const struct mop *op,
		       const struct emit_c_pnames *pn, const char *first)
{
	sb_putc(sb, '(');
	if (first)
		emit_c_put_first(sb, first, pn->gen);
	for (size_t i = 0; i < op->nparams; i++) {
		if (first || i)
			sb_puts(sb, ", ");
		emit_c_put_cdecl(sb, &op->params[i], pn->param[i]);
	}
	if (!first && !op->nparams)
		sb_puts(sb, "void");
	sb_putc(sb, ')');
}

/* "(d.self, ns, done)": `first` as in emit_c_put_params. */
void emit_c_put_args(struct strbuf *sb, const struct mop *op,
		     const struct emit_c_pnames *pn, const char *first)
{
	sb_putc(sb, '(');
	if (first)
		emit_c_put_first(sb, first, pn->gen);
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
	struct emit_c_lval lv;
	size_t run;
	const struct msig *r[2], *at;
};

static void lv_member(struct arena *a, struct emit_c_lval *l, const char *name)
{
	l->text = arena_printf(a, "%s%sas_%s", l->text, l->ptr ? "->" : ".",
			       name);
	l->ptr = l->paren = false;
}

const char *emit_c_lv_addr(struct arena *a, const struct emit_c_lval *l)
{
	if (l->paren)
		return arena_strndup(a, l->text + 1, strlen(l->text) - 2);
	return l->ptr ? l->text : arena_printf(a, "&%s", l->text);
}

/* The expression of a step: its run written as members, or, when it is
 * longer than two, as one conversion. */
static struct emit_c_lval ps_flush(struct arena *a, const struct pstep *st)
{
	struct emit_c_lval l = st->lv;

	if (st->run > 2) {
		l.text = arena_printf(a, "((const struct %s_ops *)%s)",
				      st->at->name, emit_c_lv_addr(a, &l));
		l.ptr = l.paren = true;
	} else {
		for (size_t i = 0; i < st->run; i++)
			lv_member(a, &l, st->r[i]->name);
	}
	return l;
}

/* Best paths from s to each ancestor (`all`) or to its parents only:
 * name -> struct pstep, by a 0-1 BFS.  `base` is the lvalue (or the
 * pointer) of s's ops. */
void emit_c_sig_paths(struct arena *a, const struct msig *s, bool all,
		      struct emit_c_lval base, struct hmap *best)
{
	VEC(const struct msig *) cur = {0}, next = {0};
	unsigned cost = 0;
	struct pstep *st = arena_alloc(a, sizeof(*st));

	st->done = true;
	st->lv = base;
	st->at = s;
	hmap_put(best, s->name, st);
	vec_push(a, &cur, s);
	while (cur.len) {
		for (size_t i = 0; i < cur.len; i++) {
			const struct msig *x = cur.items[i];
			struct pstep *xs = hmap_get(best, x->name);
			if (xs->cost != cost || (!all && x != s))
				continue;	/* reached cheaper already */
			for (size_t k = 0; k < x->nparents; k++) {
				const struct msig *y = x->parents[k];
				unsigned c = cost + (k > 0);
				struct pstep *ys = hmap_get(best, y->name);
				if (ys && ys->cost <= c)
					continue;
				if (!ys) {
					ys = arena_alloc(a, sizeof(*ys));
					hmap_put(best, y->name, ys);
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

/* The ops of ancestor `to`, along the paths of emit_c_sig_paths(): the steps
 * above it not yet done first, without recursion (chains are deep). */
struct emit_c_lval emit_c_ops_at(struct arena *a, const struct hmap *best,
			  const struct msig *to)
{
	VEC(const struct msig *) todo = {0};
	const struct msig *x = to;
	struct pstep *st;

	while (!(st = hmap_get(best, x->name))->done) {
		vec_push(a, &todo, x);
		x = st->pred;
	}
	while (todo.len) {
		const struct msig *y = todo.items[--todo.len];
		const struct pstep *ps = hmap_get(best, x->name);
		struct pstep *ys = hmap_get(best, y->name);
		if (y == x->parents[0]) {
			ys->lv = ps->lv;
			ys->run = ps->run + 1;
			ys->r[0] = ps->r[0];
			ys->r[1] = ps->r[1];
			if (ys->run <= 2)
				ys->r[ys->run - 1] = y;
		} else {
			ys->lv = ps_flush(a, ps);
			lv_member(a, &ys->lv, y->name);
			ys->run = 0;
		}
		ys->at = y;
		ys->done = true;
		x = y;
	}
	return ps_flush(a, hmap_get(best, to->name));
}

/* ---- runtime args and the marker --------------------------------------------------- */

/*
 * The default of a runtime arg in its boot-time text form.  Items of a
 * list of strings are quoted ("a,b","c"), so that commas, quotes and the
 * empty string survive; the runtime's parser reads them back.
 */
void emit_c_arg_default(struct strbuf *txt, const struct marg *ma)
{
	bool quote = ma->list && !strcmp(ma->base, "string");

	for (size_t i = 0; i < ma->ndef; i++) {
		const struct value *v = &ma->def[i];
		if (i)
			sb_putc(txt, ',');
		if (v->kind == VAL_STRING && quote) {
			sb_putc(txt, '"');
			for (size_t k = 0; k < v->len; k++) {
				if (v->s[k] == '"' || v->s[k] == '\\')
					sb_putc(txt, '\\');
				sb_putc(txt, v->s[k]);
			}
			sb_putc(txt, '"');
		} else if (v->kind == VAL_STRING) {
			sb_putn(txt, v->s, v->len);
		} else if (v->kind == VAL_INT) {
			sb_printf(txt, "%lld", (long long)v->i);
		} else if (v->kind == VAL_BOOL) {
			sb_puts(txt, v->b ? "true" : "false");
		} else {
			sb_puts(txt, v->s);
		}
	}
}

void emit_c_put_marker(struct strbuf *sb, const struct model *m,
		       const char *what)
{
	sb_printf(sb, "/* %s from %s for target %s: %s.\n"
		  " * Do not edit: mirc configure rewrites it. */\n", CODEGEN_MARKER,
		  m->root_file, m->target, what);
}
