/* SPDX-License-Identifier: MIT */
/*
 * lower.c - the lower pass: what code generation needs, out of the AST.
 *
 * Input: the ordered, evaluated graph and the checked declarations.
 * Output: the model's signatures (every one, parents first), impls (those
 * the graph uses, in first use; for mirc stubs then every other one of
 * the program's files), ctypes (those the prototypes name), the
 * impls' paths as the Makefile spells them, and each node's mimpl.  Then,
 * with the model built, the sources that do not exist yet are reported
 * (missing-source, a warning) with the prototypes they must define.
 * A graph kept unevaluated (describe --no-eval) is not lowered; its
 * runtime args are (lower_arg, which eval.c calls as it builds nodes).
 * After this pass no emitter needs the AST: prototypes, types, defaults
 * and docs are all spelled out in the model's own types (model.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_mirc_h.h"
#include "fsutil.h"
#include "lwip.h"
#include "sema.h"

struct cg {
	struct program *p;
	struct model *m;
	struct hmap sigs, impls, ctypes;
	VEC(struct msig *) sigv;
	VEC(struct mimpl *) implv;
	VEC(const char *) ctype_headers;
	char project_real[4096];
};

/* ---- runtime args ------------------------------------------------------ */

/* A literal of a default (checked: a string, int, bool or enum value). */
static void lower_literal(struct value *v, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_STRING:
		v->kind = VAL_STRING;
		v->s = e->u.str.s ? e->u.str.s : "";
		v->len = e->u.str.len;
		break;
	case EXPR_INT:
		v->kind = VAL_INT;
		v->i = e->u.ival;
		break;
	case EXPR_BOOL:
		v->kind = VAL_BOOL;
		v->b = e->u.bval;
		break;
	default:
		v->kind = VAL_ENUM;
		v->s = e->kind == EXPR_NAME ? e->u.name.name : "";
		break;
	}
}

/* The C type of a runtime arg (c-interface.md 4): "mirc_opt_ipv4", ... */
static const char *arg_ctype(struct arena *a, const struct vtype *t)
{
	switch (t->kind) {
	case VT_BOOL: return "bool";
	case VT_INT: return "int64_t";
	case VT_STRING: return "const char *";
	case VT_ENUM: return "int";
	case VT_DURATION: return "uint64_t";
	case VT_IPV4: return "struct mirc_ipv4";
	case VT_IPV4_PREFIX: return "struct mirc_ipv4_prefix";
	case VT_IPV6: return "struct mirc_ipv6";
	case VT_IPV6_PREFIX: return "struct mirc_ipv6_prefix";
	case VT_IP: return "struct mirc_ip";
	case VT_OPT:
	case VT_LIST:
		return arena_printf(a, "mirc_%s_%s", ast_vtype_name(t->kind),
				    ast_vtype_name(t->elem->kind));
	}
	return "int";
}

struct marg *lower_arg(struct program *p, struct decl *d)
{
	struct keyarg_info *ki = d->sema;
	const struct keyarg_decl *ka = &d->u.ka;
	const struct vtype *t = ka->type, *base = t;
	const struct expr *def = ka->def;
	struct marg *ma;

	if (ki->marg)
		return ki->marg;
	ma = arena_alloc(p->arena, sizeof(*ma));
	ki->marg = ma;
	ma->decl = d;
	ma->name = d->name;
	ma->pos = d->name_pos;
	ma->type = ast_vtype_text(p->arena, t);
	ma->ctype = arg_ctype(p->arena, t);
	while (base->kind == VT_OPT || base->kind == VT_LIST)
		base = base->elem;
	ma->base = ast_vtype_name(base->kind);
	ma->enum_values = base->enum_values;
	ma->nenum = base->nenum;
	ma->opt = t->kind == VT_OPT;
	ma->list = t->kind == VT_LIST;
	ma->marked_required = ka->required;
	ma->required = ka->required || (!def && t->kind != VT_OPT &&
					 t->kind != VT_LIST && t->kind != VT_BOOL);
	ma->has_def = def != NULL;
	if (def && def->kind == EXPR_LIST) {
		struct value *v = arena_alloc(p->arena, (def->u.list.n + 1) *
					      sizeof(*v));
		for (size_t i = 0; i < def->u.list.n; i++)
			lower_literal(&v[i], def->u.list.items[i]);
		ma->def = v;
		ma->ndef = def->u.list.n;
	} else if (def) {
		struct value *v = arena_alloc(p->arena, sizeof(*v));
		lower_literal(v, def);
		ma->def = v;
		ma->ndef = 1;
	}
	ma->doc = ka->doc;
	ma->section = ka->section;
	return ma;
}

