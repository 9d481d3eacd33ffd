/* SPDX-License-Identifier: MIT */
/*
 * run.c - `mirc run [-- ARGS]`: build the configured program, then run it
 * the way the Makefile's run rule does (on the host, or under the
 * target's emulator: the backend's run.command), and hand back the
 * program's own exit status.  `make run` cannot: make reports a failing
 * command as its own status 2.
 *
 * The command is the backend's, with the placeholders of emit_make.c
 * (@ARTIFACT@, @BACKEND@..., @HOME@..., @RUNFLAGS@, @CMDLINE@) filled
 * with real paths and words instead of make variables.  Boot arguments
 * reach an argv target as they are, one argument each, and a command-line
 * target (qemu -append) as one string, each word single-quoted for the
 * runtime's parser.  Emulator options come from the environment's
 * RUNFLAGS, as make takes them, split at blanks; a network device's
 * qemu backend from HOSTFWD and TAP (mirc-targets(7)).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend.h"
#include "compile.h"
#include "configure.h"
#include "run.h"

typedef VEC(const char *) wordvec;

/* The words of `s` separated by blanks, as make splits $(RUNFLAGS). */
static void push_split(struct arena *a, wordvec *v, const char *s)
{
	while (s && *s) {
		size_t n;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		n = strcspn(s, " \t\n");
		if (n)
			vec_push(a, v, arena_strndup(a, s, n));
		s += n;
	}
}

/* qemu's -netdev backend for network device `name`, from the
 * environment's HOSTFWD and TAP as the Makefile's MIRC_NETDEV. */
static void put_netdev(struct strbuf *sb, const char *name, bool first)
{
	const char *tap = getenv("TAP"), *fwd = getenv("HOSTFWD");

	if (!first) {	/* HOSTFWD and TAP are the first network's */
		sb_printf(sb, "user,id=%s,restrict=on", name);
		return;
	}
	if (tap && *tap) {
		sb_printf(sb, "tap,id=%s,ifname=%s,script=no,downscript=no",
			  name, tap);
		return;
	}
	sb_printf(sb, "user,id=%s,restrict=on", name);
	while (fwd && *fwd) {
		size_t n = strcspn(fwd, ",");
		sb_puts(sb, ",hostfwd=");
		sb_putn(sb, fwd, n);
		fwd += n + (fwd[n] == ',');
	}
}

/* The emulator options that attach the manifest's devices (as the
 * Makefile's put_device_options, @NETDEV@ by put_netdev()), then
 * RUNFLAGS. */
static void push_emulator_options(struct arena *a, wordvec *v,
				  const struct model *m)
{
	const struct backend *b = m->backend;
	bool has[2] = { false, false };

	for (size_t i = 0; i < m->nsolo5; i++) {
		int k = !strcmp(m->solo5[i].type, "NET_BASIC");
		has[k] = true;
		for (size_t j = 0; j < b->ndev_opts[k]; j++) {
			struct strbuf sb;
			sb_init(&sb);
			backend_expand_device_word(&sb, b->dev_opts[k][j],
						   m->solo5[i].name, i == 0,
						   put_netdev);
			vec_push(a, v, arena_strdup(a, sb.buf ? sb.buf : ""));
			sb_free(&sb);
		}
	}
	for (int k = 0; k < 2; k++)
		for (size_t j = 0; !has[k] && j < b->nabsent_opts[k]; j++)
			vec_push(a, v, arena_strdup(a, b->absent_opts[k][j]));
	push_split(a, v, getenv("RUNFLAGS"));
}

