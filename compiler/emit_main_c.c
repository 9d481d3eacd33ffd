/* SPDX-License-Identifier: MIT */
/*
 * emit_main_c.c - the main emitter: mirc/main.c.
 *
 * Input: the lowered model, ordered graph and runtime args.  Output: the
 * program's C entry: per-instance state, operation tables built from
 * thunks, the boot-argument table (its --help text from emit_help.c),
 * the connects in connect order, the job starts and the event loop, with
 * #line directives back to the .mir source.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_c.h"
#include "emit_help.h"
#include "emit_main_c.h"
#include "model.h"

/* ---- main.c ---------------------------------------------------------------------- */

/* The runtime's type of an arg, its base type in capitals:
 * MIRC_ARG_IPV4_PREFIX. */
static const char *arg_type_const(struct arena *a, const struct marg *ma)
{
	char *s = arena_printf(a, "MIRC_ARG_%s", ma->base);

	for (char *c = s; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return s;
}

static void put_default(struct strbuf *sb, const struct marg *ma)
{
	struct strbuf txt;

	if (!ma->has_def) {
		sb_puts(sb, "NULL");
		return;
	}
	sb_init(&txt);
	emit_c_arg_default(&txt, ma);
	emit_c_put_cstring(sb, txt.buf ? txt.buf : "", txt.len);
	sb_free(&txt);
}

static void put_doc(struct strbuf *sb, const char *s)
{
	if (s)
		emit_c_put_cstring(sb, s, strlen(s));
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
		emit_c_put_cstring(sb, v->s, v->len);
		break;
	}
}

/* The handle of device `d` as a `want` handle: the ops of `want` inside
 * the impl's table (emit_c_ops_at), so no upcast function is needed. */
static void put_handle(struct strbuf *sb, struct arena *a, const struct gnode *d,
		       const struct msig *want)
{
	const struct mimpl *mi = d->mi;
	struct emit_c_lval l = { arena_printf(a, "mirc_ops_%s", mi->prefix), false,
			   false };

	if (want != mi->result) {
		struct hmap best;
		hmap_init(&best);
		emit_c_sig_paths(a, mi->result, true, l, &best);
		l = emit_c_ops_at(a, &best, want);
		hmap_free(&best);
	}
	sb_printf(sb, "(struct %s){ %s, ", want->name, emit_c_lv_addr(a, &l));
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

static void put_line(struct emit_c_out *o, struct arena *a, const struct model *m,
		     const struct srcpos *pos)
{
	struct strbuf path;

	sb_init(&path);
	sb_printf(o->sb, "#line %d ", pos->first_line > 0 ? pos->first_line : 1);
	sb_puts(&path, mir_path(a, m, pos));
	emit_c_put_cstring(o->sb, path.buf, path.len);
	sb_putc(o->sb, '\n');
	sb_free(&path);
}

static void put_line_back(struct emit_c_out *o)
{
	size_t next = emit_c_out_line(o) + 1;
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
		sb_printf(sb, ".as_%s = {\n", s->parents[i]->name);
		emit_ops_table(sb, a, mi, s->parents[i], depth + 1);
		put_tabs(sb, depth);
		sb_puts(sb, "},\n");
	}
	for (size_t i = 0; i < s->nops; i++) {
		const char *op = s->ops[i].ret.name;
		put_tabs(sb, depth);
		sb_printf(sb, ".%s = mirc_thunk_%s_%s,\n", op, mi->prefix, op);
	}
	if (!s->nparents && !s->nops) {
		put_tabs(sb, depth);
		sb_puts(sb, ".mirc_no_operations = 0,\n");
	}
}

