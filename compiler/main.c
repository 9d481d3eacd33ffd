/* SPDX-License-Identifier: MIT */
/*
 * main.c - the mirc command line (cli.md): option parsing, the commands
 * check, describe, query and help, and exit statuses.
 *
 * Which commands, options and query kinds exist is cli_table.c's to say;
 * here is what each one does.  Every usage error is found before the
 * program is read, except an unknown key, which needs the program; both
 * stop the command with status 2 and nothing else printed.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_table.h"
#include "codegen.h"
#include "compile.h"
#include "completion.h"
#include "configure.h"
#include "help.h"
#include "lsp.h"
#include "query.h"
#include "run.h"
#include "scaffold.h"

struct cli {
	const char *command;
	const struct cli_command *cmd;	/* NULL before a command is known */
	VEC(const char *) rest;		/* after --, for commands that take it */
	int max_diag;			/* --max-diagnostics, -1: default */
	const char *operand;		/* query WHAT, help TOPIC */
	const char *file;
	const char *target;
	const char *format;		/* describe */
	const char *output;		/* describe -o */
	int eval;			/* describe: -1 auto */
	bool json;			/* query --json */
	bool dry_run;			/* stubs --dry-run */
	const char *boot_args;		/* configure --boot-args */
	const struct cli_query *query;	/* query WHAT, once checked */
	bool help, version, quiet, verbose;
	int color;			/* -1 auto, 0 never, 1 always */
	enum diag_format diag_format;
	unsigned char wmode[CHK_COUNT];
	bool werror;
	VEC(struct key_setting) keys;
};

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

static int set_w(struct cli *c, const char *spec)
{
	int chk;

	if (!strcmp(spec, "error")) {
		c->werror = true;
		return 0;
	}
	if (!strncmp(spec, "no-", 3) && (chk = diag_check_by_name(spec + 3)) >= 0) {
		c->wmode[chk] = 1;
		return 0;
	}
	if (!strncmp(spec, "error=", 6) && (chk = diag_check_by_name(spec + 6)) >= 0) {
		c->wmode[chk] = 2;
		return 0;
	}
	return usage_error("unknown warning option '-W %s' (use -W no-CHECK, "
			   "-W error=CHECK or -Werror)", spec);
}

/* How the user spelt an option, for messages: "--file" or "-f". */
static const char *spelling(const struct cli_option *o, bool is_long)
{
	static char buf[64];

	if (is_long)
		snprintf(buf, sizeof buf, "--%s", o->long_name);
	else
		snprintf(buf, sizeof buf, "-%c", o->short_name);
	return buf;
}

/* Store the value of option o (NULL for a flag) in c. */
static int set_option(struct cli *c, const struct cli_option *o,
		      const char *v, bool is_long)
{
	if (v && !*v && !o->empty_ok)
		return usage_error("option '%s' needs a value (%s)",
				   spelling(o, is_long), o->arg);
	if (v && o->values && !cli_table_word_in(o->values, v)) {
		char list[128];
		size_t n = 0;
		/* "auto always never" -> "auto, always or never" */
		for (const char *p = o->values; *p && n + 6 < sizeof list; p++) {
			if (*p != ' ') {
				list[n++] = *p;
				continue;
			}
			const char *sep = strchr(p + 1, ' ') ? ", " : " or ";
			memcpy(list + n, sep, strlen(sep));
			n += strlen(sep);
		}
		list[n] = '\0';
		return usage_error("option '%s' takes %s, not '%s'",
				   spelling(o, is_long), list, v);
	}
	switch (o->id) {
	case OPT_FILE:
		c->file = v;
		break;
	case OPT_TARGET:
		c->target = v;
		break;
	case OPT_WARNING:
		return set_w(c, v);
	case OPT_COLOR:
		c->color = !strcmp(v, "auto") ? -1 : !strcmp(v, "always");
		break;
	case OPT_DIAGNOSTICS:
		c->diag_format = !strcmp(v, "json") ? DIAG_JSON
			       : !strcmp(v, "sarif") ? DIAG_SARIF : DIAG_TEXT;
		break;
	case OPT_MAX_DIAGNOSTICS: {
		char *end;
		errno = 0;
		unsigned long n = strtoul(v, &end, 10);
		if (*end || !isdigit((unsigned char)*v) || errno ||
		    n > (unsigned long)INT_MAX)
			return usage_error("option '%s' takes a number, not "
					   "'%s'", spelling(o, is_long), v);
		c->max_diag = (int)n;
		break;
	}
	case OPT_QUIET:
		c->quiet = true;
		break;
	case OPT_VERBOSE:
		c->verbose = true;
		break;
	case OPT_HELP:
		c->help = true;
		break;
	case OPT_VERSION:
		c->version = true;
		break;
	case OPT_FORMAT:
		c->format = v;
		break;
	case OPT_EVAL:
	case OPT_NO_EVAL:
		c->eval = o->id == OPT_EVAL;
		break;
	case OPT_OUTPUT:
		c->output = v;
		break;
	case OPT_BOOT_ARGS:
		c->boot_args = v;
		break;
	case OPT_JSON:
		c->json = true;
		break;
	case OPT_DRY_RUN:
		c->dry_run = true;
		break;
	}
	return 0;
}

