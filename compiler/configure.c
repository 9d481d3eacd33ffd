/* SPDX-License-Identifier: MIT */
/*
 * configure.c - putting generated files into a project safely, and taking
 * them away again: `mirc configure`, `clean` and the make step of `build`.
 *
 * Rules (cli.md, mirc-configure(1), mirc-clean(1)):
 *   - every generated file carries GEN_MARKER near its start; a file
 *     without it is never overwritten or deleted;
 *   - mirc writes, replaces and deletes only inside the project directory:
 *     mirc/, mirc/obj/ and dist/ must be real directories there, never
 *     symbolic links, and only regular files are read or replaced (a FIFO
 *     would hang us, a link would lead elsewhere);
 *   - configure, clean and build hold a lock on the project directory
 *     (flock(2) on the directory itself), so two of them never mix;
 *   - a configure that fails leaves the previous files as they were: all
 *     files are written to temporaries first, then renamed, and when a
 *     rename fails the ones done are put back (the replaced files are
 *     kept as hard links until every rename succeeded);
 *   - temporaries are named NAME.mirc-tmp-PID[.old]; any such file found
 *     under the lock belongs to a mirc that died, and is removed;
 *   - files whose contents did not change are not rewritten, so make
 *     rebuilds only what changed;
 *   - clean removes the objects the context lists and the artefacts that
 *     mirc/built (appended by the generated Makefile's link step) records
 *     with a checksum that still matches: nothing it did not make.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "codegen.h"
#include "configure.h"
#include "context.h"
#include "fsutil.h"

extern char **environ;

struct genfile *gen_add(struct arena *a, struct genset *g, const char *path)
{
	struct genfile *f = arena_alloc(a, sizeof(*f));

	f->path = path;
	sb_init(&f->text);
	vec_push(a, &g->files, f);
	return f;
}

void gen_put_json(struct genfile *f, json_t *root)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (s) {
		sb_puts(&f->text, s);
		sb_putc(&f->text, '\n');
		free(s);
	}
	json_decref(root);
}

void gen_free(struct genset *g)
{
	for (size_t i = 0; i < g->files.len; i++)
		sb_free(&g->files.items[i]->text);
	g->files.len = 0;
}

int codegen_program(struct genset *g, struct arena *a, const struct model *m,
		    const struct gen_opts *o, const char **err)
{
	emit_mirc_h(gen_add(a, g, "mirc/mirc.h"), a, m);
	emit_main_c(gen_add(a, g, "mirc/main.c"), a, m, o);
	if (emit_embeds(g, a, m, err) != 0)
		return -1;
	if (emit_target_files(g, a, m, err) != 0)
		return -1;
	emit_makefile(g, a, m);
	emit_compile_commands(g, a, m);
	return 0;
}

/* ---- the project directory ------------------------------------------------------- */

const char *configure_project_dir(struct arena *a, const char *file)
{
	const char *slash = strrchr(file, '/');

	if (!slash)
		return ".";
	return arena_strndup(a, file, slash == file ? 1 : (size_t)(slash - file));
}

/* Held until mirc exits: the descriptor closes with the process, so a
 * mirc killed by a signal never leaves the project locked. */
static int lock_fd = -1;

void configure_lock(const char *proj)
{
	int fd;

	if (lock_fd >= 0)
		return;		/* one project per run */
	fd = open(proj, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;		/* nothing to protect; the writer will say */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
		fprintf(stderr, "mirc: waiting for another mirc working in "
			"%s (it holds the lock on the directory)\n", proj);
		while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
			;
	}
	/* A file system without flock (errors other than EWOULDBLOCK)
	 * still gets the all-or-nothing commit; only the lock is lost. */
	lock_fd = fd;
}

struct proj {
	const char *path;	/* as the user spelt it, for messages */
	int root;		/* the project directory */
	int mirc;		/* mirc/, or -1 while absent */
	int obj;		/* mirc/obj/, or -1 */
	int dist;		/* dist/, or -1 */
};

