/* SPDX-License-Identifier: MIT */
/*
 * lsp_complete.c - the language server's lists: completion items for a
 * position, and the document symbols of a file.
 *
 * Completion looks at the innermost expression around the cursor that
 * says what fits there: in the patterns of a `match`, the values of its
 * key; in an argument of an application whose parameter is a device, the
 * impls and lets whose signature is a subtype of the parameter's; anywhere
 * else every name in scope (the enclosing declaration's parameters, then
 * the program's declarations), filtered by the word typed so far.
 */
#include <string.h>

#include "lsp_complete.h"
#include "lsp_query.h"

/* LSP's CompletionItemKind and SymbolKind numbers used below. */
enum {
	CIK_VARIABLE = 6, CIK_CONSTRUCTOR = 4, CIK_INTERFACE = 8,
	CIK_CONSTANT = 21, CIK_ENUM_MEMBER = 20, CIK_EVENT = 23,
	CIK_STRUCT = 22, CIK_FIELD = 5,
};
enum {
	SK_MODULE = 2, SK_METHOD = 6, SK_PROPERTY = 7, SK_CONSTRUCTOR = 9,
	SK_INTERFACE = 11, SK_VARIABLE = 13, SK_CONSTANT = 14, SK_STRUCT = 23,
	SK_EVENT = 24, SK_ENUM_MEMBER = 22,
};

/* ---- completion context ------------------------------------------------------- */

struct ctx {
	int line, col;
	struct expr *match;	/* innermost match, cursor in its patterns */
	struct expr *apply;	/* or innermost application, cursor in ( ) */
	size_t arg;		/* which argument of `apply` */
	const char *arg_name;	/* named argument, or NULL: positional */
	bool last_is_apply;
};

/* Is the cursor in pos, or just after it (a word being typed)? */
static bool near(const struct srcpos *pos, int line, int col)
{
	if (line < pos->first_line || line > pos->last_line)
		return false;
	if (line == pos->first_line && col < pos->first_column)
		return false;
	return line < pos->last_line || col <= pos->last_column + 1;
}

static bool before(const struct srcpos *pos, int line, int col)
{
	return pos->last_line < line ||
	       (pos->last_line == line && pos->last_column < col);
}

static void ctx_expr(struct ctx *c, struct expr *e)
{
	if (!e || !near(&e->pos, c->line, c->col))
		return;
	switch (e->kind) {
	case EXPR_APPLY: {
		bool in_value = false;
		c->apply = e;
		c->last_is_apply = true;
		c->arg = 0;
		c->arg_name = NULL;
		for (size_t i = 0; i < e->u.apply.nargs; i++) {
			struct call_arg *a = &e->u.apply.args[i];
			if (a->value && near(&a->value->pos, c->line, c->col)) {
				c->arg = i;
				c->arg_name = a->name;
				in_value = true;
				break;
			}
			if (a->value && before(&a->value->pos, c->line, c->col))
				c->arg = i + 1;
		}
		if (in_value)
			ctx_expr(c, e->u.apply.args[c->arg].value);
		break;
	}
	case EXPR_LIST:
		for (size_t i = 0; i < e->u.list.n; i++)
			ctx_expr(c, e->u.list.items[i]);
		break;
	case EXPR_IF:
		ctx_expr(c, e->u.ifx.then_e);
		ctx_expr(c, e->u.ifx.else_e);
		break;
	case EXPR_MATCH:
		for (size_t i = 0; i < e->u.match.narms; i++) {
			struct expr *b = e->u.match.arms[i].body;
			if (b && near(&b->pos, c->line, c->col) &&
			    (b->pos.first_line < c->line ||
			     b->pos.first_column < c->col)) {
				ctx_expr(c, b);
				return;
			}
		}
		c->match = e;
		c->last_is_apply = false;
		break;
	default:
		break;
	}
}

/* ---- items ------------------------------------------------------------------- */

static void item(json_t *list, const char *label, int kind, const char *detail)
{
	json_t *o = json_pack("{s:s,s:i}", "label", label, "kind", kind);

	if (detail)
		json_object_set_new(o, "detail", json_string(detail));
	json_array_append_new(list, o);
}

static bool prefixed(const char *name, const char *prefix, size_t n)
{
	return name && !strncmp(name, prefix, n);
}

/* The signature a declaration's devices have (impls, lets), or NULL. */
static struct decl *result_sig(struct program *p, struct decl *d)
{
	if (d->kind == DECL_IMPL) {
		const struct impl_info *ii = d->sema;
		if (ii && ii->result)
			return ii->result;
		struct decl *s = d->u.impl.result
			? hmap_get(&p->names, d->u.impl.result) : NULL;
		return s && s->kind == DECL_SIGNATURE ? s : NULL;
	}
	if (d->kind == DECL_LET) {
		const struct let_info *li = d->sema;
		if (li && li->state == 2 && li->ty.kind == TY_DEVICE)
			return li->ty.sig;
	}
	return NULL;
}