/* The option `arg` spells, for whichever command takes it. */
static const struct cli_option *any_option(const char *arg)
{
	for (size_t i = 0; i < cli_table_noptions; i++) {
		const struct cli_option *o = &cli_table_options[i];
		if (arg[1] == '-' ? o->long_name && !strcmp(o->long_name, arg + 2)
				  : o->short_name == arg[1] && !arg[2])
			return o;
	}
	return NULL;
}

/*
 * The command is the first argument that is neither an option nor the
 * value of one (`mirc --format dot describe`).  Knowing it first lets its
 * own options be recognised wherever they are.
 */
static const char *find_command(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct cli_option *o;

		if (!strcmp(arg, "--"))
			return i + 1 < argc ? argv[i + 1] : NULL;
		if (arg[0] != '-' || !arg[1])
			return arg;
		o = any_option(arg);
		if (o && o->arg)
			i++;
	}
	return NULL;
}

/* A key of the program: --name=value, --name or --no-name. */
static int add_key(struct cli *c, struct arena *a, const char *arg)
{
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
	return 0;
}

/* A positional argument after the command: its operand, or after `--`
 * the arguments it passes on. */
static int add_operand(struct cli *c, struct arena *a, const char *arg,
		       bool dashdash)
{
	const struct cli_command *cmd = c->cmd;

	if (cmd && cmd->takes_rest && dashdash) {
		vec_push(a, &c->rest, arg);
		return 0;
	}
	if (cmd && cmd->operand && !c->operand) {
		c->operand = arg;
		return 0;
	}
	if (cmd && !cmd->operand)
		return usage_error("unexpected argument '%s' (mirc %s takes "
				   "no %s)", arg, cmd->name,
				   cmd->takes_rest ? "argument before --"
				   : "argument");
	return usage_error("unexpected argument '%s'", arg);
}

static int parse_args(struct cli *c, struct arena *a, int argc, char **argv)
{
	bool dashdash = false, seen_command = false;
	const char *command = find_command(argc, argv);

	c->command = command;
	c->cmd = cli_table_command_find(command);
	if (command && !c->cmd)
		return usage_error("unknown command '%s' (expected %s)", command,
				   cli_table_command_names());
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v = NULL;
		const struct cli_option *o;
		int rc;

		if (dashdash || arg[0] != '-' || !arg[1]) {
			if (!seen_command) {
				seen_command = true;
				continue;
			}
			if ((rc = add_operand(c, a, arg, dashdash)))
				return rc;
			continue;
		}
		if (!strcmp(arg, "--")) {
			dashdash = true;
			if (!seen_command && i + 1 < argc) {
				seen_command = true;
				i++;
			}
			continue;
		}
		bool is_long = arg[1] == '-';
		if (is_long) {
			const char *eq = strchr(arg, '=');
			size_t n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			o = cli_table_option_long(arg + 2, n, c->cmd);
			if (!o && (!c->cmd || c->cmd->takes_keys)) {
				if ((rc = add_key(c, a, arg)))
					return rc;
				continue;
			}
			if (!o)
				return usage_error("unknown option '%s' (mirc %s "
						   "takes no keys)", arg,
						   c->cmd->name);
			if (eq && !o->arg)
				return usage_error("option '--%s' takes no "
						   "value", o->long_name);
			v = eq ? eq + 1 : NULL;
		} else {
			o = cli_table_option_short(arg[1], c->cmd);
			if (!o || (arg[2] && !o->arg))
				return usage_error("unknown option '%s'", arg);
			v = arg[2] ? arg + 2 : NULL;
		}
		if (o->arg && !v) {
			if (i + 1 == argc)
				return usage_error("option '%s' needs a value "
						   "(%s)", spelling(o, is_long),
						   o->arg);
			v = argv[++i];
		}
		if ((rc = set_option(c, o, v, is_long)))
			return rc;
	}
	return 0;
}

