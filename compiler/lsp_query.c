/* SPDX-License-Identifier: MIT */
/*
 * lsp_query.c - what the language server says about a position of a
 * compiled document: the name under the cursor and its declaration
 * (hover, definition), the names that fit there (completion), the
 * declarations of the file (document symbols); and the conversion between
 * mirc's positions and LSP's.
 *
 * Input: the program of a compilation (sema.h), after the passes ran as
 * far as they could.  Names are looked up in the program's namespace as
 * resolve.c left it, never re-resolved, so what hover shows is what the
 * checks used; parameters of the enclosing impl or let come first.
 */
#include <stdlib.h>
#include <string.h>

#include "lsp_query.h"

/* ---- positions --------------------------------------------------------------- */

/* UTF-16 code units of the UTF-8 bytes s[0..n): a lead byte of a 4-byte
 * sequence is a surrogate pair, continuation bytes count nothing, a
 * stray byte counts as one unit (it will be shown as U+FFFD). */
static long utf16_units(const char *s, size_t n)
{
	long u = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b & 0xC0) != 0x80)
			u += b >= 0xF0 ? 2 : 1;
	}
	return u;
}

json_t *lsp_query_position(struct srcfile *f, int line, int col)
{
	size_t len = 0, n;
	const char *text = f ? diag_srcfile_line(f, line, &len) : NULL;

	if (line < 1)
		line = 1;
	n = col > 1 ? (size_t)col - 1 : 0;
	if (n > len)
		n = len;
	return json_pack("{s:i,s:I}", "line", line - 1, "character",
			 (json_int_t)(text ? utf16_units(text, n) : 0));
}

json_t *lsp_query_range_json(const struct srcpos *p)
{
	int ll = p->last_line, lc = p->last_column + 1;

	if (ll < p->first_line || (ll == p->first_line && lc < p->first_column)) {
		ll = p->first_line;	/* an empty or reversed range */
		lc = p->first_column;
	}
	return json_pack("{s:o,s:o}", "start",
			 lsp_query_position(p->file, p->first_line, p->first_column),
			 "end", lsp_query_position(p->file, ll, lc));
}

int lsp_query_byte_column(struct srcfile *f, int line, long ch)
{
	size_t len = 0, i = 0;
	const char *text = diag_srcfile_line(f, line, &len);
	long u = 0;

	if (!text)
		return 1;
	while (i < len && u < ch) {
		unsigned char b = (unsigned char)text[i++];
		u += b >= 0xF0 ? 2 : 1;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
	}
	return (int)i + 1;
}

/* ---- the name at a position --------------------------------------------------- */

struct finder {
	struct program *p;
	int line, col;
	struct decl *scope;	/* the impl or let whose parameters are visible */
	struct lsp_query_ref *out;
	bool found;
};

static bool in(const struct srcpos *pos, int line, int col)
{
	if (line < pos->first_line || line > pos->last_line)
		return false;
	if (line == pos->first_line && col < pos->first_column)
		return false;
	return line < pos->last_line || col <= pos->last_column;
}

static const struct param *scope_params(const struct decl *d, size_t *n)
{
	*n = 0;
	if (!d)
		return NULL;
	if (d->kind == DECL_IMPL || d->kind == DECL_JOB) {
		*n = d->u.impl.nparams;
		return d->u.impl.params;
	}
	if (d->kind == DECL_LET && d->u.let.has_params) {
		*n = d->u.let.nparams;
		return d->u.let.params;
	}
	return NULL;
}

static const struct param *find_param(const struct decl *d, const char *name)
{
	size_t n;
	const struct param *ps = scope_params(d, &n);

	for (size_t i = 0; name && i < n; i++)
		if (ps[i].name && !strcmp(ps[i].name, name))
			return &ps[i];
	return NULL;
}

static int enum_index(const struct decl *key, const char *name)
{
	const struct vtype *t;

	if (!key || key->kind != DECL_KEY || !name || !(t = key->u.ka.type) ||
	    t->kind != VT_ENUM)
		return -1;
	for (size_t i = 0; i < t->nenum; i++)
		if (!strcmp(t->enum_values[i], name))
			return (int)i;
	return -1;
}

static struct decl *lookup(struct program *p, const char *name, bool args_first)
{
	struct decl *d = NULL;

	if (!name)
		return NULL;
	if (args_first)
		d = hmap_get(&p->args, name);
	if (!d)
		d = hmap_get(&p->names, name);
	if (!d && !args_first)
		d = hmap_get(&p->args, name);
	return d;
}

/* Record what the word at pos names, if the cursor is on it. */
static void hit(struct finder *f, const struct srcpos *pos, const char *name,
		struct decl *enum_key, bool args_first)
{
	struct lsp_query_ref *r = f->out;
	int ei;

