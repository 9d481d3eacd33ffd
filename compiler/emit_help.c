/* SPDX-License-Identifier: MIT */
/*
 * emit_help.c - the --help listing of a generated program, laid out at
 * configure time into one string of mirc/main.c (see below).  Split from
 * emit_main_c.c, whose emit_main_c() calls emit_help_listing().
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "emit_c.h"
#include "emit_help.h"
#include "mirc/rt.h"

/* ---- the --help listing -----------------------------------------------------------
 *
 * Laid out here, at configure time, rather than by the runtime at boot:
 * the program then carries one string instead of the code and the texts
 * that would lay it out (on cortex_m3 that was over 2 KB of hello's
 * flash).  A man-page-like listing: NAME, SYNOPSIS, the runtime args
 * under the title of their section (in the order sections first appear,
 * titles compared and printed in upper case), the common options, the
 * exit statuses; paragraphs wrapped to 79 columns at 11.
 *
 * The runtime (rt/src/help.c) prints the string, expanding a few control
 * bytes (mirc/rt.h, mirc_rt_set_help()): MIRC_HELP_NAME for the name,
 * which --name may change at boot, MIRC_HELP_IND7/11/14 for the
 * indentations, and MIRC_HELP_RAW before a byte 1 to 5 of a doc or
 * default, printed as it is.  The bytes are the runtime's header's, not
 * a copy of them: mirc and the program cannot read them differently.
 */

/* Text of a doc or default into the listing, control bytes escaped. */
static void help_text(struct strbuf *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= MIRC_HELP_NAME && s[i] <= MIRC_HELP_RAW)
			sb_putc(h, MIRC_HELP_RAW);
		sb_putc(h, s[i]);
	}
}

static void help_indent(struct strbuf *h, int n)
{
	if (n == 7)
		sb_putc(h, MIRC_HELP_IND7);
	else if (n == 11)
		sb_putc(h, MIRC_HELP_IND11);
	else if (n == 14)
		sb_putc(h, MIRC_HELP_IND14);
	else
		for (int i = 0; i < n; i++)
			sb_putc(h, ' ');
}

/* Words (split at spaces) filled into lines of at most 79 columns at
 * `indent`; a word longer than a line gets a line of its own. */
static void help_wrapped(struct strbuf *h, const char *text, int indent)
{
	int col = 0;

	while (*text) {
		const char *w = text;
		int n = 0;

		while (w[n] && w[n] != ' ')
			n++;
		if (col > 0 && col + 1 + n > 79) {
			sb_putc(h, '\n');
			col = 0;
		}
		if (col == 0) {
			help_indent(h, indent);
			col = indent + n;
		} else {
			sb_putc(h, ' ');
			col += 1 + n;
		}
		help_text(h, w, (size_t)n);
		text = w + n;
		while (*text == ' ')
			text++;
	}
	if (col > 0)
		sb_putc(h, '\n');
}

static void help_title(struct strbuf *h, const char *title)
{
	/* At most 127 bytes, as the runtime printed titles before. */
	for (size_t i = 0; title[i] && i < 127; i++)
		sb_putc(h, title[i] >= 'a' && title[i] <= 'z' ?
			(char)(title[i] - 32) : title[i]);
	sb_putc(h, '\n');
}

