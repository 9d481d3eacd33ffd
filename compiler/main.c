/* SPDX-License-Identifier: MIT */
/*
 * main.c - the mirc command line (cli.md): option parsing, the commands
 * check, describe, query and help, and exit statuses.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "configure.h"
#include "run.h"

struct cli {
	const char *command;
	const char *operand;		/* query WHAT, help TOPIC */
	const char *file;
	const char *target;
	const char *format;		/* describe */
	const char *output;		/* describe -o */
	int eval;			/* describe: -1 auto */
	bool json;			/* query --json */
	const char *boot_args;		/* configure --boot-args */
	char **run_args;		/* run -- ARGS */
	int nrun_args;
	bool help, version, quiet, verbose;
	int color;			/* -1 auto, 0 never, 1 always */
	enum diag_format diag_format;
	unsigned char wmode[CHK_COUNT];
	bool werror;
	VEC(struct key_setting) keys;
};

static const char *const usage_main =
	"usage: mirc COMMAND [OPTION]... [--KEY=VALUE]...\n"
	"\n"
	"commands:\n"
	"  check      parse, check and evaluate the program; writes nothing\n"
	"  configure  check, then generate the C program and its Makefile\n"
	"  build      configure if needed, then make; prints the artefact\n"
	"  run        build if needed, then run the program (under the\n"
	"             target's emulator); exits with the program's status\n"
	"  clean      remove every file mirc generated, and nothing else\n"
	"  describe   describe the program (text, dot, json, svg, png, pdf)\n"
	"  query      print one fact: name target keys args devices sources\n"
	"             packages files makefile main\n"
	"  help       show a manual page: mirc help [COMMAND|mir]\n"
	"\n"
	"common options:\n"
	"  -f, --file=FILE        the program (default: config.mir)\n"
	"  -t, --target=TARGET    the target (env MIRC_TARGET)\n"
	"  --KEY=VALUE, --KEY, --no-KEY   set a configure-time key\n"
	"  -W no-CHECK, -W error=CHECK, -Werror   warning control\n"
	"  --color=auto|always|never      colour in diagnostics\n"
	"  --diagnostics=text|json        diagnostic format\n"
	"  -q, -v                 quieter / more verbose\n"
	"  -h, --help             help for a command\n"
	"  --version              print the version\n"
	"\n"
	"exit status: 0 success, 1 the program has errors, 2 usage error,\n"
	"3 environment or I/O failure.  See mirc(1): mirc help.\n";

static const char *const usage_check =
	"usage: mirc check [-f FILE] [-t TARGET] [--KEY=VALUE]... [OPTION]...\n"
	"\n"
	"Parse and check the program, evaluate it for the chosen keys and\n"
	"report every problem found.  Writes nothing.  Prints nothing when the\n"
	"program is fine.  See mirc-check(1) for the list of checks.\n";

static const char *const usage_describe =
	"usage: mirc describe [--eval|--no-eval] [--format=FORMAT] [-o FILE]\n"
	"                     [-f FILE] [-t TARGET] [--KEY=VALUE]...\n"
	"\n"
	"Describe the program's device graph.\n"
	"  --format=text|dot|json|svg|png|pdf   output format (default text)\n"
	"  --eval      the graph after key resolution (default once the\n"
	"              project is configured)\n"
	"  --no-eval   the full graph, with one node per if/match\n"
	"  -o, --output=FILE   write to FILE (required for png and pdf)\n"
	"See mirc-describe(1).\n";

static const char *const usage_configure =
	"usage: mirc configure [-f FILE] [-t TARGET] [--KEY=VALUE]...\n"
	"                      [--boot-args=ARGS] [OPTION]...\n"
	"\n"
	"Check the program, then write the generated files: mirc/ (main.c,\n"
	"mirc.h, embedded files, context, compile_commands.json) and the\n"
	"Makefile.  Files without mirc's marker are never overwritten; a\n"
	"failed configure leaves the previous files as they were.\n"
	"  --boot-args=ARGS   boot arguments baked into the program, for\n"
	"                     targets without a command line\n"
	"See mirc-configure(1).\n";

