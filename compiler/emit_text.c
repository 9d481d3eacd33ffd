/* SPDX-License-Identifier: MIT */
/*
 * emit_text.c - `mirc describe` (text format): the program as aligned
 * tables, meant for people.  Also the text fragments (literals, argument
 * lists) that the dot emitter and `mirc query` print the same way.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "emit_text.h"
#include "model.h"

/* ---- literals ----------------------------------------------------------- */

/* Quote with the escapes of the language (mir(5), lexical rules), so
 * the text reads back as the same string. */
static void put_quoted(struct strbuf *sb, const char *s, size_t len)
{
	sb_putc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		case '\n': sb_puts(sb, "\\n"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\0': sb_puts(sb, "\\0"); break;
		default:
			if (c >= 0x80) {
				/* Keep UTF-8, spell out stray bytes. */
				size_t n = emit_text_utf8_len(s + i, len - i);

				if (n == 0) {
					sb_printf(sb, "\\x%02x", c);
				} else {
					sb_putn(sb, s + i, n);
					i += n - 1;
				}
			} else if (c < 0x20 || c == 0x7f) {
				sb_printf(sb, "\\x%02x", c);
			} else {
				sb_putc(sb, (char)c);
			}
		}
	}
	sb_putc(sb, '"');
}

static const char *sb_to_arena(struct arena *a, struct strbuf *sb)
{
	const char *s = arena_strndup(a, sb->buf ? sb->buf : "", sb->len);

	sb_free(sb);
	return s;
}

const char *emit_text_value(struct arena *a, const struct value *v)
{
	switch (v->kind) {
	case VAL_BOOL:
		return v->b ? "true" : "false";
	case VAL_INT:
		return arena_printf(a, "%" PRId64, v->i);
	case VAL_STRING:
		/* A string may hold NULs; the C text stops at the first. */
		return v->s ? arena_strndup(a, v->s, v->len) : "";
	case VAL_ENUM:
		return v->s ? v->s : "";
	}
	return "";
}

const char *emit_text_value_literal(struct arena *a, const struct value *v)
{
	struct strbuf sb;

	if (v->kind != VAL_STRING)
		return emit_text_value(a, v);
	sb_init(&sb);
	put_quoted(&sb, v->s ? v->s : "", v->s ? v->len : 0);
	return sb_to_arena(a, &sb);
}

const char *emit_text_arg_default(struct arena *a, const struct marg *ma)
{
	struct strbuf sb;

	if (!ma->has_def)
		return NULL;
	if (!ma->list)
		return emit_text_value_literal(a, &ma->def[0]);
	sb_init(&sb);
	sb_putc(&sb, '[');
	for (size_t i = 0; i < ma->ndef; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "",
			  emit_text_value_literal(a, &ma->def[i]));
	sb_putc(&sb, ']');
	return sb_to_arena(a, &sb);
}

const char *emit_text_garg(struct arena *a, const struct garg *g)
{
	if (g->node)
		return arena_printf(a, "%s=%s", g->param, g->node->id);
	if (g->value)
		return arena_printf(a, "%s=%s", g->param,
				    emit_text_value_literal(a, g->value));
	return arena_printf(a, "%s=?", g->param);
}

const char *emit_text_arg_decl(struct arena *a, const struct marg *arg)
{
	const char *s = arena_printf(a, "%s : %s", arg->name, arg->type);

	if (arg->has_def)
		s = arena_printf(a, "%s = %s", s,
				 emit_text_arg_default(a, arg));
	if (arg->marked_required)
		s = arena_printf(a, "%s required", s);
	return s;
}

const char *emit_text_artifact(struct arena *a, const struct model *m)
{
	const char *ext = m->backend && m->backend->artifact_ext ?
		m->backend->artifact_ext : "";

	return arena_printf(a, "dist/%s%s", m->name, ext);
}

const char *emit_text_impl_name(const struct gnode *n)
{
	return n->impl_name;
}

