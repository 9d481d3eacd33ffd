/* SPDX-License-Identifier: MIT */
/*
 * context.c - the saved context, <project>/mirc/context, read and written.
 *
 * Input: a project directory (read), or the model and the generated files
 * of a configure (write).  Output: the saved choices for keys.c, or the
 * file mirc/context in the codegen_set.  The layout, a JSON object:
 *   generated_by  the marker (a context is a generated file like others)
 *   file          the root .mir file as given
 *   target        the target it was configured for
 *   keys          {name: value-as-text} of the keys not at their default
 *   boot_args     configure --boot-args (absent when none)
 *   outputs       every file configure wrote, mirc/context last
 *   digests       {path: FNV-1a} of the outputs that carry no marker
 *   artifact      dist/NAME[.EXT]
 *   objects       the objects the Makefile makes (clean removes these)
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "context.h"
#include "emit_text.h"

static const char *context_path(struct arena *a, const char *dir)
{
	return arena_printf(a, "%s/mirc/context", dir);
}

bool context_exists(struct arena *a, const char *dir)
{
	struct stat st;
	return stat(context_path(a, dir), &st) == 0;
}

/* mirc/context is read by every command: a FIFO or a device there would
 * hang it, a directory would make no sense.  Refused by name. */
bool context_readable(struct arena *a, const char *dir)
{
	const char *path = context_path(a, dir);
	struct stat st;

	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return true;
	fprintf(stderr, "mirc: %s is %s; refusing to read it: move it away\n",
		path, S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	return false;
}

bool context_read(struct arena *a, const char *dir, struct context_saved *out)
{
	const char *name;
	json_error_t jerr;
	json_t *root, *keys, *v;
	size_t len, n = 0;
	/* util_read_file, not json_load_file: it never opens a FIFO. */
	char *text = util_read_file(context_path(a, dir), &len);

	memset(out, 0, sizeof(*out));
	root = text ? json_loadb(text, len, 0, &jerr) : NULL;
	free(text);
	if (!root)
		return false;
	v = json_object_get(root, "boot_args");
	if (json_is_string(v))
		out->boot_args = arena_strdup(a, json_string_value(v));
	v = json_object_get(root, "target");
	if (json_is_string(v))
		out->target = arena_strdup(a, json_string_value(v));
	keys = json_object_get(root, "keys");
	out->names = arena_alloc(a, (json_object_size(keys) + 1) *
				 sizeof(char *));
	out->values = arena_alloc(a, (json_object_size(keys) + 1) *
				  sizeof(char *));
	/* Values that are not strings were not written by mirc: skipped,
	 * as if the key had not been saved. */
	json_object_foreach(keys, name, v) {
		if (!json_is_string(v))
			continue;
		out->names[n] = arena_strdup(a, name);
		out->values[n] = arena_strdup(a, json_string_value(v));
		n++;
	}
	out->nkeys = n;
	json_decref(root);
	return true;
}

/* FNV-1a, 64 bits, as hex: enough to recognise our own unmarked files. */
const char *context_digest(struct arena *a, const char *buf, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 0x100000001b3u;
	}
	return arena_printf(a, "%016llx", (unsigned long long)h);
}

/* The saved context: enough to configure again the same way, and to
 * clean up after it. */
int context_write(FILE *out, struct arena *a, const struct codegen_set *g,
		  const struct codegen_opts *o, const struct model *m)
{
	json_t *root = json_object(), *keys = json_object(), *outs = json_array();
	json_t *objs = json_array(), *digests = NULL;

	json_object_set_new(root, "generated_by", json_string(CODEGEN_MARKER));
	json_object_set_new(root, "file", json_string(o->mir_file));
	json_object_set_new(root, "target", json_string(m->target));
	for (size_t i = 0; i < m->nkeys; i++) {
		const struct keyval *kv = &m->keys[i];
		if (kv->is_default)	/* the target too: build reuses it */
			continue;
		json_object_set_new(keys, kv->name,
				    json_string(emit_text_value(a, &kv->value)));
	}
	json_object_set_new(root, "keys", keys);
	if (o->baked_args)
		json_object_set_new(root, "boot_args", json_string(o->baked_args));
	for (size_t i = 0; i < g->files.len; i++)
		json_array_append_new(outs, json_string(g->files.items[i]->path));
	json_object_set_new(root, "outputs", outs);
	for (size_t i = 0; i < g->files.len; i++) {
		const struct codegen_file *u = g->files.items[i];
		if (!u->unmarked)
			continue;
		if (!digests)
			digests = json_object();
		json_object_set_new(digests, u->path, json_string(context_digest(
			a, u->text.buf ? u->text.buf : "", u->text.len)));
	}
	if (digests)
		json_object_set_new(root, "digests", digests);
	json_object_set_new(root, "artifact", json_string(g->artifact));
	/* The objects the Makefile makes: clean removes these, and no
	 * other file of mirc/obj. */
	for (size_t i = 0; i < g->objects.len; i++)
		json_array_append_new(objs, json_string(g->objects.items[i]));
	json_object_set_new(root, "objects", objs);
	return codegen_put_json(out, root);
}

json_t *context_parse(const char *text, size_t len)
{
	json_error_t jerr;
	json_t *root = json_loadb(text, len, 0, &jerr);

	return json_is_object(root) ? root : (json_decref(root), NULL);
}

json_t *context_digests(json_t *ctx)
{
	return json_object_get(ctx, "digests");
}

json_t *context_objects(json_t *ctx)
{
	return json_object_get(ctx, "objects");
}

json_t *context_outputs(json_t *ctx)
{
	return json_object_get(ctx, "outputs");
}