static const char *const usage_build =
	"usage: mirc build [-f FILE] [-t TARGET] [--KEY=VALUE]... [OPTION]...\n"
	"\n"
	"Configure (writing only files whose contents changed), then run make\n"
	"in the project directory; prints the path of the artefact.\n"
	"See mirc-build(1).\n";

static const char *const usage_run =
	"usage: mirc run [-f FILE] [-t TARGET] [--KEY=VALUE]... [OPTION]...\n"
	"                [-- ARGS...]\n"
	"\n"
	"Build as mirc build does, then run the program in the project\n"
	"directory, on the host or under the target's emulator as make run\n"
	"does, with ARGS as its boot arguments, and exit with the program's\n"
	"own status.  RUNFLAGS in the environment: emulator options.\n"
	"See mirc-run(1).\n";

static const char *const usage_clean =
	"usage: mirc clean [-f FILE]\n"
	"\n"
	"Remove every file that mirc generated in the project directory (those\n"
	"carrying its marker, and the build products its Makefile made), and\n"
	"nothing else.  See mirc-clean(1).\n";

static const char *const usage_query =
	"usage: mirc query WHAT [--json] [-f FILE] [-t TARGET] [--KEY=VALUE]...\n"
	"\n"
	"Print one fact about the program without writing anything.\n"
	"WHAT is one of: name target keys args devices sources packages files\n"
	"makefile main linker-script manifest.\n"
	"See mirc-query(1).\n";

static const char *const usage_help =
	"usage: mirc help [TOPIC]\n"
	"\n"
	"Show a manual page: mirc (the default), check, describe, query, or\n"
	"mir for the language.\n";

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mirc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'mirc --help'.\n", stderr);
	return MIRC_EUSAGE;
}

/* Value of "--name=value" or of the next argument for "--name value". */
static const char *opt_value(int argc, char **argv, int *i, const char *arg,
			     const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	if (arg[n] == '\0')
		return "";
	return NULL;
}

static int set_w(struct cli *c, const char *spec)
{
	int chk;

	if (!strcmp(spec, "error")) {
		c->werror = true;
		return 0;
	}
	if (!strncmp(spec, "no-", 3) && (chk = check_by_name(spec + 3)) >= 0) {
		c->wmode[chk] = 1;
		return 0;
	}
	if (!strncmp(spec, "error=", 6) && (chk = check_by_name(spec + 6)) >= 0) {
		c->wmode[chk] = 2;
		return 0;
	}
	return usage_error("unknown warning option '-W %s' (use -W no-CHECK, "
			   "-W error=CHECK or -Werror)", spec);
}

