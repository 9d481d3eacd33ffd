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

/* The member path from S's ops to the op named `name`, or NULL. */
static const char *op_path(struct arena *a, const struct msig *s,
			   const char *name, const struct op **found)
{
	for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
		if (!strcmp(s->decl->u.sig.ops[i].ret.name, name)) {
			*found = &s->decl->u.sig.ops[i];
			return "";
		}
	}
	for (size_t i = 0; i < s->nparents; i++) {
		const char *sub = op_path(a, s->parents[i], name, found);
		if (sub)
			return arena_printf(a, "as_%s.%s",
					    s->parents[i]->decl->name, sub);
	}
	return NULL;
}

/* The member path from S's ops to ancestor A's ops, or NULL. */
static const char *anc_path(struct arena *a, const struct msig *s,
			    const struct msig *anc)
{
	for (size_t i = 0; i < s->nparents; i++) {
		if (s->parents[i] == anc)
			return arena_printf(a, "as_%s", anc->decl->name);
		const char *sub = anc_path(a, s->parents[i], anc);
		if (sub)
			return arena_printf(a, "as_%s.%s",
					    s->parents[i]->decl->name, sub);
	}
	return NULL;
}

/* Every operation of S, its own first, then inherited ones, each once. */
static void all_ops(struct arena *a, const struct msig *s, struct hmap *seen,
		    struct opvec *out)
{
	for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
		const struct op *op = &s->decl->u.sig.ops[i];
		if (hmap_get(seen, op->ret.name))
			continue;
		hmap_put(seen, op->ret.name, (void *)op);
		vec_push(a, out, op);
	}
	for (size_t i = 0; i < s->nparents; i++)
		all_ops(a, s->parents[i], seen, out);
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

/* "(void *self, uint64_t a0, mirc_cb a1)" or with the user's names. */
static void put_params(struct strbuf *sb, struct arena *a, const struct op *op,
		       const char *first, bool numbered)
{
	sb_putc(sb, '(');
	if (first)
		sb_puts(sb, first);
	for (size_t i = 0; i < op->nparams; i++) {
		if (first || i)
			sb_puts(sb, ", ");
		put_cdecl(sb, &op->params[i], numbered
			  ? arena_printf(a, "a%zu", i) : op->params[i].name);
	}
	if (!first && !op->nparams)
		sb_puts(sb, "void");
	sb_putc(sb, ')');
}

static void put_args(struct strbuf *sb, const struct op *op, const char *first)
{
	sb_putc(sb, '(');
	if (first)
		sb_puts(sb, first);
	for (size_t i = 0; i < op->nparams; i++)
		sb_printf(sb, "%sa%zu", first || i ? ", " : "", i);
	sb_putc(sb, ')');
}

/* Is a handle of signature r also one of s (r is s or extends it)? */
static bool sig_is_a(const struct msig *r, const struct msig *s)
{
	if (r == s)
		return true;
	for (size_t i = 0; i < r->nparents; i++)
		if (sig_is_a(r->parents[i], s))
			return true;
	return false;
}

/*
 * The one impl of the program whose devices a handle of S can refer to
 * (its result is S or extends S), or NULL when there are several.  Handles
 * are made only by main.c (c-interface.md), so with one such impl the
 * call helpers of S can call it directly: no vtable, no thunk, and the
 * compiler sees the callee.
 */
static const struct mimpl *sole_impl(const struct model *m,
				     const struct msig *s)
{
	const struct mimpl *found = NULL;

	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		if (mi->is_job || !mi->result || !sig_is_a(mi->result, s))
			continue;
		if (found)
			return NULL;
		found = mi;
	}
	return found;
}