static void emit_thunks(struct strbuf *sb, struct arena *a,
			const struct mimpl *mi)
{
	struct emit_c_opvec ops = {0};

	emit_c_sig_ops(a, mi->result, &ops, NULL);
	for (size_t k = 0; k < ops.len; k++) {
		const struct mop *op = ops.items[k];
		const char *callee = arena_printf(a, "%s_%s", mi->prefix,
						  op->ret.name);
		struct emit_c_pnames pn = emit_c_param_names(a, op, "self", callee);
		sb_puts(sb, "static ");
		emit_c_put_cdecl(sb, &op->ret, arena_printf(a, "mirc_thunk_%s_%s",
						     mi->prefix, op->ret.name));
		emit_c_put_params(sb, op, &pn, "void *@");
		sb_puts(sb, "\n{\n");
		if (mi->stateless)
			sb_printf(sb, "\t(void)%s;\n", pn.gen);
		sb_printf(sb, "\t%s%s", emit_c_returns_void(op) ? "" : "return ", callee);
		emit_c_put_args(sb, op, &pn, mi->stateless ? NULL : "@");
		sb_puts(sb, ";\n}\n\n");
	}
	sb_printf(sb, "static const struct %s_ops mirc_ops_%s = {\n",
		  mi->result->name, mi->prefix);
	emit_ops_table(sb, a, mi, mi->result, 1);
	sb_puts(sb, "};\n\n");
}

static void emit_arg_table(struct strbuf *sb, struct arena *a,
			   const struct model *m)
{
	for (size_t i = 0; i < m->nargs; i++) {
		const struct marg *ma = m->args[i];
		const char *ct = ma->ctype;
		sb_printf(sb, "static %s%smirc_arg_%s;\n", ct,
			  ct[strlen(ct) - 1] == '*' ? "" : " ", ma->name);
		if (!strcmp(ma->base, "enum")) {
			sb_printf(sb, "static const char *const mirc_enum_%s[] = {",
				  ma->name);
			for (size_t k = 0; k < ma->nenum; k++)
				sb_printf(sb, "%s\"%s\"", k ? ", " : " ",
					  ma->enum_values[k]);
			sb_puts(sb, " };\n");
		}
	}
	if (!m->nargs)
		return;
	sb_puts(sb, "\nstatic const struct mirc_arg_desc mirc_args[] = {\n");
	for (size_t i = 0; i < m->nargs; i++) {
		const struct marg *ma = m->args[i];
		const char *tc = arg_type_const(a, ma);
		char *dashed = arena_strdup(a, ma->name);
		for (char *c = dashed; *c; c++)
			if (*c == '_')
				*c = '-';
		sb_printf(sb, "\t{ \"%s\", %s, %s%s%s0u,\n\t  ", dashed, tc,
			  ma->opt ? "MIRC_ARG_OPT | " : "",
			  ma->list ? "MIRC_ARG_LIST | " : "",
			  ma->required ? "MIRC_ARG_REQUIRED | " : "");
		if (!strcmp(ma->base, "enum"))
			sb_printf(sb, "mirc_enum_%s, %zu, ", ma->name, ma->nenum);
		else
			sb_puts(sb, "NULL, 0, ");
		put_default(sb, ma);
		/* Doc and section are in the --help listing, mirc_help. */
		sb_puts(sb, ",\n\t  NULL, NULL");
		/* The parser of the type, named so that the program links
		 * only the parsers it needs: MIRC_ARG_IPV4 -> mirc_arg_parse_ipv4. */
		sb_printf(sb, ", &mirc_arg_%s, mirc_arg_parse_%s },\n", ma->name,
			  ma->base);
	}
	sb_puts(sb, "};\n");
}

static const char *log_source(const struct hmap *count, const struct gnode *n)
{
	return (uintptr_t)hmap_get(count, n->mi->prefix) > 1 ? n->id
		: n->mi->name;
}

int emit_main_c(FILE *outf, struct arena *a, const struct codegen_opts *o,
		const struct model *m)
{
	struct strbuf text, *sb = &text;
	struct emit_c_out out = {sb, 0, 0};
	struct hmap handed, instances;

	sb_init(sb);
	emit_c_put_marker(sb, m, "main() and the device instances");
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
	/* The small runtime prints no listing (rt/src/help.c): none is
	 * carried, also where no link-time optimisation would drop it. */
	if (!m->runtime_small)
		emit_help_listing(sb, a, m, emit_help_doc(m));
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
	sb_puts(sb, "int main(int argc, char **argv)\n{\n\tint rc;\n\n");
	if (!m->runtime_small)
		sb_puts(sb, "\tmirc_rt_set_help(mirc_help);\n");
	for (size_t i = 0; i < m->nargs; i++) {
		if (m->args[i]->list) {
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
	return emit_c_flush(outf, sb);
}
