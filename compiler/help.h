/* SPDX-License-Identifier: MIT */
/*
 * help.h - `mirc help` (help.c).
 */
#ifndef MIRC_HELP_H
#define MIRC_HELP_H

#include <stdio.h>

#include "util.h"

/* `mirc help TOPIC`: render man/<page> as text.  Returns an exit status. */
int help_show(const char *home, const char *topic, FILE *out);
/* The topics `mirc help` knows, space-separated and sorted, appended to
 * out (for shell completion). */
void help_topics(const char *home, struct strbuf *out);

#endif
