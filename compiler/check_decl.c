/* SPDX-License-Identifier: MIT */
/*
 * check_decl.c - the check-declarations pass: what needs no expression
 * typing.
 *
 * Input: the resolved namespace (resolve.c).  Output: decl->sema of every
 * signature (check_sig.c), impl and job (struct impl_info: fields checked,
 * parameter types, runtime args, targets) and key or runtime arg (struct
 * keyarg_info, its literal default checked); then the generated C names
 * (check_names.c) and the register's name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"	/* the runtime core: its built-in options */
#include "sema.h"

#define WANT(k) (1u << (k))

/*
 * The register name becomes the binary's name and part of the names of the
 * files built from it (dist/NAME, NAME.elf, temporary files with a suffix):
 * well within NAME_MAX (255) with room for those, and short enough for a
 * boot banner.  Longer ones would configure and then fail to link.
 */
#define REG_MAX_NAME 64


/* ---- impls and jobs ------------------------------------------------------------ */

/* FV_TARGETS: names, possibly none (`targets;` = available nowhere). */
enum fval { FV_NONE, FV_STRINGS, FV_STRING, FV_NAMES, FV_TARGETS, FV_EXPRS };

static const struct {
	const char *name;
	enum fval vals;
	bool job_ok;
	size_t off;
} fields[] = {
	{"header", FV_STRINGS, true, offsetof(struct impl_info, f_header)},
	{"sources", FV_STRINGS, true, offsetof(struct impl_info, f_sources)},
	{"prefix", FV_STRING, false, offsetof(struct impl_info, f_prefix)},
	{"connect", FV_NONE, false, offsetof(struct impl_info, f_connect)},
	{"args", FV_NAMES, true, offsetof(struct impl_info, f_args)},
	{"deps", FV_EXPRS, true, offsetof(struct impl_info, f_deps)},
	{"packages", FV_STRINGS, true, offsetof(struct impl_info, f_packages)},
	{"cflags", FV_STRINGS, true, offsetof(struct impl_info, f_cflags)},
	{"ldflags", FV_STRINGS, true, offsetof(struct impl_info, f_ldflags)},
	{"targets", FV_TARGETS, true, offsetof(struct impl_info, f_targets)},
	{"doc", FV_STRING, true, offsetof(struct impl_info, f_doc)},
	{"stateless", FV_NONE, false, offsetof(struct impl_info, f_stateless)},
	{"embed", FV_NAMES, false, offsetof(struct impl_info, f_embed)},
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static bool is_c_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool field_values_ok(struct program *p, struct decl *d,
			    struct field *f, enum fval want)
{
	const char *expect = NULL;

	switch (want) {
	case FV_NONE:
		if (f->nvalues)
			expect = "no value";
		break;
	case FV_STRING:
		if (f->nvalues != 1 || f->values[0]->kind != EXPR_STRING)
			expect = "one string";
		break;
	case FV_STRINGS:
		if (!f->nvalues)
			expect = "one or more strings";
		for (size_t i = 0; i < f->nvalues; i++)
			if (f->values[i]->kind != EXPR_STRING)
				expect = "strings";
		break;
	case FV_NAMES:
	case FV_TARGETS:
		if (!f->nvalues && want == FV_NAMES)
			expect = "one or more names";
		for (size_t i = 0; i < f->nvalues; i++)
			if (f->values[i]->kind != EXPR_NAME)
				expect = "names";
		break;
	case FV_EXPRS:
		if (!f->nvalues)
			expect = "one or more devices";
		break;
	}
	if (!expect)
		return true;
	diag_report(p->diag, CHK_BAD_FIELD, &f->pos,
		    "field '%s' of %s '%s' takes %s", f->name,
		    resolve_decl_kind_name(d->kind), d->name, expect);
	return false;
}

static bool is_target(struct program *p, const char *name)
{
	for (size_t i = 0; i < p->backends->len; i++)
		if (strcmp(p->backends->items[i]->name, name) == 0)
			return true;
	return false;
}

static const char *suggest_target(struct program *p, const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < p->backends->len; i++) {
		size_t dist = util_edit_distance(name,
						  p->backends->items[i]->name, 2);
		if (dist < best_d) {
			best_d = dist;
			best = p->backends->items[i]->name;
		}
	}
	return best;
}

/* Each `packages` string is one pkg-config module with at most one
 * version constraint (mir(5)); anything else would reach pkg-config and
 * the Makefile to mean something else, or nothing. */
static void check_packages(struct program *p, struct field *f)
{
	for (size_t i = 0; i < f->nvalues; i++) {
		const struct expr *e = f->values[i];
		struct pkg_constraint pc;
		const char *why = memchr(e->u.str.s, '\0', e->u.str.len)
			? "it contains a NUL byte"
			: util_pkg_constraint_parse(p->arena, e->u.str.s, &pc);
		if (why)
			diag_report(p->diag, CHK_BAD_FIELD, &e->pos,
				    "package constraint \"%s\" is not valid: %s",
				    e->u.str.s, why);
	}
}