	if (f->found || !in(pos, f->line, f->col))
		return;
	memset(r, 0, sizeof(*r));
	r->range = *pos;
	r->enum_index = -1;
	if ((ei = enum_index(enum_key, name)) >= 0) {
		r->decl = enum_key;
		r->enum_index = ei;
	} else if ((r->param = find_param(f->scope, name))) {
		r->owner = f->scope;
	} else {
		r->decl = lookup(f->p, name, args_first);
	}
	f->found = r->decl || r->param;
}

static void walk_expr(struct finder *f, struct expr *e, struct decl *enum_key,
		      bool args_first);

static void walk_cond(struct finder *f, struct cond *c)
{
	struct decl *key;

	if (!c || f->found || !in(&c->pos, f->line, f->col))
		return;
	switch (c->kind) {
	case COND_OR:
	case COND_AND:
		walk_cond(f, c->l);
		walk_cond(f, c->r);
		return;
	case COND_NOT:
		walk_cond(f, c->l);
		return;
	default:
		break;
	}
	key = lookup(f->p, c->key, false);
	hit(f, &c->key_pos, c->key, NULL, false);
	for (size_t i = 0; i < c->nvalues && c->value_pos; i++)
		hit(f, &c->value_pos[i], c->values[i], key, false);
	walk_expr(f, c->rhs, key, false);
}

static void walk_expr(struct finder *f, struct expr *e, struct decl *enum_key,
		      bool args_first)
{
	struct decl *d;

	if (!e || f->found || !in(&e->pos, f->line, f->col))
		return;
	switch (e->kind) {
	case EXPR_NAME:
		hit(f, &e->pos, e->u.name.name, enum_key, args_first);
		break;
	case EXPR_APPLY:
		hit(f, &e->u.apply.fn_pos, e->u.apply.fn, NULL, false);
		d = lookup(f->p, e->u.apply.fn, false);
		for (size_t i = 0; i < e->u.apply.nargs; i++) {
			struct call_arg *a = &e->u.apply.args[i];
			const struct param *pa = a->name ? find_param(d, a->name)
						 : NULL;
			/* `name = value`: the parameter of the callee. */
			if (pa && !f->found && in(&a->name_pos, f->line, f->col)) {
				memset(f->out, 0, sizeof(*f->out));
				f->out->param = pa;
				f->out->owner = d;
				f->out->range = a->name_pos;
				f->out->enum_index = -1;
				f->found = true;
			}
			walk_expr(f, a->value, NULL, false);
		}
		break;
	case EXPR_LIST:
		for (size_t i = 0; i < e->u.list.n; i++)
			walk_expr(f, e->u.list.items[i], NULL, false);
		break;
	case EXPR_IF:
		walk_cond(f, e->u.ifx.cond);
		walk_expr(f, e->u.ifx.then_e, NULL, false);
		walk_expr(f, e->u.ifx.else_e, NULL, false);
		break;
	case EXPR_MATCH:
		d = lookup(f->p, e->u.match.key, false);
		hit(f, &e->u.match.key_pos, e->u.match.key, NULL, false);
		for (size_t i = 0; i < e->u.match.narms; i++) {
			struct arm *a = &e->u.match.arms[i];
			for (size_t j = 0; j < a->npats; j++)
				if (a->pats[j].kind == PAT_NAME)
					hit(f, &a->pats[j].pos, a->pats[j].name,
					    d, false);
			walk_expr(f, a->body, NULL, false);
		}
		break;
	default:
		break;
	}
}

static void walk_cdecl(struct finder *f, const struct cdecl *c)
{
	for (size_t i = 0; i < c->ntoks; i++) {
		struct decl *d = lookup(f->p, c->toks[i].text, false);
		if (d && d->kind == DECL_CTYPE)
			hit(f, &c->toks[i].pos, c->toks[i].text, NULL, false);
	}
}

static void walk_params(struct finder *f, struct decl *d)
{
	size_t n;
	const struct param *ps = scope_params(d, &n);

	for (size_t i = 0; i < n; i++) {
		hit(f, &ps[i].name_pos, ps[i].name, NULL, false);
		hit(f, &ps[i].type_pos, ps[i].type, NULL, false);
		walk_expr(f, ps[i].def, NULL, false);
	}
}