static void emit_sig(struct strbuf *sb, struct arena *a, const struct model *m,
		     const struct msig *s)
{
	const struct mimpl *sole = sole_impl(m, s);
	const char *n = s->decl->name;
	struct hmap seen;
	struct opvec ops = {0};
	struct sigvec ancs = {0};
	size_t members = s->nparents + s->decl->u.sig.nops;

	sb_printf(sb, "/* signature %s */\nstruct %s_ops {\n", n, n);
	for (size_t i = 0; i < s->nparents; i++)
		sb_printf(sb, "\tstruct %s_ops as_%s;\n",
			  s->parents[i]->decl->name, s->parents[i]->decl->name);
	for (size_t i = 0; i < s->decl->u.sig.nops; i++) {
		const struct op *op = &s->decl->u.sig.ops[i];
		sb_putc(sb, '\t');
		put_cdecl(sb, &op->ret, arena_printf(a, "(*%s)", op->ret.name));
		put_params(sb, a, op, "void *self", true);
		sb_puts(sb, ";\n");
	}
	if (!members)	/* ISO C has no empty structs */
		sb_puts(sb, "\tchar mirc_no_operations;\n");
	sb_printf(sb, "};\n\nstruct %s {\n\tconst struct %s_ops *ops;\n"
		  "\tvoid *self;\n};\n\n", n, n);

	hmap_init(&seen);
	all_ops(a, s, &seen, &ops);
	hmap_free(&seen);
	if (sole && ops.len) {
		/* The callee's prototypes, as mirc.h declares them below. */
		sb_printf(sb, "/* %s: every handle is a device of impl %s, "
			  "called directly. */\n", n, sole->decl->name);
		if (!sole->stateless)
			sb_printf(sb, "struct %s;\n", sole->prefix);
		for (size_t i = 0; i < ops.len; i++) {
			const struct op *op = ops.items[i];
			put_cdecl(sb, &op->ret, arena_printf(a, "%s_%s",
				  sole->prefix, op->ret.name));
			put_params(sb, a, op, sole->stateless ? NULL
				   : arena_printf(a, "struct %s *self",
						  sole->prefix), false);
			sb_puts(sb, ";\n");
		}
		sb_putc(sb, '\n');
	}
	for (size_t i = 0; i < ops.len; i++) {
		const struct op *op = ops.items[i], *found = NULL;
		const char *path = op_path(a, s, op->ret.name, &found);
		sb_puts(sb, "static inline ");
		put_cdecl(sb, &op->ret, arena_printf(a, "%s_%s", n, op->ret.name));
		put_params(sb, a, op, arena_printf(a, "struct %s d", n), true);
		if (!sole) {
			sb_printf(sb, "\n{\n\t%sd.ops->%s%s", returns_void(op)
				  ? "" : "return ", path, op->ret.name);
			put_args(sb, op, "d.self");
		} else {
			sb_printf(sb, "\n{\n%s\t%s%s_%s", sole->stateless
				  ? "\t(void)d;\n" : "", returns_void(op) ? ""
				  : "return ", sole->prefix, op->ret.name);
			put_args(sb, op, sole->stateless ? NULL : "d.self");
		}
		sb_puts(sb, ";\n}\n\n");
	}
	hmap_init(&seen);
	all_ancestors(a, s, &seen, &ancs);
	hmap_free(&seen);
	for (size_t i = 0; i < ancs.len; i++) {
		const char *an = ancs.items[i]->decl->name;
		sb_printf(sb, "static inline struct %s %s_as_%s(struct %s d)\n{\n"
			  "\tstruct %s r;\n\n\tr.ops = &d.ops->%s;\n"
			  "\tr.self = d.self;\n\treturn r;\n}\n\n", an, n, an, n,
			  an, anc_path(a, s, ancs.items[i]));
	}
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

/* The path of a header as included from mirc/mirc.h. */
static const char *include_path(struct arena *a, const char *path)
{
	return path[0] == '/' ? path : arena_printf(a, "../%s", path);
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

	put_marker(sb, m, "the program's interfaces");
	sb_puts(sb, "#ifndef MIRC_GENERATED_H\n#define MIRC_GENERATED_H\n\n"
		"#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
		"\n#include \"mirc/rt.h\"\n#include \"mirc/args.h\"\n");
	for (size_t i = 0; i < m->nimpls; i++)
		if (m->impls[i]->embed_param >= 0) {
			sb_puts(sb, "#include \"mirc/embed.h\"\n");
			break;
		}
	sb_putc(sb, '\n');
	/* ctype headers used by the signatures' prototypes */
	hmap_init(&seen);
	for (size_t i = 0; i < m->nctypes; i++) {
		const char *h = m->ctypes[i]->u.ctype.header;
		if (hmap_get(&seen, h))
			continue;
		hmap_put(&seen, h, (void *)h);
		sb_printf(sb, "#include \"%s\"\n", h);
	}
	hmap_free(&seen);
	sb_putc(sb, '\n');

	for (size_t i = 0; i < m->nsigs; i++)
		emit_sig(sb, a, m, m->sigs[i]);

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
			sb_printf(sb, "#include \"%s\"\n", include_path(a, h));
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
	struct hmap seen;

	if (mi->is_job) {
		sb_printf(sb, "int %s_start", mi->prefix);
		put_entry_params(sb, a, mi, NULL);
		sb_puts(sb, ";\n");
		return;
	}
	hmap_init(&seen);
	all_ops(a, mi->result, &seen, &ops);
	hmap_free(&seen);
	for (size_t k = 0; k < ops.len; k++) {
		put_cdecl(sb, &ops.items[k]->ret, arena_printf(a, "%s_%s",
			  mi->prefix, ops.items[k]->ret.name));
		put_params(sb, a, ops.items[k], self, false);
		sb_puts(sb, ";\n");
	}
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
static bool arg_required(const struct decl *ad)
{
	const struct vtype *t = ad->u.ka.type;

	return ad->u.ka.required || (!ad->u.ka.def && t->kind != VT_OPT &&
				     t->kind != VT_LIST && t->kind != VT_BOOL);
}

/* The default of a runtime arg in its boot-time text form.  Items of a
 * list of strings are quoted ("a,b","c"), so that commas, quotes and the
 * empty string survive; the runtime's parser reads them back. */
static void default_text(struct strbuf *txt, const struct expr *e,
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
	default_text(&txt, e, t);
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

/* The handle of device `d` as a `want` handle, upcast if needed. */
static void put_handle(struct strbuf *sb, const struct gnode *d,
		       const struct msig *want)
{
	const struct mimpl *mi = d->mi;
	const char *r = mi->result->decl->name;

	if (want != mi->result)
		sb_printf(sb, "%s_as_%s(", r, want->decl->name);
	sb_printf(sb, "(struct %s){ &mirc_ops_%s, ", r, mi->prefix);
	if (mi->stateless)
		sb_puts(sb, "NULL }");
	else
		sb_printf(sb, "&mirc_dev_%s }", d->id);
	if (want != mi->result)
		sb_putc(sb, ')');
}

static void put_entry_args(struct strbuf *sb, const struct gnode *n,
			   bool self)
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
				put_handle(sb, n->args[k].node, mi->param_sigs[k]);
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

static void put_tabs(struct strbuf *sb, int n)
{
	while (n-- > 0)
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
	struct hmap seen;
	struct opvec ops = {0};

	hmap_init(&seen);
	all_ops(a, mi->result, &seen, &ops);
	hmap_free(&seen);
	for (size_t k = 0; k < ops.len; k++) {
		const struct op *op = ops.items[k];
		sb_puts(sb, "static ");
		put_cdecl(sb, &op->ret, arena_printf(a, "mirc_thunk_%s_%s",
						     mi->prefix, op->ret.name));
		put_params(sb, a, op, "void *self", true);
		sb_puts(sb, "\n{\n");
		if (mi->stateless)
			sb_puts(sb, "\t(void)self;\n");
		sb_printf(sb, "\t%s%s_%s", returns_void(op) ? "" : "return ",
			  mi->prefix, op->ret.name);
		put_args(sb, op, mi->stateless ? NULL : "self");
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
			  arg_required(ad) ? "MIRC_ARG_REQUIRED | " : "");
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

/* ---- the --help listing -----------------------------------------------------------
 *
 * Laid out here, at configure time, rather than by the runtime at boot:
 * the program then carries one string instead of the code and the texts
 * that would lay it out (on cortex_m3 that was over 2 KB of hello's
 * flash).  A man-page-like listing: NAME, SYNOPSIS, the runtime args
 * under the title of their section (in the order sections first appear,
 * titles compared and printed in upper case), the common options, the
 * exit statuses; paragraphs wrapped to 79 columns at 11.
 *
 * The runtime (rt/src/help.c) prints the string, expanding a few control
 * bytes (mirc/rt.h, mirc_rt_set_help()): HELP_NAME for the name, which
 * --name may change at boot, HELP_IND7/11/14 for the indentations, and
 * HELP_RAW before a byte 1 to 5 of a doc or default, printed as it is.
 */

enum { HELP_NAME = 1, HELP_IND7, HELP_IND11, HELP_IND14, HELP_RAW };

/* Text of a doc or default into the listing, control bytes escaped. */
static void help_text(struct strbuf *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= HELP_NAME && s[i] <= HELP_RAW)
			sb_putc(h, HELP_RAW);
		sb_putc(h, s[i]);
	}
}

static void help_indent(struct strbuf *h, int n)
{
	if (n == 7)
		sb_putc(h, HELP_IND7);
	else if (n == 11)
		sb_putc(h, HELP_IND11);
	else if (n == 14)
		sb_putc(h, HELP_IND14);
	else
		for (int i = 0; i < n; i++)
			sb_putc(h, ' ');
}

/* Words (split at spaces) filled into lines of at most 79 columns at
 * `indent`; a word longer than a line gets a line of its own. */
static void help_wrapped(struct strbuf *h, const char *text, int indent)
{
	int col = 0;

	while (*text) {
		const char *w = text;
		int n = 0;

		while (w[n] && w[n] != ' ')
			n++;
		if (col > 0 && col + 1 + n > 79) {
			sb_putc(h, '\n');
			col = 0;
		}
		if (col == 0) {
			help_indent(h, indent);
			col = indent + n;
		} else {
			sb_putc(h, ' ');
			col += 1 + n;
		}
		help_text(h, w, (size_t)n);
		text = w + n;
		while (*text == ' ')
			text++;
	}
	if (col > 0)
		sb_putc(h, '\n');
}

static void help_title(struct strbuf *h, const char *title)
{
	/* At most 127 bytes, as the runtime printed titles before. */
	for (size_t i = 0; title[i] && i < 127; i++)
		sb_putc(h, title[i] >= 'a' && title[i] <= 'z' ?
			(char)(title[i] - 32) : title[i]);
	sb_putc(h, '\n');
}

static bool same_title(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static const char *arg_section(const struct decl *ad)
{
	return ad->u.ka.section ? ad->u.ka.section : "OPTIONS";
}

static const struct vtype *base_type(const struct vtype *t)
{
	while (t->kind == VT_OPT || t->kind == VT_LIST)
		t = t->elem;
	return t;
}

/* The value part of "--port=INT" (enums list their values instead). */
static const char *help_placeholder(const struct vtype *t)
{
	static const char *const names[] = {
		[VT_BOOL] = "BOOL", [VT_INT] = "INT", [VT_STRING] = "STRING",
		[VT_ENUM] = "VALUE", [VT_DURATION] = "DURATION",
		[VT_IPV4] = "IPV4", [VT_IPV4_PREFIX] = "IPV4/LEN",
		[VT_IPV6] = "IPV6", [VT_IPV6_PREFIX] = "IPV6/LEN", [VT_IP] = "IP",
	};
	return names[base_type(t)->kind];
}

/* A text cut to `max` bytes, as the runtime's fixed buffers cut it. */
static void help_cut(struct strbuf *s, size_t max)
{
	if (s->len > max) {
		s->len = max;
		s->buf[max] = '\0';
	}
}

/*
 * One arg: "--port=INT", "--verbose, --no-verbose", "--mode=fast|slow" or
 * "--peers=IP,...", then one paragraph: the doc, what a list accepts,
 * then "(required)" or the default as it would be typed.  An empty
 * default is shown only for a string, where "" is a value; for a list it
 * is merely "no items", which needs no saying.
 */
static void help_arg(struct strbuf *h, const struct decl *ad, const char *dashed)
{
	const struct vtype *t = ad->u.ka.type, *base = base_type(t);
	struct strbuf s;

	sb_init(&s);
	help_indent(h, 7);
	if (base->kind == VT_BOOL && t->kind != VT_LIST) {
		sb_printf(&s, "--%s, --no-%s", dashed, dashed);
	} else {
		sb_printf(&s, "--%s=", dashed);
		if (base->kind == VT_ENUM)
			for (size_t i = 0; i < base->nenum; i++)
				sb_printf(&s, "%s%s", i ? "|" : "", base->enum_values[i]);
		else
			sb_puts(&s, help_placeholder(base));
		if (t->kind == VT_LIST)
			sb_puts(&s, ",...");
		help_cut(&s, 511);
	}
	help_text(h, s.buf, s.len);
	sb_putc(h, '\n');

	s.len = 0;
	if (ad->u.ka.doc)
		sb_puts(&s, ad->u.ka.doc);
	if (t->kind == VT_LIST)
		sb_printf(&s, "%sValues are separated by commas; repeating the "
			  "option adds more.", s.len ? " " : "");
	if (arg_required(ad)) {
		sb_printf(&s, "%s(required)", s.len ? " " : "");
	} else if (ad->u.ka.def) {
		struct strbuf d;

		sb_init(&d);
		default_text(&d, ad->u.ka.def, t);
		if (d.len || base->kind == VT_STRING)
			sb_printf(&s, "%s(default: %s)", s.len ? " " : "",
				  d.len ? d.buf : "\"\"");
		sb_free(&d);
	}
	help_cut(&s, 1023);
	if (s.len)
		help_wrapped(h, s.buf, 11);
	sb_putc(h, '\n');
	sb_free(&s);
}

static const char *const help_common[] = {
	"--delay=DURATION",
	"Wait DURATION (such as 250ms, 2s or 1m) after the devices are connected "
	"and the jobs started, before the event loop runs. (default: 0s)",
	"-h, --help",
	"Print this help and exit with status 63.",
	"-l LEVELS, --logs=LEVELS",
	"Which log lines to print: comma-separated SOURCE:LEVEL rules such as "
	"*:info,net:debug, where SOURCE is a job or device name, a prefix ending "
	"in *, or * for all, and LEVEL is quiet, error, warning, info or debug; "
	"a bare LEVEL means *:LEVEL. (default: info)",
	"--log-time, --no-log-time",
	"Start log lines with the time, or not. (default: only when the output "
	"is a terminal)",
	"--name=NAME",
	"The name of this instance, in messages. (default: the registered name)",
	"--version",
	"Print the name and version and exit with status 63.",
};

/* static const char mirc_help[]: the listing, one literal per line. */
static void emit_help(struct strbuf *sb, struct arena *a, const struct model *m,
		      const char *doc)
{
	struct strbuf h;
	char **dashed = arena_alloc(a, (m->nargs + 1) * sizeof(*dashed));

	sb_init(&h);
	for (size_t i = 0; i < m->nargs; i++) {
		dashed[i] = arena_strdup(a, m->args[i]->name);
		for (char *c = dashed[i]; *c; c++)
			if (*c == '_')
				*c = '-';
	}
	sb_puts(&h, "NAME\n");
	help_indent(&h, 7);
	sb_putc(&h, HELP_NAME);
	if (doc && *doc) {
		sb_puts(&h, " - ");
		help_text(&h, doc, strlen(doc));
	}
	sb_puts(&h, "\n\nSYNOPSIS\n");
	help_indent(&h, 7);
	sb_putc(&h, HELP_NAME);
	for (size_t i = 0; i < m->nargs; i++)
		if (arg_required(m->args[i]))
			sb_printf(&h, " --%s=%s", dashed[i],
				  help_placeholder(m->args[i]->u.ka.type));
	sb_puts(&h, " [OPTION]...\n\n");
	for (size_t i = 0; i < m->nargs; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = same_title(arg_section(m->args[j]), arg_section(m->args[i]));
		if (seen)
			continue;
		help_title(&h, arg_section(m->args[i]));
		for (size_t j = i; j < m->nargs; j++)
			if (same_title(arg_section(m->args[j]), arg_section(m->args[i])))
				help_arg(&h, m->args[j], dashed[j]);
	}
	sb_puts(&h, "COMMON OPTIONS\n");
	for (size_t i = 0; i < sizeof(help_common) / sizeof(help_common[0]); i += 2) {
		if (i)
			sb_putc(&h, '\n');
		help_indent(&h, 7);
		sb_printf(&h, "%s\n", help_common[i]);
		help_wrapped(&h, help_common[i + 1], 11);
	}
	sb_puts(&h, "\nEXIT STATUS\n");
	help_indent(&h, 7);
	sb_puts(&h, "0      success\n");
	help_indent(&h, 7);
	sb_puts(&h, "1      a device failed to connect, a job to start, or a job "
		"stopped the\n");
	help_indent(&h, 14);
	sb_puts(&h, "program with an error\n");
	help_indent(&h, 7);
	sb_puts(&h, "63     after --help or --version\n");
	help_indent(&h, 7);
	sb_puts(&h, "64     bad boot arguments\n");

	sb_puts(sb, "\n/* --help (rt/src/help.c expands \\001 to the name, \\002, \\003 and\n"
		" * \\004 to 7, 11 and 14 spaces) */\nstatic const char mirc_help[] =");
	for (size_t i = 0; i < h.len; ) {
		size_t j = i;
		while (j < h.len && h.buf[j] != '\n')
			j++;
		j += j < h.len;
		sb_puts(sb, "\n\t\"");
		for (; i < j; i++) {
			unsigned char c = (unsigned char)h.buf[i];
			if (c == '\n')
				sb_puts(sb, "\\n");
			else if (c == '"' || c == '\\')
				sb_printf(sb, "\\%c", c);
			else if (c < 0x20 || c >= 0x7f || c == '?')
				sb_printf(sb, "\\%03o%s", c, i + 1 < j &&
					  h.buf[i + 1] >= '0' && h.buf[i + 1] <= '9' ?
					  "\" \"" : "");
			else
				sb_putc(sb, (char)c);
		}
		sb_putc(sb, '"');
	}
	sb_puts(sb, ";\n");
	sb_free(&h);
}

void emit_main_c(struct genfile *f, struct arena *a, const struct model *m,
		 const struct gen_opts *o)
{
	struct strbuf *sb = &f->text;
	struct out out = {sb, 0, 0};
	const char *doc = NULL;

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
	sb_puts(sb, "\n/* ---- operation tables ---- */\n");
	for (size_t i = 0; i < m->nimpls; i++)
		if (!m->impls[i]->is_job)
			emit_thunks(sb, a, m->impls[i]);

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
			  n->id, n->mi->decl->name);
		put_line(&out, a, m, &n->pos);
		sb_printf(sb, "\trc = %s_connect", n->mi->prefix);
		put_entry_args(sb, n, !n->mi->stateless);
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
			  n->id, n->mi->decl->name);
		put_line(&out, a, m, &n->pos);
		sb_printf(sb, "\trc = %s_start", n->mi->prefix);
		put_entry_args(sb, n, false);
		sb_puts(sb, ";\n");
		put_line_back(&out);
		sb_printf(sb, "\tif (rc != 0)\n\t\treturn mirc_start_failed("
			  "\"%s\", rc);\n", n->id);
	}
	sb_puts(sb, "\treturn mirc_run();\n}\n");
}
