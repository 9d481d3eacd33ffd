/* SPDX-License-Identifier: MIT */
/*
 * compile.c - the driver: the passes in order (run_passes, the list to
 * read first; compiler/README.md describes each), and where mirc finds
 * its data.
 *
 * Input: the compile options.  Output: the model the emitters work from
 * (struct compilation's model), or diagnostics and an exit status.
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
#include "context.h"
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

/*
 * The driver: the passes in order.  Each reads what the ones before it
 * left in the program (sema.h) or the model (model.h); a pass that
 * reported errors ends the run with MIRC_EPROGRAM, except that every
 * check before evaluation runs (cli.md: every error of a run is
 * reported).  The emitters run after it, per command (main.c).
 */
static int run_passes(struct compilation *c, const struct compile_opts *o,
		      struct program *p)
{
	struct model *m;
	bool evaluate;
	int rc;

	/* load.c: the prelude, the backends' devices, the root file and
	 * every import, parsed. */
	rc = load_program(p);
	if (rc != MIRC_OK)
		return rc;
	resolve_program(p);	/* resolve.c */
	c->project_dir = p->root->src->dir;
	if (o->read_context && !context_readable(p->arena, c->project_dir))
		return MIRC_EENV;
	/* After syntax errors or a failed import, what did parse is still
	 * checked; the loader keeps the names it could not read, so their
	 * uses stay quiet. */
	check_decls(p);		/* check_decl.c */
	check_target_provides(p);	/* check_target.c: where impls exist */
	check_exprs(p);		/* check_expr.c */
	check_usage(p);		/* check_usage.c */
	if (diag_has_errors(p->diag))
		return MIRC_EPROGRAM;

	m = arena_alloc(p->arena, sizeof(*m));
	rc = keys_resolve(p, m);	/* keys.c */
	c->saved_boot_args = p->saved_boot_args;
	c->saved_keys_used = p->saved_keys_used;
	c->context_notes = p->context_notes.items;
	c->ncontext_notes = p->context_notes.len;
	if (rc != MIRC_OK)
		return rc;
	if (diag_has_errors(p->diag))
		return MIRC_EPROGRAM;
	evaluate = o->eval < 0 ? context_exists(p->arena, c->project_dir)
			       : o->eval > 0;
	if (!eval_graph(p, m, evaluate) ||	/* eval.c */
	    !order_graph(p, m))			/* order.c */
		return MIRC_EPROGRAM;
	/* check_target.c: what the target accepts (key limits, the Solo5
	 * manifest's device names). */
	m->backend = backend_find(&c->backends, m->target);
	if (!check_target(m, p->diag, &c->arena) ||
	    !lower_program(p, m))		/* lower.c */
		return MIRC_EPROGRAM;
	if (o->check_boot_args) {	/* check_boot.c */
		bool saved = !o->boot_args;
		check_boot_args(p, m, saved ? p->saved_boot_args
				: o->boot_args, saved);
		if (diag_has_errors(p->diag))
			return MIRC_EPROGRAM;
	}
	c->model = m;
	return MIRC_OK;
}

static void *run(void *arg)
{
	struct job *j = arg;

	j->status = run_passes(j->c, j->o, j->p);
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

const char *compile_home_find(struct arena *a)
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
