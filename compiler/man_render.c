/* SPDX-License-Identifier: MIT */
/*
 * man_render.c - a man page as plain text, for `mirc help` (help.c).
 *
 * mirc must not depend on man(1) or groff being installed (bare build
 * machines and CI images often lack them), so this is a small formatter for
 * the subset of the man(7) macros our pages use: headings, paragraphs,
 * tagged and indented paragraphs, font macros and escapes, verbatim blocks
 * and relative insets.  Text is filled to WIDTH columns; bold and
 * underline are shown with ANSI escapes when the caller asks for them.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "man_render.h"
#include "util.h"

#define WIDTH 78
#define BASE_INDENT 7		/* body text under a .SH heading */
#define MAX_INSETS 16
#define MAX_ARGS 64		/* groff takes more than troff's nine */

/* Font changes travel inside rendered text as these control bytes. */
enum { F_BOLD = 1, F_ITAL = 2, F_ROMAN = 3, NBSP = 4 };

/* What the next text line means, after a macro that takes it. */
enum pending { P_NONE, P_SH, P_SS, P_BOLD, P_ITAL };

struct rend {
	FILE *out;
	bool ansi;
	bool fill;
	int base;		/* left margin: BASE_INDENT plus .RS insets */
	int pi;			/* extra indent of a tagged paragraph body */
	int prevailing;		/* indent set by .TP/.IP, reset by .PP */
	int insets[MAX_INSETS][2];	/* saved base and pi of each .RS */
	int ninsets;
	enum pending pending;
	bool tag_next;		/* the next text is a .TP tag */
	int font, prevfont;	/* while rendering escapes */
	int outfont;		/* while writing: for ANSI across lines */
	struct strbuf line;	/* the line being filled, margin included */
	int col;		/* its visible width */
	bool words;		/* it holds at least one word */
	bool fresh;		/* nothing since the last heading */
	bool blank;		/* a vertical space is due */
	bool printed;		/* something was written: no blank at top */
	char *footer;
	char *url;		/* from .UR, printed at .UE */
};

/* ---- output ----------------------------------------------------------- */

/* Visible columns: control bytes and UTF-8 continuation bytes take none. */
static int vis_width(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= F_BOLD && c <= F_ROMAN)
			continue;
		if ((c & 0xC0) == 0x80)
			continue;
		w++;
	}
	return w;
}

static void set_outfont(struct rend *r, int f)
{
	if (r->ansi && f != r->outfont)
		fputs(f == F_BOLD ? "\033[0;1m" : f == F_ITAL ? "\033[0;4m"
				  : "\033[0m", r->out);
	r->outfont = f;
}

/* Write the current line; a font still open is re-opened on the next. */
static void flush_line(struct rend *r)
{
	if (!r->line.len)
		return;
	while (r->line.len && r->line.buf[r->line.len - 1] == ' ')
		r->line.len--;
	int f = r->outfont;	/* the font carried over from the last line */
	bool started = false;
	r->outfont = F_ROMAN;	/* the terminal starts each line in roman */
	for (size_t i = 0; i < r->line.len; i++) {
		unsigned char c = (unsigned char)r->line.buf[i];
		if (c >= F_BOLD && c <= F_ROMAN) {
			f = c;
			if (started)
				set_outfont(r, c);
			continue;
		}
		if (!started && c != ' ') {
			started = true;
			set_outfont(r, f);
		}
		fputc(c == NBSP ? ' ' : c, r->out);
	}
	set_outfont(r, F_ROMAN);
	r->outfont = f;
	fputc('\n', r->out);
	r->line.len = 0;
	r->col = 0;
	r->words = false;
	r->printed = true;
}

static void start_line(struct rend *r, int margin)
{
	if (r->blank && r->printed)
		fputc('\n', r->out);
	r->blank = false;
	for (int i = 0; i < margin; i++)
		sb_putc(&r->line, ' ');
	r->col = margin;
}

/* Add one word, breaking the line first when it would not fit. */
static void add_word(struct rend *r, const char *w, size_t n)
{
	int vw = vis_width(w, n);
	if (r->words && r->col + 1 + vw > WIDTH)
		flush_line(r);
	if (!r->line.len)
		start_line(r, r->base + r->pi);
	if (r->words) {
		sb_putc(&r->line, ' ');
		r->col++;
	}
	sb_putn(&r->line, w, n);
	r->col += vw;
	r->words = true;
	r->fresh = false;
}

