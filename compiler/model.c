/* SPDX-License-Identifier: MIT */
/*
 * model.c - small text helpers over the model that every emitter uses:
 * values, types and source positions as the user would write them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

const char *value_text(struct arena *a, const struct value *v)
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

const char *srcpos_text(struct arena *a, const struct srcpos *p)
{
	if (!p || !p->file || !p->file->path)
		return "";
	return arena_printf(a, "%s:%d:%d", p->file->path, p->first_line,
			    p->first_column);
}
