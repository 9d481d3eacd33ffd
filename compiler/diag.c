/* SPDX-License-Identifier: MIT */
/*
 * diag.c - the table of named checks and the diagnostic printer.
 *
 * Diagnostics are collected, not printed at once: they are sorted by
 * position at the end so a run reads top to bottom whatever pass found
 * each problem.  Nothing here exits.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diag_sarif.h"

const struct check_info diag_check_table[CHK_COUNT] = {
	[CHK_SYNTAX] = {"syntax", SEV_ERROR, "the text does not follow the grammar", false},
	[CHK_UNKNOWN_NAME] = {"unknown-name", SEV_ERROR, "a name that is not defined", false},
	[CHK_DUPLICATE_DEFINITION] = {"duplicate-definition", SEV_ERROR,
		"a name defined twice (also against the prelude)", false},
	[CHK_TYPE_MISMATCH] = {"type-mismatch", SEV_ERROR,
		"an expression of the wrong type", false},
	[CHK_ARITY] = {"arity", SEV_ERROR,
		"too many or missing arguments, or an unknown named argument", false},
	[CHK_NOT_APPLIED] = {"not-applied", SEV_ERROR,
		"a functor or job used without its arguments", false},
	[CHK_NON_EXHAUSTIVE_MATCH] = {"non-exhaustive-match", SEV_ERROR,
		"a match that does not cover every value of its key", false},
	[CHK_UNREACHABLE_ARM] = {"unreachable-arm", SEV_WARNING,
		"a match arm that can never be taken", false},
	[CHK_BAD_LITERAL] = {"bad-literal", SEV_ERROR,
		"a value that does not fit its type", false},
	[CHK_CYCLE] = {"cycle", SEV_ERROR, "a cycle of lets or of extends", false},
	[CHK_UNKNOWN_CTYPE] = {"unknown-ctype", SEV_ERROR,
		"a C type name in a prototype that is not known", false},
	[CHK_OP_CLASH] = {"op-clash", SEV_ERROR,
		"an operation defined twice through extends", false},
	[CHK_UNKNOWN_ARG] = {"unknown-arg", SEV_ERROR,
		"an args entry that is no runtime arg", false},
	[CHK_UNAVAILABLE_ON_TARGET] = {"unavailable-on-target", SEV_ERROR,
		"a device that the chosen target cannot build", false},
	[CHK_MISSING_FILE] = {"missing-file", SEV_ERROR,
		"a header, source, import or data path that does not exist", false},
	[CHK_BAD_NAME] = {"bad-name", SEV_ERROR,
		"a register name or generated C name that is not valid", false},
	[CHK_VERSION] = {"version", SEV_ERROR,
		"the require constraint is not met by this mirc", false},
	[CHK_UNUSED] = {"unused", SEV_WARNING,
		"a let, key, arg or import never used by the program", true},
	[CHK_BAD_FIELD] = {"bad-field", SEV_ERROR,
		"an unknown, repeated or ill-typed body field", false},
	[CHK_REGISTER] = {"register", SEV_ERROR,
		"no register, more than one, or one outside the root file", false},
	[CHK_LIMIT] = {"limit", SEV_ERROR,
		"input beyond an implementation limit", false},
	[CHK_MISSING_SOURCE] = {"missing-source", SEV_WARNING,
		"a sources file that does not exist yet (the build fails)", false},
	[CHK_PROVIDES_MISMATCH] = {"provides-mismatch", SEV_ERROR,
		"an impl's targets field that disagrees with the backends' "
		"provides lists", false},
	[CHK_MISSING_LWIP] = {"missing-lwip", SEV_ERROR,
		"an @lwip/ source while the lwIP tree is missing or corrupted "
		"(rt/net/fetch-lwip.sh fetches it)", false},
	[CHK_SMALL_RUNTIME] = {"small-runtime", SEV_ERROR,
		"a feature the small runtime leaves out (key runtime=small), "
		"used where mirc can see it", false},
};

int diag_check_by_name(const char *name)
{
	for (int i = 0; i < CHK_COUNT; i++)
		if (strcmp(diag_check_table[i].name, name) == 0)
			return i;
	return -1;
}

void diag_init(struct diag_ctx *d, struct arena *a)
{
	memset(d, 0, sizeof(*d));
	d->arena = a;
	d->max_per_check = DIAG_MAX_PER_CHECK;
}

static char *vformat(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static char *vformat(struct arena *a, const char *fmt, va_list ap)
{
	struct strbuf sb;
	char *s;

	sb_init(&sb);
	sb_vprintf(&sb, fmt, ap);
	s = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	return s;
}

struct diagnostic *diag_report(struct diag_ctx *d, enum check chk,
			       const struct srcpos *pos, const char *fmt, ...)
{
	enum severity sev = diag_check_table[chk].default_severity;
	struct diagnostic *dg;
	va_list ap;

	/* -W applies to warnings only; errors stay errors. */
	if (sev == SEV_WARNING) {
		if (d->wmode[chk] == 1) {
			d->last = NULL;
			return NULL;
		}
		if (d->wmode[chk] == 2 || d->werror)
			sev = SEV_ERROR;
	}
	dg = arena_alloc(d->arena, sizeof(*dg));
	if (pos)
		dg->pos = *pos;
	dg->check = chk;
	dg->severity = sev;
	va_start(ap, fmt);
	dg->message = vformat(d->arena, fmt, ap);
	va_end(ap);
	dg->notes_tail = &dg->notes;
	dg->seq = d->list.len;
	vec_push(d->arena, &d->list, dg);
	if (sev == SEV_ERROR)
		d->nerrors++;
	else
		d->nwarnings++;
	d->last = dg;
	return dg;
}

