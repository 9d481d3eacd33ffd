/* SPDX-License-Identifier: MIT */
/*
 * load.c - read the prelude, the root file and every import (each file
 * once, import cycles reported), then build the program's one namespace
 * and find its register.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sema.h"

/* Larger inputs are refused rather than half-read. */
#define LOAD_MAX_BYTES ((size_t)256 * 1024 * 1024)

const char *decl_kind_name(enum decl_kind k)
{
	static const char *const names[] = {
		[DECL_SIGNATURE] = "signature", [DECL_IMPL] = "impl",
		[DECL_JOB] = "job", [DECL_KEY] = "key", [DECL_ARG] = "arg",
		[DECL_LET] = "let", [DECL_CTYPE] = "ctype",
	};
	return names[k];
}

const char *a_an(struct arena *a, const char *word)
{
	return arena_printf(a, "%s %s", strchr("aeiou", word[0]) && word[0]
			    ? "an" : "a", word);
}

const struct srcpos *decl_where(const struct decl *d)
{
	return d->name_pos.file ? &d->name_pos : NULL;
}

static char *dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return arena_strdup(a, ".");
	if (slash == path)
		return arena_strdup(a, "/");
	return arena_strndup(a, path, (size_t)(slash - path));
}

static struct srcfile *new_srcfile(struct program *p, const char *path,
				   const char *text, size_t len)
{
	struct srcfile *f = arena_alloc(p->arena, sizeof(*f));
	char *copy = arena_alloc(p->arena, len + 1);

	memcpy(copy, text, len);
	f->path = arena_strdup(p->arena, path);
	f->dir = dir_of(p->arena, f->path);
	f->text = copy;
	f->len = len;
	f->index = (int)p->files.len;
	return f;
}

/*
 * Read a file that must be a regular file of sane size.  Returns NULL and
 * sets *why (an arena string) when it cannot.
 */
static char *slurp(struct program *p, const char *path, size_t *len,
		   const char **why)
{
	struct stat st;
	char *text;

	if (stat(path, &st) != 0) {
		*why = arena_strdup(p->arena, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory"
					   : "is not a regular file";
		return NULL;
	}
	if ((size_t)st.st_size > LOAD_MAX_BYTES) {
		*why = "is larger than 256 MiB";
		return NULL;
	}
	text = read_file(path, len);
	if (!text)
		*why = arena_strdup(p->arena, strerror(errno));
	return text;
}

static struct ast_file *parse_one(struct program *p, struct srcfile *f)
{
	struct ast_file *af = parse_file(p->arena, p->diag, f);

	vec_push(p->arena, &p->files, af);
	return af;
}

/* Map of canonical path -> ast_file, and the files on the import stack. */
struct loader {
	struct program *p;
	struct hmap seen;
	struct hmap active;
};

static void load_imports(struct loader *l, struct ast_file *af);

/*
 * An import that could not be read: the rest of the program is still
 * checked, but a name it may have declared is not reported as unknown.
 * Said once, under the first such import.
 */
static void import_failed(struct program *p)
{
	if (!p->incomplete)
		diag_note(p->diag, NULL, "names that are not found are not "
			  "reported until this import can be read");
	p->incomplete = true;
}

static void load_import(struct loader *l, struct ast_file *from,
			struct import *im)
{
	struct program *p = l->p;
	const char *path = join_path(p->arena, from->src->dir, im->path);
	const char *why = NULL;
	char real[PATH_MAX];
	struct ast_file *af;
	size_t len;
	char *text;

	if (!p->opts->check_files) {
		diag_report(p->diag, CHK_MISSING_FILE, &im->pos,
			    "imports are not read in this mode: '%s'",
			    im->path);
		import_failed(p);
		return;
	}
	if (!realpath(path, real)) {
		diag_report(p->diag, CHK_MISSING_FILE, &im->pos,
			    "cannot import '%s': %s", path, strerror(errno));
		import_failed(p);
		return;
	}
	if (hmap_get(&l->active, real)) {
		diag_report(p->diag, CHK_CYCLE, &im->pos,
			    "import cycle: '%s' imports '%s', which is "
			    "still being loaded", from->src->path, path);
		return;
	}
	af = hmap_get(&l->seen, real);
	if (af) {
		im->file = af->src;
		return;
	}
	text = slurp(p, real, &len, &why);
	if (!text) {
		diag_report(p->diag, CHK_MISSING_FILE, &im->pos,
			    "cannot import '%s': %s", path, why);
		import_failed(p);
		return;
	}
	struct srcfile *f = new_srcfile(p, path, text, len);
	free(text);
	f->realpath = arena_strdup(p->arena, real);
	im->file = f;
	af = parse_one(p, f);
	hmap_put(&l->seen, f->realpath, af);
	load_imports(l, af);
}

static void load_imports(struct loader *l, struct ast_file *af)
{
	if (af->src->realpath)
		hmap_put(&l->active, af->src->realpath, af);
	for (size_t i = 0; i < af->imports.len; i++)
		load_import(l, af, af->imports.items[i]);
	if (af->src->realpath)
		hmap_put(&l->active, af->src->realpath, NULL);
}

/* ---- the namespace ------------------------------------------------------------- */

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
		    a_an(p->arena, decl_kind_name(old->kind)));
	if (old == p->target_key)
		diag_note(p->diag, NULL, "'target' is the built-in key that "
			  "selects the backend");
	else if (old->file && old->file->is_prelude)
		diag_note(p->diag, decl_where(old),
			  "'%s' is defined in the prelude here", old->name);
	else
		diag_note(p->diag, decl_where(old), "first defined here");
	return false;
}