bool emit_help_same_title(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

const char *emit_help_section(const struct marg *ma)
{
	return ma->section ? ma->section : "OPTIONS";
}

/* The value part of "--port=INT" (enums list their values instead):
 * the base type in capitals, a prefix as "IPV4/LEN". */
const char *emit_help_placeholder(struct arena *a, const struct marg *ma)
{
	const char *suffix = strstr(ma->base, "_prefix");
	size_t n = suffix ? (size_t)(suffix - ma->base) : strlen(ma->base);
	char *s;

	if (!strcmp(ma->base, "enum"))
		return "VALUE";
	s = arena_printf(a, "%.*s%s", (int)n, ma->base, suffix ? "/LEN" : "");
	for (char *c = s; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return s;
}

/* A text cut to `max` bytes, as the runtime's fixed buffers cut it. */
static void help_cut(struct strbuf *s, size_t max)
{
	if (s->len > max) {
		s->len = max;
		s->buf[max] = '\0';
	}
}

/*
 * The spelling of one arg: "--port=INT", "--verbose, --no-verbose",
 * "--mode=fast|slow" or "--peers=IP,...".
 */
void emit_help_spelling(struct strbuf *s, struct arena *a,
			const struct marg *ma, const char *dashed)
{
	if (!strcmp(ma->base, "bool") && !ma->list) {
		sb_printf(s, "--%s, --no-%s", dashed, dashed);
		return;
	}
	sb_printf(s, "--%s=", dashed);
	if (!strcmp(ma->base, "enum"))
		for (size_t i = 0; i < ma->nenum; i++)
			sb_printf(s, "%s%s", i ? "|" : "", ma->enum_values[i]);
	else
		sb_puts(s, emit_help_placeholder(a, ma));
	if (ma->list)
		sb_puts(s, ",...");
	help_cut(s, 511);
}

/*
 * The paragraph of one arg: the doc, what a list accepts, then
 * "(required)" or the default as it would be typed.  An empty default is
 * shown only for a string, where "" is a value; for a list it is merely
 * "no items", which needs no saying.
 */
void emit_help_paragraph(struct strbuf *s, const struct marg *ma)
{
	size_t start = s->len;

	if (ma->doc)
		sb_puts(s, ma->doc);
	if (ma->list)
		sb_printf(s, "%sValues are separated by commas; repeating the "
			  "option adds more.", s->len > start ? " " : "");
	if (ma->required) {
		sb_printf(s, "%s(required)", s->len > start ? " " : "");
	} else if (ma->has_def) {
		struct strbuf d;

		sb_init(&d);
		emit_c_arg_default(&d, ma);
		if (d.len || !strcmp(ma->base, "string"))
			sb_printf(s, "%s(default: %s)", s->len > start ? " " : "",
				  d.len ? d.buf : "\"\"");
		sb_free(&d);
	}
	help_cut(s, start + 1023);
}

/* One arg of the listing: its spelling, then its paragraph. */
static void help_arg(struct strbuf *h, struct arena *a,
		     const struct marg *ma, const char *dashed)
{
	struct strbuf s;

	sb_init(&s);
	help_indent(h, 7);
	emit_help_spelling(&s, a, ma, dashed);
	help_text(h, s.buf, s.len);
	sb_putc(h, '\n');
	s.len = 0;
	emit_help_paragraph(&s, ma);
	if (s.len)
		help_wrapped(h, s.buf, 11);
	sb_putc(h, '\n');
	sb_free(&s);
}

const char *const emit_help_common[] = {
	"--delay=DURATION",
	"Wait DURATION (such as 250ms, 2s or 1m) after the devices are connected "
	"and the jobs started, before the event loop runs. (default: 0s)",
	"-h, --help",
	"Print this help and exit with status 63.",
	"-l LEVELS, --logs=LEVELS",
	"Which log lines to print: comma-separated SOURCE:LEVEL rules such as "
	"*:info,net:debug, where SOURCE is a job or device name, a prefix ending "
	"in *, or * for all, and LEVEL is quiet, error, warning, info or debug; "
	"a bare LEVEL means *:LEVEL. (default: info)",
	"--log-time, --no-log-time",
	"Start log lines with the time, or not. (default: only when the output "
	"is a terminal)",
	"--name=NAME",
	"The name of this instance, in messages. (default: the registered name)",
	"--version",
	"Print the name and version and exit with status 63.",
};
const size_t emit_help_ncommon =
	sizeof(emit_help_common) / sizeof(emit_help_common[0]);

/* mirc-runtime(3), THE SMALL RUNTIME: what each of these leaves out. */
const char *const emit_help_common_small[] = {
	"-h, --help",
	"Print where the options are described (this page) and exit with "
	"status 63.",
	"-l LEVEL, --logs=LEVEL",
	"Which log lines to print: one level for every source, quiet, error, "
	"warning, info or debug (*:LEVEL is the same; the small runtime takes "
	"no rules per source). (default: info)",
	"--log-time, --no-log-time",
	"Accepted, and without effect: the small runtime prints no time.",
	"--name=NAME",
	"The name of this instance, in messages. (default: the registered name)",
	"--version",
	"Print the name and version and exit with status 63.",
};
const size_t emit_help_ncommon_small =
	sizeof(emit_help_common_small) / sizeof(emit_help_common_small[0]);

const char *const emit_help_exits[] = {
	"0", "success",
	/* A newline: where the listing breaks the line (at 14 columns). */
	"1", ("a device failed to connect, a job to start, or a job stopped the\n"
	      "program with an error"),
	"63", "after --help or --version",
	"64", "bad boot arguments",
};
const size_t emit_help_nexits =
	sizeof(emit_help_exits) / sizeof(emit_help_exits[0]);

const char *emit_help_doc(const struct model *m)
{
	for (size_t i = 0; i < m->graph->jobs.len; i++) {
		const struct gnode *j = m->graph->jobs.items[i];
		if (j->mi && j->mi->is_job && j->mi->doc)
			return j->mi->doc;
	}
	return NULL;
}

/* static const char mirc_help[]: the listing, one literal per line. */
void emit_help_listing(struct strbuf *sb, struct arena *a,
		       const struct model *m, const char *doc)
{
	struct strbuf h;
	char **dashed = arena_alloc(a, (m->nargs + 1) * sizeof(*dashed));

	sb_init(&h);
	for (size_t i = 0; i < m->nargs; i++) {
		dashed[i] = arena_strdup(a, m->args[i]->name);
		for (char *c = dashed[i]; *c; c++)
			if (*c == '_')
				*c = '-';
	}
	sb_puts(&h, "NAME\n");
	help_indent(&h, 7);
	sb_putc(&h, MIRC_HELP_NAME);
	if (doc && *doc) {
		sb_puts(&h, " - ");
		help_text(&h, doc, strlen(doc));
	}
	sb_puts(&h, "\n\nSYNOPSIS\n");
	help_indent(&h, 7);
	sb_putc(&h, MIRC_HELP_NAME);
	for (size_t i = 0; i < m->nargs; i++)
		if (m->args[i]->required)
			sb_printf(&h, " --%s=%s", dashed[i],
				  emit_help_placeholder(a, m->args[i]));
	sb_puts(&h, " [OPTION]...\n\n");
	for (size_t i = 0; i < m->nargs; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = emit_help_same_title(emit_help_section(m->args[j]), emit_help_section(m->args[i]));
		if (seen)
			continue;
		help_title(&h, emit_help_section(m->args[i]));
		for (size_t j = i; j < m->nargs; j++)
			if (emit_help_same_title(emit_help_section(m->args[j]), emit_help_section(m->args[i])))
				help_arg(&h, a, m->args[j], dashed[j]);
	}
	sb_puts(&h, "COMMON OPTIONS\n");
	for (size_t i = 0; i < emit_help_ncommon; i += 2) {
		if (i)
			sb_putc(&h, '\n');
		help_indent(&h, 7);
		sb_printf(&h, "%s\n", emit_help_common[i]);
		help_wrapped(&h, emit_help_common[i + 1], 11);
	}
	sb_puts(&h, "\nEXIT STATUS\n");
	for (size_t i = 0; i < emit_help_nexits; i += 2) {
		help_indent(&h, 7);
		sb_printf(&h, "%-7s", emit_help_exits[i]);
		for (const char *t = emit_help_exits[i + 1]; *t; t++) {
			if (*t != '\n') {
				sb_putc(&h, *t);
				continue;
			}
			sb_putc(&h, '\n');
			help_indent(&h, 14);
		}
		sb_putc(&h, '\n');
	}

	sb_puts(sb, "\n/* --help (rt/src/help.c expands \\001 to the name, \\002, \\003 and\n"
		" * \\004 to 7, 11 and 14 spaces) */\nstatic const char mirc_help[] =");
	for (size_t i = 0; i < h.len; ) {
		size_t j = i;
		while (j < h.len && h.buf[j] != '\n')
			j++;
		j += j < h.len;
		sb_puts(sb, "\n\t\"");
		for (; i < j; i++) {
			unsigned char c = (unsigned char)h.buf[i];
			if (c == '\n')
				sb_puts(sb, "\\n");
			else if (c == '"' || c == '\\')
				sb_printf(sb, "\\%c", c);
			else if (c < 0x20 || c >= 0x7f || c == '?')
				sb_printf(sb, "\\%03o%s", c, i + 1 < j &&
					  h.buf[i + 1] >= '0' && h.buf[i + 1] <= '9' ?
					  "\" \"" : "");
			else
				sb_putc(sb, (char)c);
		}
		sb_putc(sb, '"');
	}
	sb_puts(sb, ";\n");
	sb_free(&h);
}

/*
 * The log source of a device or job: its impl's name, or, when the graph
 * has several instances of that impl, the instance's name (cache_2, as
 * `mirc describe --eval` shows it), so that each logs apart and `-l`
 * can select one; a rule naming the impl still selects them all
 * (rt/src/log.c).
 */