static int parse_args(struct cli *c, struct arena *a, int argc, char **argv)
{
	bool dashdash = false;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;

		if (dashdash || arg[0] != '-' || !arg[1]) {
			if (!c->command)
				c->command = arg;
			else if (!c->operand)
				c->operand = arg;
			else
				return usage_error("unexpected argument '%s'", arg);
			continue;
		}
		if (!strcmp(arg, "--") && c->command &&
		    !strcmp(c->command, "run")) {
			/* The rest is the program's, untouched. */
			c->run_args = argv + i + 1;
			c->nrun_args = argc - i - 1;
			break;
		} else if (!strcmp(arg, "--")) {
			dashdash = true;
		} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			c->help = true;
		} else if (!strcmp(arg, "--version")) {
			c->version = true;
		} else if (!strcmp(arg, "-q")) {
			c->quiet = true;
		} else if (!strcmp(arg, "-v")) {
			c->verbose = true;
		} else if (!strcmp(arg, "-f")) {
			if (++i == argc)
				return usage_error("%s needs a file", arg);
			c->file = argv[i];
		} else if ((v = opt_value(argc, argv, &i, arg, "--file"))) {
			c->file = v;
		} else if (!strcmp(arg, "-t")) {
			if (++i == argc)
				return usage_error("%s needs a target", arg);
			c->target = argv[i];
		} else if ((v = opt_value(argc, argv, &i, arg, "--target"))) {
			c->target = v;
		} else if (!strcmp(arg, "-W")) {
			if (++i == argc)
				return usage_error("%s needs an argument", arg);
			if (set_w(c, argv[i]))
				return MIRC_EUSAGE;
		} else if (!strncmp(arg, "-W", 2)) {
			if (set_w(c, arg + 2))
				return MIRC_EUSAGE;
		} else if ((v = opt_value(argc, argv, &i, arg, "--color"))) {
			if (!strcmp(v, "auto"))
				c->color = -1;
			else if (!strcmp(v, "always") || !*v)
				c->color = 1;
			else if (!strcmp(v, "never"))
				c->color = 0;
			else
				return usage_error("--color takes auto, always "
						   "or never, not '%s'", v);
		} else if ((v = opt_value(argc, argv, &i, arg, "--diagnostics"))) {
			if (!strcmp(v, "text"))
				c->diag_format = DIAG_TEXT;
			else if (!strcmp(v, "json"))
				c->diag_format = DIAG_JSON;
			else
				return usage_error("--diagnostics takes text or "
						   "json, not '%s'", v);
		} else if (c->command && !strcmp(c->command, "describe") &&
			   (!strcmp(arg, "--eval") || !strcmp(arg, "--no-eval"))) {
			c->eval = !strcmp(arg, "--eval");
		} else if (c->command && !strcmp(c->command, "describe") &&
			   (v = opt_value(argc, argv, &i, arg, "--format"))) {
			c->format = v;
		} else if (c->command && !strcmp(c->command, "describe") &&
			   (!strcmp(arg, "-o") ||
			    (v = opt_value(argc, argv, &i, arg, "--output")))) {
			if (!strcmp(arg, "-o")) {
				if (++i == argc)
					return usage_error("%s needs a file", arg);
				v = argv[i];
			}
			c->output = v;
		} else if (c->command && !strcmp(c->command, "configure") &&
			   (v = opt_value(argc, argv, &i, arg, "--boot-args"))) {
			c->boot_args = v;
		} else if (c->command && !strcmp(c->command, "query") &&
			   !strcmp(arg, "--json")) {
			c->json = true;
		} else if (arg[1] == '-') {
			/* A configure-time key of the program. */
			struct key_setting ks = {0};
			const char *name = arg + 2, *eq = strchr(name, '=');
			ks.spelling = arg;
			if (!strncmp(name, "no-", 3) && !eq) {
				ks.negated = true;
				name += 3;
			}
			char *n = eq ? arena_strndup(a, name, (size_t)(eq - name))
				     : arena_strdup(a, name);
			for (char *p = n; *p; p++)
				if (*p == '-')
					*p = '_';
			if (!*n)
				return usage_error("bad option '%s'", arg);
			ks.name = n;
			ks.value = eq ? eq + 1 : NULL;
			vec_push(a, &c->keys, ks);
		} else {
			return usage_error("unknown option '%s'", arg);
		}
	}
	return 0;
}

