/* SPDX-License-Identifier: MIT */
/*
 * configure.c - putting generated files into a project safely, and taking
 * them away again: `mirc configure`, `clean` and the make step of `build`.
 * The directory handling (opening, ownership, temporaries, the commit)
 * is project.c's; the context's layout is context.c's.
 *
 * Rules (cli.md, mirc-configure(1), mirc-clean(1)):
 *   - every generated file carries CODEGEN_MARKER near its start; a file
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
#include "project.h"

extern char **environ;

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
static void compact_built(struct arena *a, const struct project *p)
{
	char *text = project_has_marker(p->mirc, "built")
		? fsutil_read_at(p->mirc, "built", true, NULL) : NULL;
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
	if (drop && (project_write_tmp(p->mirc, tmp, &sb) != 0 ||
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
static void remove_object(struct arena *a, const struct project *p,
			  const char *name, size_t *n)
{
	const char *dep = arena_printf(a, "%.*s.d", (int)(strlen(name) - 2), name);
	const char *both[] = {name, dep};

	for (size_t i = 0; i < 2 && p->obj >= 0; i++) {
		enum fs_kind k;
		if (fsutil_kind_at(p->obj, both[i], &k) == 0 && k == FS_REGULAR &&
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
static void remove_stale(struct arena *a, const struct project *p,
			 const struct codegen_set *g, json_t *old)
{
	json_t *digests = context_digests(old), *v;
	DIR *d = fsutil_list(p->mirc);
	struct dirent *de;
	size_t i;

	while (d && (de = readdir(d))) {
		const char *rel = arena_printf(a, "mirc/%s", de->d_name);
		bool keep = !strcmp(de->d_name, "built") || project_is_tmp_name(de->d_name);
		for (size_t j = 0; j < g->files.len && !keep; j++)
			keep = !strcmp(g->files.items[j]->path, rel);
		if (!keep && project_owner(a, p, digests, rel) == OWN_MIRC)
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
					: "impl", mi->name, mi->packages[j]);
			print_said(said);
			rc = MIRC_EENV;
		}
	}
	return rc;
}


int configure_write(struct arena *a, const struct model *m,
		    const struct codegen_opts *o, struct codegen_set *g, bool quiet)
{
	const char *proj = m->project_dir, *err = NULL;
	struct project_pending *w;
	struct project p;
	json_t *old, *digests;
	size_t nw = 0;
	int rc;

	if (check_packages(a, m) != MIRC_OK)
		return MIRC_EENV;
	if (codegen_program(g, a, m, o, true, &err) != 0) {
		fprintf(stderr, "mirc: %s\n", err);
		return MIRC_EENV;
	}
	configure_lock(proj);
	if (project_open(a, &p, proj) != MIRC_OK)
		return MIRC_EENV;
	project_sweep_tmps(&p);
	/* Refuse before writing anything. */
	old = project_saved_context(&p);
	digests = context_digests(old);
	for (size_t i = 0; i < g->files.len; i++) {
		const char *rel = g->files.items[i]->path;
		enum project_owner own = project_owner(a, &p, digests, rel);
		if (own == OWN_USER || own == OWN_SPECIAL) {
			fprintf(stderr, "mirc: refusing to overwrite '%s': %s; "
				"move it away%s\n", util_join_path(a, proj, rel),
				own == OWN_SPECIAL ? "it is not a regular file"
				: "it was not generated by mirc (no "
				  "\"Generated by mirc\" marker)",
				!strcmp(rel, "Makefile")
				? " (rules of your own go in Makefile.user)" : "");
			json_decref(old);
			project_close(&p);
			return MIRC_EENV;
		}
	}
	if (p.mirc < 0 && (p.mirc = fsutil_open_dir(p.root, "mirc", true)) < 0) {
		fprintf(stderr, "mirc: cannot create %s: %s\n",
			util_join_path(a, proj, "mirc"), strerror(errno));
		json_decref(old);
		project_close(&p);
		return MIRC_EENV;
	}
	if (p.dist < 0 && (p.dist = fsutil_open_dir(p.root, "dist", true)) < 0) {
		fprintf(stderr, "mirc: cannot create %s: %s\n",
			util_join_path(a, proj, "dist"), strerror(errno));
		json_decref(old);
		project_close(&p);
		return MIRC_EENV;
	}
	/* Every changed file to a temporary of its own directory. */
	rc = MIRC_OK;
	w = arena_alloc(a, (g->files.len + 1) * sizeof(*w));
	for (size_t i = 0; i < g->files.len && rc == MIRC_OK; i++) {
		const struct codegen_file *f = g->files.items[i];
		struct project_pending *x = &w[nw];
		project_locate(&p, f->path, &x->dir, &x->base);
		if (project_same_contents(x->dir, x->base, &f->text))
			continue;
		x->shown = util_join_path(a, proj, f->path);
		x->tmp = arena_printf(a, "%s.mirc-tmp-%ld", x->base, (long)getpid());
		x->old = arena_printf(a, "%s.old", x->tmp);
		unlinkat(x->dir, x->tmp, 0);
		if (project_write_tmp(x->dir, x->tmp, &f->text) != 0) {
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
		rc = project_commit(w, nw);
	if (rc == MIRC_OK)
		remove_stale(a, &p, g, old);
	if (rc == MIRC_OK)
		compact_built(a, &p);
	json_decref(old);
	project_close(&p);
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
static void remove_built(const struct project *p, size_t *n)
{
	char *text = project_has_marker(p->mirc, "built")
		? fsutil_read_at(p->mirc, "built", true, NULL) : NULL;
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
		    (fd = fsutil_open_read(p->dist, path + 5, true)) < 0)
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
static void rm_if_ours(struct arena *a, const struct project *p, json_t *digests,
		       const char *rel, size_t *n)
{
	const char *base;
	int dir;

	if (project_owner(a, p, digests, rel) == OWN_MIRC &&
	    project_locate(p, rel, &dir, &base) && unlinkat(dir, base, 0) == 0)
		(*n)++;
}

int configure_clean(struct arena *a, const char *proj, bool quiet)
{
	json_t *root, *digests, *v;
	struct dirent *de;
	struct project p;
	enum fs_kind k;
	size_t n = 0, i;
	DIR *d;

	configure_lock(proj);
	if (project_open(a, &p, proj) != MIRC_OK)
		return MIRC_EENV;
	if (p.mirc >= 0 && fsutil_kind_at(p.mirc, "context", &k) == 0 &&
	    k != FS_ABSENT && k != FS_REGULAR) {
		fprintf(stderr, "mirc: %s is %s; refusing to read it: move it "
			"away\n", util_join_path(a, proj, "mirc/context"),
			fsutil_kind_text(k));
		project_close(&p);
		return MIRC_EENV;
	}
	project_sweep_tmps(&p);
	root = project_saved_context(&p);
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
		if (fsutil_kind_at(p.obj, ff, &k) == 0 && k == FS_REGULAR &&
		    unlinkat(p.obj, ff, 0) == 0)
			n++;
	}
	/* Anything else marked in mirc/ (older configures, mirc/built),
	 * then the context itself, then the directories if they are
	 * empty. */
	d = fsutil_list(p.mirc);
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
	project_close(&p);
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
		printf("%s\n", util_join_path(a, proj, artifact));
	return MIRC_OK;
}
