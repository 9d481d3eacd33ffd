/* SPDX-License-Identifier: MIT */
/*
 * help.c - --help: the listing mirc laid out at configure time (NAME,
 * SYNOPSIS, the runtime args by section, the common options, the exit
 * statuses; see compiler/emit_help.c), printed on the
 * standard output.
 *
 * Why not laid out here from the args table: a program then carries one
 * string instead of the code and texts that lay it out, which on small
 * boards was a tenth of a whole program's flash.  The string is printed
 * as it is, except for a few control bytes (mirc/rt.h): the name, which
 * --name may change at boot, and the indentations, which would otherwise
 * be a third of the text.
 *
 * The small runtime (MIRC_RUNTIME_SMALL) prints no listing: one line that
 * names the program's man page, which mirc configure writes as
 * dist/NAME.1, and the listing, never read, is left out of the image.
 */
#include <stdbool.h>
#include <stddef.h>

#include "core.h"

#ifdef MIRC_RUNTIME_SMALL
void mirc_rt_set_help(const char *text)
{
	(void)text;
}

void mirc_rt_print_help(const struct mirc_program *prog, const char *name)
{
	mirc_console_print(false, "Usage: %s [OPTION]...\nThe options are in "
			   "%s(1): man -l dist/%s.1\n", name, prog->name,
			   prog->name);
}
#else
static const char *listing;

/* print_listing() indexes the indentations from MIRC_HELP_IND7 and stops
 * a run of text at any byte up to MIRC_HELP_RAW. */
_Static_assert(MIRC_HELP_NAME >= 1 && MIRC_HELP_IND11 == MIRC_HELP_IND7 + 1 &&
	       MIRC_HELP_IND14 == MIRC_HELP_IND7 + 2 &&
	       MIRC_HELP_RAW > MIRC_HELP_IND14 && MIRC_HELP_RAW > MIRC_HELP_NAME,
	       "the --help control bytes as print_listing() reads them");

void mirc_rt_set_help(const char *text)
{
	listing = text;
}

/* Print s, expanding the control bytes of the listing (mirc/rt.h). */
static void print_listing(const char *s, const char *name)
{
	static const char spaces[] = "              ";
	static const unsigned char indent[] = { 7, 11, 14 };

	while (*s) {
		const char *run = s;

		while ((unsigned char)*s > MIRC_HELP_RAW)
			s++;
		platform_console_write(run, (size_t)(s - run), false);
		switch (*s) {
		case '\0':
			break;
		case MIRC_HELP_NAME:
			platform_console_write(name, rt_strlen(name), false);
			s++;
			break;
		case MIRC_HELP_RAW:
			if (!s[1])
				return;
			platform_console_write(s + 1, 1, false);
			s += 2;
			break;
		default:
			platform_console_write(spaces, indent[*s - MIRC_HELP_IND7], false);
			s++;
			break;
		}
	}
}

void mirc_rt_print_help(const struct mirc_program *prog, const char *name)
{
	if (listing) {
		print_listing(listing, name);
		return;
	}
	/* A program made without mirc. */
	{
		static const char head[] = { 'N', 'A', 'M', 'E', '\n',
					     MIRC_HELP_IND7, MIRC_HELP_NAME, 0 };
		print_listing(head, name);
	}
	if (prog->doc && *prog->doc)
		mirc_console_print(false, " - %s", prog->doc);
	mirc_console_print(false, "\n");
}
#endif /* MIRC_RUNTIME_SMALL */