static int configure(struct cli *c, struct compilation *comp, const char *file)
{
	struct codegen_opts go = {c->boot_args, file};
	struct codegen_set g = {0};
	const char *proj = comp->model->project_dir;
	int rc;

	if (comp->saved_keys_used && !c->quiet)
		fprintf(stderr, "mirc: using saved keys: %s (from mirc/context)\n",
			comp->saved_keys_used);
	if (!go.baked_args) {
		go.baked_args = comp->saved_boot_args;
		if (go.baked_args && *go.baked_args && !c->quiet)
			fprintf(stderr, "mirc: note: using the saved boot arguments "
				"--boot-args='%s' (from mirc/context; --boot-args= "
				"clears them)\n", go.baked_args);
	}
	if (go.baked_args && !*go.baked_args)
		go.baked_args = NULL;	/* --boot-args= : none, not saved */
	rc = configure_write(&comp->arena, comp->model, &go, &g, c->quiet);
	if (rc == MIRC_OK && !strcmp(c->command, "build"))
		rc = configure_make(&comp->arena, proj, g.artifact, true);
	else if (rc == MIRC_OK && !strcmp(c->command, "run"))
		rc = run_program(&comp->arena, comp->model, g.artifact,
				 (char **)c->rest.items, (int)c->rest.len);
	else if (rc == MIRC_OK && !c->quiet)
		printf("next: make%s%s   (or: mirc build), then: make%s%s run\n",
		       strcmp(proj, ".") ? " -C " : "", strcmp(proj, ".") ? proj : "",
		       strcmp(proj, ".") ? " -C " : "", strcmp(proj, ".") ? proj : "");
	codegen_free(&g);
	return rc;
}

/* What cannot be checked option by option, before anything is read. */
static int check_usage(struct cli *c)
{
	if (c->cmd->id == CMD_DESCRIBE) {
		const char *f = c->format ? c->format : "text";
		if ((!strcmp(f, "png") || !strcmp(f, "pdf")) && !c->output)
			return usage_error("--format=%s needs -o FILE", f);
	}
	if (c->cmd->id == CMD_QUERY) {
		if (!c->operand)
			return usage_error("mirc query needs WHAT, one of: %s",
					   cli_table_query_names(false));
		c->query = cli_table_query_find(c->operand);
		if (!c->query)
			return usage_error("query: unknown query '%s' (expected "
					   "one of: %s)", c->operand,
					   cli_table_query_names(false));
		if (c->json && !c->query->json)
			return usage_error("query %s has no JSON form; --json "
					   "works with %s", c->query->name,
					   cli_table_query_names(true));
	}
	if (c->cmd->id == CMD_COMPLETION && c->operand &&
	    !cli_table_word_in(completion_operands, c->operand))
		return usage_error("completion: unknown shell '%s' (expected "
				   "bash, zsh, fish or keys)", c->operand);
	if (c->cmd->operand_required && !c->operand)
		return usage_error("mirc %s needs %s", c->cmd->name,
				   c->cmd->operand);
	return 0;
}

