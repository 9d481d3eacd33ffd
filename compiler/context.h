/* SPDX-License-Identifier: MIT */
/*
 * context.h - the saved context, <project>/mirc/context: what the last
 * `mirc configure` chose (target, keys, boot arguments) and what it wrote
 * (outputs, digests of unmarked files, objects, the artifact).  One module
 * knows its JSON layout: the compiler reads the keys back (keys.c), the
 * configure step writes it and reads back what clean may remove
 * (configure.c).
 */
#ifndef MIRC_CONTEXT_H
#define MIRC_CONTEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "codegen.h"
#include "model.h"
#include "util.h"

/* What the compiler takes from a saved context. */
struct context_saved {
	const char *target;	/* the target it was saved for, or NULL */
	const char *boot_args;	/* configure --boot-args, or NULL */
	/* The saved keys whose value is a string, in the file's order
	 * (the `target` key included). */
	const char **names, **values;
	size_t nkeys;
};

/* Is there a context (of any kind) in project directory `dir`? */
bool context_exists(struct arena *a, const char *dir);
/* False, with a message on stderr, when mirc/context exists but is not a
 * regular file (a FIFO would hang every command that reads it). */
bool context_readable(struct arena *a, const char *dir);
/* Read <dir>/mirc/context into *out.  False when there is none or it is
 * not JSON: then nothing was saved, as far as the compiler is concerned. */
bool context_read(struct arena *a, const char *dir, struct context_saved *out);

/* mirc/context, made from the model, the files g holds (mirc/context
 * itself last) and o; 0, or -1 on a write error.  codegen.c runs it. */
int context_write(FILE *out, struct arena *a, const struct codegen_set *g,
		  const struct codegen_opts *o, const struct model *m);
/* FNV-1a digest of a file's contents, as the context records it for the
 * files that cannot carry the marker. */
const char *context_digest(struct arena *a, const char *buf, size_t len);

/* A context's text as JSON: an object, or NULL.  The caller decrefs. */
json_t *context_parse(const char *text, size_t len);
/* Its parts configure and clean need (NULL when absent): the digests
 * object (path -> digest), and the arrays of objects and outputs. */
json_t *context_digests(json_t *ctx);
json_t *context_objects(json_t *ctx);
json_t *context_outputs(json_t *ctx);

#endif
