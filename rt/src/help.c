/* SPDX-License-Identifier: MIT */
/*
 * help.c - --help: a listing laid out like a manual page (NAME, SYNOPSIS,
 * one section per `section` of the runtime args, the common options, the
 * exit statuses), wrapped to 79 columns, on the standard output.
 */
#include <stdbool.h>
#include <stddef.h>

#include "core.h"

/* The value part of "--port=INT" (enums list their values instead). */
static const char *const placeholder[] = {
	[MIRC_ARG_BOOL] = "BOOL",
	[MIRC_ARG_INT] = "INT",
	[MIRC_ARG_STRING] = "STRING",
	[MIRC_ARG_DURATION] = "DURATION",
	[MIRC_ARG_IPV4] = "IPV4",
	[MIRC_ARG_IPV4_PREFIX] = "IPV4/LEN",
	[MIRC_ARG_IPV6] = "IPV6",
	[MIRC_ARG_IPV6_PREFIX] = "IPV6/LEN",
	[MIRC_ARG_IP] = "IP",
	[MIRC_ARG_ENUM] = NULL,	/* the values: a|b|c */
};

/* Print text wrapped to 79 columns at `indent`: words are never split, a
 * word longer than a line gets a line of its own. */
static void print_wrapped(const char *text, int indent)
{
	int col = 0;

	while (*text) {
		const char *w = text;
		int n = 0;

		while (w[n] && w[n] != ' ')
			n++;
		if (col > 0 && col + 1 + n > 79) {
			mirc_console_print(false, "\n");
			col = 0;
		}
		if (col == 0) {
			mirc_console_print(false, "%*s%.*s", indent, "", n, w);
			col = indent + n;
		} else {
			mirc_console_print(false, " %.*s", n, w);
			col += 1 + n;
		}
		text = w + n;
		while (*text == ' ')
			text++;
	}
	if (col > 0)
		mirc_console_print(false, "\n");
}

static void print_title(const char *title)
{
	char up[128];
	size_t i;

	for (i = 0; title[i] && i + 1 < sizeof(up); i++)
		up[i] = title[i] >= 'a' && title[i] <= 'z' ? (char)(title[i] - 32) : title[i];
	up[i] = '\0';
	mirc_console_print(false, "%s\n", up);
}

/* "Network options" and "NETWORK OPTIONS" are one section: titles are
 * printed in upper case, so they are compared that way. */