void diag_note(struct diag_ctx *d, const struct srcpos *pos,
	       const char *fmt, ...)
{
	struct diag_note *n;
	va_list ap;

	if (!d->last)
		return;
	n = arena_alloc(d->arena, sizeof(*n));
	if (pos)
		n->pos = *pos;
	va_start(ap, fmt);
	n->message = vformat(d->arena, fmt, ap);
	va_end(ap);
	*d->last->notes_tail = n;
	d->last->notes_tail = &n->next;
}

bool diag_has_errors(const struct diag_ctx *d)
{
	return d->nerrors > 0;
}

struct srcpos diag_srcpos_span(struct srcpos a, struct srcpos b)
{
	struct srcpos r = a;

	if (!a.file)
		return b;
	if (!b.file || b.file != a.file)
		return a;
	if (b.last_line > a.last_line ||
	    (b.last_line == a.last_line && b.last_column > a.last_column)) {
		r.last_line = b.last_line;
		r.last_column = b.last_column;
	}
	return r;
}

/* ---- source lines --------------------------------------------------------- */

/* Line offsets are found once per file, on the first diagnostic in it. */
static void index_lines(struct srcfile *f)
{
	size_t n = 1;

	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			n++;
	f->line_starts = xmalloc(n * sizeof(size_t));
	f->nlines = 0;
	f->line_starts[f->nlines++] = 0;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			f->line_starts[f->nlines++] = i + 1;
}

const char *diag_srcfile_line(struct srcfile *f, int line, size_t *len)
{
	size_t start, end;

	if (!f || !f->text || line < 1)
		return NULL;
	if (!f->line_starts)
		index_lines(f);
	if ((size_t)line > f->nlines)
		return NULL;
	start = f->line_starts[line - 1];
	end = start;
	while (end < f->len && f->text[end] != '\n')
		end++;
	if (end > start && f->text[end - 1] == '\r')
		end--;
	*len = end - start;
	return f->text + start;
}

/* ---- printing ------------------------------------------------------------- */