struct marg **lower_args(struct program *p, struct decl **d, size_t n)
{
	struct marg **v = arena_alloc(p->arena, (n + 1) * sizeof(*v));

	for (size_t i = 0; i < n; i++)
		v[i] = lower_arg(p, d[i]);
	return v;
}

/* ---- signatures and impls ------------------------------------------------ */

/* A C declaration's type: words with spaces, stars kept to the right.
 * The ctypes it names are collected for mirc.h's includes. */
static void lower_cdecl(struct cg *cg, struct mcdecl *out,
			const struct cdecl *cd)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < cd->ntoks; i++) {
		const char *t = cd->toks[i].text;
		bool star = !strcmp(t, "*");
		struct decl *d = hmap_get(&cg->p->names, t);
		if (i && !(star && !strcmp(cd->toks[i - 1].text, "*")))
			sb_putc(&sb, ' ');
		sb_puts(&sb, t);
		if (d && d->kind == DECL_CTYPE && !hmap_get(&cg->ctypes, d->name)) {
			hmap_put(&cg->ctypes, d->name, d);
			vec_push(cg->p->arena, &cg->ctype_headers,
				 d->u.ctype.header);
		}
	}
	out->type = sb.len ? arena_strndup(cg->p->arena, sb.buf, sb.len) : "";
	sb_free(&sb);
	out->name = cd->name;
}

/* Signatures with their parents first, each once. */
static struct msig *cg_sig(struct cg *cg, struct decl *d)
{
	struct msig *ms = hmap_get(&cg->sigs, d->name);
	struct sig_info *si = d->sema;

	if (ms)
		return ms;
	ms = arena_alloc(cg->p->arena, sizeof(*ms));
	ms->name = d->name;
	hmap_put(&cg->sigs, d->name, ms);
	if (si && si->nparents) {
		ms->parents = arena_alloc(cg->p->arena,
					  si->nparents * sizeof(*ms->parents));
		for (size_t i = 0; i < si->nparents; i++)
			ms->parents[ms->nparents++] = cg_sig(cg, si->parents[i]);
	}
	/* After the parents: mirc.h includes the ctypes' headers in the
	 * order of model.sigs. */
	ms->nops = d->u.sig.nops;
	ms->ops = arena_alloc(cg->p->arena, (ms->nops + 1) * sizeof(*ms->ops));
	for (size_t i = 0; i < ms->nops; i++) {
		const struct op *op = &d->u.sig.ops[i];
		struct mop *mo = &ms->ops[i];
		lower_cdecl(cg, &mo->ret, &op->ret);
		mo->nparams = op->nparams;
		mo->params = arena_alloc(cg->p->arena, (op->nparams + 1) *
					 sizeof(*mo->params));
		for (size_t k = 0; k < op->nparams; k++)
			lower_cdecl(cg, &mo->params[k], &op->params[k]);
	}
	vec_push(cg->p->arena, &cg->sigv, ms);
	return ms;
}