/* The boot arguments as one command line: 'word' 'it'\''s'. */
static const char *cmdline_of(struct arena *a, char **args, int nargs)
{
	struct strbuf sb;
	const char *r;

	sb_init(&sb);
	for (int i = 0; i < nargs; i++) {
		if (i)
			sb_putc(&sb, ' ');
		sb_putc(&sb, '\'');
		for (const char *s = args[i]; *s; s++) {
			if (*s == '\'')
				sb_puts(&sb, "'\\''");
			else
				sb_putc(&sb, *s);
		}
		sb_putc(&sb, '\'');
	}
	r = arena_strdup(a, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return r;
}

static const char *home_abs(struct arena *a, const struct model *m)
{
	char real[PATH_MAX];

	return realpath(m->home, real) ? arena_strdup(a, real) : m->home;
}

/* A word of run.command or run.cmdline_option, placeholders filled. */
static const char *fill(struct arena *a, const struct model *m,
			const char *w, const char *artifact, const char *cmdline)
{
	if (!strcmp(w, "@ARTIFACT@"))
		return artifact;
	if (!strcmp(w, "@CMDLINE@"))
		return cmdline;
	/* Absolute: the command runs in the project directory. */
	if (!strncmp(w, "@BACKEND@", 9))
		return arena_printf(a, "%s/backends/%s%s", home_abs(a, m),
				    m->backend->name, w + 9);
	if (!strncmp(w, "@HOME@", 6))
		return arena_printf(a, "%s%s", home_abs(a, m), w + 6);
	return w;
}

/*
 * Start argv in `dir` and wait for it.  The parent ignores SIGINT and
 * SIGQUIT meanwhile, as system(3) does, so that ^C stops the program and
 * mirc still reports how it ended.  Returns the program's status (128 +
 * the signal when a signal ended it), or -1 with errno when it could not
 * be started (told through a close-on-exec pipe).
 */
static int spawn_wait(const char *dir, char **argv)
{
	struct sigaction ign = {0}, old_int, old_quit;
	int fds[2], err = 0, st;
	pid_t pid;
	ssize_t n;

	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		close(fds[0]);
		if (chdir(dir) == 0)
			execvp(argv[0], argv);
		err = errno;
		(void)!write(fds[1], &err, sizeof(err));
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		err = errno;
	} else {
		while ((n = read(fds[0], &err, sizeof(err))) < 0 && errno == EINTR)
			;
		if (n != (ssize_t)sizeof(err))
			err = 0;
		while (waitpid(pid, &st, 0) < 0)
			if (errno != EINTR) {
				err = errno;
				break;
			}
	}
	close(fds[0]);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (err) {
		errno = err;
		return -1;
	}
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

int run_program(struct arena *a, const struct model *m, const char *artifact,
		char **args, int nargs)
{
	const struct backend *b = m->backend;
	const char *proj = m->project_dir;
	const char *cmdline = cmdline_of(a, args, nargs);
	bool placed = false;
	wordvec v = {0};
	int rc;

	if (!b || !b->nrun) {
		fprintf(stderr, "mirc: target %s has no way to run its "
			"artefact (no run.command in its backend.json)\n",
			m->target);
		return MIRC_EENV;
	}
	rc = configure_make(a, proj, artifact, false);
	if (rc != MIRC_OK)
		return rc;
	/* As in make run: a lone artefact runs as ./dist/NAME. */
	if (b->nrun == 1)
		artifact = arena_printf(a, "./%s", artifact);
	for (size_t i = 0; i < b->nrun; i++) {
		if (!strcmp(b->run[i], "@RUNFLAGS@")) {
			push_emulator_options(a, &v, m);
			placed = true;
		} else {
			vec_push(a, &v, fill(a, m, b->run[i], artifact, cmdline));
		}
	}
	if (!placed)
		push_emulator_options(a, &v, m);
	if (b->ncmdline_opt && nargs) {
		for (size_t i = 0; i < b->ncmdline_opt; i++)
			vec_push(a, &v, fill(a, m, b->cmdline_opt[i], artifact,
					     cmdline));
	} else if (!b->ncmdline_opt) {
		for (int i = 0; i < nargs; i++)
			vec_push(a, &v, args[i]);
	}
	vec_push(a, &v, NULL);
	rc = spawn_wait(proj, (char **)v.items);
	if (rc < 0) {
		fprintf(stderr, "mirc: cannot run '%s' (target %s): %s\n",
			v.items[0], m->target, strerror(errno));
		return MIRC_EENV;
	}
	return rc;
}