static void walk_decl(struct finder *f, struct decl *d)
{
	/* On the declared name: this declaration, even when it is a
	 * duplicate the namespace does not hold. */
	if (in(&d->name_pos, f->line, f->col)) {
		memset(f->out, 0, sizeof(*f->out));
		f->out->range = d->name_pos;
		f->out->decl = d;
		f->out->enum_index = -1;
		f->found = true;
		return;
	}
	f->scope = d;
	switch (d->kind) {
	case DECL_SIGNATURE:
		for (size_t i = 0; i < d->u.sig.nparents; i++)
			hit(f, &d->u.sig.parents[i].pos, d->u.sig.parents[i].name,
			    NULL, false);
		for (size_t i = 0; i < d->u.sig.nops; i++) {
			walk_cdecl(f, &d->u.sig.ops[i].ret);
			for (size_t j = 0; j < d->u.sig.ops[i].nparams; j++)
				walk_cdecl(f, &d->u.sig.ops[i].params[j]);
		}
		break;
	case DECL_IMPL:
	case DECL_JOB:
		walk_params(f, d);
		hit(f, &d->u.impl.result_pos, d->u.impl.result, NULL, false);
		for (size_t i = 0; i < d->u.impl.nfields; i++) {
			struct field *fl = &d->u.impl.fields[i];
			bool args = fl->name && !strcmp(fl->name, "args");
			for (size_t j = 0; j < fl->nvalues; j++)
				walk_expr(f, fl->values[j], NULL, args);
		}
		break;
	case DECL_KEY:
	case DECL_ARG:
		if (d->u.ka.type && d->u.ka.type->kind == VT_ENUM)
			for (size_t i = 0; i < d->u.ka.type->nenum; i++)
				hit(f, &d->u.ka.type->enum_pos[i],
				    d->u.ka.type->enum_values[i], d, false);
		walk_expr(f, d->u.ka.def, d, false);
		break;
	case DECL_LET:
		walk_params(f, d);
		hit(f, &d->u.let.type_pos, d->u.let.type, NULL, false);
		walk_expr(f, d->u.let.value, NULL, false);
		break;
	case DECL_CTYPE:
		break;
	}
	f->scope = NULL;
}

bool lsp_query_find(struct program *p, struct ast_file *af, int line, int col,
		    struct lsp_query_ref *out)
{
	struct finder f = {p, line, col, NULL, out, false};

	if (!p || !af)
		return false;
	for (size_t i = 0; !f.found && i < af->decls.len; i++)
		if (in(&af->decls.items[i]->pos, line, col))
			walk_decl(&f, af->decls.items[i]);
	for (size_t i = 0; !f.found && i < af->registers.len; i++)
		for (size_t j = 0; j < af->registers.items[i]->njobs; j++)
			walk_expr(&f, af->registers.items[i]->jobs[j], NULL, false);
	return f.found;
}

bool lsp_query_target(const struct lsp_query_ref *r, struct srcpos *out)
{
	if (r->param)
		*out = r->param->name_pos;
	else if (r->enum_index >= 0 && r->decl->u.ka.type->enum_pos)
		*out = r->decl->u.ka.type->enum_pos[r->enum_index];
	else if (r->decl)
		*out = r->decl->name_pos;
	else
		return false;
	if (!out->file && r->decl)
		out->file = r->decl->file;
	return out->file != NULL && out->first_line > 0;
}

/* ---- hover ------------------------------------------------------------------ */

/* The source text of pos, as written (defaults are shown as typed). */
static void put_source(struct strbuf *sb, const struct srcpos *pos)
{
	size_t len1, len2;
	const char *a = diag_srcfile_line(pos->file, pos->first_line, &len1);
	const char *b = diag_srcfile_line(pos->file, pos->last_line, &len2);

	if (!a || !b || pos->first_column < 1 || pos->last_column < 1 ||
	    (size_t)pos->first_column > len1 + 1 ||
	    (size_t)pos->last_column > len2)
		return;
	const char *s = a + pos->first_column - 1, *e = b + pos->last_column;
	if (e > s)
		sb_putn(sb, s, (size_t)(e - s));
}

static void put_cdecl(struct strbuf *sb, const struct cdecl *c)
{
	for (size_t i = 0; i < c->ntoks; i++) {
		bool star = !strcmp(c->toks[i].text, "*");
		if (i && (star || strcmp(c->toks[i - 1].text, "*")))
			sb_putc(sb, ' ');
		sb_puts(sb, c->toks[i].text);
	}
	if (c->name) {
		if (c->ntoks && strcmp(c->toks[c->ntoks - 1].text, "*"))
			sb_putc(sb, ' ');
		sb_puts(sb, c->name);
	}
}

static void put_param(struct strbuf *sb, const struct param *pa)
{
	sb_printf(sb, "%s: %s", pa->name, pa->type ? pa->type : "?");
	if (pa->def) {
		sb_puts(sb, " = ");
		put_source(sb, &pa->def->pos);
	}
}

/* The string of a `doc` field (impls) or doc clause (keys, args). */
static const char *decl_doc(const struct decl *d)
{
	if (d->kind == DECL_KEY || d->kind == DECL_ARG)
		return d->u.ka.doc;
	if (d->kind != DECL_IMPL && d->kind != DECL_JOB)
		return NULL;
	for (size_t i = 0; i < d->u.impl.nfields; i++) {
		const struct field *fl = &d->u.impl.fields[i];
		if (fl->name && !strcmp(fl->name, "doc") && fl->nvalues &&
		    fl->values[0]->kind == EXPR_STRING)
			return fl->values[0]->u.str.s;
	}
	return NULL;
}