/* A path of an impl's field as the Makefile and mirc.h spell it. */
static const char *cg_path(struct cg *cg, struct decl *d, const char *rel)
{
	const char *path = util_join_path(cg->p->arena, d->file->dir, rel);
	char real[4096];
	size_t n = strlen(cg->project_real);

	/* A file of the lwIP tree (order.c checked it): its real path,
	 * which the Makefile writes under $(MIRC_LWIP). */
	if (lwip_is_path(rel) && (path = lwip_file(cg->p->arena,
					cg->p->opts->home, rel))) {
		const char *from;
		cg->m->lwip = lwip_tree(cg->p->arena, cg->p->opts->home, &from);
		return path;
	}
	if (!realpath(path, real)) {
		/* A source not written yet (missing-source): the real path
		 * of its directory and its name, so the Makefile names it
		 * from the project directory. */
		const char *slash = strrchr(path, '/');
		const char *dir = slash ? arena_strndup(cg->p->arena, path,
				(size_t)(slash - path) + (slash == path)) : ".";
		const char *base = slash ? slash + 1 : path;
		size_t len;
		if (!realpath(dir, real))
			return path;
		len = strlen(real);
		if (len + strlen(base) + 2 > sizeof(real))
			return path;
		snprintf(real + len, sizeof(real) - len, "%s%s",
			 real[len - 1] == '/' ? "" : "/", base);
	}
	if (n && !strncmp(real, cg->project_real, n) && real[n] == '/')
		return arena_strdup(cg->p->arena, real + n + 1);
	return arena_strdup(cg->p->arena, real);
}

static const char **cg_strings(struct cg *cg, struct decl *d,
			       struct field *f, size_t *n, bool paths)
{
	const char **v;

	*n = 0;
	if (!f)
		return NULL;
	v = arena_alloc(cg->p->arena, (f->nvalues + 1) * sizeof(char *));
	for (size_t i = 0; i < f->nvalues; i++)
		v[(*n)++] = paths ? cg_path(cg, d, f->values[i]->u.str.s)
				  : f->values[i]->u.str.s;
	return v;
}

static struct mimpl *cg_impl(struct cg *cg, struct decl *d)
{
	struct mimpl *mi = hmap_get(&cg->impls, d->name);
	struct impl_info *ii = d->sema;
	struct arena *a = cg->p->arena;

	if (mi)
		return mi;
	mi = arena_alloc(a, sizeof(*mi));
	hmap_put(&cg->impls, d->name, mi);
	mi->decl = d;
	mi->name = d->name;
	if (ii->f_doc && ii->f_doc->nvalues == 1)
		mi->doc = ii->f_doc->values[0]->u.str.s;
	mi->prefix = ii->f_prefix ? ii->f_prefix->values[0]->u.str.s : d->name;
	mi->is_job = d->kind == DECL_JOB;
	mi->result = mi->is_job ? NULL : cg_sig(cg, ii->result);
	mi->connect = ii->f_connect != NULL;
	mi->stateless = ii->f_stateless != NULL;
	mi->embed_param = ii->embed_param;
	mi->nparams = d->u.impl.nparams;
	mi->param_sigs = arena_alloc(a, (mi->nparams + 1) *
				     sizeof(struct msig *));
	mi->param_names = arena_alloc(a, (mi->nparams + 1) * sizeof(char *));
	mi->param_types = arena_alloc(a, (mi->nparams + 1) * sizeof(char *));
	for (size_t k = 0; k < mi->nparams; k++) {
		mi->param_names[k] = d->u.impl.params[k].name;
		mi->param_types[k] = d->u.impl.params[k].type;
		if (ii->param_types[k].kind == TY_DEVICE)
			mi->param_sigs[k] = cg_sig(cg, ii->param_types[k].sig);
	}
	mi->headers = cg_strings(cg, d, ii->f_header, &mi->nheaders, true);
	mi->sources = cg_strings(cg, d, ii->f_sources, &mi->nsources, true);
	mi->packages = cg_strings(cg, d, ii->f_packages, &mi->npackages, false);
	mi->cflags = cg_strings(cg, d, ii->f_cflags, &mi->ncflags, false);
	mi->ldflags = cg_strings(cg, d, ii->f_ldflags, &mi->nldflags, false);
	mi->runtime_args = lower_args(cg->p, ii->runtime_args,
				      ii->nruntime_args);
	mi->nruntime_args = ii->nruntime_args;
	vec_push(a, &cg->implv, mi);
	return mi;
}