static void proj_close(struct proj *p)
{
	if (p->obj >= 0)
		close(p->obj);
	if (p->dist >= 0)
		close(p->dist);
	if (p->mirc >= 0)
		close(p->mirc);
	if (p->root >= 0)
		close(p->root);
	p->root = p->mirc = p->obj = p->dist = -1;
}

/* Open directory `name` of `parent` (shown as `rel`) if it is there: a
 * link or a file where mirc keeps a directory is an error naming it. */
static int open_own_dir(struct arena *a, const struct proj *p, int parent,
			const char *name, const char *rel, int *fd)
{
	enum fs_kind k;

	*fd = -1;
	if (parent < 0)
		return MIRC_OK;
	if (fs_kind_at(parent, name, &k) != 0 || (k != FS_ABSENT && k != FS_DIR)) {
		fprintf(stderr, "mirc: %s is %s, where mirc keeps a directory "
			"of its own; mirc writes only inside the project "
			"directory and never through a link: remove it\n",
			join_path(a, p->path, rel), fs_kind_text(k));
		return MIRC_EENV;
	}
	if (k == FS_ABSENT)
		return MIRC_OK;
	*fd = fs_open_dir(parent, name, false);
	if (*fd < 0) {
		fprintf(stderr, "mirc: cannot open %s: %s\n",
			join_path(a, p->path, rel), strerror(errno));
		return MIRC_EENV;
	}
	return MIRC_OK;
}

/* Open the project and the directories mirc and its Makefile write in,
 * each a real directory of the project or absent. */
static int proj_open(struct arena *a, struct proj *p, const char *path)
{
	p->path = path;
	p->mirc = p->obj = p->dist = -1;
	p->root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (p->root < 0) {
		fprintf(stderr, "mirc: cannot open the project directory %s: "
			"%s\n", path, strerror(errno));
		return MIRC_EENV;
	}
	if (open_own_dir(a, p, p->root, "mirc", "mirc", &p->mirc) != MIRC_OK ||
	    open_own_dir(a, p, p->mirc, "obj", "mirc/obj", &p->obj) != MIRC_OK ||
	    open_own_dir(a, p, p->root, "dist", "dist", &p->dist) != MIRC_OK) {
		proj_close(p);
		return MIRC_EENV;
	}
	return MIRC_OK;
}

/* The directory and name of `rel`, a path mirc writes: "NAME" or
 * "mirc/NAME".  False for anything else (a context edited by hand). */
static bool locate(const struct proj *p, const char *rel, int *dir,
		   const char **base)
{
	const char *b = rel;

	*dir = p->root;
	if (!strncmp(rel, "mirc/", 5)) {
		b = rel + 5;
		*dir = p->mirc;
	}
	*base = b;
	return *b && !strchr(b, '/') && strcmp(b, ".") && strcmp(b, "..");
}

/* ---- whose file is it ------------------------------------------------------------ */

/* Does regular file `name` carry the marker (in its first 512 bytes)? */
static bool has_marker(int dir, const char *name)
{
	char buf[513];
	ssize_t n;
	int fd = dir < 0 ? -1 : fs_open_read(dir, name, true);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* The version may differ: any mirc's marker counts. */
	return strstr(buf, "Generated by mirc ") != NULL;
}

/* The last configure's mirc/context, if it is a marked regular file. */
static json_t *saved_context(const struct proj *p)
{
	json_t *root;
	size_t len;
	char *text;

	if (!has_marker(p->mirc, "context") ||
	    !(text = fs_read_at(p->mirc, "context", true, &len)))
		return NULL;
	root = context_parse(text, len);
	free(text);
	return root;
}

enum owner { OWN_ABSENT, OWN_MIRC, OWN_USER, OWN_SPECIAL };

