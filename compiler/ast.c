/* SPDX-License-Identifier: MIT */
/*
 * ast.c - the syntax-tree builders of declarations, called by the grammar
 * actions of grammar/parser.y (parse.h declares them): file-level items,
 * signatures and C prototypes, impls and jobs, keys and runtime args.
 * Expressions and conditions: ast_expr.c.
 *
 * The builders turn the parser's pointer lists into the arrays of ast.h and
 * do the checks that need a whole construct at once: contextual words
 * (`from`, the types and attributes of keys and args), the split of C
 * prototypes into type and name, and argument order.  They never recurse,
 * whatever the input.
 *
 * Invariants the later passes may rely on: every pushed decl, param, op and
 * expression has all the fields its kind needs (names, types, values are
 * non-NULL); in an application all positional arguments come before the
 * named ones.  A construct too broken to meet them is reported and left out
 * of the tree.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "parser.h"	/* and parse.h */

struct ast_list *ast_list_new(struct parse_ctx *ctx, void *first)
{
	struct ast_list *l = parse_node(ctx, sizeof(*l));

	if (first)
		vec_push(ctx->arena, l, first);
	return l;
}

struct ast_list *ast_list_push(struct parse_ctx *ctx, struct ast_list *l,
			       void *x)
{
	vec_push(ctx->arena, l, x);
	return l;
}

/* ---- file-level items --------------------------------------------------- */

void ast_require(struct parse_ctx *ctx, const char *what,
		 const struct srcpos *what_pos, struct ast_list *cons,
		 const struct srcpos *pos)
{
	struct require *r = parse_node(ctx, sizeof(*r));

	r->what = what;
	r->what_pos = *what_pos;
	r->cons = parse_unpack(ctx, cons, sizeof(*r->cons), &r->ncons);
	r->pos = *pos;
	if (ctx->nitems > 0) {
		parse_report(ctx, CHK_SYNTAX, pos,
			     "'require' must be the first item");
		return;
	}
	if (strcmp(what, "mirc") != 0) {
		parse_report(ctx, CHK_SYNTAX, what_pos,
			     "'require' must name 'mirc', not '%s'", what);
		return;
	}
	ctx->file->req = r;
}

struct constraint *ast_constraint(struct parse_ctx *ctx, int op,
				  const char *version,
				  const struct srcpos *pos)
{
	struct constraint *c = parse_node(ctx, sizeof(*c));

	c->op = (enum version_op)op;
	c->version = version;
	c->pos = *pos;
	return c;
}

/* `< 2` is a version too, but only when spelt as plain decimal digits. */
const char *ast_int_version(struct parse_ctx *ctx, const struct tok_int *t,
			    const struct srcpos *pos)
{
	if (strspn(t->text, "0123456789") != strlen(t->text)) {
		parse_report(ctx, CHK_SYNTAX, pos,
			     "invalid version number '%s'", t->text);
		return "0";
	}
	return t->text;
}

void ast_import(struct parse_ctx *ctx, const struct tok_str *path,
		const struct srcpos *path_pos, const struct srcpos *pos)
{
	struct import *im = parse_node(ctx, sizeof(*im));

	im->path = parse_cstring(ctx, path, path_pos, "an import path");
	im->pos = *pos;
	vec_push(ctx->arena, &ctx->file->imports, im);
}

void ast_ctype(struct parse_ctx *ctx, const char *name,
	       const struct srcpos *name_pos, const char *from,
	       const struct srcpos *from_pos, const struct tok_str *header,
	       const struct srcpos *header_pos, const struct srcpos *pos)
{
	struct decl *d = parse_new_decl(ctx, DECL_CTYPE, name, name_pos, pos);

	if (strcmp(from, "from") != 0)
		parse_report(ctx, CHK_SYNTAX, from_pos,
			     "expected 'from' after the ctype name, got '%s'",
			     from);
	d->u.ctype.header = parse_cstring(ctx, header, header_pos, "a header name");
	d->u.ctype.header_pos = *header_pos;
	parse_push_decl(ctx, d);
}