/* Write `data` to `path` through a temporary file, so nothing is ever
 * half-written. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	int fd, rc = -1;
	FILE *f;

	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd >= 0) {
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	if (fd >= 0 && (f = fdopen(fd, "wb"))) {
		bool ok = fwrite(data, 1, len, f) == len;
		ok = fclose(f) == 0 && ok;
		if (ok && rename(tmp, path) == 0)
			rc = 0;
	} else if (fd >= 0) {
		close(fd);
	}
	if (rc != 0) {
		fprintf(stderr, "mirc: cannot write '%s': %s\n", path,
			strerror(errno));
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	return rc;
}

static int describe(struct cli *c, struct compilation *comp)
{
	const char *fmt = c->format ? c->format : "text";
	struct model *m = comp->model;
	struct strbuf sb;
	int rc = 0;

	sb_init(&sb);
	if (!strcmp(fmt, "text") || !strcmp(fmt, "json")) {
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);
		if (!mem) {
			perror("mirc");
			return MIRC_EENV;
		}
		if (!strcmp(fmt, "text"))
			emit_text(mem, &comp->arena, m);
		else
			rc = emit_json(mem, m);
		fclose(mem);
		sb_putn(&sb, buf ? buf : "", len);
		free(buf);
	} else {
		emit_dot(&sb, &comp->arena, m);
	}
	if (rc == 0 && (!strcmp(fmt, "svg") || !strcmp(fmt, "png") ||
			!strcmp(fmt, "pdf"))) {
		char *err = NULL, *tmp = NULL;
		if (c->output) {
			size_t n = strlen(c->output) + 16;
			int fd;
			tmp = xmalloc(n);
			snprintf(tmp, n, "%s.tmpXXXXXX", c->output);
			fd = mkstemp(tmp);
			if (fd < 0) {
				fprintf(stderr, "mirc: cannot write '%s': %s\n",
					c->output, strerror(errno));
				free(tmp);
				sb_free(&sb);
				return MIRC_EENV;
			}
			/* mkstemp makes it private; an output file follows
			 * the umask like any other. */
			mode_t um = umask(0);
			umask(um);
			fchmod(fd, 0666 & ~um);
			close(fd);
		}
		rc = emit_render(sb.buf, fmt, tmp, stdout, &err);
		if (rc != 0) {
			fprintf(stderr, "mirc: cannot render %s: %s\n", fmt,
				err ? err : "unknown error");
			free(err);
			if (tmp)
				unlink(tmp);
		} else if (tmp && rename(tmp, c->output) != 0) {
			fprintf(stderr, "mirc: cannot write '%s': %s\n",
				c->output, strerror(errno));
			unlink(tmp);
			rc = -1;
		}
		free(tmp);
		sb_free(&sb);
		return rc ? MIRC_EENV : MIRC_OK;
	}
	if (rc == 0 && c->output)
		rc = write_atomic(c->output, sb.buf ? sb.buf : "", sb.len);
	else if (rc == 0 && fwrite(sb.buf ? sb.buf : "", 1, sb.len, stdout) != sb.len)
		rc = -1;
	sb_free(&sb);
	if (rc == 0 && fflush(stdout) != 0)
		rc = -1;
	return rc ? MIRC_EENV : MIRC_OK;
}

static bool is_gen_query(const char *what)
{
	static const char *const q[] = {"sources", "packages", "files",
					"makefile", "main", "linker-script",
					"manifest"};
	for (size_t i = 0; what && i < sizeof(q) / sizeof(q[0]); i++)
		if (!strcmp(what, q[i]))
			return true;
	return false;
}