/* Split rendered text into words and fill them. */
static void fill_text(struct rend *r, const char *s)
{
	while (*s) {
		while (*s == ' ' || *s == '\t')
			s++;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		if (e > s)
			add_word(r, s, (size_t)(e - s));
		s = e;
	}
}

/* A verbatim line (.nf, .EX): kept as is, tabs to 8-column stops. */
static void verbatim_line(struct rend *r, const char *s)
{
	flush_line(r);
	r->fresh = false;
	start_line(r, r->base + r->pi);
	for (; *s; s++) {
		if (*s == '\t') {
			do {
				sb_putc(&r->line, ' ');
				r->col++;
			} while ((r->col - r->base - r->pi) % 8);
			continue;
		}
		sb_putc(&r->line, *s);
		r->col += vis_width(s, 1);
	}
	/* An empty line must still print: flush_line skips empty buffers. */
	while (r->line.len && r->line.buf[r->line.len - 1] == ' ')
		r->line.len--;
	if (r->line.len) {
		flush_line(r);
	} else {
		fputc('\n', r->out);
		r->printed = true;
	}
}

/* ---- escapes ---------------------------------------------------------- */

static void set_font(struct rend *r, struct strbuf *dst, int f)
{
	if (f == 0)		/* \fP: the previous font */
		f = r->prevfont;
	r->prevfont = r->font;
	r->font = f;
	sb_putc(dst, (char)f);
}

static int font_code(const char *name, size_t n)
{
	if (n == 1 && name[0] == 'P')
		return 0;
	if (n >= 1 && name[0] == 'B')
		return F_BOLD;
	if (n >= 1 && name[0] == 'I')
		return F_ITAL;
	return F_ROMAN;
}

/* Special characters, by their groff names; unknown ones disappear. */
static const char *special_char(const char *name, size_t n)
{
	static const char *const tab[][2] = {
		{"em", "--"}, {"en", "-"}, {"hy", "-"}, {"mi", "-"},
		{"bu", "*"}, {"lq", "\""}, {"rq", "\""}, {"dq", "\""},
		{"oq", "'"}, {"cq", "'"}, {"aq", "'"}, {"ga", "`"},
		{"ti", "~"}, {"ha", "^"}, {"rs", "\\"}, {"co", "(C)"},
		{"mu", "x"}, {"<=", "<="}, {">=", ">="}, {"->", "->"},
		{"<-", "<-"}, {"==", "=="}, {"!=", "!="}, {"sl", "/"},
		{"ba", "|"}, {"or", "|"}, {"lB", "["}, {"rB", "]"},
		{"lC", "{"}, {"rC", "}"}, {"la", "<"}, {"ra", ">"},
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strlen(tab[i][0]) == n && !memcmp(tab[i][0], name, n))
			return tab[i][1];
	return "";
}

/* Parse the name after \f, \( or \[: one char, (XX or [long]. */
static const char *esc_name(const char *s, const char **name, size_t *n)
{
	if (*s == '(') {
		*name = s + 1;
		*n = s[1] && s[2] ? 2 : strlen(s + 1);
		return s + 1 + *n;
	}
	if (*s == '[') {
		const char *e = strchr(s, ']');
		*name = s + 1;
		*n = e ? (size_t)(e - s - 1) : strlen(s + 1);
		return e ? e + 1 : s + 1 + *n;
	}
	*name = s;
	*n = *s ? 1 : 0;
	return s + *n;
}