size_t emit_text_utf8_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t cp, min;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2, cp = u[0] & 0x1f, min = 0x80;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3, cp = u[0] & 0x0f, min = 0x800;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4, cp = u[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (u[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* ---- aligned tables ----------------------------------------------------- */

#define TABLE_MAXCOLS 8

struct table {
	size_t ncols;		/* at most TABLE_MAXCOLS */
	VEC(const char **) rows;
};

static void table_init(struct table *t, size_t ncols)
{
	assert(ncols <= TABLE_MAXCOLS);
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

/* A new row, every cell "", for the caller to fill in. */
static const char **table_row(struct arena *a, struct table *t)
{
	const char **row = arena_alloc(a, t->ncols * sizeof(*row));

	for (size_t i = 0; i < t->ncols; i++)
		row[i] = "";
	vec_push(a, &t->rows, row);
	return row;
}

/* Width in columns: count UTF-8 lead bytes so docs with accents align. */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/*
 * Two spaces between columns, indented by two, no trailing blanks.  A
 * column that is empty on every row (headers included) is left out.
 */
static void table_print(FILE *out, const struct table *t)
{
	size_t width[TABLE_MAXCOLS] = { 0 };

	for (size_t r = 0; r < t->rows.len; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = text_width(t->rows.items[r][c]);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->rows.len; r++) {
		const char **row = t->rows.items[r];
		size_t end = 0;		/* one past the last non-empty cell */
		bool first = true;

		for (size_t c = 0; c < t->ncols; c++)
			if (row[c][0])
				end = c + 1;
		if (end > 0)
			fputs("  ", out);
		for (size_t c = 0; c < end; c++) {
			if (width[c] == 0)
				continue;
			if (!first)
				fputs("  ", out);
			first = false;
			fputs(row[c], out);
			if (c + 1 < end)
				fprintf(out, "%*s",
					(int)(width[c] - text_width(row[c])),
					"");
		}
		fputc('\n', out);
	}
}

/* ---- sections ----------------------------------------------------------- */

/*
 * A key's doc, followed for an enum by the values it can take: they stay
 * at the end of the line, since `target` has one per backend.
 */
static const char *key_doc_text(struct arena *a, const struct keyval *k)
{
	struct strbuf sb;

	if (!k->enum_values || k->nenum == 0)
		return k->doc ? k->doc : "";
	sb_init(&sb);
	if (k->doc)
		sb_printf(&sb, "%s ", k->doc);
	sb_puts(&sb, "(one of:");
	for (size_t i = 0; i < k->nenum; i++)
		sb_printf(&sb, "%s %s", i ? "," : "", k->enum_values[i]);
	sb_puts(&sb, ")");
	return sb_to_arena(a, &sb);
}

static void text_keys(FILE *out, struct arena *a, const struct model *m)
{
	struct table t;

	fputs("\nkeys\n", out);
	table_init(&t, 5);
	const char **h = table_row(a, &t);
	h[0] = "NAME", h[1] = "VALUE", h[3] = "TYPE", h[4] = "DOC";
	for (size_t i = 0; i < m->nkeys; i++) {
		const struct keyval *k = &m->keys[i];
		const char **row = table_row(a, &t);

		row[0] = k->name;
		row[1] = emit_text_value_literal(a, &k->value);
		row[2] = k->is_default ? "(default)" : "";
		row[3] = k->type;
		row[4] = key_doc_text(a, k);
	}
	table_print(out, &t);
}

static const char *join_ids(struct arena *a, struct gnode **nodes, size_t n)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", nodes[i]->id);
	return sb_to_arena(a, &sb);
}

static const char *device_args_text(struct arena *a, const struct gnode *n)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < n->nargs; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "",
			  emit_text_garg(a, &n->args[i]));
	return sb_to_arena(a, &sb);
}

static const char *runtime_args_text(struct arena *a, const struct gnode *n)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < n->nruntime_args; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "",
			  n->runtime_args[i]->name);
	return sb_to_arena(a, &sb);
}