/* Queries answered from the generated files, without writing them. */
static int gen_query(struct cli *c, struct compilation *comp, const char *file)
{
	struct gen_opts go = {c->boot_args, file};
	struct genset g = {0};
	const char *err = NULL, *w = c->operand;
	int rc = MIRC_OK;

	if (!strcmp(w, "linker-script") && (!comp->model->backend ||
					    !comp->model->backend->linker_script)) {
		fprintf(stderr, "mirc: target %s links without a linker "
			"script\n", comp->model->target);
		return MIRC_OK;
	}
	if (!strcmp(w, "manifest") && (!comp->model->backend ||
				       !comp->model->backend->solo5_manifest)) {
		fprintf(stderr, "mirc: target %s has no Solo5 manifest\n",
			comp->model->target);
		return MIRC_OK;
	}
	if (codegen_program(&g, &comp->arena, comp->model, &go, &err) != 0) {
		fprintf(stderr, "mirc: %s\n", err);
		gen_free(&g);
		return MIRC_EENV;
	}
	for (size_t i = 0; i < g.files.len; i++) {
		const struct genfile *f = g.files.items[i];
		if ((!strcmp(w, "makefile") && !strcmp(f->path, "Makefile")) ||
		    (!strcmp(w, "main") && !strcmp(f->path, "mirc/main.c")) ||
		    (!strcmp(w, "linker-script") &&
		     !strcmp(f->path, "mirc/link.ld")) ||
		    (!strcmp(w, "manifest") &&
		     !strcmp(f->path, "mirc/manifest.json")))
			fwrite(f->text.buf, 1, f->text.len, stdout);
		else if (!strcmp(w, "files"))
			printf("%s\n", f->path);
	}
	if (!strcmp(w, "files"))
		printf("mirc/context\n%s\n", g.artifact);
	for (size_t i = 0; !strcmp(w, "sources") && i < g.sources.len; i++)
		printf("%s\n", g.sources.items[i]);
	for (size_t i = 0; !strcmp(w, "packages") && i < g.packages.len; i++)
		printf("%s\n", g.packages.items[i]);
	if (fflush(stdout) != 0)
		rc = MIRC_EENV;
	gen_free(&g);
	return rc;
}

static int configure(struct cli *c, struct compilation *comp, const char *file)
{
	struct gen_opts go = {c->boot_args, file};
	struct genset g = {0};
	const char *proj = comp->model->project_dir;
	int rc;

	if (!go.baked_args)
		go.baked_args = comp->saved_boot_args;
	rc = configure_write(&comp->arena, comp->model, &go, &g, c->quiet);
	if (rc == MIRC_OK && !strcmp(c->command, "build"))
		rc = configure_make(&comp->arena, proj, g.artifact, true);
	else if (rc == MIRC_OK && !strcmp(c->command, "run"))
		rc = run_program(&comp->arena, comp->model, g.artifact,
				 c->run_args, c->nrun_args);
	else if (rc == MIRC_OK && !c->quiet)
		printf("next: make%s%s   (or: mirc build), then: make%s%s run\n",
		       strcmp(proj, ".") ? " -C " : "", strcmp(proj, ".") ? proj : "",
		       strcmp(proj, ".") ? " -C " : "", strcmp(proj, ".") ? proj : "");
	gen_free(&g);
	return rc;
}

static const char *command_usage(const char *cmd)
{
	if (!cmd)
		return usage_main;
	if (!strcmp(cmd, "check"))
		return usage_check;
	if (!strcmp(cmd, "describe"))
		return usage_describe;
	if (!strcmp(cmd, "query"))
		return usage_query;
	if (!strcmp(cmd, "help"))
		return usage_help;
	if (!strcmp(cmd, "configure"))
		return usage_configure;
	if (!strcmp(cmd, "build"))
		return usage_build;
	if (!strcmp(cmd, "clean"))
		return usage_clean;
	if (!strcmp(cmd, "run"))
		return usage_run;
	return NULL;
}