static int file_index(const struct srcpos *p)
{
	return p->file ? p->file->index : -1;
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct diagnostic *a = *(struct diagnostic *const *)pa;
	const struct diagnostic *b = *(struct diagnostic *const *)pb;

	if (file_index(&a->pos) != file_index(&b->pos))
		return file_index(&a->pos) < file_index(&b->pos) ? -1 : 1;
	if (a->pos.first_line != b->pos.first_line)
		return a->pos.first_line < b->pos.first_line ? -1 : 1;
	if (a->pos.first_column != b->pos.first_column)
		return a->pos.first_column < b->pos.first_column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

#define EXCERPT_MAX 200

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

static const char *sev_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static const char *sev_color(enum severity s)
{
	return s == SEV_ERROR ? C_RED : s == SEV_WARNING ? C_MAGENTA : C_CYAN;
}

static void print_where(struct strbuf *sb, const struct srcpos *p, bool color)
{
	if (color)
		sb_puts(sb, C_BOLD);
	if (p->file)
		sb_printf(sb, "%s:%d:%d:", p->file->path, p->first_line,
			  p->first_column);
	else
		sb_puts(sb, "mirc:");
	if (color)
		sb_puts(sb, C_RESET);
}

/*
 * The source line with the range underlined: "   12 | text" then
 * "      |   ^~~~".  Tabs in the line are kept in the underline prefix so
 * the caret lines up whatever the tab width.
 */
static void print_excerpt(struct strbuf *sb, const struct srcpos *p, bool color)
{
	size_t len, first, last, from = 0, to;
	const char *line = diag_srcfile_line(p->file, p->first_line, &len);

	if (!line)
		return;
	first = p->first_column > 0 ? (size_t)p->first_column - 1 : 0;
	if (first > len)
		first = len;
	last = p->last_line == p->first_line && p->last_column > 0
		? (size_t)p->last_column - 1 : len ? len - 1 : 0;
	if (last < first)
		last = first;
	/* Very long lines (generated or hostile input) show a window
	 * around the range, so output stays proportional to the errors. */
	to = len;
	if (len > EXCERPT_MAX) {
		from = first > EXCERPT_MAX / 3 ? first - EXCERPT_MAX / 3 : 0;
		to = from + EXCERPT_MAX < len ? from + EXCERPT_MAX : len;
		if (last >= to)
			last = to - 1;
	}
	sb_printf(sb, "%5d | ", p->first_line);
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)line[i];
		/* Control bytes would garble the terminal. */
		sb_putc(sb, (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c);
	}
	sb_puts(sb, "\n      | ");
	for (size_t i = from; i < first; i++)
		sb_putc(sb, line[i] == '\t' ? '\t' : ' ');
	if (color)
		sb_puts(sb, C_GREEN);
	sb_putc(sb, '^');
	for (size_t i = first + 1; i <= last; i++)
		sb_putc(sb, '~');
	if (color)
		sb_puts(sb, C_RESET);
	sb_putc(sb, '\n');
}

static void print_text(struct strbuf *sb, const struct diagnostic *dg,
		       bool color)
{
	print_where(sb, &dg->pos, color);
	sb_putc(sb, ' ');
	if (color)
		sb_puts(sb, sev_color(dg->severity));
	sb_printf(sb, "%s[%s]:", sev_name(dg->severity),
		  diag_check_table[dg->check].name);
	if (color)
		sb_puts(sb, C_RESET);
	sb_printf(sb, " %s\n", dg->message);
	if (dg->pos.file)
		print_excerpt(sb, &dg->pos, color);
	for (const struct diag_note *n = dg->notes; n; n = n->next) {
		if (n->pos.file) {
			print_where(sb, &n->pos, color);
			sb_putc(sb, ' ');
		}
		if (color)
			sb_puts(sb, C_CYAN);
		sb_puts(sb, "note:");
		if (color)
			sb_puts(sb, C_RESET);
		sb_printf(sb, " %s\n", n->message);
	}
}

json_t *diag_json_text(const char *s)
{
	json_t *j = json_string(s);
	struct strbuf sb;

	if (j)
		return j;
	sb_init(&sb);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80)
			sb_putc(&sb, (char)c);
		else
			sb_printf(&sb, "\\x%02x", c);
	}
	j = json_string(sb.buf ? sb.buf : "");
	sb_free(&sb);
	return j;
}

static json_t *pos_json(json_t *o, const struct srcpos *p, bool ends)
{
	json_object_set_new(o, "file", p->file ? diag_json_text(p->file->path)
					       : json_null());
	json_object_set_new(o, "line", json_integer(p->first_line));
	json_object_set_new(o, "column", json_integer(p->first_column));
	if (ends) {
		json_object_set_new(o, "end_line", json_integer(p->last_line));
		json_object_set_new(o, "end_column",
				    json_integer(p->last_column));
	}
	return o;
}