static bool same_title(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static const char *section_of(const struct mirc_arg_desc *a)
{
	return a->section ? a->section : "OPTIONS";
}

/* "--port=INT", "--verbose, --no-verbose", "--mode=fast|slow", "--peers=IP,..." */
static void print_option(const struct mirc_arg_desc *a)
{
	char buf[512];
	size_t n;

	if (a->type == MIRC_ARG_BOOL && !(a->flags & MIRC_ARG_LIST)) {
		mirc_console_print(false, "       --%s, --no-%s\n", a->name, a->name);
		return;
	}
	n = (size_t)mirc_snprintf(buf, sizeof(buf), "--%s=", a->name);
	if (a->type == MIRC_ARG_ENUM) {
		for (size_t i = 0; i < a->nenum && n < sizeof(buf); i++)
			n += (size_t)mirc_snprintf(buf + n, sizeof(buf) - n, "%s%s",
						   i ? "|" : "", a->enum_values[i]);
	} else if (n < sizeof(buf)) {
		n += (size_t)mirc_snprintf(buf + n, sizeof(buf) - n, "%s",
					   placeholder[a->type]);
	}
	if ((a->flags & MIRC_ARG_LIST) && n < sizeof(buf))
		mirc_snprintf(buf + n, sizeof(buf) - n, ",...");
	mirc_console_print(false, "       %s\n", buf);
}

/*
 * One arg: its option line, then one paragraph: the doc, what a list
 * accepts, then "(required)" or the default as it would be typed.  An
 * empty default is shown only for a string, where "" is a value; for a
 * list it is merely "no items", which needs no saying.
 */
static void print_arg(const struct mirc_arg_desc *a)
{
	char doc[1024];
	size_t n = 0;

	print_option(a);
	if (a->doc && *a->doc)
		n = (size_t)mirc_snprintf(doc, sizeof(doc), "%s", a->doc);
	if ((a->flags & MIRC_ARG_LIST) && n < sizeof(doc))
		n += (size_t)mirc_snprintf(doc + n, sizeof(doc) - n, "%sValues are "
					   "separated by commas; repeating the option "
					   "adds more.", n ? " " : "");
	if (a->flags & MIRC_ARG_REQUIRED) {
		if (n < sizeof(doc))
			n += (size_t)mirc_snprintf(doc + n, sizeof(doc) - n, "%s(required)",
						   n ? " " : "");
	} else if (a->def && (*a->def || a->type == MIRC_ARG_STRING) && n < sizeof(doc)) {
		n += (size_t)mirc_snprintf(doc + n, sizeof(doc) - n, "%s(default: %s)",
					   n ? " " : "", *a->def ? a->def : "\"\"");
	}
	if (n)
		print_wrapped(doc, 11);
	mirc_console_print(false, "\n");
}

void mirc_rt_print_help(const struct mirc_program *prog, const char *name)
{
	const struct mirc_arg_desc *args = prog->args;
	size_t nargs = prog->nargs;

	mirc_console_print(false, "NAME\n       %s%s%s\n\n", name,
			   prog->doc && *prog->doc ? " - " : "",
			   prog->doc && *prog->doc ? prog->doc : "");
	mirc_console_print(false, "SYNOPSIS\n       %s", name);
	for (size_t i = 0; i < nargs; i++)
		if (args[i].flags & MIRC_ARG_REQUIRED)
			mirc_console_print(false, " --%s=%s", args[i].name,
					   args[i].type == MIRC_ARG_ENUM ? "VALUE"
					   : placeholder[args[i].type]);
	mirc_console_print(false, " [OPTION]...\n\n");

	/* Sections in the order they first appear in the table. */
	for (size_t i = 0; i < nargs; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = same_title(section_of(&args[j]), section_of(&args[i]));
		if (seen)
			continue;
		print_title(section_of(&args[i]));
		for (size_t j = i; j < nargs; j++)
			if (same_title(section_of(&args[j]), section_of(&args[i])))
				print_arg(&args[j]);
	}

	print_title("COMMON OPTIONS");
	mirc_console_print(false, "       --delay=DURATION\n");
	print_wrapped("Wait DURATION (such as 250ms, 2s or 1m) after the devices "
		      "are connected and the jobs started, before the event loop "
		      "runs. (default: 0s)", 11);
	mirc_console_print(false, "\n       -h, --help\n");
	print_wrapped("Print this help and exit with status 63.", 11);
	mirc_console_print(false, "\n       -l LEVELS, --logs=LEVELS\n");
	print_wrapped("Which log lines to print: comma-separated SOURCE:LEVEL "
		      "rules such as *:info,net:debug, where SOURCE is a job or "
		      "device name, a prefix ending in *, or * for all, and LEVEL "
		      "is quiet, error, warning, info or debug; a bare LEVEL means "
		      "*:LEVEL. (default: info)", 11);
	mirc_console_print(false, "\n       --log-time, --no-log-time\n");
	print_wrapped("Start log lines with the time, or not. (default: only "
		      "when the output is a terminal)", 11);
	mirc_console_print(false, "\n       --name=NAME\n");
	print_wrapped("The name of this instance, in messages. (default: the "
		      "registered name)", 11);
	mirc_console_print(false, "\n       --version\n");
	print_wrapped("Print the name and version and exit with status 63.", 11);
	mirc_console_print(false, "\n");

	print_title("EXIT STATUS");
	mirc_console_print(false,
			   "       0      success\n"
			   "       1      a device failed to connect, a job to start, "
			   "or a job stopped the\n"
			   "              program with an error\n"
			   "       63     after --help or --version\n"
			   "       64     bad boot arguments\n");
}