void ast_let(struct parse_ctx *ctx, const char *name,
	     const struct srcpos *name_pos, struct ast_list *params,
	     const char *type, const struct srcpos *type_pos,
	     struct expr *value, const struct srcpos *pos)
{
	struct decl *d = parse_new_decl(ctx, DECL_LET, name, name_pos, pos);

	d->u.let.has_params = params != NULL;
	d->u.let.params = parse_unpack(ctx, params, sizeof(*d->u.let.params),
				 &d->u.let.nparams);
	d->u.let.type = type;
	d->u.let.type_pos = type ? *type_pos : parse_pos_of(NULL);
	d->u.let.value = value;
	parse_push_decl(ctx, d);
}

void ast_register(struct parse_ctx *ctx, const struct tok_str *name,
		  const struct srcpos *name_pos, struct ast_list *jobs,
		  const struct srcpos *pos)
{
	struct register_item *r = parse_node(ctx, sizeof(*r));

	r->name = parse_cstring(ctx, name, name_pos, "a program name");
	r->name_pos = *name_pos;
	r->jobs = parse_expr_array(ctx, jobs, &r->njobs);
	r->pos = *pos;
	vec_push(ctx->arena, &ctx->file->registers, r);
}

/* ---- signatures and C prototypes ---------------------------------------- */

struct name_ref *ast_name_ref(struct parse_ctx *ctx, const char *name,
			      const struct srcpos *pos)
{
	struct name_ref *r = parse_node(ctx, sizeof(*r));

	r->name = name;
	r->pos = *pos;
	return r;
}

void ast_signature(struct parse_ctx *ctx, const char *name,
		   const struct srcpos *name_pos, struct ast_list *parents,
		   struct ast_list *ops, const struct srcpos *pos)
{
	struct decl *d = parse_new_decl(ctx, DECL_SIGNATURE, name, name_pos, pos);
	struct sig_decl *s = &d->u.sig;

	s->parents = parse_unpack(ctx, parents, sizeof(*s->parents), &s->nparents);
	s->ops = parse_unpack(ctx, ops, sizeof(*s->ops), &s->nops);
	parse_push_decl(ctx, d);
}

struct ctok *ast_ctok(struct parse_ctx *ctx, const char *text,
		      const struct srcpos *pos)
{
	struct ctok *t = parse_node(ctx, sizeof(*t));

	t->text = text;
	t->pos = *pos;
	return t;
}

/* A parameter as written; ast_op splits off its name. */
struct cdecl *ast_cparam(struct parse_ctx *ctx, struct ast_list *words,
			 const struct srcpos *pos)
{
	struct cdecl *c = parse_node(ctx, sizeof(*c));

	c->toks = parse_unpack(ctx, words, sizeof(*c->toks), &c->ntoks);
	c->pos = *pos;
	return c;
}

enum split { SPLIT_OK, SPLIT_NO_NAME, SPLIT_NO_TYPE };

/*
 * Split "type words... name" into the type and the name.  The name is the
 * last word (a '*' there means it is missing); the type needs at least one
 * word besides the '*'s.
 */
static enum split split_cdecl(struct cdecl *c)
{
	struct ctok *last = &c->toks[c->ntoks - 1];
	bool has_word = false;

	if (strcmp(last->text, "*") == 0)
		return SPLIT_NO_NAME;
	for (size_t i = 0; i + 1 < c->ntoks; i++)
		if (strcmp(c->toks[i].text, "*") != 0)
			has_word = true;
	if (!has_word)
		return SPLIT_NO_TYPE;
	c->name = last->text;
	c->name_pos = last->pos;
	c->ntoks--;
	return SPLIT_OK;
}

