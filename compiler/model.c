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

static const char *vtype_name(enum vtype_kind k)
{
	switch (k) {
	case VT_BOOL: return "bool";
	case VT_INT: return "int";
	case VT_STRING: return "string";
	case VT_ENUM: return "enum";
	case VT_DURATION: return "duration";
	case VT_IPV4: return "ipv4";
	case VT_IPV4_PREFIX: return "ipv4_prefix";
	case VT_IPV6: return "ipv6";
	case VT_IPV6_PREFIX: return "ipv6_prefix";
	case VT_IP: return "ip";
	case VT_OPT: return "opt";
	case VT_LIST: return "list";
	}
	return "?";
}

static void vtype_put(struct strbuf *sb, const struct vtype *t)
{
	if (!t) {
		sb_puts(sb, "?");
		return;
	}
	sb_puts(sb, vtype_name(t->kind));
	switch (t->kind) {
	case VT_OPT:
	case VT_LIST:
		sb_putc(sb, ' ');
		vtype_put(sb, t->elem);
		break;
	case VT_ENUM:
		sb_puts(sb, " {");
		for (size_t i = 0; i < t->nenum; i++)
			sb_printf(sb, "%s %s", i ? "," : "", t->enum_values[i]);
		sb_puts(sb, " }");
		break;
	default:
		break;
	}
}

const char *vtype_text(struct arena *a, const struct vtype *t)
{
	struct strbuf sb;
	const char *s;

	sb_init(&sb);
	vtype_put(&sb, t);
	s = arena_strndup(a, sb.buf, sb.len);
	sb_free(&sb);
	return s;
}

const char *srcpos_text(struct arena *a, const struct srcpos *p)
{
	if (!p || !p->file || !p->file->path)
		return "";
	return arena_printf(a, "%s:%d:%d", p->file->path, p->first_line,
			    p->first_column);
}

/* The name of a key or arg type without its parameters: "ipv4", "opt". */
const char *vt_base_name(enum vtype_kind k)
{
	static const char *const names[] = {
		[VT_BOOL] = "bool", [VT_INT] = "int", [VT_STRING] = "string",
		[VT_ENUM] = "enum", [VT_DURATION] = "duration",
		[VT_IPV4] = "ipv4", [VT_IPV4_PREFIX] = "ipv4_prefix",
		[VT_IPV6] = "ipv6", [VT_IPV6_PREFIX] = "ipv6_prefix",
		[VT_IP] = "ip", [VT_OPT] = "opt", [VT_LIST] = "list",
	};
	return names[k];
}
