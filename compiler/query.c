/* SPDX-License-Identifier: MIT */
/*
 * query.c - `mirc query WHAT`: one fact about the program per run, in a
 * form a script can read (one item per line), or as the same JSON
 * fragment that `mirc describe --format=json` holds for it.
 *
 * The kinds are those of cli_table_queries (cli_table.c); the facts of the
 * model are printed here directly, the others from the files configure
 * would write, generated in memory.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli_table.h"
#include "codegen.h"
#include "emit_json.h"
#include "emit_text.h"
#include "model.h"
#include "query.h"

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

		fprintf(out, "%s=%s%s\n", k->name, emit_text_value(a, &k->value),
			k->is_default ? " (default)" : "");
	}
}

static void query_args(FILE *out, struct arena *a, const struct model *m)
{
	for (size_t i = 0; i < m->nargs; i++)
		fprintf(out, "%s\n", emit_text_arg_decl(a, m->args[i]));
}

static void query_devices(FILE *out, struct arena *a, const struct model *m)
{
	(void)a;
	if (!m->graph)
		return;
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];

		if (n->kind == GN_DEVICE)
			fprintf(out, "%s %s %s\n", n->id, emit_text_impl_name(n),
				n->signature ? n->signature : "job");
	}
}

/* ---- queries answered from the generated files --------------------------- */

/* A JSON array of strings. */
static json_t *json_strings(const char *const *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, emit_json_string(v[i]));
	return arr;
}

/* "zlib >= 1.2" as {"constraint", "name", "op", "version"}; op and
 * version are null when the constraint names only the module. */
static json_t *json_packages(struct arena *a, const struct codegen_set *g)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < g->packages.len; i++) {
		struct pkg_constraint pc = {0};
		json_t *o = json_object();
		/* Checked (bad-field) before anything is generated. */
		util_pkg_constraint_parse(a, g->packages.items[i], &pc);
		json_object_set_new(o, "constraint",
				    emit_json_string(g->packages.items[i]));
		json_object_set_new(o, "name", emit_json_string(pc.name ?
				    pc.name : g->packages.items[i]));
		json_object_set_new(o, "op", pc.op ? emit_json_string(pc.op)
				    : json_null());
		json_object_set_new(o, "version", pc.version ?
				    emit_json_string(pc.version) : json_null());
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The path of the file a text query prints, NULL for the lists. */
static const char *query_file(enum cli_query_kind k)
{
	switch (k) {
	case QUERY_MAKEFILE:
		return "Makefile";
	case QUERY_MAIN:
		return "mirc/main.c";
	case QUERY_LINKER_SCRIPT:
		return "mirc/link.ld";
	case QUERY_MANIFEST:
		return "mirc/manifest.json";
	default:
		return NULL;
	}
}

static int file_query(FILE *out, struct arena *a, const struct model *m,
		     const struct cli_query *q, bool json,
		     const struct codegen_opts *go)
{
	const char *err = NULL, *path = query_file(q->id);
	struct codegen_set g = {0};
	json_t *j = NULL;
	int rc = 0;

	if (q->id == QUERY_LINKER_SCRIPT &&
	    (!m->backend || !m->backend->linker_script)) {
		fprintf(stderr, "mirc: target %s links without a linker "
			"script\n", m->target);
		return 0;
	}
	if (q->id == QUERY_MANIFEST &&
	    (!m->backend || !m->backend->solo5_manifest)) {
		fprintf(stderr, "mirc: target %s has no Solo5 manifest\n",
			m->target);
		return 0;
	}
	if (codegen_program(&g, a, m, go, false, &err) != 0) {
		fprintf(stderr, "mirc: %s\n", err);
		codegen_free(&g);
		return 3;
	}
	if (q->id == QUERY_FILES) {
		VEC(const char *) files = {0};
		for (size_t i = 0; i < g.files.len; i++)
			vec_push(a, &files, g.files.items[i]->path);
		vec_push(a, &files, "mirc/context");
		vec_push(a, &files, g.artifact);
		if (json)
			j = json_strings(files.items, files.len);
		for (size_t i = 0; !json && i < files.len; i++)
			fprintf(out, "%s\n", files.items[i]);
	} else if (q->id == QUERY_SOURCES) {
		if (json)
			j = json_strings(g.sources.items, g.sources.len);
		for (size_t i = 0; !json && i < g.sources.len; i++)
			fprintf(out, "%s\n", g.sources.items[i]);
	} else if (q->id == QUERY_PACKAGES) {
		if (json)
			j = json_packages(a, &g);
		for (size_t i = 0; !json && i < g.packages.len; i++)
			fprintf(out, "%s\n", g.packages.items[i]);
	}
	for (size_t i = 0; path && i < g.files.len; i++) {
		const struct codegen_file *f = g.files.items[i];
		if (!strcmp(f->path, path))
			fwrite(f->text.buf, 1, f->text.len, out);
	}
	codegen_free(&g);
	if (j) {
		emit_json_init();
		rc = emit_json_print(out, j) == 0 ? 0 : 3;
	}
	return rc == 0 && fflush(out) == 0 && !ferror(out) ? 0 : 3;
}

/* ---- JSON forms of the model's facts ---------------------------------------- */

static json_t *json_name(const struct model *m)
{
	return emit_json_string(m->name);
}

static json_t *json_target(const struct model *m)
{
	return emit_json_string(m->target);
}

/* The model's facts, indexed by enum cli_query_kind. */
static const struct query {
	void (*text)(FILE *out, struct arena *a, const struct model *m);
	json_t *(*json)(const struct model *m);
} model_queries[] = {
	[QUERY_NAME] = { query_name, json_name },
	[QUERY_TARGET] = { query_target, json_target },
	[QUERY_KEYS] = { query_keys, emit_json_keys },
	[QUERY_ARGS] = { query_args, emit_json_args },
	[QUERY_DEVICES] = { query_devices, emit_json_devices },
};

int query_run(FILE *out, struct arena *a, const struct model *m,
	      const struct cli_query *q, bool json, const struct codegen_opts *go)
{
	const struct query *mq;

	/* main.c refused --json for a kind without a JSON form. */
	if (json && !q->json)
		return 2;
	if (q->generated)
		return file_query(out, a, m, q, json, go);
	mq = &model_queries[q->id];
	if (json) {
		emit_json_init();
		return emit_json_print(out, mq->json(m)) == 0 ? 0 : 3;
	}
	mq->text(out, a, m);
	return fflush(out) == 0 && !ferror(out) ? 0 : 3;
}
