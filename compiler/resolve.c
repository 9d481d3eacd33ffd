/* SPDX-License-Identifier: MIT */
/*
 * resolve.c - the resolve pass: the program's one namespace.
 *
 * Input: the loaded files (load.c).  Output: p->names (every declaration
 * but the runtime args, which have p->args), p->decls in declaration
 * order (what a file imports first, so "first defined" follows the text),
 * the built-in `target` key and `job` signature, the duplicates (whose
 * uses are not checked: no cascades), and the program's one register.
 * Also the lookups the checks use: by name, noting cross-file uses for
 * the unused-import warning, and "did you mean" suggestions.
 */
#include <string.h>

#include "sema.h"

const char *resolve_decl_kind_name(enum decl_kind k)
{
	static const char *const names[] = {
		[DECL_SIGNATURE] = "signature", [DECL_IMPL] = "impl",
		[DECL_JOB] = "job", [DECL_KEY] = "key", [DECL_ARG] = "arg",
		[DECL_LET] = "let", [DECL_CTYPE] = "ctype",
	};
	return names[k];
}

const struct srcpos *resolve_decl_where(const struct decl *d)
{
	return d->name_pos.file ? &d->name_pos : NULL;
}

static struct decl *builtin_decl(struct program *p, enum decl_kind k,
				 const char *name)
{
	struct decl *d = arena_alloc(p->arena, sizeof(*d));

	d->kind = k;
	d->name = name;
	return d;
}

/* The `target` key: an enum of the installed backends, default unix. */
static void add_builtins(struct program *p)
{
	struct decl *t = builtin_decl(p, DECL_KEY, "target");
	struct vtype *vt = arena_alloc(p->arena, sizeof(*vt));
	const struct backend_set *bs = p->backends;
	const char *def = bs->len ? bs->items[0]->name : "unix";
	struct expr *e = arena_alloc(p->arena, sizeof(*e));

	vt->kind = VT_ENUM;
	vt->nenum = bs->len;
	vt->enum_values = arena_alloc(p->arena, (bs->len + 1) * sizeof(char *));
	vt->enum_pos = arena_alloc(p->arena, (bs->len + 1) * sizeof(struct srcpos));
	for (size_t i = 0; i < bs->len; i++) {
		vt->enum_values[i] = bs->items[i]->name;
		if (strcmp(bs->items[i]->name, "unix") == 0)
			def = "unix";
	}
	e->kind = EXPR_NAME;
	e->u.name.name = def;
	t->u.ka.type = vt;
	t->u.ka.def = e;
	t->u.ka.doc = "The target to build for.";
	p->target_key = t;
	hmap_put(&p->names, t->name, t);
	vec_push(p->arena, &p->decls, t);

	p->job_sig = builtin_decl(p, DECL_SIGNATURE, "job");
}

/* Returns false for a duplicate, which later passes then skip. */
static bool declare(struct program *p, struct decl *d)
{
	struct hmap *ns = d->kind == DECL_ARG ? &p->args : &p->names;
	struct decl *old = hmap_get(ns, d->name);

	if (!old) {
		hmap_put(ns, d->name, d);
		return true;
	}
	hmap_put(&p->dups, d->name, d);
	diag_report(p->diag, CHK_DUPLICATE_DEFINITION, &d->name_pos,
		    "'%s' is already defined as %s", d->name,
		    util_a_an(p->arena, resolve_decl_kind_name(old->kind)));
	if (old == p->target_key)
		diag_note(p->diag, NULL, "'target' is the built-in key that "
			  "selects the backend");
	else if (old->file && old->file->is_prelude)
		diag_note(p->diag, resolve_decl_where(old),
			  "'%s' is defined in the prelude here", old->name);
	else
		diag_note(p->diag, resolve_decl_where(old), "first defined here");
	return false;
}