static int run_command(struct cli *c, struct compilation *comp,
		       const char *home)
{
	const char *cmd = c->command;
	struct compile_opts o = {0};
	const char *env_target = getenv("MIRC_TARGET");
	int rc;

	if (!strcmp(cmd, "describe")) {
		const char *f = c->format ? c->format : "text";
		if (strcmp(f, "text") && strcmp(f, "dot") && strcmp(f, "json") &&
		    strcmp(f, "svg") && strcmp(f, "png") && strcmp(f, "pdf"))
			return usage_error("unknown format '%s' (expected text, "
					   "dot, json, svg, png or pdf)", f);
		if ((!strcmp(f, "png") || !strcmp(f, "pdf")) && !c->output)
			return usage_error("--format=%s needs -o FILE", f);
	} else if (!strcmp(cmd, "query")) {
		if (!c->operand)
			return usage_error("query needs WHAT: %s",
					   "name target keys args devices");
	} else if (c->operand) {
		return usage_error("unexpected argument '%s'", c->operand);
	}
	o.file = c->file ? c->file : "config.mir";
	o.home = home;
	o.target = c->target ? c->target
		 : env_target && *env_target ? env_target : NULL;
	o.keys = c->keys.items;
	o.nkeys = c->keys.len;
	o.eval = !strcmp(cmd, "describe") ? c->eval : 1;
	if (!strcmp(cmd, "query") && is_gen_query(c->operand))
		o.eval = 1;
	o.read_context = true;
	o.check_files = true;
	if (o.target) {	/* "-" and "_" are the same in target names */
		char *t = arena_strdup(&comp->arena, o.target);
		for (char *p = t; *p; p++)
			if (*p == '-')
				*p = '_';
		o.target = t;
	}

	rc = compile_program(comp, &o);
	if (c->quiet && comp->diag.nerrors == 0)
		comp->diag.list.len = 0;
	diag_flush(&comp->diag, stderr);
	if (rc != MIRC_OK)
		return rc;
	if (!strcmp(cmd, "check")) {
		if (c->verbose)
			fprintf(stderr, "mirc: %s: %zu devices, target %s\n",
				o.file, comp->model->graph->nodes.len,
				comp->model->target);
		return MIRC_OK;
	}
	if (!strcmp(cmd, "describe"))
		return describe(c, comp);
	if (!strcmp(cmd, "configure") || !strcmp(cmd, "build") ||
	    !strcmp(cmd, "run"))
		return configure(c, comp, o.file);
	if (is_gen_query(c->operand))
		return gen_query(c, comp, o.file);
	rc = query_run(stdout, &comp->arena, comp->model, c->operand, c->json);
	if (rc == 0 && fflush(stdout) != 0)
		rc = MIRC_EENV;
	return rc;
}

int main(int argc, char **argv)
{
	struct compilation comp;
	struct cli c = {0};
	const char *home, *usage;
	int rc;

	compile_init(&comp);
	c.color = -1;
	c.eval = -1;
	rc = parse_args(&c, &comp.arena, argc, argv);
	if (rc)
		goto out;
	if (c.version) {
		printf("mirc %s\n", MIRC_VERSION);
		goto out;
	}
	if (c.help || !c.command) {
		usage = command_usage(c.command);
		if (!usage) {
			rc = usage_error("unknown command '%s'", c.command);
			goto out;
		}
		fputs(usage, c.command || c.help ? stdout : stderr);
		rc = c.command || c.help ? MIRC_OK : MIRC_EUSAGE;
		goto out;
	}
	if (!command_usage(c.command)) {
		rc = usage_error("unknown command '%s' (expected check, configure, "
				 "build, run, clean, describe, query or help)", c.command);
		goto out;
	}
	home = home_find(&comp.arena);
	if (!home) {
		fprintf(stderr, "mirc: cannot find mirc's data directory "
			"(stdlib/, backends/); set MIRC_HOME\n");
		rc = MIRC_EENV;
		goto out;
	}
	if (!strcmp(c.command, "help")) {
		rc = help_show(home, c.operand, stdout);
		goto out;
	}
	if (!strcmp(c.command, "clean")) {
		const char *f = c.file ? c.file : "config.mir";
		const char *slash = strrchr(f, '/');
		rc = c.operand ? usage_error("unexpected argument '%s'", c.operand)
		   : configure_clean(&comp.arena, slash ? arena_strndup(&comp.arena,
				     f, (size_t)(slash - f) ? (size_t)(slash - f) : 1)
				     : ".", c.quiet);
		goto out;
	}
	memcpy(comp.diag.wmode, c.wmode, sizeof(c.wmode));
	comp.diag.werror = c.werror;
	comp.diag.format = c.diag_format;
	comp.diag.color = c.color == 1 || (c.color == -1 && isatty(2) &&
					   !getenv("NO_COLOR"));
	rc = run_command(&c, &comp, home);
out:
	compile_free(&comp);
	return rc;
}