/* Whose is the file `rel` of the project?  mirc's when the marker says
 * so, or, for the formats that cannot carry it, the saved digest; not a
 * regular file: nobody's to touch. */
static enum owner owner_of(struct arena *a, const struct proj *p,
			   json_t *digests, const char *rel)
{
	const char *want = json_string_value(json_object_get(digests, rel));
	const char *base;
	enum fs_kind k;
	enum owner o;
	size_t len;
	char *text;
	int dir;

	if (!locate(p, rel, &dir, &base) || dir < 0)
		return OWN_ABSENT;
	if (fs_kind_at(dir, base, &k) != 0)
		return OWN_SPECIAL;
	if (k == FS_ABSENT)
		return OWN_ABSENT;
	if (k != FS_REGULAR)
		return OWN_SPECIAL;
	if (has_marker(dir, base))
		return OWN_MIRC;
	if (!want || !(text = fs_read_at(dir, base, true, &len)))
		return OWN_USER;
	o = !strcmp(want, context_digest(a, text, len)) ? OWN_MIRC : OWN_USER;
	free(text);
	return o;
}

static bool same_contents(int dir, const char *name, const struct strbuf *sb)
{
	size_t len;
	char *old = dir < 0 ? NULL : fs_read_at(dir, name, true, &len);
	bool same = old && len == sb->len && !memcmp(old, sb->buf, len);

	free(old);
	return same;
}

/* ---- temporaries ----------------------------------------------------------------- */

/* NAME.mirc-tmp-PID and NAME.mirc-tmp-PID.old: mirc's, and only mirc's. */
static bool is_tmp_name(const char *name)
{
	const char *t = strstr(name, ".mirc-tmp-");

	return t && t[10] >= '0' && t[10] <= '9';
}

/* Remove the temporaries a mirc killed while writing left in `dir`.
 * Under the lock no other mirc is writing, so every one is stale. */
static void sweep_dir(int dir)
{
	DIR *d = dir < 0 ? NULL : fs_list(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		enum fs_kind k;
		if (is_tmp_name(de->d_name) &&
		    fs_kind_at(dir, de->d_name, &k) == 0 && k == FS_REGULAR)
			unlinkat(dir, de->d_name, 0);
	}
	if (d)
		closedir(d);
}

static void sweep_tmps(const struct proj *p)
{
	sweep_dir(p->root);
	sweep_dir(p->mirc);
	sweep_dir(p->obj);
	sweep_dir(p->dist);
}

static int write_tmp(int dir, const char *tmp, const struct strbuf *sb)
{
	int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			O_CLOEXEC, 0644);
	size_t off = 0;

	if (fd < 0)
		return -1;
	while (off < sb->len) {
		ssize_t n = write(fd, sb->buf + off, sb->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;
			close(fd);
			errno = e;
			return -1;
		}
		off += (size_t)n;
	}
	return close(fd);
}

/* ---- the commit ------------------------------------------------------------------ */

/* A file to put in place: its temporary, and the previous file kept
 * under another name until every file is in place. */
struct pending {
	const char *shown;	/* for messages */
	int dir;
	const char *base, *tmp, *old;
	bool linked;		/* old is a hard link to the previous file */
	bool moved;		/* old is the previous file, moved aside */
	bool renamed;		/* tmp is in place */
};

/* Keep the file x replaces as x->old: a hard link, so that the file is
 * never missing; moved aside where the file system has no links. */
static int keep_old(struct pending *x)
{
	if (linkat(x->dir, x->base, x->dir, x->old, 0) == 0) {
		x->linked = true;
		return 0;
	}
	if (errno == ENOENT)
		return 0;	/* a new file: nothing to keep */
	if (renameat(x->dir, x->base, x->dir, x->old) == 0) {
		x->moved = true;
		return 0;
	}
	return errno == ENOENT ? 0 : -1;
}

/* Undo x: the previous file back in place (or none, for a new file), the
 * temporary gone. */
