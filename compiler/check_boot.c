/* SPDX-License-Identifier: MIT */
/*
 * check_boot.c - the boot arguments of `configure --boot-args`, checked
 * when they are given rather than on every boot of the program.
 *
 * A board without a command line parses only these words, and a word the
 * runtime refuses ends every boot with status 64: the user would find out
 * after flashing.  So mirc runs the runtime's own boot-argument parser
 * (rt/src/boot.c, linked into mirc with rt/check) on them, over a table
 * of the program's runtime args built like the generated one, and turns
 * what the runtime would print into a diagnostic: the same parser, the
 * same verdict, the same words.  The runtime linked into mirc is the
 * full one: what the small runtime (key runtime=small) refuses on top of
 * it, an -l rule that names a source or --delay, is the check
 * small-runtime.
 */
#include <stddef.h>
#include <string.h>

#include "check.h"
#include "sema.h"

/* Room for the value of any arg type, opt or list (mirc/types.h). */
union argroom {
	max_align_t align;
	unsigned char bytes[64];
};

/* The runtime's type and parser for a base type of the language. */
static bool arg_kind(enum vtype_kind k, enum mirc_arg_type *type,
		     mirc_arg_parser *parse)
{
	static const struct {
		enum mirc_arg_type type;
		mirc_arg_parser parse;
	} map[] = {
		[VT_BOOL] = { MIRC_ARG_BOOL, mirc_arg_parse_bool },
		[VT_INT] = { MIRC_ARG_INT, mirc_arg_parse_int },
		[VT_STRING] = { MIRC_ARG_STRING, mirc_arg_parse_string },
		[VT_ENUM] = { MIRC_ARG_ENUM, mirc_arg_parse_enum },
		[VT_DURATION] = { MIRC_ARG_DURATION, mirc_arg_parse_duration },
		[VT_IPV4] = { MIRC_ARG_IPV4, mirc_arg_parse_ipv4 },
		[VT_IPV4_PREFIX] = { MIRC_ARG_IPV4_PREFIX, mirc_arg_parse_ipv4_prefix },
		[VT_IPV6] = { MIRC_ARG_IPV6, mirc_arg_parse_ipv6 },
		[VT_IPV6_PREFIX] = { MIRC_ARG_IPV6_PREFIX, mirc_arg_parse_ipv6_prefix },
		[VT_IP] = { MIRC_ARG_IP, mirc_arg_parse_ip },
	};

	if ((size_t)k >= sizeof(map) / sizeof(map[0]) || !map[k].parse)
		return false;
	*type = map[k].type;
	*parse = map[k].parse;
	return true;
}

/*
 * The table generated main() passes (emit_c.c's emit_arg_table), without
 * the defaults (mirc checked them already, with the same parsers) and
 * without the required flag (a required arg may still come at boot).
 */
static struct mirc_arg_desc *arg_table(struct arena *a, const struct model *m)
{
	struct mirc_arg_desc *d = arena_alloc(a, (m->nargs + 1) * sizeof(*d));

	for (size_t i = 0; i < m->nargs; i++) {
		const struct decl *ad = m->args[i]->decl;
		const struct vtype *t = ad->u.ka.type;
		char *dashed = arena_strdup(a, ad->name);

		for (char *c = dashed; *c; c++)
			if (*c == '_')
				*c = '-';
		d[i].name = dashed;
		d[i].flags = t->kind == VT_OPT ? MIRC_ARG_OPT
			   : t->kind == VT_LIST ? MIRC_ARG_LIST : 0;
		while (t->kind == VT_OPT || t->kind == VT_LIST)
			t = t->elem;
		if (!arg_kind(t->kind, &d[i].type, &d[i].parse))
			return NULL;
		d[i].enum_values = (const char *const *)t->enum_values;
		d[i].nenum = t->nenum;
		d[i].dst = arena_alloc(a, sizeof(union argroom));
	}
	return d;
}

/* "NAME: message\n" as the runtime prints it, without the program's name
 * (which --name may have changed mid-line; it holds no ':') and the
 * newline. */
static const char *runtime_message(struct arena *a, const char *printed)
{
	const char *msg = strstr(printed, ": ");
	size_t len;

	msg = msg ? msg + 2 : printed;
	len = strcspn(msg, "\n");
	return arena_strndup(a, msg, len);
}

void check_boot_args(struct program *p, const struct model *m,
		     const char *text, bool saved)
{
	struct mirc_program prog = { .name = m->name };
	const char *from = saved ? "--boot-args (saved in mirc/context)"
				 : "--boot-args";
	long arg = -1;
	int rc;

	if (!text || !*text)
		return;
	prog.args = arg_table(p->arena, m);
	prog.nargs = m->nargs;
	if (!prog.args)
		return;		/* a type the checker refused already */
	/* Lists are parsed only by programs that ask (boot.c). */
	mirc_rt_use_lists();
	mirc_check_console_take();
	rc = mirc_rt_check_args(&prog, text, &arg);
	const char *printed = mirc_check_console_take();
	/* The parser is the full runtime's: what the small one would refuse
	 * on top of it is asked of the log rules it installed. */
	if (rc == 0 && m->runtime_small) {
		const char *what = NULL, *fix = NULL;

		if (!mirc_log_rules_global()) {
			what = "-l/--logs names a source, but the small runtime "
			       "(key runtime=small) keeps one level for every "
			       "source";
			fix = "give a bare level (-l debug), or configure with "
			      "--runtime=full for rules per source";
		} else if (mirc_rt_check_gave_delay()) {
			what = "--delay is left out of the small runtime (key "
			       "runtime=small): the program would stop with "
			       "status 64 on every boot";
			fix = "remove --delay, or configure with --runtime=full";
		}
		if (what) {
			diag_report(p->diag, CHK_SMALL_RUNTIME, NULL, "%s: %s",
				    from, what);
			diag_note(p->diag, NULL, "%s", fix);
			return;
		}
	}
	if (rc == 0)
		return;
	if (rc == 63) {
		/* --help, -h, --version: printed, then the program stops. */
		diag_report(p->diag, CHK_BAD_LITERAL, NULL,
			    "%s: --help, -h and --version stop the program "
			    "before it starts, on every boot", from);
	} else {
		const char *msg = runtime_message(p->arena, printed);
		/* "boot arguments: unterminated ..." names them already. */
		if (!strncmp(msg, "boot arguments: ", 16))
			msg += 16;
		diag_report(p->diag, CHK_BAD_LITERAL, NULL, "%s: %s", from, msg);
	}
	if (arg >= 0 && (size_t)arg < m->nargs)
		diag_note(p->diag, &m->args[arg]->pos,
			  "runtime arg '%s' is declared here", m->args[arg]->name);
	diag_note(p->diag, NULL, "the program would stop with status %d on "
		  "every boot%s", rc,
		  saved ? "; --boot-args= clears the saved boot arguments" : "");
}
