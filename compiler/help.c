/* SPDX-License-Identifier: MIT */
/*
 * help.c - `mirc help [TOPIC]`: find the topic's man page under
 * <home>/man and show it as plain text (man_render.c), or list the topics
 * (for the error message and for shell completion).  Bold and underline
 * are shown only when writing to a terminal, and not with NO_COLOR.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile.h"
#include "help.h"
#include "man_render.h"
#include "util.h"

/* ---- topics ----------------------------------------------------------- */

/* The topic a page file stands for: mirc-check.1 -> check, mir.5 -> mir. */
static char *page_topic(const char *file)
{
	const char *dot = strrchr(file, '.');
	if (!dot || dot == file || !dot[1] || !isdigit((unsigned char)dot[1]))
		return NULL;
	size_t n = (size_t)(dot - file);
	if (n > 5 && !strncmp(file, "mirc-", 5)) {
		file += 5;
		n -= 5;
	}
	char *t = xmalloc(n + 1);
	memcpy(t, file, n);
	t[n] = '\0';
	return t;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The topics for which mandir has a page, sorted, malloc'ed, at most max. */
static size_t collect_topics(const char *mandir, char **names, size_t max)
{
	DIR *d = opendir(mandir);
	size_t n = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) && n < max) {
			char *t = page_topic(e->d_name);
			if (t)
				names[n++] = t;
		}
		closedir(d);
	}
	qsort(names, n, sizeof names[0], cmp_str);
	return n;
}

/* Print the topics for which home/man has a page. */
static void list_topics(const char *mandir, FILE *to)
{
	char *names[64];
	size_t n = collect_topics(mandir, names, 64);

	fputs("available topics:", to);
	for (size_t i = 0; i < n; i++) {
		fprintf(to, " %s", names[i]);
		free(names[i]);
	}
	fputs(n ? "\n" : " none\n", to);
}

void help_topics(const char *home, struct strbuf *out)
{
	struct strbuf mandir;
	char *names[64];
	size_t n;

	sb_init(&mandir);
	sb_printf(&mandir, "%s/man", home);
	n = collect_topics(mandir.buf, names, 64);
	for (size_t i = 0; i < n; i++) {
		sb_printf(out, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	sb_free(&mandir);
}

/* Of two pages of one topic, is `a` the one to show? */
static bool better_page(const char *a, const char *b)
{
	bool ma = !strncmp(a, "mirc-", 5), mb = !strncmp(b, "mirc-", 5);

	return ma != mb ? ma : strcmp(a, b) < 0;
}

/*
 * Topic -> page file.  The pages are found the way list_topics finds
 * them, so every topic it lists opens (mirc-runtime.3 is `runtime`
 * although section 3 is no command's).  Two pages of one topic
 * (mirc-x.1 and x.5): the mirc- one, then the lower section.
 */
static char *topic_page(const char *mandir, const char *topic)
{
	char *best = NULL;
	DIR *d;

	if (!topic || !strcmp(topic, "help"))
		topic = "mirc";
	d = opendir(mandir);
	if (!d)
		return NULL;
	for (struct dirent *e; (e = readdir(d));) {
		char *t = page_topic(e->d_name);
		bool match = t && !strcmp(t, topic);
		free(t);
		if (!match)
			continue;
		if (!best || better_page(e->d_name, best)) {
			free(best);
			best = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (!best)
		return NULL;
	struct strbuf p;
	sb_init(&p);
	sb_printf(&p, "%s/%s", mandir, best);
	free(best);
	return p.buf;
}

int help_show(const char *home, const char *topic, FILE *out)
{
	if (!home) {
		fprintf(stderr, "mirc help: cannot find mirc's data directory "
				"(set MIRC_HOME)\n");
		return MIRC_EENV;
	}
	struct strbuf mandir;
	sb_init(&mandir);
	sb_printf(&mandir, "%s/man", home);
	char *path = topic_page(mandir.buf, topic);
	if (!path) {
		fprintf(stderr, "mirc help: no help topic '%s'\n", topic);
		list_topics(mandir.buf, stderr);
		sb_free(&mandir);
		return MIRC_EUSAGE;
	}
	size_t len;
	char *text = util_read_file(path, &len);
	if (!text) {
		fprintf(stderr, "mirc help: no manual page for '%s': %s: %s\n",
			topic ? topic : "mirc", path, strerror(errno));
		free(path);
		sb_free(&mandir);
		return MIRC_EENV;
	}
	const char *nc = getenv("NO_COLOR");
	bool ansi = isatty(fileno(out)) && !(nc && *nc);
	man_render_page(text, out, ansi);
	free(text);
	free(path);
	sb_free(&mandir);
	if (fflush(out) == EOF || ferror(out)) {
		fprintf(stderr, "mirc help: write error: %s\n", strerror(errno));
		return MIRC_EENV;
	}
	return MIRC_OK;
}