static void undo(struct pending *x)
{
	if (x->renamed && (x->linked || x->moved)) {
		if (renameat(x->dir, x->old, x->dir, x->base) != 0)
			fprintf(stderr, "mirc: cannot put back the previous "
				"%s (kept as %s next to it): %s\n",
				x->shown, x->old, strerror(errno));
		return;
	}
	if (x->renamed) {
		unlinkat(x->dir, x->base, 0);
		return;
	}
	unlinkat(x->dir, x->tmp, 0);
	if (x->linked)
		unlinkat(x->dir, x->old, 0);
	else if (x->moved)
		renameat(x->dir, x->old, x->dir, x->base);
}

/* Rename every temporary over its file, all or nothing: when one step
 * fails, the files already renamed are put back as they were. */
static int commit(struct pending *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (keep_old(&w[i]) != 0 ||
		    renameat(w[i].dir, w[i].tmp, w[i].dir, w[i].base) != 0) {
			fprintf(stderr, "mirc: cannot write %s: %s\n",
				w[i].shown, strerror(errno));
			break;
		}
		w[i].renamed = true;
	}
	if (i < n) {
		for (size_t j = n; j-- > 0;)
			undo(&w[j]);
		return MIRC_EENV;
	}
	for (i = 0; i < n; i++)
		if (w[i].linked || w[i].moved)
			unlinkat(w[i].dir, w[i].old, 0);
	return MIRC_OK;
}

/* ---- mirc/built, what make built ------------------------------------------------- */

/* The "dist/NAME" of a line of mirc/built ("CRC SIZE dist/NAME", as
 * cksum(1) prints it), with CRC and SIZE; NULL for the comment or for
 * anything that is not such a line. */
static const char *built_entry(const char *line, unsigned long *crc,
			       unsigned long long *size)
{
	const char *name;
	char *e;

	if (*line < '0' || *line > '9')
		return NULL;
	*crc = strtoul(line, &e, 10);
	if (*e != ' ' || e[1] < '0' || e[1] > '9')
		return NULL;
	*size = strtoull(e + 1, &e, 10);
	if (*e != ' ' || strncmp(e + 1, "dist/", 5))
		return NULL;
	name = e + 6;
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return NULL;
	return e + 1;
}

/* The checksum of POSIX cksum(1) (CRC-32, polynomial 0x04c11db7, most
 * significant bit first, the length appended), the one the Makefile
 * records in mirc/built: computed here so that clean needs no tool. */
static int posix_cksum(int fd, uint32_t *crc, unsigned long long *size)
{
	static uint32_t table[256];
	unsigned char buf[65536];
	unsigned long long len = 0;
	uint32_t c = 0;
	ssize_t n;

	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t t = i << 24;
			for (int k = 0; k < 8; k++)
				t = t & 0x80000000u ? (t << 1) ^ 0x04c11db7u : t << 1;
			table[i] = t;
		}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		for (ssize_t i = 0; i < n; i++)
			c = (c << 8) ^ table[(c >> 24) ^ buf[i]];
		len += (unsigned long long)n;
	}
	for (unsigned long long l = len; l; l >>= 8)
		c = (c << 8) ^ table[(c >> 24) ^ (l & 0xff)];
	*crc = ~c;
	*size = len;
	return 0;
}

/* The link step replaces its artefact's line of mirc/built; a file that
 * has several lines for one artefact anyway (an older Makefile's, or one
 * written by hand) keeps only the last, rewritten only when there is a
 * line to drop, so that an unchanged project stays unchanged. */
