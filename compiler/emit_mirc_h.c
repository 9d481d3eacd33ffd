/* SPDX-License-Identifier: MIT */
/*
 * emit_mirc_h.c - the header emitter: mirc/mirc.h.
 *
 * Input: the lowered model (every signature, the impls the graph uses,
 * the ctypes).  Output: the program's interfaces: each signature as a
 * vtable struct and a handle, call helpers for every operation (inherited
 * ones too), upcasts to every ancestor, the runtime args' C types, and
 * the prototypes each impl and job must define.  The part made of
 * signatures does not change with the keys.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_c.h"
#include "emit_mirc_h.h"

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
		struct emit_c_sigvec ancs = {0};
		struct hmap seen;

		if (mi->is_job || !mi->result)
			continue;
		hmap_init(&seen);
		vec_push(a, &ancs, mi->result);
		emit_c_all_ancestors(a, mi->result, &seen, &ancs);
		hmap_free(&seen);
		for (size_t k = 0; k < ancs.len; k++) {
			const char *n = ancs.items[k]->name;
			const struct mimpl *old = hmap_get(sole, n);
			hmap_put(sole, n, (void *)(old && old != mi ? many : mi));
		}
	}
}

/* A helper S_op: through the vtable (at `ops`, an lvalue or pointer for
 * the ops of the declaring signature), or straight to the sole impl. */
static void emit_helper(struct strbuf *sb, struct arena *a, const char *n,
			const struct mop *op, const struct mimpl *sole,
			const struct hmap *best, const struct msig *owner)
{
	const char *callee = sole ? arena_printf(a, "%s_%s", sole->prefix,
						 op->ret.name) : NULL;
	struct emit_c_pnames pn = emit_c_param_names(a, op, "d", callee);
	const char *d = pn.gen;

	sb_puts(sb, "static inline ");
	emit_c_put_cdecl(sb, &op->ret, arena_printf(a, "%s_%s", n, op->ret.name));
	emit_c_put_params(sb, op, &pn, arena_printf(a, "struct %s @", n));
	if (!sole) {
		struct emit_c_lval l = emit_c_ops_at(a, best, owner);
		sb_printf(sb, "\n{\n\t%s", emit_c_returns_void(op) ? "" : "return ");
		emit_c_put_first(sb, l.text, d);
		sb_printf(sb, "%s%s", l.ptr ? "->" : ".", op->ret.name);
		emit_c_put_args(sb, op, &pn, "@.self");
	} else {
		if (sole->stateless)
			sb_printf(sb, "\n{\n\t(void)%s;\n\t", d);
		else
			sb_puts(sb, "\n{\n\t");
		sb_printf(sb, "%s%s", emit_c_returns_void(op) ? "" : "return ", callee);
		emit_c_put_args(sb, op, &pn, sole->stateless ? NULL
			 : "@.self");
	}
	sb_puts(sb, ";\n}\n\n");
}