static void find_register(struct program *p)
{
	for (size_t i = 0; i < p->files.len; i++) {
		struct ast_file *af = p->files.items[i];
		for (size_t j = 0; j < af->registers.len; j++) {
			struct register_item *r = af->registers.items[j];
			if (af != p->root) {
				diag_report(p->diag, CHK_REGISTER, &r->pos,
					    "'register' is only allowed in the "
					    "root file (%s)", p->root->src->path);
			} else if (p->reg) {
				diag_report(p->diag, CHK_REGISTER, &r->pos,
					    "a program has exactly one "
					    "'register'");
				diag_note(p->diag, &p->reg->pos,
					  "the first one is here");
			} else {
				p->reg = r;
			}
		}
	}
	/* After a syntax error the register may be what failed to parse. */
	if (!p->reg && !p->parse_failed) {
		struct srcpos pos = {1, 1, 1, 1, p->root->src};
		diag_report(p->diag, CHK_REGISTER, &pos,
			    "no 'register' item: a program needs one, e.g. "
			    "register \"name\" [ job() ];");
	}
}

static void declare_file(struct program *p, struct ast_file *af, bool *done)
{
	if (done[af->src->index])
		return;
	done[af->src->index] = true;
	for (size_t i = 0; i < af->imports.len; i++) {
		struct srcfile *f = af->imports.items[i]->file;
		if (f)
			declare_file(p, p->files.items[f->index], done);
	}
	for (size_t j = 0; j < af->decls.len; j++) {
		if (j + 8 < af->decls.len)
			PREFETCH(af->decls.items[j + 8]);
		if (j + 4 < af->decls.len)
			PREFETCH(af->decls.items[j + 4]->name);
		if (declare(p, af->decls.items[j]))
			vec_push(p->arena, &p->decls, af->decls.items[j]);
	}
	/* Declarations that did not parse: like a duplicate's, the uses of
	 * their names are not checked. */
	for (size_t j = 0; j < af->broken.len; j++)
		hmap_put(&p->dups, af->broken.items[j],
			 (void *)af->broken.items[j]);
	if (af->incomplete)
		p->incomplete = true;
}

bool resolve_quiet_unknown(struct program *p, const char *name)
{
	return p->incomplete || hmap_get(&p->dups, name);
}

static void note_reference(struct program *p, const struct decl *d,
			   const struct srcpos *from)
{
	if (d && d->file && from && from->file && d->file != from->file &&
	    p->file_referenced)
		p->file_referenced[d->file->index] = true;
}

struct decl *resolve_lookup(struct program *p, const char *name,
			    const struct srcpos *from)
{
	struct decl *d = hmap_get(&p->names, name);

	note_reference(p, d, from);
	return d;
}

struct decl *resolve_name(struct program *p, struct expr *e)
{
	if (!e->u.name.looked_up) {
		e->u.name.global = hmap_get(&p->names, e->u.name.name);
		e->u.name.looked_up = true;
	}
	return e->u.name.global;
}

struct decl *resolve_lookup_name(struct program *p, struct expr *e)
{
	struct decl *d = resolve_name(p, e);

	note_reference(p, d, &e->pos);
	return d;
}

const char *resolve_suggest(struct program *p, const char *name, unsigned want)
{
	size_t n = strlen(name), max = n < 3 ? 1 : n < 9 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = max + 1;

	/* Each search scans every name: bound the work on inputs with
	 * thousands of unknown names. */
	if (p->nsuggest++ >= 200)
		return NULL;

	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if (!(want & (1u << d->kind)) || strcmp(d->name, name) == 0)
			continue;
		size_t dist = util_edit_distance(name, d->name, max);
		if (dist < best_d) {
			best_d = dist;
			best = d->name;
		}
	}
	return best;
}

void resolve_program(struct program *p)
{
	bool *done = arena_alloc(p->arena, p->files.len + 1);

	hmap_init(&p->names);
	hmap_init(&p->args);
	hmap_init(&p->dups);
	size_t ndecls = 0;
	for (size_t i = 0; i < p->files.len; i++)
		ndecls += p->files.items[i]->decls.len;
	hmap_reserve(&p->names, ndecls + 64);
	add_builtins(p);
	/* Declarations in import order: what a file imports is declared
	 * before the file itself, so "first defined" follows the text. */
	for (size_t i = 0; i < p->files.len; i++)
		if (p->files.items[i]->src->is_prelude)
			declare_file(p, p->files.items[i], done);
	declare_file(p, p->root, done);
	find_register(p);
	p->file_referenced = arena_alloc(p->arena, p->files.len * sizeof(bool));
}