static void text_devices(FILE *out, struct arena *a, const struct graph *g)
{
	bool any_deps = false, any_rt = false;
	struct table t;

	fprintf(out, "\ndevices (%s)\n",
		g->evaluated ? "connect order" : "graph order");
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct gnode *n = g->nodes.items[i];
		if (n->kind != GN_DEVICE)
			continue;
		any_deps |= n->ndeps > 0;
		any_rt |= n->nruntime_args > 0;
	}
	/* ARGUMENTS last: it is the long one. */
	table_init(&t, 6);
	const char **h = table_row(a, &t);
	h[0] = "ID", h[1] = "IMPL", h[2] = "SIGNATURE";
	h[3] = any_deps ? "DEPS" : "";
	h[4] = any_rt ? "RUNTIME ARGS" : "";
	h[5] = "ARGUMENTS";
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct gnode *n = g->nodes.items[i];
		if (n->kind != GN_DEVICE)
			continue;
		const char **row = table_row(a, &t);
		row[0] = n->id;
		row[1] = emit_text_impl_name(n);
		row[2] = n->signature ? n->signature : "job";
		row[3] = join_ids(a, n->deps, n->ndeps);
		row[4] = runtime_args_text(a, n);
		row[5] = device_args_text(a, n);
	}
	if (t.rows.len == 1)
		fputs("  (none)\n", out);
	else
		table_print(out, &t);
}

/* One row per branch, the choice's own columns only on its first row. */
static void text_choices(FILE *out, struct arena *a, const struct graph *g)
{
	struct table t;

	fputs("\nchoices\n", out);
	table_init(&t, 5);
	const char **h = table_row(a, &t);
	h[0] = "ID", h[1] = "CONDITION", h[2] = "VALUES", h[3] = "NODE";
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct gnode *n = g->nodes.items[i];
		if (n->kind != GN_CHOICE)
			continue;
		for (size_t b = 0; b < n->nbranches; b++) {
			const struct gbranch *br = &n->branches[b];
			const char **row = table_row(a, &t);
			struct strbuf sb;

			if (b == 0) {
				row[0] = n->id;
				row[1] = n->label ? n->label : "";
			}
			sb_init(&sb);
			for (size_t v = 0; v < br->nvalues; v++)
				sb_printf(&sb, "%s%s", v ? " | " : "",
					  br->values[v]);
			row[2] = sb_to_arena(a, &sb);
			row[3] = br->node ? br->node->id : "";
			row[4] = br->node && br->node == n->default_node ?
				"(default)" : "";
		}
	}
	if (t.rows.len == 1)
		fputs("  (none)\n", out);
	else
		table_print(out, &t);
}

static void text_jobs(FILE *out, const struct graph *g)
{
	fputs("\njobs\n", out);
	if (g->jobs.len == 0)
		fputs("  (none)\n", out);
	for (size_t i = 0; i < g->jobs.len; i++)
		fprintf(out, "  %s\n", g->jobs.items[i]->id);
}

static void text_args(FILE *out, struct arena *a, const struct model *m)
{
	bool any_section = false;
	struct table t;

	fputs("\nruntime args\n", out);
	if (m->nargs == 0) {
		fputs("  (none)\n", out);
		return;
	}
	for (size_t i = 0; i < m->nargs; i++)
		any_section |= m->args[i]->section != NULL;
	table_init(&t, 5);
	const char **h = table_row(a, &t);
	h[0] = "NAME", h[1] = "TYPE", h[2] = "DEFAULT";
	h[3] = any_section ? "SECTION" : "", h[4] = "DOC";
	for (size_t i = 0; i < m->nargs; i++) {
		const struct marg *ma = m->args[i];
		const char **row = table_row(a, &t);

		row[0] = ma->name;
		row[1] = ma->type;
		if (ma->marked_required)
			row[2] = "(required)";
		else if (ma->has_def)
			row[2] = emit_text_arg_default(a, ma);
		row[3] = ma->section ? ma->section : "";
		row[4] = ma->doc ? ma->doc : "";
	}
	table_print(out, &t);
}

int emit_text(FILE *out, struct arena *a, const struct model *m)
{
	static const struct graph empty;
	const struct graph *g = m->graph ? m->graph : &empty;

	fprintf(out, "name    %s\n", m->name);
	fprintf(out, "target  %s\n", m->target);
	fprintf(out, "graph   %s\n", g->evaluated ? "evaluated" :
		"not evaluated (every branch of every choice)");

	text_keys(out, a, m);
	text_devices(out, a, g);
	if (!g->evaluated)
		text_choices(out, a, g);
	text_jobs(out, g);
	text_args(out, a, m);
	fprintf(out, "\nartifact\n  %s\n", emit_text_artifact(a, m));
	return ferror(out) ? -1 : 0;
}
