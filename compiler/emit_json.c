/* SPDX-License-Identifier: MIT */
/*
 * emit_json.c - `mirc describe --format=json`: the model as one JSON
 * object (schema in mirc-describe(1)), built with jansson and released
 * before returning.
 *
 * Values keep their types: bool keys are JSON booleans, int keys
 * integers, strings and enum values strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "emit_json.h"
#include "emit_text.h"
#include "model.h"

void emit_json_init(void)
{
	json_set_alloc_funcs(xmalloc, free);
}

/*
 * jansson refuses strings that are not UTF-8, but a .mir string may hold
 * any byte (\xHH) and paths are whatever the file system allows: replace
 * what is not UTF-8 with U+FFFD rather than drop the field.
 */
json_t *emit_json_stringn(const char *s, size_t len)
{
	struct strbuf sb;
	json_t *j;

	if (!s)
		return json_null();
	j = json_stringn(s, len);
	if (j)
		return j;
	sb_init(&sb);
	for (size_t i = 0; i < len;) {
		size_t n = emit_text_utf8_len(s + i, len - i);

		if (n == 0) {
			sb_puts(&sb, "\xef\xbf\xbd");
			n = 1;
		} else {
			sb_putn(&sb, s + i, n);
		}
		i += n;
	}
	j = json_stringn(sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	return j;
}

json_t *emit_json_string(const char *s)
{
	return emit_json_stringn(s, s ? strlen(s) : 0);
}

static void set(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v ? v : json_null());
}

static void push(json_t *arr, json_t *v)
{
	json_array_append_new(arr, v ? v : json_null());
}

static json_t *value_json(const struct value *v)
{
	switch (v->kind) {
	case VAL_BOOL:
		return json_boolean(v->b);
	case VAL_INT:
		return json_integer((json_int_t)v->i);
	case VAL_STRING:
		return emit_json_stringn(v->s ? v->s : "", v->s ? v->len : 0);
	case VAL_ENUM:
		return emit_json_string(v->s ? v->s : "");
	}
	return json_null();
}

/* A runtime arg's default, typed like the literal in the source. */
static json_t *default_json(const struct marg *ma)
{
	json_t *arr;

	if (!ma->has_def)
		return json_null();
	if (!ma->list)
		return value_json(&ma->def[0]);
	arr = json_array();
	for (size_t i = 0; i < ma->ndef; i++)
		push(arr, value_json(&ma->def[i]));
	return arr;
}

/* ---- fragments shared with query.c -------------------------------------- */

json_t *emit_json_keys(const struct model *m)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < m->nkeys; i++) {
		const struct keyval *k = &m->keys[i];
		json_t *o = json_object();

		set(o, "name", emit_json_string(k->name));
		set(o, "type", emit_json_string(k->type));
		set(o, "value", value_json(&k->value));
		set(o, "default", json_boolean(k->is_default));
		if (k->enum_values) {
			json_t *vals = json_array();

			for (size_t v = 0; v < k->nenum; v++)
				push(vals, emit_json_string(k->enum_values[v]));
			set(o, "values", vals);
		}
		set(o, "doc", emit_json_string(k->doc));
		push(arr, o);
	}
	return arr;
}

json_t *emit_json_args(const struct model *m)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < m->nargs; i++) {
		const struct marg *ma = m->args[i];
		json_t *o = json_object();

		set(o, "name", emit_json_string(ma->name));
		set(o, "type", emit_json_string(ma->type));
		set(o, "default", default_json(ma));
		set(o, "required", json_boolean(ma->marked_required));
		set(o, "doc", emit_json_string(ma->doc));
		set(o, "section", emit_json_string(ma->section));
		push(arr, o);
	}
	return arr;
}

static json_t *device_json(struct arena *a, const struct gnode *n)
{
	json_t *o = json_object(), *args = json_array(), *deps = json_array();
	json_t *rt = json_array();
	const char *loc = diag_srcpos_text(a, &n->pos);

	set(o, "id", emit_json_string(n->id));
	set(o, "impl", emit_json_string(emit_text_impl_name(n)));
	set(o, "signature", emit_json_string(n->signature ? n->signature :
					     "job"));
	for (size_t i = 0; i < n->nargs; i++) {
		const struct garg *g = &n->args[i];
		json_t *ao = json_object();

		set(ao, "param", emit_json_string(g->param));
		if (g->node)
			set(ao, "device", emit_json_string(g->node->id));
		else if (g->value)
			set(ao, "value", value_json(g->value));
		push(args, ao);
	}
	set(o, "args", args);
	for (size_t i = 0; i < n->ndeps; i++)
		push(deps, emit_json_string(n->deps[i]->id));
	set(o, "deps", deps);
	for (size_t i = 0; i < n->nruntime_args; i++)
		push(rt, emit_json_string(n->runtime_args[i]->name));
	set(o, "runtime_args", rt);
	set(o, "location", loc[0] ? emit_json_string(loc) : json_null());
	return o;
}

json_t *emit_json_devices(const struct model *m)
{
	json_t *arr = json_array();
	struct arena a;

	if (!m->graph)
		return arr;
	arena_init(&a);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];

		if (n->kind == GN_DEVICE)
			push(arr, device_json(&a, n));
	}
	arena_free(&a);
	return arr;
}

/* ---- the whole object ------------------------------------------------- */

static json_t *choice_json(const struct gnode *n)
{
	json_t *o = json_object(), *branches = json_array();

	set(o, "id", emit_json_string(n->id));
	set(o, "key", emit_json_string(n->key));
	set(o, "label", emit_json_string(n->label));
	for (size_t b = 0; b < n->nbranches; b++) {
		const struct gbranch *br = &n->branches[b];
		json_t *bo = json_object(), *vals = json_array();

		for (size_t v = 0; v < br->nvalues; v++)
			push(vals, emit_json_string(br->values[v]));
		set(bo, "values", vals);
		set(bo, "node", br->node ? emit_json_string(br->node->id) :
		    json_null());
		push(branches, bo);
	}
	set(o, "branches", branches);
	set(o, "default", n->default_node ?
	    emit_json_string(n->default_node->id) : json_null());
	return o;
}

int emit_json(FILE *out, struct arena *a, const struct model *m)
{
	static const struct graph empty;
	const struct graph *g = m->graph ? m->graph : &empty;
	json_t *root, *choices, *jobs, *order;

	(void)a;	/* jansson owns what is built here */
	emit_json_init();
	root = json_object();
	set(root, "name", emit_json_string(m->name));
	set(root, "target", emit_json_string(m->target));
	set(root, "evaluated", json_boolean(g->evaluated));
	set(root, "keys", emit_json_keys(m));
	set(root, "args", emit_json_args(m));
	set(root, "devices", emit_json_devices(m));

	choices = json_array();
	order = json_array();
	for (size_t i = 0; i < g->nodes.len; i++) {
		const struct gnode *n = g->nodes.items[i];

		if (n->kind == GN_CHOICE)
			push(choices, choice_json(n));
		else
			push(order, emit_json_string(n->id));
	}
	jobs = json_array();
	for (size_t i = 0; i < g->jobs.len; i++)
		push(jobs, emit_json_string(g->jobs.items[i]->id));
	set(root, "choices", choices);
	set(root, "jobs", jobs);
	set(root, "connect_order", order);
	return emit_json_print(out, root);
}

int emit_json_print(FILE *out, json_t *v)
{
	int rc = json_dumpf(v, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
			    JSON_ENCODE_ANY);

	json_decref(v);
	if (rc != 0 || fputc('\n', out) == EOF || fflush(out) != 0 ||
	    ferror(out))
		return -1;
	return 0;
}