struct op *ast_op(struct parse_ctx *ctx, struct ast_list *words,
		  const struct srcpos *words_pos, struct ast_list *params,
		  const struct srcpos *pos)
{
	struct op *op = parse_node(ctx, sizeof(*op));
	size_t n = parse_list_len(params);
	bool ok = false;

	op->ret.toks = parse_unpack(ctx, words, sizeof(*op->ret.toks),
			      &op->ret.ntoks);
	op->ret.pos = *words_pos;
	op->pos = *pos;
	switch (split_cdecl(&op->ret)) {
	case SPLIT_OK:
		ok = true;
		break;
	case SPLIT_NO_NAME:
		parse_report(ctx, CHK_SYNTAX,
			     &op->ret.toks[op->ret.ntoks - 1].pos,
			     "expected the operation name before '('");
		break;
	case SPLIT_NO_TYPE:
		parse_report(ctx, CHK_SYNTAX, words_pos,
			     "operation '%s' needs a return type",
			     op->ret.toks[op->ret.ntoks - 1].text);
		break;
	}

	/* "(void)" is the C spelling of no parameters. */
	if (n == 1) {
		struct cdecl *c = params->items[0];

		if (c->ntoks == 1 && strcmp(c->toks[0].text, "void") == 0)
			n = 0;
	}
	op->params = n ? arena_alloc(ctx->arena, n * sizeof(*op->params))
		       : NULL;
	op->nparams = n;
	for (size_t i = 0; i < n; i++) {
		struct cdecl *c = params->items[i];

		switch (split_cdecl(c)) {
		case SPLIT_OK:
			break;
		case SPLIT_NO_NAME:
			parse_report(ctx, CHK_SYNTAX, &c->pos,
				     "parameter names are required");
			ok = false;
			break;
		case SPLIT_NO_TYPE:
			/* A lone word is a type without its name. */
			if (c->ntoks == 1) {
				parse_report(ctx, CHK_SYNTAX, &c->pos,
					     "parameter names are required");
				ok = false;
				break;
			}
			parse_report(ctx, CHK_SYNTAX, &c->pos,
				     "parameter '%s' needs a type",
				     c->toks[c->ntoks - 1].text);
			ok = false;
			break;
		}
		op->params[i] = *c;
	}
	return ok ? op : NULL;
}

/* ---- impls and jobs ----------------------------------------------------- */

struct param *ast_param(struct parse_ctx *ctx, const char *name,
			const struct srcpos *name_pos, const char *type,
			const struct srcpos *type_pos, struct expr *def,
			const struct srcpos *pos)
{
	struct param *p = parse_node(ctx, sizeof(*p));

	p->name = name;
	p->name_pos = *name_pos;
	p->type = type;
	p->type_pos = *type_pos;
	p->def = def;
	p->pos = *pos;
	return p;
}

struct field *ast_field(struct parse_ctx *ctx, const char *name,
			const struct srcpos *name_pos, struct ast_list *values,
			const struct srcpos *pos)
{
	struct field *f = parse_node(ctx, sizeof(*f));

	f->name = name;
	f->name_pos = *name_pos;
	f->values = parse_expr_array(ctx, values, &f->nvalues);
	f->pos = *pos;
	return f;
}

/*
 * The last field of a body written without its ';' (`header "a.h" }`):
 * said so plainly, and the field is kept so the body is still checked.
 */
struct field *ast_field_open(struct parse_ctx *ctx, const char *name,
			     const struct srcpos *name_pos,
			     struct ast_list *values,
			     const struct srcpos *last_pos)
{
	struct srcpos at = *last_pos, all = parse_pos_join(name_pos, last_pos);

	/* Where the ';' should be: just after the field's last token. */
	at.first_line = at.last_line;
	at.first_column = at.last_column = last_pos->last_column + 1;
	parse_report(ctx, CHK_SYNTAX, &at, "missing ';' after field '%s'",
		     name);
	return ast_field(ctx, name, name_pos, values, &all);
}

/*
 * A declaration named `name` that failed to parse (reported already).
 * The loader treats its name as declared but unusable, as it does a
 * duplicate: uses of it are not checked, so they give no second error.
 */