static const char *detail_of(struct program *p, struct decl *d)
{
	struct decl *s;

	switch (d->kind) {
	case DECL_IMPL:
	case DECL_LET:
		s = result_sig(p, d);
		return arena_printf(p->arena, "%s%s%s",
				    resolve_decl_kind_name(d->kind),
				    s ? " : " : "", s ? s->name : "");
	case DECL_KEY:
	case DECL_ARG:
		return arena_printf(p->arena, "%s : %s",
				    resolve_decl_kind_name(d->kind),
				    d->u.ka.type ? ast_vtype_text(p->arena,
								  d->u.ka.type) : "?");
	default:
		return resolve_decl_kind_name(d->kind);
	}
}

static int item_kind(enum decl_kind k)
{
	switch (k) {
	case DECL_SIGNATURE: return CIK_INTERFACE;
	case DECL_IMPL: return CIK_CONSTRUCTOR;
	case DECL_JOB: return CIK_EVENT;
	case DECL_KEY: return CIK_CONSTANT;
	case DECL_CTYPE: return CIK_STRUCT;
	default: return CIK_VARIABLE;
	}
}

static void complete_match(struct program *p, json_t *list, struct expr *m,
			   const char *prefix, size_t n)
{
	struct decl *k = m->u.match.key
		? hmap_get(&p->names, m->u.match.key) : NULL;

	if (!k || k->kind != DECL_KEY || !k->u.ka.type)
		return;
	if (k->u.ka.type->kind == VT_ENUM) {
		for (size_t i = 0; i < k->u.ka.type->nenum; i++)
			if (prefixed(k->u.ka.type->enum_values[i], prefix, n))
				item(list, k->u.ka.type->enum_values[i],
				     CIK_ENUM_MEMBER, arena_printf(p->arena,
				     "value of key %s", k->name));
	} else if (k->u.ka.type->kind == VT_BOOL) {
		item(list, "true", CIK_ENUM_MEMBER, NULL);
		item(list, "false", CIK_ENUM_MEMBER, NULL);
	}
	item(list, "_", CIK_ENUM_MEMBER, "any other value");
}

/* The parameter an argument position stands for, if it is a device's. */
static struct decl *expected_sig(struct program *p, struct ctx *c)
{
	struct decl *fn = hmap_get(&p->names, c->apply->u.apply.fn);
	const struct param *ps = NULL, *pa = NULL;
	size_t n = 0;

	if (fn && (fn->kind == DECL_IMPL || fn->kind == DECL_JOB)) {
		ps = fn->u.impl.params;
		n = fn->u.impl.nparams;
	} else if (fn && fn->kind == DECL_LET && fn->u.let.has_params) {
		ps = fn->u.let.params;
		n = fn->u.let.nparams;
	}
	for (size_t i = 0; c->arg_name && i < n; i++)
		if (ps[i].name && !strcmp(ps[i].name, c->arg_name))
			pa = &ps[i];
	if (!c->arg_name && c->arg < n)
		pa = &ps[c->arg];
	if (!pa || !pa->type)
		return NULL;
	struct decl *s = hmap_get(&p->names, pa->type);
	return s && s->kind == DECL_SIGNATURE ? s : NULL;
}

static void complete_names(struct program *p, json_t *list, struct decl *scope,
			   struct decl *want, const char *prefix, size_t n)
{
	const struct param *ps = NULL;
	size_t np = 0;

	if (scope && (scope->kind == DECL_IMPL || scope->kind == DECL_JOB)) {
		ps = scope->u.impl.params;
		np = scope->u.impl.nparams;
	} else if (scope && scope->kind == DECL_LET) {
		ps = scope->u.let.params;
		np = scope->u.let.nparams;
	}
	for (size_t i = 0; !want && i < np; i++)
		if (prefixed(ps[i].name, prefix, n))
			item(list, ps[i].name, CIK_FIELD, arena_printf(p->arena,
			     "parameter : %s", ps[i].type ? ps[i].type : "?"));
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		struct decl *s;
		if (d->kind == DECL_ARG || !prefixed(d->name, prefix, n) ||
		    hmap_get(&p->names, d->name) != d)
			continue;
		if (want && (!(s = result_sig(p, d)) ||
			     !check_sig_is_subtype(s, want)))
			continue;
		item(list, d->name, item_kind(d->kind), detail_of(p, d));
	}
}