static void print_json(struct strbuf *sb, const struct diagnostic *dg)
{
	json_t *o = pos_json(json_object(), &dg->pos, true);
	json_t *notes = json_array();
	char *s;

	json_object_set_new(o, "severity", json_string(sev_name(dg->severity)));
	json_object_set_new(o, "check",
			    json_string(diag_check_table[dg->check].name));
	/* Messages quote user text, which may not be UTF-8. */
	json_object_set_new(o, "message", diag_json_text(dg->message));
	for (const struct diag_note *n = dg->notes; n; n = n->next) {
		json_t *jn = pos_json(json_object(), &n->pos, false);
		json_object_set_new(jn, "message", diag_json_text(n->message));
		json_array_append_new(notes, jn);
	}
	json_object_set_new(o, "notes", notes);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (s) {
		sb_puts(sb, s);
		sb_putc(sb, '\n');
		free(s);
	}
	json_decref(o);
}

/* Leave out the diagnostics of only_without_errors checks when another
 * check found an error; they are then not counted either. */
static void drop_quiet(struct diag_ctx *d)
{
	size_t other_errors = 0, n = 0;

	for (size_t i = 0; i < d->list.len; i++) {
		const struct diagnostic *dg = d->list.items[i];
		if (dg->severity == SEV_ERROR &&
		    !diag_check_table[dg->check].only_without_errors)
			other_errors++;
	}
	if (!other_errors)
		return;
	for (size_t i = 0; i < d->list.len; i++) {
		struct diagnostic *dg = d->list.items[i];
		if (!diag_check_table[dg->check].only_without_errors) {
			d->list.items[n++] = dg;
			continue;
		}
		if (dg->severity == SEV_ERROR)
			d->nerrors--;
		else
			d->nwarnings--;
	}
	d->list.len = n;
}

char *diag_suppressed_text(struct diag_ctx *d, enum check chk, size_t n)
{
	return arena_printf(d->arena, "%zu more %s diagnostic%s not shown (at "
			    "most %zu of each check; --max-diagnostics=0 "
			    "shows all)", n, diag_check_table[chk].name,
			    n == 1 ? "" : "s", d->max_per_check);
}

/* "N more diagnostics of check C not shown", as a diagnostic would be. */
static void print_suppressed(struct diag_ctx *d, struct strbuf *sb,
			     enum check chk, size_t n)
{
	struct diagnostic dg = {0};

	dg.check = chk;
	dg.severity = SEV_NOTE;
	dg.message = diag_suppressed_text(d, chk, n);
	if (d->format == DIAG_JSON)
		print_json(sb, &dg);
	else
		print_text(sb, &dg, d->color);
}

void diag_flush(struct diag_ctx *d, FILE *out)
{
	size_t shown[CHK_COUNT] = {0};
	struct strbuf sb;

	drop_quiet(d);
	if (d->list.len)
		qsort(d->list.items, d->list.len, sizeof(*d->list.items),
		      diag_cmp);
	if (d->format == DIAG_SARIF) {	/* a log even without results */
		diag_sarif_write(d, out);
		d->list.len = 0;
		return;
	}
	if (!d->list.len)
		return;
	sb_init(&sb);
	for (size_t i = 0; i < d->list.len; i++) {
		const struct diagnostic *dg = d->list.items[i];
		/* Output stays proportional to the kinds of problem, not
		 * to their number (250k unused keys). */
		if (d->max_per_check && shown[dg->check]++ >= d->max_per_check)
			continue;
		if (d->format == DIAG_JSON)
			print_json(&sb, dg);
		else
			print_text(&sb, dg, d->color);
		/* Without a limit the text can be large: write as we go. */
		if (sb.len > 65536) {
			fwrite(sb.buf, 1, sb.len, out);
			sb.len = 0;
		}
	}
	for (int c = 0; c < CHK_COUNT; c++)
		if (d->max_per_check && shown[c] > d->max_per_check)
			print_suppressed(d, &sb, (enum check)c,
					 shown[c] - d->max_per_check);
	if (d->format == DIAG_TEXT)
		sb_printf(&sb, "%zu error%s, %zu warning%s\n", d->nerrors,
			  d->nerrors == 1 ? "" : "s", d->nwarnings,
			  d->nwarnings == 1 ? "" : "s");
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, out);
	fflush(out);
	sb_free(&sb);
	d->list.len = 0;
}

const char *diag_srcpos_text(struct arena *a, const struct srcpos *p)
{
	if (!p || !p->file || !p->file->path)
		return "";
	return arena_printf(a, "%s:%d:%d", p->file->path, p->first_line,
			    p->first_column);
}
