/* SPDX-License-Identifier: MIT */
/* show.c - print every item of the list args, one per line. */
#include "mirc.h"

static void show_list(const char *name, mirc_list_string l)
{
	mirc_log_info("%s: %zu items", name, l.len);
	for (size_t i = 0; i < l.len; i++)
		mirc_log_info("%s[%zu] = '%s'", name, i, l.items[i]);
}

int show_start(mirc_list_string words, mirc_list_string blanks,
	       mirc_list_string one, mirc_list_string lone,
	       mirc_list_string none)
{
	show_list("words", words);
	show_list("blanks", blanks);
	show_list("one", one);
	show_list("lone", lone);
	show_list("none", none);
	return 0;
}