/* Compare two "N(.N)*" versions numerically. */
static int version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		unsigned long x = 0, y = 0;
		while (*a >= '0' && *a <= '9' && x < 1000000000UL)
			x = x * 10 + (unsigned long)(*a++ - '0');
		while (*b >= '0' && *b <= '9' && y < 1000000000UL)
			y = y * 10 + (unsigned long)(*b++ - '0');
		if (x != y)
			return x < y ? -1 : 1;
		while (*a && *a != '.')
			a++;
		while (*b && *b != '.')
			b++;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}

static void check_require(struct program *p, struct require *r)
{
	static const char *const ops[] = {"=", "!=", "<", "<=", ">", ">="};

	if (strcmp(r->what, "mirc") != 0) {
		diag_report(p->diag, CHK_VERSION, &r->what_pos,
			    "unknown requirement '%s' (expected 'mirc')",
			    r->what);
		return;
	}
	for (size_t i = 0; i < r->ncons; i++) {
		struct constraint *c = &r->cons[i];
		int cmp = version_cmp(MIRC_VERSION, c->version);
		bool ok = c->op == VOP_EQ ? cmp == 0 : c->op == VOP_NE ? cmp != 0
			: c->op == VOP_LT ? cmp < 0 : c->op == VOP_LE ? cmp <= 0
			: c->op == VOP_GT ? cmp > 0 : cmp >= 0;
		if (!ok)
			diag_report(p->diag, CHK_VERSION, &c->pos,
				    "this program requires mirc %s %s, but this "
				    "is mirc %s", ops[c->op], c->version,
				    MIRC_VERSION);
	}
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
	for (size_t j = 0; j < af->decls.len; j++)
		if (declare(p, af->decls.items[j]))
			vec_push(p->arena, &p->decls, af->decls.items[j]);
	/* Declarations that did not parse: like a duplicate's, the uses of
	 * their names are not checked. */
	for (size_t j = 0; j < af->broken.len; j++)
		hmap_put(&p->dups, af->broken.items[j],
			 (void *)af->broken.items[j]);
	if (af->incomplete)
		p->incomplete = true;
}

bool sema_quiet_unknown(struct program *p, const char *name)
{
	return p->incomplete || hmap_get(&p->dups, name);
}