static void check_fields(struct program *p, struct decl *d, struct impl_info *ii)
{
	bool job = d->kind == DECL_JOB;

	for (size_t i = 0; i < d->u.impl.nfields; i++) {
		struct field *f = &d->u.impl.fields[i];
		size_t k;

		for (k = 0; k < NFIELDS; k++)
			if (strcmp(f->name, fields[k].name) == 0)
				break;
		if (k == NFIELDS || (job && !fields[k].job_ok)) {
			const char *best = NULL;
			size_t best_d = 3;
			for (size_t j = 0; k == NFIELDS && j < NFIELDS; j++) {
				size_t dist = util_edit_distance(f->name,
								  fields[j].name, 2);
				if (dist < best_d && (!job || fields[j].job_ok)) {
					best_d = dist;
					best = fields[j].name;
				}
			}
			diag_report(p->diag, CHK_BAD_FIELD, &f->name_pos,
				    k == NFIELDS ? "unknown field '%s'%s%s%s"
				    : "a job has no field '%s'%s%s%s", f->name,
				    best ? " (did you mean '" : "",
				    best ? best : "", best ? "'?)" : "");
			continue;
		}
		struct field **slot = (struct field **)((char *)ii + fields[k].off);
		if (*slot) {
			diag_report(p->diag, CHK_BAD_FIELD, &f->name_pos,
				    "field '%s' is given twice", f->name);
			diag_note(p->diag, &(*slot)->name_pos,
				  "first given here");
			continue;
		}
		if (!field_values_ok(p, d, f, fields[k].vals))
			continue;
		if (!strcmp(f->name, "packages"))
			check_packages(p, f);
		*slot = f;
	}

	ii->embed_param = -1;
	if (ii->f_embed) {
		struct expr *v = ii->f_embed->values[0];
		size_t k;
		for (k = 0; k < d->u.impl.nparams; k++)
			if (!strcmp(d->u.impl.params[k].name, v->u.name.name))
				break;
		if (ii->f_embed->nvalues != 1)
			diag_report(p->diag, CHK_BAD_FIELD, &ii->f_embed->pos,
				    "field 'embed' takes one parameter name");
		else if (k == d->u.impl.nparams ||
			 strcmp(d->u.impl.params[k].type, "string"))
			diag_report(p->diag, CHK_BAD_FIELD, &v->pos, "'embed' "
				    "names a string parameter of '%s' (the "
				    "directory to embed)", d->name);
		else
			ii->embed_param = (int)k;
	}
	if (ii->f_prefix && !is_c_ident(ii->f_prefix->values[0]->u.str.s))
		diag_report(p->diag, CHK_BAD_NAME, &ii->f_prefix->values[0]->pos,
			    "prefix '%s' is not a C identifier",
			    ii->f_prefix->values[0]->u.str.s);
	if (ii->f_args) {
		struct field *f = ii->f_args;
		ii->runtime_args = arena_alloc(p->arena, f->nvalues * sizeof(struct decl *));
		for (size_t i = 0; i < f->nvalues; i++) {
			const char *n = f->values[i]->u.name.name;
			struct decl *a = hmap_get(&p->args, n);
			if (a && a->file && f->values[i]->pos.file &&
			    a->file != f->values[i]->pos.file)
				p->file_referenced[a->file->index] = true;
			if (!a)
				a = hmap_get(&p->names, n);
			if (a && a->kind == DECL_ARG) {
				for (size_t j = 0; j < ii->nruntime_args; j++)
					if (ii->runtime_args[j] == a)
						diag_report(p->diag, CHK_BAD_FIELD,
							    &f->values[i]->pos,
							    "runtime arg '%s' is "
							    "listed twice", n);
				ii->runtime_args[ii->nruntime_args++] = a;
				continue;
			}
			if (!a && resolve_quiet_unknown(p, n))
				continue;	/* may be what did not load */
			const char *s = resolve_suggest(p, n, WANT(DECL_ARG));
			diag_report(p->diag, CHK_UNKNOWN_ARG, &f->values[i]->pos,
				    a ? "'%s' is %s, not a runtime arg%s%s%s"
				      : "'%s' is not a runtime arg%.0s%s%s%s",
				    n, a ? util_a_an(p->arena, resolve_decl_kind_name(a->kind)) : "",
				    s ? " (did you mean '" : "", s ? s : "",
				    s ? "'?)" : "");
		}
	}
	if (ii->f_targets) {
		struct field *f = ii->f_targets;
		ii->targets = arena_alloc(p->arena, (f->nvalues + 1) * sizeof(char *));
		for (size_t i = 0; i < f->nvalues; i++) {
			const char *n = f->values[i]->u.name.name;
			if (is_target(p, n)) {
				ii->targets[ii->ntargets++] = n;
				continue;
			}
			const char *s = suggest_target(p, n);
			diag_report(p->diag, CHK_UNKNOWN_NAME, &f->values[i]->pos,
				    "unknown target '%s'%s%s%s", n,
				    s ? " (did you mean '" : "", s ? s : "",
				    s ? "'?)" : "");
		}
	}
}

