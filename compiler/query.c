/* SPDX-License-Identifier: MIT */
/*
 * query.c - `mirc query WHAT`: one fact about the program per run, in a
 * form a script can read (one item per line), or as the same JSON
 * fragment that `mirc describe --format=json` holds for it.
 *
 * Only the facts of the model are here; the queries that print generated
 * files come with code generation.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "emit_json.h"
#include "emit_text.h"
#include "model.h"

/* Text form: one line per fact.  Errors are checked once, by the caller. */
static void query_name(FILE *out, struct arena *a, const struct model *m)
{
	(void)a;
	fprintf(out, "%s\n", m->name);
}

static void query_target(FILE *out, struct arena *a, const struct model *m)
{
	(void)a;
	fprintf(out, "%s\n", m->target);
}

/* `name=value`, the value as it is given on the command line. */
static void query_keys(FILE *out, struct arena *a, const struct model *m)
{
	for (size_t i = 0; i < m->nkeys; i++) {
		const struct keyval *k = &m->keys[i];

		fprintf(out, "%s=%s%s\n", k->name, value_text(a, &k->value),
			k->is_default ? " (default)" : "");
	}
}

static void query_args(FILE *out, struct arena *a, const struct model *m)
{
	for (size_t i = 0; i < m->nargs; i++)
		fprintf(out, "%s\n", emit_arg_decl_text(a, m->args[i]));
}

static void query_devices(FILE *out, struct arena *a, const struct model *m)
{
	(void)a;
	if (!m->graph)
		return;
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];

		if (n->kind == GN_DEVICE)
			fprintf(out, "%s %s %s\n", n->id, emit_impl_name(n),
				n->signature ? n->signature : "job");
	}
}

static json_t *json_name(const struct model *m)
{
	return emit_json_string(m->name);
}

static json_t *json_target(const struct model *m)
{
	return emit_json_string(m->target);
}

static const struct query {
	const char *what;
	void (*text)(FILE *out, struct arena *a, const struct model *m);
	json_t *(*json)(const struct model *m);
} query_table[] = {
	{ "name", query_name, json_name },
	{ "target", query_target, json_target },
	{ "keys", query_keys, emit_json_keys },
	{ "args", query_args, emit_json_args },
	{ "devices", query_devices, emit_json_devices },
};

#define NQUERIES (sizeof(query_table) / sizeof(query_table[0]))

int query_run(FILE *out, struct arena *a, const struct model *m,
	      const char *what, bool json)
{
	const struct query *q = NULL;

	for (size_t i = 0; i < NQUERIES; i++)
		if (strcmp(query_table[i].what, what) == 0)
			q = &query_table[i];
	if (!q) {
		fprintf(stderr, "mirc: query: unknown query '%s' (expected one "
			"of: ", what);
		for (size_t i = 0; i < NQUERIES; i++)
			fprintf(stderr, "%s%s", i ? ", " : "",
				query_table[i].what);
		/* Those answered from the generated files (main.c). */
		fputs(", sources, packages, files, makefile, main, "
		      "linker-script, manifest)\n", stderr);
		return 2;
	}
	if (json) {
		emit_json_init();
		return emit_json_print(out, q->json(m)) == 0 ? 0 : 3;
	}
	q->text(out, a, m);
	return fflush(out) == 0 && !ferror(out) ? 0 : 3;
}
