/* SPDX-License-Identifier: MIT */
/*
 * emit_text.h - `mirc describe` in its text format (emit_text.c), and
 * the text fragments it shares with the other describe emitters and
 * `mirc query` (emit_dot.c, emit_json.c, query.c).
 *
 * All fragments are arena strings.
 */
#ifndef MIRC_EMIT_TEXT_H
#define MIRC_EMIT_TEXT_H

#include <stdio.h>

#include "model.h"

/* The program as aligned text.  0, or -1 on a write error. */
int emit_text(FILE *out, struct arena *a, const struct model *m);

/* Text of a value as the user would write it (strings unquoted). */
const char *emit_text_value(struct arena *a, const struct value *v);
/* A value as written in a .mir file: strings quoted and escaped. */
const char *emit_text_value_literal(struct arena *a, const struct value *v);
/* A runtime arg's default as written in source, or NULL when it has none. */
const char *emit_text_arg_default(struct arena *a, const struct marg *ma);
/* One application argument: `param=device-id` or `param="value"`. */
const char *emit_text_garg(struct arena *a, const struct garg *g);
/* "name : type = default" (or "... required"), the arg declaration. */
const char *emit_text_arg_decl(struct arena *a, const struct marg *arg);
/* "dist/NAME" plus the backend's artifact extension. */
const char *emit_text_artifact(struct arena *a, const struct model *m);
/* The impl name of a device node: "noop" for the noop job. */
const char *emit_text_impl_name(const struct gnode *n);
/*
 * Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0
 * when the bytes there are not one (stray, overlong, surrogate, > U+10FFFF).
 */
size_t emit_text_utf8_len(const char *s, size_t n);

#endif