static void collect_codegen(struct program *p, struct model *m)
{
	struct cg cg = {p, m, {0}, {0}, {0}, {0}, {0}, {0}, ""};

	hmap_init(&cg.sigs);
	hmap_init(&cg.impls);
	hmap_init(&cg.ctypes);
	if (!realpath(p->root->src->dir, cg.project_real))
		cg.project_real[0] = '\0';
	/* Every signature of the program, not only those the graph uses:
	 * an impl header shared with an impl the keys chose away may name
	 * any of them (c-interface.md 2).  Those that are the type of a
	 * device parameter of some impl or job (whichever the keys chose)
	 * are the handles user code is given.  In declaration order, so
	 * that this part of mirc.h does not change with the keys. */
	struct hmap handles;
	check_names_handle_sigs(p, &handles);
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if (d->kind == DECL_SIGNATURE && d != p->job_sig)
			cg_sig(&cg, d)->handle =
				hmap_get(&handles, d->name) != NULL;
	}
	hmap_free(&handles);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		struct gnode *n = m->graph->nodes.items[i];
		if (n->impl)
			n->mi = cg_impl(&cg, n->impl);
	}
	/* mirc stubs writes the files of every impl and job of the
	 * program's own files (not the prelude's), whichever the keys
	 * chose: after the graph's, in declaration order. */
	for (size_t i = 0; p->opts->stubs && i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if ((d->kind == DECL_IMPL || d->kind == DECL_JOB) && d->sema &&
		    p->files.len && d->file != p->files.items[0]->src)
			cg_impl(&cg, d);
	}
	/* The ctypes named in the signatures' prototypes, in the order
	 * the signatures name them (lower_cdecl). */
	m->ctype_headers = cg.ctype_headers.items;
	m->nctypes = cg.ctype_headers.len;
	hmap_free(&cg.ctypes);
	hmap_free(&cg.sigs);
	hmap_free(&cg.impls);
	m->sigs = cg.sigv.items;
	m->nsigs = cg.sigv.len;
	m->impls = cg.implv.items;
	m->nimpls = cg.implv.len;
	m->project_dir = p->root->src->dir;
	m->home = p->opts->home;
}

/*
 * A sources file that does not exist yet is a warning, not an error: the
 * user configures first and writes the C against mirc.h (the Makefile
 * stops, naming the file, until it exists).  The notes give the
 * prototypes the impl's sources must define, which needs the model.
 */
static void check_sources(struct program *p, const struct model *m)
{
	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		const struct impl_info *ii = mi->decl->sema;
		struct strbuf protos;
		bool any = false;

		for (size_t j = 0; ii->f_sources && j < ii->f_sources->nvalues;
		     j++) {
			struct expr *v = ii->f_sources->values[j];
			const char *path = util_join_path(p->arena,
						     mi->decl->file->dir,
						     v->u.str.s);
			if (fsutil_exists(path) || lwip_is_path(v->u.str.s))
				continue;
			if (!diag_report(p->diag, CHK_MISSING_SOURCE, &v->pos,
					 "source file '%s' of %s '%s' does not "
					 "exist yet (looked for %s): the build "
					 "fails until it does", v->u.str.s,
					 resolve_decl_kind_name(mi->decl->kind),
					 mi->decl->name, path))
				continue;
			if (any) {
				diag_note(p->diag, NULL, "the prototypes are "
					  "those of the note above");
				continue;
			}
			any = true;
			diag_note(p->diag, NULL, "the sources of %s '%s' must "
				  "define (mirc.h declares them):",
				  resolve_decl_kind_name(mi->decl->kind), mi->decl->name);
			sb_init(&protos);
			emit_mirc_h_prototypes(&protos, p->arena, mi);
			for (char *l = protos.buf, *e; l && *l; l = e) {
				size_t n = strcspn(l, "\n");
				e = l[n] ? l + n + 1 : l + n;
				diag_note(p->diag, NULL, "  %.*s", (int)n, l);
			}
			sb_free(&protos);
		}
	}
}

bool lower_program(struct program *p, struct model *m)
{
	if (!m->graph->evaluated)
		return true;
	collect_codegen(p, m);
	if (p->opts->check_files && !p->opts->stubs)
		check_sources(p, m);
	return !diag_has_errors(p->diag);
}