static void check_impl(struct program *p, struct decl *d)
{
	struct impl_info *ii = arena_alloc(p->arena, sizeof(*ii));
	struct impl_decl *im = &d->u.impl;

	d->sema = ii;
	if (d->kind == DECL_JOB)
		ii->result = p->job_sig;
	else
		ii->result = check_sig_lookup(p, im->result, &im->result_pos,
					"the result of an impl");
	ii->param_types = arena_alloc(p->arena, (im->nparams + 1) * sizeof(struct ty));
	ii->param_state = arena_alloc(p->arena, im->nparams + 1);
	for (size_t i = 0; i < im->nparams; i++) {
		struct param *pa = &im->params[i];
		struct ty *t = &ii->param_types[i];

		for (size_t j = 0; j < i; j++) {
			if (strcmp(im->params[j].name, pa->name) == 0) {
				diag_report(p->diag, CHK_DUPLICATE_DEFINITION,
					    &pa->name_pos, "parameter '%s' "
					    "is declared twice", pa->name);
				diag_note(p->diag, &im->params[j].name_pos,
					  "first declared here");
			}
		}
		if (!strcmp(pa->type, "string"))
			t->kind = TY_STRING;
		else if (!strcmp(pa->type, "int"))
			t->kind = TY_INT;
		else if (!strcmp(pa->type, "bool"))
			t->kind = TY_BOOL;
		else if ((t->sig = check_sig_lookup(p, pa->type, &pa->type_pos,
					      "a parameter type")))
			t->kind = TY_DEVICE;
		else
			t->kind = TY_ERROR;
	}
	check_fields(p, d, ii);
}

/* ---- keys and runtime args ------------------------------------------------------ */