void ast_broken(struct parse_ctx *ctx, const char *name)
{
	vec_push(ctx->arena, &ctx->file->broken, name);
}

void ast_impl(struct parse_ctx *ctx, enum decl_kind kind, const char *name,
	      const struct srcpos *name_pos, struct ast_list *params,
	      const char *result, const struct srcpos *result_pos,
	      struct ast_list *fields, const struct srcpos *pos)
{
	struct decl *d = parse_new_decl(ctx, kind, name, name_pos, pos);
	struct impl_decl *im = &d->u.impl;

	/* NULL, not an empty list, when no parentheses were written. */
	im->has_parens = params != NULL;
	im->params = parse_unpack(ctx, params, sizeof(*im->params), &im->nparams);
	im->result = result;
	im->result_pos = *result_pos;
	im->fields = parse_unpack(ctx, fields, sizeof(*im->fields), &im->nfields);
	parse_push_decl(ctx, d);
}

/* ---- keys and runtime args ---------------------------------------------- */

struct ka_part *ast_ka_word(struct parse_ctx *ctx, const char *word,
			    const struct srcpos *pos)
{
	struct ka_part *p = parse_node(ctx, sizeof(*p));

	p->kind = KAP_WORD;
	p->word = word;
	p->pos = *pos;
	return p;
}

struct ka_part *ast_ka_string(struct parse_ctx *ctx, const struct tok_str *s,
			      const struct srcpos *pos)
{
	struct ka_part *p = parse_node(ctx, sizeof(*p));

	p->kind = KAP_STRING;
	p->str = *s;
	p->pos = *pos;
	return p;
}

struct ka_part *ast_ka_enum(struct parse_ctx *ctx, struct ast_list *values,
			    const struct srcpos *pos)
{
	struct ka_part *p = parse_node(ctx, sizeof(*p));

	p->kind = KAP_ENUM;
	p->values = values;
	p->pos = *pos;
	return p;
}

struct ka_part *ast_ka_default(struct parse_ctx *ctx, struct expr *def,
			       const struct srcpos *pos)
{
	struct ka_part *p = parse_node(ctx, sizeof(*p));

	p->kind = KAP_DEFAULT;
	p->def = def;
	p->pos = *pos;
	return p;
}

static const struct {
	const char *name;
	enum vtype_kind kind;
	bool key_ok;		/* allowed as the type of a key */
} vtype_names[] = {
	{ "bool", VT_BOOL, true },
	{ "int", VT_INT, true },
	{ "string", VT_STRING, true },
	{ "enum", VT_ENUM, true },
	{ "duration", VT_DURATION, false },
	{ "ipv4", VT_IPV4, false },
	{ "ipv4_prefix", VT_IPV4_PREFIX, false },
	{ "ipv6", VT_IPV6, false },
	{ "ipv6_prefix", VT_IPV6_PREFIX, false },
	{ "ip", VT_IP, false },
};

#define KEY_TYPES "bool, int, string, enum"
#define ARG_TYPES "bool, int, string, enum, duration, ipv4, ipv4_prefix, " \
	"ipv6, ipv6_prefix, ip, opt, list"

static struct vtype *new_vtype(struct parse_ctx *ctx, enum vtype_kind kind,
			       const struct srcpos *pos)
{
	struct vtype *t = parse_node(ctx, sizeof(*t));

	t->kind = kind;
	t->pos = *pos;
	return t;
}

/*
 * The type at the start of a key/arg tail: [opt|list] base, where base may
 * be `enum { ... }`.  Reports and returns NULL when there is no valid type;
 * *i is left after the parts the type used.
 */
static struct vtype *keyarg_type(struct parse_ctx *ctx, bool is_key,
				 struct ka_part **p, size_t n, size_t *i)
{
	struct vtype *wrap = NULL, *base = NULL;
	bool ok = true;
	size_t k;