static int run_command(struct cli *c, struct compilation *comp,
		       const char *home)
{
	const char *cmd = c->command;
	struct compile_opts o = {0};
	const char *env_target = getenv("MIRC_TARGET");
	int rc;

	o.file = c->file ? c->file : "config.mir";
	o.home = home;
	o.target = c->target ? c->target
		 : env_target && *env_target ? env_target : NULL;
	o.keys = c->keys.items;
	o.nkeys = c->keys.len;
	o.eval = !strcmp(cmd, "describe") ? c->eval : 1;
	if (c->query && c->query->generated)
		o.eval = 1;
	o.read_context = true;
	o.check_files = true;
	o.stubs = c->cmd->id == CMD_STUBS;
	o.check_boot_args = !strcmp(cmd, "check") || !strcmp(cmd, "configure") ||
			    !strcmp(cmd, "build") || !strcmp(cmd, "run");
	o.boot_args = c->boot_args;
	if (o.target) {	/* "-" and "_" are the same in target names */
		char *t = arena_strdup(&comp->arena, o.target);
		for (char *p = t; *p; p++)
			if (*p == '-')
				*p = '_';
		o.target = t;
	}

	/* Before the context is read: a second configure waits for the
	 * first to finish, then starts from what it wrote. */
	if (!strcmp(cmd, "configure") || !strcmp(cmd, "build") ||
	    !strcmp(cmd, "run"))
		configure_lock(configure_project_dir(&comp->arena, o.file));
	rc = compile_program(comp, &o);
	/* A usage error (an unknown key) stops the command: what the
	 * checks found so far is about a run that did not happen. */
	if (rc == MIRC_EUSAGE) {
		fputs("Try 'mirc --help'.\n", stderr);
		return rc;
	}
	/* Never silent, even with -q: the build differs from the last one.
	 * A SARIF log holds them itself, so that stderr stays one log. */
	if (comp->diag.format == DIAG_SARIF) {
		comp->diag.run_notes = comp->context_notes;
		comp->diag.nrun_notes = comp->ncontext_notes;
	} else {
		for (size_t i = 0; i < comp->ncontext_notes; i++)
			fprintf(stderr, "mirc: note: %s\n",
				comp->context_notes[i]);
	}
	comp->diag.run_failed = rc == MIRC_EENV;
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
	if (c->cmd->id == CMD_STUBS)
		return scaffold_stubs(&comp->arena, comp->model, c->dry_run,
				      c->quiet);
	if (!strcmp(cmd, "describe"))
		return codegen_describe(stdout, c->format ? c->format : "text",
					c->output, &comp->arena, comp->model);
	if (!strcmp(cmd, "configure") || !strcmp(cmd, "build") ||
	    !strcmp(cmd, "run"))
		return configure(c, comp, o.file);
	if (c->cmd->id == CMD_COMPLETION)	/* completion keys */
		return completion_keys(stdout, comp->model);
	struct codegen_opts go = {c->boot_args, o.file};
	rc = query_run(stdout, &comp->arena, comp->model, c->query, c->json,
		       &go);
	if (rc == 0 && fflush(stdout) != 0)
		rc = MIRC_EENV;
	return rc;
}

int main(int argc, char **argv)
{
	struct compilation comp;
	struct cli c = {0};
	const char *home, *nc = getenv("NO_COLOR");
	int rc;

	compile_init(&comp);
	c.color = -1;
	c.eval = -1;
	c.max_diag = -1;
	rc = parse_args(&c, &comp.arena, argc, argv);
	if (rc)
		goto out;
	if (c.version) {
		printf("mirc %s\n", MIRC_VERSION);
		goto out;
	}
	if (c.help || !c.cmd) {
		cli_table_usage(c.help ? stdout : stderr, c.cmd);
		rc = c.help ? MIRC_OK : MIRC_EUSAGE;
		goto out;
	}
	rc = check_usage(&c);
	if (rc)
		goto out;
	home = compile_home_find(&comp.arena);
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
	if (c.cmd->id == CMD_COMPLETION && completion_is_shell(c.operand)) {
		rc = completion_script(stdout, &comp.arena, c.operand, home);
		goto out;
	}
	if (c.cmd->id == CMD_INIT) {
		rc = scaffold_init(&comp.arena, home, c.operand, c.quiet);
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
	if (c.max_diag >= 0)
		comp.diag.max_per_check = (size_t)c.max_diag;
	/* mirc(1): only a non-empty NO_COLOR turns colour off. */
	comp.diag.color = c.color == 1 || (c.color == -1 && isatty(2) &&
					   !(nc && *nc));
	if (!strcmp(c.command, "lsp")) {
		struct lsp_opts lo = {home, c.target, c.wmode, c.werror};
		rc = c.operand ? usage_error("unexpected argument '%s'", c.operand)
		   : lsp_serve(&lo, stdin, stdout);
		goto out;
	}
	rc = run_command(&c, &comp, home);
out:
	compile_free(&comp);
	return rc;
}