/* The prototype of impl function P_op, as the impl must define it. */
static void put_impl_proto(struct strbuf *sb, struct arena *a,
			   const struct mimpl *mi, const struct mop *op)
{
	struct emit_c_pnames pn = emit_c_param_names(a, op, "self", NULL);

	emit_c_put_cdecl(sb, &op->ret, arena_printf(a, "%s_%s", mi->prefix,
					     op->ret.name));
	emit_c_put_params(sb, op, &pn, mi->stateless ? NULL
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
	const struct mimpl *sole = hmap_get(sole_map, s->name);
	const char *n = s->name;
	struct emit_c_opvec ops = {0};
	struct emit_c_sigvec owners = {0}, ancs = {0};
	struct hmap best, seen;
	size_t members = s->nparents + s->nops;

	if (sole == many)
		sole = NULL;
	sb_printf(sb, "/* signature %s */\nstruct %s_ops {\n", n, n);
	for (size_t i = 0; i < s->nparents; i++)
		sb_printf(sb, "\tstruct %s_ops as_%s;\n",
			  s->parents[i]->name, s->parents[i]->name);
	for (size_t i = 0; i < s->nops; i++) {
		const struct mop *op = &s->ops[i];
		struct emit_c_pnames pn = emit_c_param_names(a, op, "self", NULL);
		sb_putc(sb, '\t');
		emit_c_put_cdecl(sb, &op->ret, arena_printf(a, "(*%s)", op->ret.name));
		emit_c_put_params(sb, op, &pn, "void *@");
		sb_puts(sb, ";\n");
	}
	if (!members)	/* ISO C has no empty structs */
		sb_puts(sb, "\tchar mirc_no_operations;\n");
	sb_printf(sb, "};\n\nstruct %s {\n\tconst struct %s_ops *ops;\n"
		  "\tvoid *self;\n};\n\n", n, n);

	if (s->handle) {
		emit_c_sig_ops(a, s, &ops, &owners);
	} else {
		for (size_t i = 0; i < s->nops; i++) {
			vec_push(a, &ops, &s->ops[i]);
			vec_push(a, &owners, s);
		}
	}
	if (sole && ops.len) {
		/* The callee's prototypes, as mirc.h declares them below. */
		sb_printf(sb, "/* %s: every handle is a device of impl %s, "
			  "called directly. */\n", n, sole->name);
		if (!sole->stateless)
			sb_printf(sb, "struct %s;\n", sole->prefix);
		for (size_t i = 0; i < ops.len; i++)
			put_impl_proto(sb, a, sole, ops.items[i]);
		sb_putc(sb, '\n');
	}
	hmap_init(&best);
	emit_c_sig_paths(a, s, s->handle, (struct emit_c_lval){ "@.ops", true, false }, &best);
	for (size_t i = 0; i < ops.len; i++)
		emit_helper(sb, a, n, ops.items[i], sole, &best,
			    owners.items[i]);
	if (s->handle) {
		hmap_init(&seen);
		emit_c_all_ancestors(a, s, &seen, &ancs);
		hmap_free(&seen);
	} else {
		for (size_t i = 0; i < s->nparents; i++)
			vec_push(a, &ancs, s->parents[i]);
	}
	for (size_t i = 0; i < ancs.len; i++) {
		const char *an = ancs.items[i]->name;
		struct emit_c_lval l = emit_c_ops_at(a, &best, ancs.items[i]);
		sb_printf(sb, "static inline struct %s %s_as_%s(struct %s d)\n{\n"
			  "\tstruct %s r;\n\n\tr.ops = ", an, n, an, n, an);
		emit_c_put_first(sb, emit_c_lv_addr(a, &l), "d");
		sb_puts(sb, ";\n\tr.self = d.self;\n\treturn r;\n}\n\n");
	}
	hmap_free(&best);
}

static const char *value_ctype(const char *type)
{
	return !strcmp(type, "string") ? "const char *"
	     : !strcmp(type, "int") ? "int64_t" : "bool";
}

/* The parameter list of connect or start: devices, values, args. */
static void put_entry_params(struct strbuf *sb,
			     const struct mimpl *mi, const char *self)
{
	bool any = false;

	sb_putc(sb, '(');
	if (self) {
		sb_puts(sb, self);
		any = true;
	}
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < mi->nparams; k++) {
			const char *name = mi->param_names[k];
			const char *type = mi->param_types[k];
			if ((pass == 0) != (mi->param_sigs[k] != NULL))
				continue;
			if (any)
				sb_puts(sb, ", ");
			if (mi->param_sigs[k])
				sb_printf(sb, "struct %s %s",
					  mi->param_sigs[k]->name, name);
			else
				sb_printf(sb, "%s%s%s", value_ctype(type),
					  strcmp(type, "string") ? " " : "",
					  name);
			any = true;
		}
	}
	for (size_t i = 0; i < mi->nruntime_args; i++) {
		const char *ct = mi->runtime_args[i]->ctype;
		sb_printf(sb, "%s%s%s%s", any ? ", " : "", ct,
			  ct[strlen(ct) - 1] == '*' ? "" : " ",
			  mi->runtime_args[i]->name);
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

int emit_mirc_h(FILE *out, struct arena *a, const struct model *m)
{
	struct strbuf text, *sb = &text;
	struct hmap seen;
	struct hmap sole;
	struct mimpl many;	/* marks a signature that several impls serve */
	char home[PATH_MAX], proj[PATH_MAX];

	sb_init(sb);
	if (!realpath(m->home, home))
		snprintf(home, sizeof(home), "%s", m->home);
	if (!realpath(m->project_dir, proj))
		snprintf(proj, sizeof(proj), "%s", m->project_dir);
	emit_c_put_marker(sb, m, "the program's interfaces");
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
		const char *h = m->ctype_headers[i];
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
		const struct marg *t = m->args[i];
		if (strcmp(t->base, "enum"))
			continue;
		sb_printf(sb, "/* values of runtime arg %s */\nenum {\n",
			  m->args[i]->name);
		for (size_t k = 0; k < t->nenum; k++) {
			sb_putc(sb, '\t');
			emit_c_put_upper(sb, m->args[i]->name);
			sb_putc(sb, '_');
			emit_c_put_upper(sb, t->enum_values[k]);
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
			  mi->name);
		emit_mirc_h_prototypes(sb, a, mi);
		sb_putc(sb, '\n');
	}
	sb_puts(sb, "#endif\n");
	return emit_c_flush(out, sb);
}

void emit_mirc_h_prototypes(struct strbuf *sb, struct arena *a,
		     const struct mimpl *mi)
{
	const char *self = mi->stateless ? NULL
		: arena_printf(a, "struct %s *self", mi->prefix);
	struct emit_c_opvec ops = {0};

	if (mi->is_job) {
		sb_printf(sb, "int %s_start", mi->prefix);
		put_entry_params(sb, mi, NULL);
		sb_puts(sb, ";\n");
		return;
	}
	emit_c_sig_ops(a, mi->result, &ops, NULL);
	for (size_t k = 0; k < ops.len; k++)
		put_impl_proto(sb, a, mi, ops.items[k]);
	if (mi->connect) {
		sb_printf(sb, "int %s_connect", mi->prefix);
		put_entry_params(sb, mi, self);
		sb_puts(sb, ";\n");
	}
}