static void compact_built(struct arena *a, const struct proj *p)
{
	char *text = has_marker(p->mirc, "built")
		? fs_read_at(p->mirc, "built", true, NULL) : NULL;
	VEC(char *) lines = {0};
	struct strbuf sb;
	unsigned long long sz;
	unsigned long crc;
	const char *tmp;
	bool drop = false;

	for (char *l = text, *next; l && *l; l = next) {
		next = strchr(l, '\n');
		next = next ? (*next = '\0', next + 1) : l + strlen(l);
		vec_push(a, &lines, l);
	}
	sb_init(&sb);
	for (size_t i = 0; i < lines.len; i++) {
		const char *path = built_entry(lines.items[i], &crc, &sz);
		bool later = false;
		for (size_t j = i + 1; path && j < lines.len && !later; j++) {
			const char *q = built_entry(lines.items[j], &crc, &sz);
			later = q && !strcmp(q, path);
		}
		if (later)
			drop = true;
		else
			sb_printf(&sb, "%s\n", lines.items[i]);
	}
	tmp = arena_printf(a, "built.mirc-tmp-%ld", (long)getpid());
	if (drop && (write_tmp(p->mirc, tmp, &sb) != 0 ||
		     renameat(p->mirc, tmp, p->mirc, "built") != 0))
		unlinkat(p->mirc, tmp, 0);
	sb_free(&sb);
	free(text);
}

/* ---- configure ------------------------------------------------------------------- */

/* "mirc/obj/NAME.o" of a context: NAME.o, or NULL when it is anything
 * else (a context edited by hand must not lead clean astray). */
static const char *object_name(const char *rel)
{
	const char *b = rel && !strncmp(rel, "mirc/obj/", 9) ? rel + 9 : NULL;
	size_t n = b ? strlen(b) : 0;

	if (n < 3 || strchr(b, '/') || strcmp(b + n - 2, ".o") || b[0] == '.')
		return NULL;
	return b;
}

/* Remove object NAME.o of mirc/obj and its dependency file NAME.d. */
static void remove_object(struct arena *a, const struct proj *p,
			  const char *name, size_t *n)
{
	const char *dep = arena_printf(a, "%.*s.d", (int)(strlen(name) - 2), name);
	const char *both[] = {name, dep};

	for (size_t i = 0; i < 2 && p->obj >= 0; i++) {
		enum fs_kind k;
		if (fs_kind_at(p->obj, both[i], &k) == 0 && k == FS_REGULAR &&
		    unlinkat(p->obj, both[i], 0) == 0 && n)
			(*n)++;
	}
}