static const char *enum_choices(struct arena *a, const struct vtype *t)
{
	struct strbuf sb;
	const char *r;

	sb_init(&sb);
	for (size_t i = 0; i < t->nenum; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", t->enum_values[i]);
	r = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return r;
}

/* Check the text form of a scalar value; NULL when it fits. */
const char *check_decl_literal_text(struct arena *a, const struct vtype *t,
			       const char *s)
{
	unsigned char buf[16];
	unsigned len;
	uint64_t ns;
	int64_t i;

	switch (t->kind) {
	case VT_BOOL:
		return !strcmp(s, "true") || !strcmp(s, "false") ? NULL
			: "expected true or false";
	case VT_INT:
		return literal_parse_int(s, &i) ? NULL
			: "expected an integer that fits in 64 bits";
	case VT_STRING:
		return NULL;
	case VT_ENUM:
		for (size_t k = 0; k < t->nenum; k++)
			if (!strcmp(s, t->enum_values[k]))
				return NULL;
		return arena_printf(a, "expected one of: %s", enum_choices(a, t));
	case VT_DURATION: {
		/* The runtime's words: it says too long apart from malformed. */
		const char *why = literal_duration_why(s, &ns);
		return why ? arena_printf(a, "expected %s", why) : NULL;
	}
	case VT_IPV4:
		return literal_parse_ipv4(s, buf) ? NULL
			: "expected an IPv4 address such as \"10.0.0.2\"";
	case VT_IPV6:
		return literal_parse_ipv6(s, buf) ? NULL
			: "expected an IPv6 address such as \"fe80::1\"";
	case VT_IP:
		return literal_parse_ipv4(s, buf) || literal_parse_ipv6(s, buf) ? NULL
			: "expected an IPv4 or IPv6 address";
	case VT_IPV4_PREFIX:
		return literal_parse_prefix(s, 4, buf, &len) ? NULL
			: "expected an IPv4 prefix such as \"10.0.0.2/24\" "
			  "(length 0 to 32)";
	case VT_IPV6_PREFIX:
		return literal_parse_prefix(s, 6, buf, &len) ? NULL
			: "expected an IPv6 prefix such as \"fd00::1/64\" "
			  "(length 0 to 128)";
	case VT_OPT:
		return check_decl_literal_text(a, t->elem, s);
	case VT_LIST:
		return "a list cannot be given as one value";
	}
	return "unknown type";
}

const char *check_decl_literal(struct arena *a, const struct vtype *t,
			  const struct expr *e)
{
	switch (t->kind) {
	case VT_BOOL:
		return e->kind == EXPR_BOOL ? NULL : "expected true or false";
	case VT_INT:
		return e->kind == EXPR_INT ? NULL : "expected an integer";
	case VT_ENUM:
		if (e->kind != EXPR_NAME)
			return arena_printf(a, "expected one of: %s",
					    enum_choices(a, t));
		return check_decl_literal_text(a, t, e->u.name.name);
	case VT_OPT:
		return check_decl_literal(a, t->elem, e);
	case VT_LIST:
		if (e->kind != EXPR_LIST)
			return "expected a list such as [ ... ]";
		for (size_t i = 0; i < e->u.list.n; i++) {
			const char *why = check_decl_literal(a, t->elem,
							e->u.list.items[i]);
			if (why)
				return arena_printf(a, "item %zu: %s", i + 1, why);
		}
		return NULL;
	default:
		if (e->kind != EXPR_STRING)
			return arena_printf(a, "expected a string holding a %s",
					    ast_vtype_name(t->kind));
		if (memchr(e->u.str.s, '\0', e->u.str.len))
			return "a string value cannot contain NUL";
		return check_decl_literal_text(a, t, e->u.str.s);
	}
}

static void check_keyarg(struct program *p, struct decl *d)
{
	struct keyarg_info *ki = arena_alloc(p->arena, sizeof(*ki));
	struct keyarg_decl *ka = &d->u.ka;
	const struct vtype *t = ka->type;
	const char *why;

	d->sema = ki;
	if (!t)
		return;
	if (d->kind == DECL_ARG) {
		/* Every program's boot options (c-interface.md 5), as the
		 * runtime knows them; '-' in an option is '_' in an arg. */
		for (size_t i = 0; i < MIRC_RT_NBUILTINS; i++)
			if (mirc_rt_name_is(d->name, strlen(d->name),
					    mirc_rt_builtin_names[i]))
				diag_report(p->diag, CHK_BAD_NAME, &d->name_pos,
					    "runtime arg '%s' would clash with "
					    "the boot option every program has, "
					    "--%s", d->name,
					    mirc_rt_builtin_names[i]);
	}
	bool dup = false;
	for (const struct vtype *v = t; v; v = v->elem) {
		for (size_t i = 0; v->kind == VT_ENUM && i < v->nenum; i++)
			for (size_t j = 0; j < i; j++)
				if (!strcmp(v->enum_values[i], v->enum_values[j])) {
					dup = true;
					diag_report(p->diag, CHK_DUPLICATE_DEFINITION,
						    &v->enum_pos[i], "enum value "
						    "'%s' is given twice",
						    v->enum_values[i]);
					diag_note(p->diag, &v->enum_pos[j],
						  "first given here");
				}
	}
	if (dup)
		return;
	if (ka->def && (why = check_decl_literal(p->arena, t, ka->def))) {
		diag_report(p->diag, CHK_BAD_LITERAL, &ka->def->pos,
			    "default of %s '%s' does not fit its type %s: %s",
			    resolve_decl_kind_name(d->kind), d->name,
			    ast_vtype_text(p->arena, t), why);
		return;
	}
	if (ka->def && ka->required) {
		diag_report(p->diag, CHK_BAD_LITERAL, &ka->def->pos,
			    "runtime arg '%s' is 'required' and so cannot "
			    "have a default", d->name);
		return;
	}
	ki->ok = true;
}

void check_decls(struct program *p)
{
	check_sigs(p);		/* check_sig.c */
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		switch (d->kind) {
		case DECL_SIGNATURE:
			break;
		case DECL_IMPL:
		case DECL_JOB:
			check_impl(p, d);
			break;
		case DECL_KEY:
		case DECL_ARG:
			if (d != p->target_key)
				check_keyarg(p, d);
			else {
				struct keyarg_info *ki = arena_alloc(p->arena,
						sizeof(struct keyarg_info));
				ki->ok = true;
				d->sema = ki;
			}
			break;
		case DECL_LET:
		case DECL_CTYPE:
			break;
		}
	}
	check_names_c(p);
	if (p->reg && strlen(p->reg->name) > REG_MAX_NAME) {
		diag_report(p->diag, CHK_LIMIT, &p->reg->name_pos,
			    "register name '%.20s...' is %zu characters long; "
			    "the limit is %d (it names the binary and the "
			    "files made from it)", p->reg->name,
			    strlen(p->reg->name), REG_MAX_NAME);
	} else if (p->reg) {
		const char *n = p->reg->name;
		bool ok = *n >= 'a' && *n <= 'z';
		for (const char *c = n; ok && *c; c++)
			ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')
			     || *c == '_' || *c == '-';
		if (!ok)
			diag_report(p->diag, CHK_BAD_NAME, &p->reg->name_pos,
				    "register name '%s' must match "
				    "[a-z][a-z0-9_-]* (it names the binary)", n);
	}
}