	for (; *i < n && p[*i]->kind == KAP_WORD; ++*i) {
		const char *w = p[*i]->word;
		bool opt = strcmp(w, "opt") == 0;

		if (!opt && strcmp(w, "list") != 0)
			break;
		if (is_key) {
			parse_report(ctx, CHK_SYNTAX, &p[*i]->pos,
				     "key type must be bool, int, string or "
				     "enum");
			ok = false;
		} else if (wrap) {
			parse_report(ctx, CHK_SYNTAX, &p[*i]->pos,
				     "'%s' applies to a base type, not to an "
				     "'opt' or 'list' type", w);
			ok = false;
		} else {
			wrap = new_vtype(ctx, opt ? VT_OPT : VT_LIST,
					 &p[*i]->pos);
		}
	}
	if (*i == n || p[*i]->kind != KAP_WORD) {
		parse_report(ctx, CHK_SYNTAX, &p[*i < n ? *i : n - 1]->pos,
			     "missing type (expected one of %s)",
			     is_key ? KEY_TYPES : ARG_TYPES);
		return NULL;
	}
	for (k = 0; k < sizeof(vtype_names) / sizeof(vtype_names[0]); k++)
		if (strcmp(vtype_names[k].name, p[*i]->word) == 0)
			break;
	if (k == sizeof(vtype_names) / sizeof(vtype_names[0])) {
		parse_report(ctx, CHK_SYNTAX, &p[*i]->pos,
			     "unknown type '%s' (expected one of %s)",
			     p[*i]->word, is_key ? KEY_TYPES : ARG_TYPES);
		++*i;
		return NULL;
	}
	if (is_key && !vtype_names[k].key_ok) {
		parse_report(ctx, CHK_SYNTAX, &p[*i]->pos,
			     "key type must be bool, int, string or enum");
		ok = false;
	}
	base = new_vtype(ctx, vtype_names[k].kind, &p[(*i)++]->pos);
	if (base->kind == VT_ENUM) {
		struct ast_list *vals;

		if (*i == n || p[*i]->kind != KAP_ENUM) {
			parse_report(ctx, CHK_SYNTAX, &base->pos,
				     "'enum' needs its values in braces, as "
				     "in enum { a, b }");
			return NULL;
		}
		vals = p[*i]->values;
		base->pos = parse_pos_join(&base->pos, &p[*i]->pos);
		if (parse_list_len(vals) == 0) {
			parse_report(ctx, CHK_SYNTAX, &p[*i]->pos,
				     "an enum needs at least one value");
			ok = false;
		}
		base->nenum = parse_list_len(vals);
		base->enum_values = arena_alloc(ctx->arena, base->nenum *
						sizeof(*base->enum_values));
		base->enum_pos = arena_alloc(ctx->arena, base->nenum *
					     sizeof(*base->enum_pos));
		for (size_t j = 0; j < base->nenum; j++) {
			struct name_ref *r = vals->items[j];

			base->enum_values[j] = r->name;
			base->enum_pos[j] = r->pos;
		}
		++*i;
	}
	if (!ok)
		return NULL;
	if (!wrap)
		return base;
	wrap->elem = base;
	wrap->pos = parse_pos_join(&wrap->pos, &base->pos);
	return wrap;
}

/*
 * The tail of `key NAME : ...;` or `arg NAME : ...;`, which the grammar
 * leaves as a flat list because its words are contextual: a type, then an
 * optional `= default`, then `doc`, `section` and `required` (args) or
 * `insecure` (keys) in any order.
 */
