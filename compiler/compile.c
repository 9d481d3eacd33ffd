/* SPDX-License-Identifier: MIT */
/*
 * compile.c - the front end as one call, and where mirc finds its data.
 *
 * The passes run on a thread of their own with a large stack: nesting in
 * the input is bounded (SEMA_MAX_DEPTH), and the bound must be reachable
 * without overflowing the C stack, under sanitizers too.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_target.h"
#include "codegen.h"
#include "compile.h"
#include "sema.h"

#define COMPILE_STACK ((size_t)1 << 30)

void compile_init(struct compilation *c)
{
	memset(c, 0, sizeof(*c));
	arena_init(&c->arena);
	diag_init(&c->diag, &c->arena);
}

struct job {
	struct compilation *c;
	const struct compile_opts *o;
	struct program *p;
	int status;
};

static bool context_exists(struct program *p)
{
	struct stat st;
	const char *path = arena_printf(p->arena, "%s/mirc/context",
					p->root->src->dir);
	return stat(path, &st) == 0;
}

/* mirc/context is read by every command: a FIFO or a device there would
 * hang it, a directory would make no sense.  Refused by name. */
static bool context_readable(struct program *p)
{
	const char *path = arena_printf(p->arena, "%s/mirc/context",
					p->root->src->dir);
	struct stat st;

	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return true;
	fprintf(stderr, "mirc: %s is %s; refusing to read it: move it away\n",
		path, S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
	return false;
}

static void *run(void *arg)
{
	struct job *j = arg;
	struct compilation *c = j->c;
	struct program *p = j->p;
	int rc;
	bool evaluate;

	rc = load_program(p);
	if (rc != MIRC_OK) {
		j->status = rc;
		return NULL;
	}
	c->project_dir = p->root->src->dir;
	/* Every error of a run is reported (cli.md): after syntax errors or
	 * a failed import, what did parse is still checked; the loader keeps
	 * the names it could not read, so their uses stay quiet. */
	if (j->o->read_context && !context_readable(p)) {
		j->status = MIRC_EENV;
		return NULL;
	}
	check_decls(p);
	check_target_provides(p);
	check_exprs(p);
	if (diag_has_errors(p->diag)) {
		j->status = MIRC_EPROGRAM;
		return NULL;
	}
	evaluate = j->o->eval < 0 ? context_exists(p) : j->o->eval > 0;
	c->model = eval_program(p, evaluate);
	if (p->usage_error)
		j->status = MIRC_EUSAGE;
	else
		j->status = c->model ? MIRC_OK : MIRC_EPROGRAM;
	c->saved_boot_args = p->saved_boot_args;
	c->saved_keys_used = p->saved_keys_used;
	c->context_notes = p->context_notes.items;
	c->ncontext_notes = p->context_notes.len;
	if (c->model) {
		c->model->backend = backend_find(&c->backends, c->model->target);
		if (!check_target(c->model, p->diag, &c->arena)) {
			j->status = MIRC_EPROGRAM;
			c->model = NULL;
		}
	}
	if (c->model && j->o->check_boot_args) {
		bool saved = !j->o->boot_args;
		check_boot_args(p, c->model, saved ? p->saved_boot_args
				: j->o->boot_args, saved);
		if (diag_has_errors(p->diag)) {
			j->status = MIRC_EPROGRAM;
			c->model = NULL;
		}
	}
	return NULL;
}

int compile_program(struct compilation *c, const struct compile_opts *o)
{
	struct program *p = arena_alloc(&c->arena, sizeof(*p));
	struct job j = {c, o, p, MIRC_EENV};
	const char *err = NULL;
	pthread_attr_t attr;
	pthread_t t;

	if (backend_load_all(&c->arena, o->home, &c->backends, &err) != 0) {
		fprintf(stderr, "mirc: %s\n", err);
		return MIRC_EENV;
	}
	p->arena = &c->arena;
	p->diag = &c->diag;
	p->opts = o;
	p->backends = &c->backends;
	c->program = p;
	pthread_attr_init(&attr);
	if (pthread_attr_setstacksize(&attr, COMPILE_STACK) != 0 ||
	    pthread_create(&t, &attr, run, &j) != 0) {
		/* No big stack to be had: run here, the depth limit still
		 * applies. */
		run(&j);
	} else {
		pthread_join(t, NULL);
	}
	pthread_attr_destroy(&attr);
	return j.status;
}

void compile_free(struct compilation *c)
{
	struct program *p = c->program;

	if (p) {
		for (size_t i = 0; i < p->files.len; i++)
			free(p->files.items[i]->src->line_starts);
		hmap_free(&p->names);
		hmap_free(&p->args);
		hmap_free(&p->dups);
	}
	arena_free(&c->arena);
	memset(c, 0, sizeof(*c));
}

static bool has_prelude(struct arena *a, const char *dir)
{
	struct stat st;
	return stat(arena_printf(a, "%s/stdlib/prelude.mir", dir), &st) == 0;
}

const char *home_find(struct arena *a)
{
	const char *env = getenv("MIRC_HOME");
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n;

	if (env && *env)
		return arena_strdup(a, env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* In the build tree: use the sources it was built from. */
		if (realpath(MIRC_BUILD_DIR, build) &&
		    strncmp(exe, build, strlen(build)) == 0 &&
		    (exe[strlen(build)] == '\0' || exe[strlen(build)] == '/') &&
		    has_prelude(a, MIRC_SOURCE_DIR))
			return arena_strdup(a, MIRC_SOURCE_DIR);
		/* Installed: <prefix>/bin/mirc and <prefix>/share/mirc. */
		const char *inst = arena_printf(a, "%s/../%s", exe, MIRC_REL_DATADIR);
		char real[PATH_MAX];
		if (realpath(inst, real) && has_prelude(a, real))
			return arena_strdup(a, real);
	}
	return NULL;
}