static bool listed(const char *const *v, size_t len, const char *s)
{
	for (size_t i = 0; i < len; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

/* Generated files in mirc/ and objects in mirc/obj/ that this configure
 * no longer makes (`old` is the previous context). */
static void remove_stale(struct arena *a, const struct proj *p,
			 const struct genset *g, json_t *old)
{
	json_t *digests = context_digests(old), *v;
	DIR *d = fs_list(p->mirc);
	struct dirent *de;
	size_t i;

	while (d && (de = readdir(d))) {
		const char *rel = arena_printf(a, "mirc/%s", de->d_name);
		bool keep = !strcmp(de->d_name, "built") || is_tmp_name(de->d_name);
		for (size_t j = 0; j < g->files.len && !keep; j++)
			keep = !strcmp(g->files.items[j]->path, rel);
		if (!keep && owner_of(a, p, digests, rel) == OWN_MIRC)
			unlinkat(p->mirc, de->d_name, 0);
	}
	if (d)
		closedir(d);
	json_array_foreach(context_objects(old), i, v) {
		const char *name = object_name(json_string_value(v));
		if (name && !listed(g->objects.items, g->objects.len,
				    json_string_value(v)))
			remove_object(a, p, name, NULL);
	}
}

#define PKG_OUTPUT_MAX 4096

/*
 * Is pkg-config module constraint `c` ("libfoo >= 1.2") installed?  1 yes,
 * 0 no, -errno when pkg-config cannot be run.  What pkg-config prints
 * (why not) is captured into *said, not let through: mirc's own message
 * comes first and quotes it.
 */
static int package_ok(struct arena *a, const char *c, const char **said)
{
	char *argv[] = {(char *)"pkg-config", (char *)"--exists",
			(char *)"--print-errors", arena_strdup(a, c), NULL};
	posix_spawn_file_actions_t fa;
	char buf[PKG_OUTPUT_MAX + 1];
	size_t len = 0;
	int fds[2], st, err;
	pid_t pid;
	ssize_t n;

	*said = NULL;
	fflush(stdout);
	if (pipe(fds) != 0)
		return -errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	err = posix_spawnp(&pid, "pkg-config", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (err != 0) {
		close(fds[0]);
		return -err;
	}
	/* Read to the end so pkg-config never blocks; keep the start. */
	for (;;) {
		char sink[512];
		size_t room = PKG_OUTPUT_MAX - len;
		n = read(fds[0], room ? buf + len : sink, room ? room
							  : sizeof sink);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (room)
			len += (size_t)n;
	}
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	buf[len] = '\0';
	*said = arena_strdup(a, buf);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* pkg-config's own words, each line as a note under mirc's message. */
static void print_said(const char *said)
{
	while (said && *said) {
		const char *nl = strchr(said, '\n');
		int n = nl ? (int)(nl - said) : (int)strlen(said);
		if (n)
			fprintf(stderr, "mirc: note: pkg-config: %.*s\n", n, said);
		said += n + (nl != NULL);
	}
}

/* The `packages` of the impls in the graph, with their version
 * constraints, must be there before anything is written. */
static int check_packages(struct arena *a, const struct model *m)
{
	int rc = MIRC_OK;

	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		for (size_t j = 0; j < mi->npackages; j++) {
			const char *said;
			int ok = package_ok(a, mi->packages[j], &said);
			if (ok == 1)
				continue;
			if (ok < 0)
				fprintf(stderr, "mirc: cannot run pkg-config to "
					"check '%s': %s\n", mi->packages[j],
					strerror(-ok));
			else
				fprintf(stderr, "mirc: package '%s', needed by "
					"%s '%s', is not installed in a version "
					"that fits (pkg-config --exists '%s' "
					"fails)\n",
					mi->packages[j], mi->is_job ? "job"
					: "impl", mi->decl->name, mi->packages[j]);
			print_said(said);
			rc = MIRC_EENV;
		}
	}
	return rc;
}


int configure_write(struct arena *a, const struct model *m,
		    const struct gen_opts *o, struct genset *g, bool quiet)
{
	const char *proj = m->project_dir, *err = NULL;
	struct pending *w;
	struct proj p;
	json_t *old, *digests;
	size_t nw = 0;
	int rc;

	if (check_packages(a, m) != MIRC_OK)
		return MIRC_EENV;
	if (codegen_program(g, a, m, o, &err) != 0) {
		fprintf(stderr, "mirc: %s\n", err);
		return MIRC_EENV;
	}
	context_write(g, a, m, o);
	configure_lock(proj);
	if (proj_open(a, &p, proj) != MIRC_OK)
		return MIRC_EENV;
	sweep_tmps(&p);
	/* Refuse before writing anything. */
	old = saved_context(&p);
	digests = context_digests(old);
	for (size_t i = 0; i < g->files.len; i++) {
		const char *rel = g->files.items[i]->path;
		enum owner own = owner_of(a, &p, digests, rel);
		if (own == OWN_USER || own == OWN_SPECIAL) {
			fprintf(stderr, "mirc: refusing to overwrite '%s': %s; "
				"move it away%s\n", join_path(a, proj, rel),
				own == OWN_SPECIAL ? "it is not a regular file"
				: "it was not generated by mirc (no "
				  "\"Generated by mirc\" marker)",
				!strcmp(rel, "Makefile")
				? " (rules of your own go in Makefile.user)" : "");
			json_decref(old);
			proj_close(&p);
			return MIRC_EENV;
		}
	}
	if (p.mirc < 0 && (p.mirc = fs_open_dir(p.root, "mirc", true)) < 0) {
		fprintf(stderr, "mirc: cannot create %s: %s\n",
			join_path(a, proj, "mirc"), strerror(errno));
		json_decref(old);
		proj_close(&p);
		return MIRC_EENV;
	}
	/* Every changed file to a temporary of its own directory. */
	rc = MIRC_OK;
	w = arena_alloc(a, (g->files.len + 1) * sizeof(*w));
	for (size_t i = 0; i < g->files.len && rc == MIRC_OK; i++) {
		const struct genfile *f = g->files.items[i];
		struct pending *x = &w[nw];
		locate(&p, f->path, &x->dir, &x->base);
		if (same_contents(x->dir, x->base, &f->text))
			continue;
		x->shown = join_path(a, proj, f->path);
		x->tmp = arena_printf(a, "%s.mirc-tmp-%ld", x->base, (long)getpid());
		x->old = arena_printf(a, "%s.old", x->tmp);
		unlinkat(x->dir, x->tmp, 0);
		if (write_tmp(x->dir, x->tmp, &f->text) != 0) {
			fprintf(stderr, "mirc: cannot write %s: %s\n", x->shown,
				strerror(errno));
			unlinkat(x->dir, x->tmp, 0);
			rc = MIRC_EENV;
			break;
		}
		nw++;
	}
	if (rc != MIRC_OK)
		for (size_t i = 0; i < nw; i++)
			unlinkat(w[i].dir, w[i].tmp, 0);
	else
		rc = commit(w, nw);
	if (rc == MIRC_OK)
		remove_stale(a, &p, g, old);
	if (rc == MIRC_OK)
		compact_built(a, &p);
	json_decref(old);
	proj_close(&p);
	if (rc == MIRC_OK && !quiet)
		fprintf(stderr, "mirc: configured %s for %s (%zu file%s "
			"written)\n", m->name, m->target, nw, nw == 1 ? "" : "s");
	return rc;
}

/* ---- clean ----------------------------------------------------------------------- */

/* Remove the artefacts mirc/built records ("CRC SIZE dist/NAME", one line
 * per link, appended by the generated Makefile), each only while its
 * checksum still matches: a file in dist/ that make did not build, or
 * that was replaced since, stays.  Artefacts of earlier targets too. */
static void remove_built(const struct proj *p, size_t *n)
{
	char *text = has_marker(p->mirc, "built")
		? fs_read_at(p->mirc, "built", true, NULL) : NULL;
	char *line, *next;

	for (line = text; line && *line; line = next) {
		unsigned long long size, have_size;
		unsigned long crc;
		const char *path;
		uint32_t have;
		int fd;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		path = built_entry(line, &crc, &size);
		if (!path || p->dist < 0 ||
		    (fd = fs_open_read(p->dist, path + 5, true)) < 0)
			continue;
		if (posix_cksum(fd, &have, &have_size) == 0 && have == crc &&
		    have_size == size && unlinkat(p->dist, path + 5, 0) == 0)
			(*n)++;
		close(fd);
	}
	free(text);
}

/* Files without the marker (or digest) are the user's: left alone,
 * silently. */
static void rm_if_ours(struct arena *a, const struct proj *p, json_t *digests,
		       const char *rel, size_t *n)
{
	const char *base;
	int dir;

	if (owner_of(a, p, digests, rel) == OWN_MIRC &&
	    locate(p, rel, &dir, &base) && unlinkat(dir, base, 0) == 0)
		(*n)++;
}

int configure_clean(struct arena *a, const char *proj, bool quiet)
{
	json_t *root, *digests, *v;
	struct dirent *de;
	struct proj p;
	enum fs_kind k;
	size_t n = 0, i;
	DIR *d;

	configure_lock(proj);
	if (proj_open(a, &p, proj) != MIRC_OK)
		return MIRC_EENV;
	if (p.mirc >= 0 && fs_kind_at(p.mirc, "context", &k) == 0 &&
	    k != FS_ABSENT && k != FS_REGULAR) {
		fprintf(stderr, "mirc: %s is %s; refusing to read it: move it "
			"away\n", join_path(a, proj, "mirc/context"),
			fs_kind_text(k));
		proj_close(&p);
		return MIRC_EENV;
	}
	sweep_tmps(&p);
	root = saved_context(&p);
	digests = context_digests(root);
	/* Build products first: they cannot carry a marker themselves. */
	remove_built(&p, &n);
	json_array_foreach(context_objects(root), i, v) {
		const char *name = object_name(json_string_value(v));
		if (name)
			remove_object(a, &p, name, &n);
	}
	if (root) {
		json_array_foreach(context_outputs(root), i, v) {
			const char *rel = json_string_value(v);
			if (rel && strcmp(rel, "mirc/context"))
				rm_if_ours(a, &p, digests, rel, &n);
		}
	} else {
		rm_if_ours(a, &p, digests, "Makefile", &n);
	}
	/* The flags files our Makefile writes beside the objects. */
	for (i = 0; i < 2 && p.obj >= 0; i++) {
		const char *ff = i ? "link.flags" : "compile.flags";
		if (fs_kind_at(p.obj, ff, &k) == 0 && k == FS_REGULAR &&
		    unlinkat(p.obj, ff, 0) == 0)
			n++;
	}
	/* Anything else marked in mirc/ (older configures, mirc/built),
	 * then the context itself, then the directories if they are
	 * empty. */
	d = fs_list(p.mirc);
	while (d && (de = readdir(d))) {
		const char *rel = arena_printf(a, "mirc/%s", de->d_name);
		if (strcmp(de->d_name, "context"))
			rm_if_ours(a, &p, digests, rel, &n);
	}
	if (d)
		closedir(d);
	rm_if_ours(a, &p, digests, "mirc/context", &n);
	json_decref(root);
	if (p.mirc >= 0)
		unlinkat(p.mirc, "obj", AT_REMOVEDIR);
	unlinkat(p.root, "mirc", AT_REMOVEDIR);
	unlinkat(p.root, "dist", AT_REMOVEDIR);
	proj_close(&p);
	if (!quiet)
		fprintf(stderr, "mirc: removed %zu file%s\n", n, n == 1 ? "" : "s");
	return MIRC_OK;
}

/* ---- build ------------------------------------------------------------------------ */

/* make -jN with N the CPUs online (the Makefile is safe for it); not
 * under a make that shares its job slots with us already. */
static const char *jobs_option(struct arena *a)
{
	const char *mf = getenv("MAKEFLAGS");
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (mf && strstr(mf, "jobserver"))
		return NULL;
	return arena_printf(a, "-j%ld", n > 0 ? n : 1);
}

/* Run after configure_write, in the same process: the lock is still
 * held, and mirc/obj and dist were checked not to lead elsewhere. */
int configure_make(struct arena *a, const char *proj, const char *artifact,
		   bool print_path)
{
	char *argv[] = {(char *)"make", (char *)"-C", (char *)proj,
			(char *)"--no-print-directory",
			(char *)jobs_option(a), NULL};
	pid_t pid;
	int st;

	posix_spawn_file_actions_t fa;
	int err;

	/* make's chatter goes to stderr: stdout carries only the path. */
	fflush(stdout);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, 2, 1);
	err = posix_spawnp(&pid, "make", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err != 0) {
		fprintf(stderr, "mirc: cannot run make: %s\n", strerror(err));
		return MIRC_EENV;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return MIRC_EENV;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "mirc: the build failed\n");
		return MIRC_EENV;
	}
	if (print_path)
		printf("%s\n", join_path(a, proj, artifact));
	return MIRC_OK;
}