void ast_keyarg(struct parse_ctx *ctx, enum decl_kind kind, const char *name,
		const struct srcpos *name_pos, struct ast_list *parts,
		const struct srcpos *pos)
{
	bool is_key = kind == DECL_KEY;
	struct decl *d = parse_new_decl(ctx, kind, name, name_pos, pos);
	struct keyarg_decl *ka = &d->u.ka;
	struct ka_part **p = parse_node(ctx, parts->len * sizeof(*p));
	const struct srcpos *req_pos = NULL;
	size_t n = parts->len, i = 0;
	bool seen_doc = false, seen_section = false;

	for (size_t j = 0; j < n; j++)
		p[j] = parts->items[j];
	ka->type = keyarg_type(ctx, is_key, p, n, &i);
	if (i < n && p[i]->kind == KAP_DEFAULT)
		ka->def = p[i++]->def;

	for (; i < n; i++) {
		const char *w = p[i]->word;
		bool doc;

		switch (p[i]->kind) {
		case KAP_DEFAULT:
			parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
				     "the default value must come right after "
				     "the type");
			if (!ka->def)
				ka->def = p[i]->def;
			continue;
		case KAP_STRING:
			parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
				     "unexpected string (expected %s)",
				     is_key ? "doc" : "doc, section or required");
			continue;
		case KAP_ENUM:
			parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
				     "unexpected '{': only 'enum' takes values "
				     "in braces");
			continue;
		case KAP_WORD:
			break;
		}
		if (strcmp(w, "insecure") == 0 && is_key) {
			if (ka->insecure)
				parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
					     "'insecure' given twice");
			ka->insecure = true;
			continue;
		}
		if (strcmp(w, "required") == 0 && !is_key) {
			if (req_pos)
				parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
					     "'required' given twice");
			req_pos = &p[i]->pos;
			ka->required = true;
			continue;
		}
		doc = strcmp(w, "doc") == 0;
		if (!doc && (is_key || strcmp(w, "section") != 0)) {
			if (!is_key && strcmp(w, "insecure") == 0) {
				parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
					     "'insecure' is only allowed on keys");
			} else if (is_key && (strcmp(w, "section") == 0 ||
					      strcmp(w, "required") == 0)) {
				parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
					     "'%s' is only allowed on runtime "
					     "args", w);
				/* Its string needs no second message. */
				if (w[1] == 'e' && i + 1 < n &&
				    p[i + 1]->kind == KAP_STRING)
					i++;
			} else
				parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
					     "unexpected '%s' (expected %s)", w,
					     is_key ? "doc or insecure"
						    : "doc, section or required");
			continue;
		}
		if (i + 1 == n || p[i + 1]->kind != KAP_STRING) {
			parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
				     "'%s' needs a string", w);
			continue;
		}
		if (doc ? seen_doc : seen_section)
			parse_report(ctx, CHK_SYNTAX, &p[i]->pos,
				     "'%s' given twice", w);
		if (doc) {
			ka->doc = parse_cstring(ctx, &p[i + 1]->str, &p[i + 1]->pos,
					  "a doc string");
			seen_doc = true;
		} else {
			ka->section = parse_cstring(ctx, &p[i + 1]->str,
					      &p[i + 1]->pos, "a section name");
			seen_section = true;
		}
		i++;
	}

	if (is_key && !ka->def && ka->type)
		parse_report(ctx, CHK_SYNTAX, name_pos,
			     "a key needs a default value");
	if (req_pos && ka->def)
		parse_report(ctx, CHK_SYNTAX, req_pos,
			     "a required arg cannot have a default value");
	/* Without a type the declaration is useless to every later pass;
	 * its name is kept, so that its uses give no second error. */
	if (ka->type)
		parse_push_decl(ctx, d);
	else
		ast_broken(ctx, name);
}

/* ---- texts of key and arg types (diagnostics, lowering) ---------- */

/* The name of a key or arg type without its parameters: "ipv4", "opt". */
const char *ast_vtype_name(enum vtype_kind k)
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

static void vtype_put(struct strbuf *sb, const struct vtype *t)
{
	if (!t) {
		sb_puts(sb, "?");
		return;
	}
	sb_puts(sb, ast_vtype_name(t->kind));
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

const char *ast_vtype_text(struct arena *a, const struct vtype *t)
{
	struct strbuf sb;
	const char *s;

	sb_init(&sb);
	vtype_put(&sb, t);
	s = arena_strndup(a, sb.buf, sb.len);
	sb_free(&sb);
	return s;
}