json_t *lsp_complete_items(struct program *p, struct ast_file *af, int line,
			   int col)
{
	struct ctx c = {line, col, NULL, NULL, 0, NULL, false};
	json_t *list = json_array();
	struct decl *scope = NULL;
	size_t len = 0, start;
	const char *text = diag_srcfile_line(af->src, line, &len);
	const char *prefix = "";

	/* The word typed so far: identifier bytes before the cursor. */
	start = col > 1 ? (size_t)col - 1 : 0;
	if (text && start <= len) {
		size_t end = start;
		while (start > 0 && (text[start - 1] == '_' ||
				     (text[start - 1] >= '0' && text[start - 1] <= '9') ||
				     ((text[start - 1] | 0x20) >= 'a' &&
				      (text[start - 1] | 0x20) <= 'z')))
			start--;
		prefix = arena_strndup(p->arena, text + start, end - start);
	}
	for (size_t i = 0; i < af->decls.len; i++) {
		struct decl *d = af->decls.items[i];
		if (!near(&d->pos, line, col))
			continue;
		scope = d;
		if (d->kind == DECL_LET)
			ctx_expr(&c, d->u.let.value);
		else if (d->kind == DECL_KEY)
			ctx_expr(&c, d->u.ka.def);
		else if (d->kind == DECL_IMPL || d->kind == DECL_JOB)
			for (size_t j = 0; j < d->u.impl.nparams; j++)
				ctx_expr(&c, d->u.impl.params[j].def);
		break;
	}
	for (size_t i = 0; !scope && i < af->registers.len; i++)
		for (size_t j = 0; j < af->registers.items[i]->njobs; j++)
			ctx_expr(&c, af->registers.items[i]->jobs[j]);
	if (c.match && !c.last_is_apply)
		complete_match(p, list, c.match, prefix, strlen(prefix));
	else
		complete_names(p, list, scope, c.apply ? expected_sig(p, &c)
			       : NULL, prefix, strlen(prefix));
	return json_pack("{s:b,s:o}", "isIncomplete", 0, "items", list);
}

/* ---- document symbols ------------------------------------------------------------ */

static json_t *symbol(const char *name, const char *detail, int kind,
		      const struct srcpos *range, const struct srcpos *sel)
{
	json_t *o = json_pack("{s:s,s:i,s:o,s:o}", "name", name ? name : "?",
			      "kind", kind, "range", lsp_query_range_json(range),
			      "selectionRange", lsp_query_range_json(sel));

	if (detail)
		json_object_set_new(o, "detail", json_string(detail));
	return o;
}

static int symbol_kind(enum decl_kind k)
{
	switch (k) {
	case DECL_SIGNATURE: return SK_INTERFACE;
	case DECL_IMPL: return SK_CONSTRUCTOR;
	case DECL_JOB: return SK_EVENT;
	case DECL_KEY: return SK_CONSTANT;
	case DECL_CTYPE: return SK_STRUCT;
	default: return SK_VARIABLE;
	}
}

static json_t *decl_symbol(struct program *p, struct decl *d)
{
	json_t *o = symbol(d->name, detail_of(p, d), symbol_kind(d->kind),
			   &d->pos, &d->name_pos);
	json_t *kids = json_array();

	if (d->kind == DECL_SIGNATURE)
		for (size_t i = 0; i < d->u.sig.nops; i++)
			json_array_append_new(kids, symbol(
				d->u.sig.ops[i].ret.name, NULL, SK_METHOD,
				&d->u.sig.ops[i].pos, &d->u.sig.ops[i].ret.name_pos));
	if (d->kind == DECL_IMPL || d->kind == DECL_JOB)
		for (size_t i = 0; i < d->u.impl.nparams; i++)
			json_array_append_new(kids, symbol(
				d->u.impl.params[i].name, d->u.impl.params[i].type,
				SK_PROPERTY, &d->u.impl.params[i].pos,
				&d->u.impl.params[i].name_pos));
	if (d->kind == DECL_KEY && d->u.ka.type && d->u.ka.type->kind == VT_ENUM)
		for (size_t i = 0; i < d->u.ka.type->nenum; i++)
			json_array_append_new(kids, symbol(
				d->u.ka.type->enum_values[i], NULL, SK_ENUM_MEMBER,
				&d->u.ka.type->enum_pos[i],
				&d->u.ka.type->enum_pos[i]));
	if (json_array_size(kids))
		json_object_set_new(o, "children", kids);
	else
		json_decref(kids);
	return o;
}

json_t *lsp_complete_symbols(struct program *p, struct ast_file *af)
{
	json_t *list = json_array();

	for (size_t i = 0; i < af->decls.len; i++)
		json_array_append_new(list, decl_symbol(p, af->decls.items[i]));
	for (size_t i = 0; i < af->registers.len; i++) {
		struct register_item *r = af->registers.items[i];
		json_array_append_new(list, symbol(r->name, "register", SK_MODULE,
						   &r->pos, &r->name_pos));
	}
	return list;
}
