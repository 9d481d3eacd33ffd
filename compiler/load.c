/* SPDX-License-Identifier: MIT */
/*
 * load.c - the load pass: read and parse every file of the program.
 *
 * Input: the compile options (the root file, or its text; MIRC_HOME) and
 * the installed backends.  Output: p->files in load order (the prelude,
 * each backend's devices.mir, the root file, then the imports, each file
 * once, import cycles reported), each file's syntax tree and its
 * `require mirc` checked; p->incomplete when something could not be read
 * or parsed to its end.  Names are resolved by the next pass (resolve.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse_incr.h"
#include "sema.h"

/* Larger inputs are refused rather than half-read. */
#define LOAD_MAX_BYTES ((size_t)256 * 1024 * 1024)

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
	text = util_read_file(path, len);
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

/* Parse f, through pi when the language server keeps the file's parse
 * from one compilation to the next (pi NULL: whole, as parse_one()). */
static struct ast_file *parse_kept(struct program *p, struct srcfile *f,
				   struct parse_incr *pi)
{
	struct ast_file *af = pi ? parse_incr_file(pi, p->arena, f) : NULL;
	size_t ndiags;

	if (af) {
		vec_push(p->arena, &p->files, af);
		return af;
	}
	ndiags = p->diag->list.len;
	af = parse_one(p, f);
	if (pi)
		parse_incr_parsed(pi, !af->incomplete &&
				  p->diag->list.len == ndiags);
	return af;
}

/* The prelude, the backends' defaults and devices: kept like the
 * document, by their paths. */
static void parse_prelude(struct program *p, struct srcfile *f)
{
	const struct compile_opts *o = p->opts;

	parse_kept(p, f, o->prelude_incr ?
		   o->prelude_incr(o->import_ctx, f->path) : NULL);
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
	const char *path = util_join_path(p->arena, from->src->dir, im->path);
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
	const struct compile_opts *o = p->opts;
	const char *open = o->import_text ? o->import_text(o->import_ctx, real,
							   &len) : NULL;
	text = open ? NULL : slurp(p, real, &len, &why);
	if (!open && !text) {
		diag_report(p->diag, CHK_MISSING_FILE, &im->pos,
			    "cannot import '%s': %s", path, why);
		import_failed(p);
		return;
	}
	struct srcfile *f = new_srcfile(p, path, open ? open : text, len);
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

int load_program(struct program *p)
{
	const struct compile_opts *o = p->opts;
	struct loader l = {p, {0}, {0}};
	const char *why = NULL;
	char *prelude_path, *text;
	struct srcfile *f;
	size_t len;

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
	parse_prelude(p, f);
	/* The default_* lets, from the backends' "defaults" (backend.c). */
	const char *defaults = backend_defaults_mir(p->arena, p->backends);
	f = new_srcfile(p, "<backends>/defaults.mir", defaults,
			strlen(defaults));
	f->dir = arena_printf(p->arena, "%s/backends", o->home);
	f->is_prelude = true;
	parse_prelude(p, f);
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
		parse_prelude(p, f);
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
	/* The language server's document: only what changed is parsed. */
	p->root = parse_kept(p, f, o->root_incr);

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
	return MIRC_OK;
}