/* Render the roff escapes of s into dst (font changes as control bytes). */
static void render(struct rend *r, const char *s, struct strbuf *dst)
{
	const char *name;
	size_t n;
	while (*s) {
		if (*s != '\\') {
			sb_putc(dst, *s);
			s++;
			continue;
		}
		s++;
		switch (*s) {
		case '\0':
			return;
		case '"':	/* comment to the end of the line */
			return;
		case 'f':
			s = esc_name(s + 1, &name, &n);
			set_font(r, dst, font_code(name, n));
			continue;
		case '(':
			s = esc_name(s, &name, &n);
			sb_puts(dst, special_char(name, n));
			continue;
		case '[':
			s = esc_name(s, &name, &n);
			sb_puts(dst, special_char(name, n));
			continue;
		case '*':	/* predefined strings: dropped */
			s = esc_name(s + 1, &name, &n);
			continue;
		case 's':	/* size changes: \s0, \s+1, \s-1 */
			s++;
			if (*s == '+' || *s == '-')
				s++;
			while (isdigit((unsigned char)*s))
				s++;
			continue;
		case 'e':
		case '\\':
			sb_putc(dst, '\\');
			break;
		case '-':
		case '.':
		case '\'':
		case '`':
			sb_putc(dst, *s);
			break;
		case ' ':
		case '~':
		case '0':
			sb_putc(dst, NBSP);
			break;
		default:	/* \& \| \^ \% \c and the unknown */
			break;
		}
		s++;
	}
}

/* ---- requests --------------------------------------------------------- */

/* Split macro arguments: blanks separate, "double quotes" group. */
static size_t split_args(char *s, char **argv, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (*s == '"') {
			char *d = ++s;
			argv[n++] = d;
			while (*s) {
				if (*s == '"' && s[1] == '"') {
					*d++ = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					*d++ = *s++;
				}
			}
			bool more = *s != '\0';
			*d = '\0';
			if (more && d == s)
				s++;
			continue;
		}
		argv[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = '\0';
	}
	return n;
}

/* Text in one font, then back to roman (.B, .I, .SH ...). */
static void font_text(struct rend *r, int f, char **argv, size_t argc)
{
	struct strbuf b;
	sb_init(&b);
	set_font(r, &b, f);
	for (size_t i = 0; i < argc; i++) {
		if (i)
			sb_putc(&b, ' ');
		render(r, argv[i], &b);
	}
	set_font(r, &b, F_ROMAN);
	sb_putc(&b, '\0');
	fill_text(r, b.buf);
	sb_free(&b);
}

/* .BR, .IR, .RB ...: arguments alternate between two fonts, unspaced. */
static void alt_fonts(struct rend *r, int f1, int f2, char **argv, size_t argc)
{
	struct strbuf b;
	sb_init(&b);
	for (size_t i = 0; i < argc; i++) {
		set_font(r, &b, i % 2 ? f2 : f1);
		render(r, argv[i], &b);
	}
	set_font(r, &b, F_ROMAN);
	sb_putc(&b, '\0');
	fill_text(r, b.buf);
	sb_free(&b);
}

/* Text in font f, then back to roman. */
static void fill_font(struct rend *r, int f, const char *text)
{
	struct strbuf t;
	sb_init(&t);
	sb_putc(&t, (char)f);
	sb_puts(&t, text);
	sb_putc(&t, F_ROMAN);
	fill_text(r, t.buf);
	sb_free(&t);
}

/* .SH (margin 0) and .SS (3): a bold line, then body text at the base. */
static void heading(struct rend *r, int margin, const char *text)
{
	flush_line(r);
	r->blank = !r->fresh;
	r->base = margin;
	r->pi = 0;
	fill_font(r, F_BOLD, text);
	flush_line(r);
	r->base = BASE_INDENT;
	r->ninsets = 0;
	r->prevailing = BASE_INDENT;
	r->fresh = true;
}

/* groff puts no space between a heading and the first paragraph. */
static void paragraph(struct rend *r)
{
	flush_line(r);
	r->blank = !r->fresh;
	r->pi = 0;
	r->prevailing = BASE_INDENT;
}

/* After a .TP tag: body on the same line when the tag is short enough. */
static void end_tag(struct rend *r)
{
	r->pi = r->prevailing;
	if (!r->line.len)
		return;
	if (r->col < r->base + r->pi) {
		while (r->col < r->base + r->pi) {
			sb_putc(&r->line, ' ');
			r->col++;
		}
		r->words = false;	/* no space before the body */
	} else {
		flush_line(r);
	}
}

/* Text was produced: if it was a .TP tag, the body comes next. */
static void after_text(struct rend *r)
{
	if (r->tag_next) {
		r->tag_next = false;
		end_tag(r);
	}
}

