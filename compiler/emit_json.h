/* SPDX-License-Identifier: MIT */
/*
 * emit_json.h - `mirc describe --format=json` (emit_json.c), and its JSON
 * fragments, shared with `mirc query --json` so both print the same
 * objects.
 *
 * Each builder returns a new reference that the caller must json_decref
 * (emit_json_print does it); nothing built here outlives the emitter.
 */
#ifndef MIRC_EMIT_JSON_H
#define MIRC_EMIT_JSON_H

#include <stdio.h>

#include <jansson.h>

#include "model.h"

/* The whole description.  0, or -1 when the output cannot be written. */
int emit_json(FILE *out, struct arena *a, const struct model *m);
/*
 * Route jansson's allocations through xmalloc, so that running out of
 * memory ends the run as everywhere else; call before building anything.
 */
void emit_json_init(void);
/* A JSON string of len bytes; bytes that are not UTF-8 become U+FFFD. */
json_t *emit_json_stringn(const char *s, size_t len);
json_t *emit_json_string(const char *s);
/* The arrays of describe's "keys", "args" and "devices". */
json_t *emit_json_keys(const struct model *m);
json_t *emit_json_args(const struct model *m);
json_t *emit_json_devices(const struct model *m);
/*
 * Print v with a 2-space indent and a final newline, then release it.
 * Returns 0, or -1 when the output cannot be written.
 */
int emit_json_print(FILE *out, json_t *v);

#endif
