/* SPDX-License-Identifier: MIT */
/*
 * emit_dot.c - `mirc describe --format=dot`: the device graph as a
 * Graphviz digraph.
 *
 * Nodes and edges are written in graph.nodes order and arguments in
 * parameter order, so the same model always gives the same bytes.  Every
 * id and label is quoted and escaped; the legend is in mirc-describe(1).
 * Edges go from a user to what it uses (a job to its TIME device), so with
 * dot's top-to-bottom ranking the jobs are on top and the leaves below.
 */
#include <stdio.h>
#include <string.h>

#include "emit_dot.h"
#include "emit_text.h"
#include "model.h"

/* Fill colour of job nodes; devices are plain boxes. */
#define DOT_JOB_COLOR "lightblue"

/*
 * Escape text for a dot double-quoted string.  Inside labels a backslash
 * starts an escape (\n, \N, ...), so a literal one is doubled; bytes that
 * are not printable UTF-8 are shown as \xHH text rather than passed on,
 * since dot only reads UTF-8.
 */
static void dot_escape(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		unsigned char c = (unsigned char)*s;
		size_t len = emit_text_utf8_len(s, n);

		if (c == '"') {
			sb_puts(sb, "\\\"");
		} else if (c == '\\') {
			sb_puts(sb, "\\\\");
		} else if (c == '\n') {
			sb_puts(sb, "\\n");
		} else if (len == 0 || c < 0x20 || c == 0x7f) {
			sb_printf(sb, "\\\\x%02x", c);
			len = 1;
		} else {
			sb_putn(sb, s, len);
		}
		s += len;
		n -= len;
	}
}

static void dot_quoted(struct strbuf *sb, const char *s)
{
	sb_putc(sb, '"');
	dot_escape(sb, s);
	sb_putc(sb, '"');
}

/* Start another line of a label; lines are separated by dot's \n. */
static void label_line(struct strbuf *sb, bool *first)
{
	if (!*first)
		sb_puts(sb, "\\n");
	*first = false;
}

static void dot_device(struct strbuf *out, struct arena *a,
		       const struct gnode *n)
{
	bool first = true;

	sb_putc(out, '\t');
	dot_quoted(out, n->id);
	sb_puts(out, " [label=\"");
	label_line(out, &first);
	dot_escape(out, n->id);
	label_line(out, &first);
	dot_escape(out, emit_text_impl_name(n));
	sb_puts(out, " : ");
	dot_escape(out, n->signature ? n->signature : "job");
	for (size_t i = 0; i < n->nargs; i++) {
		if (n->args[i].node || !n->args[i].value)
			continue;
		label_line(out, &first);
		dot_escape(out, emit_text_garg(a, &n->args[i]));
	}
	if (n->nruntime_args > 0) {
		label_line(out, &first);
		sb_puts(out, "args: ");
		for (size_t i = 0; i < n->nruntime_args; i++) {
			if (i)
				sb_puts(out, ", ");
			dot_escape(out, n->runtime_args[i]->name);
		}
	}
	sb_putc(out, '"');
	if (n->is_job)
		sb_puts(out, ", style=\"rounded,filled\", fillcolor="
			DOT_JOB_COLOR);
	sb_puts(out, "];\n");
}

static void dot_choice(struct strbuf *out, const struct gnode *n)
{
	sb_putc(out, '\t');
	dot_quoted(out, n->id);
	sb_puts(out, " [shape=diamond, label=");
	dot_quoted(out, n->label ? n->label : n->id);
	sb_puts(out, "];\n");
}

static void dot_edge(struct strbuf *out, const struct gnode *from,
		     const struct gnode *to)
{
	sb_putc(out, '\t');
	dot_quoted(out, from->id);
	sb_puts(out, " -> ");
	dot_quoted(out, to->id);
}

/* Parameter edges, then `deps` edges, of one device. */
static void dot_device_edges(struct strbuf *out, const struct gnode *n)
{
	for (size_t i = 0; i < n->nargs; i++) {
		if (!n->args[i].node)
			continue;
		dot_edge(out, n, n->args[i].node);
		sb_puts(out, " [label=");
		dot_quoted(out, n->args[i].param);
		sb_puts(out, "];\n");
	}
	for (size_t i = 0; i < n->ndeps; i++) {
		dot_edge(out, n, n->deps[i]);
		sb_puts(out, " [style=dashed];\n");
	}
}

/* One edge per branch, labelled "v1 | v2"; the default branch bold. */
static void dot_choice_edges(struct strbuf *out, const struct gnode *n)
{
	for (size_t b = 0; b < n->nbranches; b++) {
		const struct gbranch *br = &n->branches[b];

		if (!br->node)
			continue;
		dot_edge(out, n, br->node);
		sb_puts(out, " [label=\"");
		for (size_t v = 0; v < br->nvalues; v++) {
			if (v)
				sb_puts(out, " | ");
			dot_escape(out, br->values[v]);
		}
		sb_putc(out, '"');
		if (br->node == n->default_node)
			sb_puts(out, ", style=bold");
		sb_puts(out, "];\n");
	}
}

static void dot_graph(struct strbuf *out, struct arena *a,
		      const struct model *m)
{
	static const struct graph empty;
	const struct graph *g = m->graph ? m->graph : &empty;
	struct strbuf title;

	sb_puts(out, "digraph ");
	dot_quoted(out, m->name);
	sb_puts(out, " {\n");

	sb_init(&title);
	sb_printf(&title, "%s (target %s%s)", m->name, m->target,
		  g->evaluated ? "" : ", not evaluated");
	sb_puts(out, "\tgraph [label=");
	dot_quoted(out, title.buf);
	sb_puts(out, ", labelloc=t];\n");
	sb_free(&title);
	sb_puts(out, "\tnode [shape=box];\n");
	sb_puts(out, "\tedge [fontsize=10];\n");

	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct gnode *n = g->nodes.items[i];

		if (n->kind == GN_CHOICE)
			dot_choice(out, n);
		else
			dot_device(out, a, n);
	}
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct gnode *n = g->nodes.items[i];

		if (n->kind == GN_CHOICE)
			dot_choice_edges(out, n);
		else
			dot_device_edges(out, n);
	}
	sb_puts(out, "}\n");
}

/* Built in memory first: the escaping helpers append to a strbuf. */
int emit_dot(FILE *out, struct arena *a, const struct model *m)
{
	struct strbuf sb;
	bool ok;

	sb_init(&sb);
	dot_graph(&sb, a, m);
	ok = fwrite(sb.buf ? sb.buf : "", 1, sb.len, out) == sb.len;
	sb_free(&sb);
	return ok ? 0 : -1;
}