static int indent_arg(const char *s, int def)
{
	if (!s || !isdigit((unsigned char)*s))
		return def;
	int v = atoi(s);
	return v > 20 ? 20 : v;	/* keep room for text on 78 columns */
}

static void title(struct rend *r, char **argv, size_t argc)
{
	static const char *const manuals[] = {
		"", "General Commands Manual", "System Calls Manual",
		"Library Functions Manual", "Kernel Interfaces Manual",
		"File Formats Manual", "Games Manual",
		"Miscellaneous Information Manual",
	};
	const char *name = argc > 0 ? argv[0] : "";
	const char *sec = argc > 1 ? argv[1] : "";
	const char *date = argc > 2 ? argv[2] : "";
	const char *src = argc > 3 ? argv[3] : "";
	const char *man = argc > 4 ? argv[4] : "";
	int s = atoi(sec);
	if (!*man && s > 0 && s < 8)
		man = manuals[s];
	char side[128];
	snprintf(side, sizeof side, "%s(%s)", name, sec);
	int pad = WIDTH - 2 * (int)strlen(side) - (int)strlen(man);
	int l = pad > 1 ? pad / 2 : 1;
	fprintf(r->out, "%s%*s%s%*s%s\n\n", side, l, "", man, pad - l > 0 ?
		pad - l : 1, "", side);
	r->printed = false;
	pad = WIDTH - (int)strlen(src) - (int)strlen(date) -
		(int)strlen(side);
	l = pad > 1 ? pad / 2 : 1;
	free(r->footer);
	struct strbuf f;
	sb_init(&f);
	sb_printf(&f, "%s%*s%s%*s%s", src, l, "", date,
		  pad - l > 0 ? pad - l : 1, "", side);
	r->footer = f.buf;
}

static void request(struct rend *r, char *line)
{
	char *argv[MAX_ARGS], *p = line + 1;
	while (*p == ' ' || *p == '\t')
		p++;
	char *name = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p)
		*p++ = '\0';
	char *c = strstr(p, "\\\"");
	if (c)
		*c = '\0';
	size_t argc = split_args(p, argv, MAX_ARGS);

	if (!strcmp(name, "TH")) {
		/* The title's fields may hold escapes (MIRC\-CHECK). */
		struct strbuf t[5];
		char *targv[5];
		for (size_t i = 0; i < 5 && i < argc; i++) {
			sb_init(&t[i]);
			render(r, argv[i], &t[i]);
			sb_putc(&t[i], '\0');
			targv[i] = t[i].buf;
		}
		title(r, targv, argc < 5 ? argc : 5);
		for (size_t i = 0; i < 5 && i < argc; i++)
			sb_free(&t[i]);
	} else if (!strcmp(name, "SH") || !strcmp(name, "SS")) {
		int m = name[1] == 'H' ? 0 : 3;
		struct strbuf b;
		sb_init(&b);
		for (size_t i = 0; i < argc; i++) {
			if (i)
				sb_putc(&b, ' ');
			render(r, argv[i], &b);
		}
		sb_putc(&b, '\0');
		if (argc)
			heading(r, m, b.buf);
		else
			r->pending = m ? P_SS : P_SH;
		sb_free(&b);
	} else if (!strcmp(name, "PP") || !strcmp(name, "LP") ||
		   !strcmp(name, "P") || !strcmp(name, "HP")) {
		paragraph(r);
	} else if (!strcmp(name, "TP")) {
		paragraph(r);
		r->prevailing = indent_arg(argc ? argv[0] : NULL, BASE_INDENT);
		r->tag_next = true;
	} else if (!strcmp(name, "IP")) {
		paragraph(r);
		r->prevailing = indent_arg(argc > 1 ? argv[1] : NULL,
					   BASE_INDENT);
		if (argc && *argv[0])
			font_text(r, F_ROMAN, argv, 1);
		end_tag(r);
	} else if (!strcmp(name, "RS")) {
		flush_line(r);
		if (r->ninsets < MAX_INSETS) {
			r->insets[r->ninsets][0] = r->base;
			r->insets[r->ninsets][1] = r->pi;
			r->ninsets++;
		}
		/* As groff: the inset is the argument or the prevailing
		 * indent, measured from the margin (not the .TP body). */
		r->base += indent_arg(argc ? argv[0] : NULL, r->prevailing);
		if (r->base > WIDTH / 2)
			r->base = WIDTH / 2;
		r->pi = 0;
	} else if (!strcmp(name, "RE")) {
		flush_line(r);
		if (r->ninsets) {
			r->ninsets--;
			r->base = r->insets[r->ninsets][0];
			r->pi = r->insets[r->ninsets][1];
		}
	} else if (!strcmp(name, "nf") || !strcmp(name, "EX")) {
		flush_line(r);
		r->fill = false;
	} else if (!strcmp(name, "fi") || !strcmp(name, "EE")) {
		r->fill = true;
	} else if (!strcmp(name, "br")) {
		flush_line(r);
	} else if (!strcmp(name, "sp")) {
		flush_line(r);
		r->blank = true;
	} else if (!strcmp(name, "B") || !strcmp(name, "I") ||
		   !strcmp(name, "SB") || !strcmp(name, "SM")) {
		int f = name[0] == 'I' ? F_ITAL : name[1] == 'M' ? F_ROMAN
								: F_BOLD;
		if (argc) {
			font_text(r, f, argv, argc);
			after_text(r);
		} else {
			r->pending = f == F_ITAL ? P_ITAL : P_BOLD;
		}
	} else if (strlen(name) == 2 && strchr("BIR", name[0]) &&
		   strchr("BIR", name[1]) && name[0] != name[1]) {
		int f[2];
		for (int i = 0; i < 2; i++)
			f[i] = name[i] == 'B' ? F_BOLD : name[i] == 'I' ? F_ITAL
								    : F_ROMAN;
		alt_fonts(r, f[0], f[1], argv, argc);
		after_text(r);
	} else if (!strcmp(name, "UR") || !strcmp(name, "MT")) {
		free(r->url);
		r->url = argc ? xstrdup(argv[0]) : NULL;
	} else if (!strcmp(name, "UE") || !strcmp(name, "ME")) {
		struct strbuf b;
		sb_init(&b);
		sb_printf(&b, "<%s>%s", r->url ? r->url : "",
			  argc ? argv[0] : "");
		fill_text(r, b.buf);
		sb_free(&b);
	}
	/* Everything else (.ad, .na, .nh, .ne, .PD, .ds, .if ...) is ignored:
	 * it changes only typesetting details a terminal cannot show. */
}