static void hover_decl(struct strbuf *sb, struct program *p,
		       const struct decl *d)
{
	const char *doc = decl_doc(d);
	size_t n;
	const struct param *ps = scope_params(d, &n);

	sb_printf(sb, "```mir\n%s %s", resolve_decl_kind_name(d->kind), d->name);
	switch (d->kind) {
	case DECL_SIGNATURE:
		for (size_t i = 0; i < d->u.sig.nparents; i++)
			sb_printf(sb, "%s%s", i ? ", " : " extends ",
				  d->u.sig.parents[i].name);
		sb_puts(sb, "\n```\n");
		if (d->u.sig.nops)
			sb_puts(sb, "```c\n");
		for (size_t i = 0; i < d->u.sig.nops; i++) {
			const struct op *o = &d->u.sig.ops[i];
			put_cdecl(sb, &o->ret);
			sb_putc(sb, '(');
			for (size_t j = 0; j < o->nparams; j++) {
				if (j)
					sb_puts(sb, ", ");
				put_cdecl(sb, &o->params[j]);
			}
			sb_puts(sb, o->nparams ? ");\n" : "void);\n");
		}
		if (d->u.sig.nops)
			sb_puts(sb, "```\n");
		break;
	case DECL_IMPL:
	case DECL_JOB:
		if (d->u.impl.has_parens) {
			sb_putc(sb, '(');
			for (size_t i = 0; i < n; i++) {
				if (i)
					sb_puts(sb, ", ");
				put_param(sb, &ps[i]);
			}
			sb_putc(sb, ')');
		}
		if (d->kind == DECL_IMPL && d->u.impl.result)
			sb_printf(sb, " : %s", d->u.impl.result);
		sb_puts(sb, "\n```\n");
		break;
	case DECL_KEY:
	case DECL_ARG:
		if (d->u.ka.type)
			sb_printf(sb, " : %s", ast_vtype_text(p->arena,
							       d->u.ka.type));
		if (d->u.ka.def) {
			sb_puts(sb, " = ");
			put_source(sb, &d->u.ka.def->pos);
		}
		sb_puts(sb, "\n```\n");
		break;
	case DECL_LET: {
		const struct let_info *li = d->sema;
		if (li && li->state == 2 && li->ty.kind != TY_ERROR)
			sb_printf(sb, " : %s", check_expr_ty_text(&li->ty));
		else if (d->u.let.type)
			sb_printf(sb, " : %s", d->u.let.type);
		sb_puts(sb, "\n```\n");
		break;
	}
	case DECL_CTYPE:
		sb_printf(sb, " from \"%s\"\n```\n", d->u.ctype.header
			  ? d->u.ctype.header : "");
		break;
	}
	if (doc)
		sb_printf(sb, "\n%s\n", doc);
	if ((d->kind == DECL_IMPL || d->kind == DECL_JOB) && n) {
		sb_puts(sb, "\nParameters:\n");
		for (size_t i = 0; i < n; i++) {
			sb_puts(sb, "- `");
			put_param(sb, &ps[i]);
			sb_puts(sb, "`\n");
		}
	}
	if (d->kind == DECL_ARG && d->u.ka.section)
		sb_printf(sb, "\nSection: %s\n", d->u.ka.section);
	if (d->file && d->file->is_prelude)
		sb_puts(sb, "\n*(prelude)*\n");
}

char *lsp_query_hover(struct program *p, const struct lsp_query_ref *r)
{
	struct strbuf sb;

	sb_init(&sb);
	if (r->param) {
		sb_puts(&sb, "```mir\nparameter ");
		put_param(&sb, r->param);
		sb_puts(&sb, "\n```\n");
		if (r->owner)
			sb_printf(&sb, "\nof %s `%s`\n",
				  resolve_decl_kind_name(r->owner->kind),
				  r->owner->name);
	} else if (r->enum_index >= 0) {
		sb_printf(&sb, "```mir\n%s\n```\n\nvalue of key `%s`",
			  r->decl->u.ka.type->enum_values[r->enum_index],
			  r->decl->name);
		if (r->decl->u.ka.def && r->decl->u.ka.def->kind == EXPR_NAME &&
		    !strcmp(r->decl->u.ka.def->u.name.name,
			    r->decl->u.ka.type->enum_values[r->enum_index]))
			sb_puts(&sb, " (the default)");
		sb_putc(&sb, '\n');
	} else if (r->decl) {
		hover_decl(&sb, p, r->decl);
	}
	if (!sb.len) {
		sb_free(&sb);
		return NULL;
	}
	sb_putc(&sb, '\0');
	return sb.buf;
}