int load_program(struct program *p)
{
	const struct compile_opts *o = p->opts;
	struct loader l = {p, {0}, {0}};
	const char *why = NULL;
	char *prelude_path, *text;
	struct srcfile *f;
	size_t len;

	hmap_init(&p->names);
	hmap_init(&p->args);
	hmap_init(&p->dups);
	add_builtins(p);

	prelude_path = arena_printf(p->arena, "%s/stdlib/prelude.mir", o->home);
	text = slurp(p, prelude_path, &len, &why);
	if (!text) {
		fprintf(stderr, "mirc: cannot read the prelude '%s': %s\n",
			prelude_path, why);
		return MIRC_EENV;
	}
	f = new_srcfile(p, "<stdlib>/prelude.mir", text, len);
	free(text);
	f->dir = arena_printf(p->arena, "%s/stdlib", o->home);
	f->is_prelude = true;
	parse_one(p, f);
	/* The default_* lets, from the backends' "defaults" (backend.c). */
	const char *defaults = backend_defaults_mir(p->arena, p->backends);
	f = new_srcfile(p, "<backends>/defaults.mir", defaults,
			strlen(defaults));
	f->dir = arena_printf(p->arena, "%s/backends", o->home);
	f->is_prelude = true;
	parse_one(p, f);
	/* Each backend declares the standard devices it provides. */
	for (size_t i = 0; i < p->backends->len; i++) {
		const struct backend *b = p->backends->items[i];
		const char *path = arena_printf(p->arena, "%s/devices.mir", b->dir);
		if (access(path, F_OK) != 0)
			continue;
		text = slurp(p, path, &len, &why);
		if (!text) {
			fprintf(stderr, "mirc: cannot read '%s': %s\n", path, why);
			return MIRC_EENV;
		}
		f = new_srcfile(p, arena_printf(p->arena, "<backends>/%s/devices.mir",
						b->name), text, len);
		free(text);
		f->dir = b->dir;
		f->is_prelude = true;
		f->realpath = arena_strdup(p->arena, path);
		parse_one(p, f);
	}

	if (o->text) {
		f = new_srcfile(p, o->file, o->text, o->text_len);
	} else {
		text = slurp(p, o->file, &len, &why);
		if (!text) {
			fprintf(stderr, "mirc: cannot read '%s': %s\n", o->file,
				why);
			return MIRC_EENV;
		}
		f = new_srcfile(p, o->file, text, len);
		free(text);
	}
	char real[PATH_MAX];
	if (!o->text && realpath(o->file, real))
		f->realpath = arena_strdup(p->arena, real);
	p->root = parse_one(p, f);

	hmap_init(&l.seen);
	hmap_init(&l.active);
	if (f->realpath)
		hmap_put(&l.seen, f->realpath, p->root);
	load_imports(&l, p->root);
	hmap_free(&l.seen);
	hmap_free(&l.active);

	p->parse_failed = diag_has_errors(p->diag);
	for (size_t i = 0; i < p->files.len; i++)
		if (p->files.items[i]->req)
			check_require(p, p->files.items[i]->req);
	/* Declarations in import order: what a file imports is declared
	 * before the file itself, so "first defined" follows the text. */
	bool *done = arena_alloc(p->arena, p->files.len + 1);
	for (size_t i = 0; i < p->files.len; i++)
		if (p->files.items[i]->src->is_prelude)
			declare_file(p, p->files.items[i], done);
	declare_file(p, p->root, done);
	find_register(p);
	p->file_referenced = arena_alloc(p->arena, p->files.len * sizeof(bool));
	return MIRC_OK;
}

struct decl *sema_lookup(struct program *p, const char *name,
			 const struct srcpos *from)
{
	struct decl *d = hmap_get(&p->names, name);

	if (d && d->file && from && from->file && d->file != from->file &&
	    p->file_referenced)
		p->file_referenced[d->file->index] = true;
	return d;
}

const char *sema_suggest(struct program *p, const char *name, unsigned want)
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
		size_t dist = edit_distance(name, d->name, max);
		if (dist < best_d) {
			best_d = dist;
			best = d->name;
		}
	}
	return best;
}