/* A text line: filled, or kept as is in no-fill mode. */
static void text_line(struct rend *r, const char *line)
{
	struct strbuf b;
	sb_init(&b);
	render(r, line, &b);
	sb_putc(&b, '\0');
	enum pending p = r->pending;
	r->pending = P_NONE;
	if (p == P_SH || p == P_SS) {
		heading(r, p == P_SH ? 0 : 3, b.buf);
	} else if (p == P_BOLD || p == P_ITAL) {
		fill_font(r, p == P_BOLD ? F_BOLD : F_ITAL, b.buf);
	} else if (!r->fill) {
		verbatim_line(r, b.buf);
	} else {
		/* A blank line or a leading space breaks, as in troff. */
		if (!*line) {
			flush_line(r);
			r->blank = true;
		} else if (*line == ' ') {
			flush_line(r);
		}
		fill_text(r, b.buf);
	}
	after_text(r);
	sb_free(&b);
}

void man_render_page(const char *text, FILE *out, bool ansi)
{
	struct rend r = {
		.out = out, .ansi = ansi, .fill = true, .base = BASE_INDENT,
		.prevailing = BASE_INDENT, .font = F_ROMAN,
		.prevfont = F_ROMAN, .outfont = F_ROMAN,
	};
	sb_init(&r.line);
	const char *s = text;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		char *line = xmalloc(n + 1);
		memcpy(line, s, n);
		line[n] = '\0';
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		if (line[0] == '.' || line[0] == '\'')
			request(&r, line);
		else
			text_line(&r, line);
		free(line);
		s += n + (e != NULL);
	}
	flush_line(&r);
	if (r.footer)
		fprintf(out, "\n%s\n", r.footer);
	sb_free(&r.line);
	free(r.footer);
	free(r.url);
}
