/* SPDX-License-Identifier: MIT */
/*
 * diag_sarif.c - diagnostics as a SARIF 2.1.0 log, for CI systems that
 * show a tool's findings next to the code (GitHub code scanning and
 * others).
 *
 * The log has one run.  Its rules are every check of diag_check_table,
 * in the table's order, so a result's ruleIndex is its enum check.  Each
 * diagnostic is one result, in the order of the text format; its notes
 * with a position are relatedLocations, those without one end its
 * message.  What the text format prints as "N more diagnostics not shown"
 * is no finding but a fact about the run: a toolExecutionNotification,
 * like the run notes of diag_ctx.
 *
 * Locations are made for consumers that know only the repository: a file
 * under the working directory is a URI relative to %SRCROOT% (the working
 * directory, given in originalUriBaseIds), any other an absolute file:
 * URI.  Columns are converted from mirc's inclusive byte columns to
 * SARIF's default: UTF-16 code units, 1-based, the end exclusive.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag_sarif.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"
#define SARIF_SRCROOT "%SRCROOT%"

struct sarif {
	struct diag_ctx *d;
	char cwd[PATH_MAX];	/* "" when unknown */
	size_t cwd_len;
	bool used_srcroot;
};

static const char *level_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static json_t *message(const char *text)
{
	json_t *m = json_object();

	json_object_set_new(m, "text", diag_json_text(text));
	return m;
}

/* ---- locations ------------------------------------------------------------ */

/*
 * A path as a URI reference: RFC 3986's unreserved characters and "/" stay,
 * every other byte is %HH.  Paths are bytes, not necessarily UTF-8, and
 * this keeps the URI valid whatever they hold.
 */
static json_t *path_uri(const char *prefix, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb;
	json_t *j;

	sb_init(&sb);
	sb_puts(&sb, prefix);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			sb_putc(&sb, (char)*p);
			continue;
		}
		sb_putc(&sb, '%');
		sb_putc(&sb, hex[*p >> 4]);
		sb_putc(&sb, hex[*p & 15]);
	}
	j = json_string(sb.buf ? sb.buf : "");
	sb_free(&sb);
	return j;
}

static json_t *artifact_location(struct sarif *s, const struct srcfile *f)
{
	json_t *a = json_object();
	const char *real = f->realpath;

	/* The canonical path: "./x", "../dir/x" and symbolic links in what
	 * the user typed all name the file the repository knows. */
	if (real && s->cwd_len &&
	    strncmp(real, s->cwd, s->cwd_len) == 0 &&
	    (s->cwd_len == 1 || real[s->cwd_len] == '/')) {
		const char *rel = real + s->cwd_len + (s->cwd_len > 1);
		json_object_set_new(a, "uri", path_uri("", rel));
		json_object_set_new(a, "uriBaseId", json_string(SARIF_SRCROOT));
		s->used_srcroot = true;
	} else if (real && real[0] == '/') {
		json_object_set_new(a, "uri", path_uri("file://", real));
	} else {	/* no canonical path: as spelt, relative to the cwd */
		json_object_set_new(a, "uri", path_uri(f->path[0] == '/'
			? "file://" : "", f->path));
		if (f->path[0] != '/') {
			json_object_set_new(a, "uriBaseId",
					    json_string(SARIF_SRCROOT));
			s->used_srcroot = s->cwd_len > 0;
		}
	}
	return a;
}

/*
 * UTF-16 code units in the first n bytes of a line of len bytes.  A
 * character whose first byte is among them counts whole, so an inclusive
 * byte end becomes the end of its character.  A byte that starts no valid
 * UTF-8 sequence counts one unit (a reader shows it as U+FFFD), and so
 * does each column past the end of the line (a diagnostic at the end of
 * the file points there).
 */
static size_t utf16_units(const char *line, size_t len, size_t n)
{
	size_t units = 0, i = 0;

	if (n > len) {
		units = n - len;
		n = len;
	}
	while (i < n) {
		unsigned char c = (unsigned char)line[i];
		size_t k = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2
			 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		bool ok = k > 0 && i + k <= len && !(k == 2 && c < 0xc2);
		for (size_t j = 1; ok && j < k; j++)
			ok = ((unsigned char)line[i + j] & 0xc0) == 0x80;
		if (!ok) {
			units++;
			i++;
			continue;
		}
		units += k == 4 ? 2 : 1;
		i += k;
	}
	return units;
}

/* A byte column (1-based; `end`: the inclusive last byte) in UTF-16 units
 * (1-based; `end`: exclusive). */
static int utf16_column(struct srcfile *f, int line, int col, bool end)
{
	size_t len, n = end ? (size_t)col : (size_t)col - 1;
	const char *text = diag_srcfile_line(f, line, &len);

	if (!text)	/* no such line: bytes are the best guess */
		return end ? col + 1 : col;
	return (int)utf16_units(text, len, n) + 1;
}

static json_t *region(const struct srcpos *p)
{
	json_t *r = json_object();
	int sl = p->first_line, el = p->last_line, sc = 0, ec = 0;

	json_object_set_new(r, "startLine", json_integer(sl));
	if (p->first_column > 0) {
		sc = utf16_column(p->file, sl, p->first_column, false);
		json_object_set_new(r, "startColumn", json_integer(sc));
	}
	/* Ranges that end before they start (or nowhere) keep the start. */
	if (el < sl || p->last_column <= 0 || p->first_column <= 0)
		return r;
	ec = utf16_column(p->file, el, p->last_column, true);
	if (el == sl && ec < sc)
		ec = sc;
	json_object_set_new(r, "endLine", json_integer(el));
	json_object_set_new(r, "endColumn", json_integer(ec));
	return r;
}

/* A location object, or NULL for a position without a file. */
static json_t *location(struct sarif *s, const struct srcpos *p)
{
	json_t *loc, *phys;

	if (!p->file)
		return NULL;
	loc = json_object();
	phys = json_object();
	json_object_set_new(phys, "artifactLocation",
			    artifact_location(s, p->file));
	if (p->first_line > 0)
		json_object_set_new(phys, "region", region(p));
	json_object_set_new(loc, "physicalLocation", phys);
	return loc;
}

/* ---- the log -------------------------------------------------------------- */

static json_t *rules(void)
{
	json_t *a = json_array();

	for (int c = 0; c < CHK_COUNT; c++) {
		const struct check_info *ci = &diag_check_table[c];
		json_t *r = json_object(), *conf = json_object();
		json_object_set_new(r, "id", json_string(ci->name));
		json_object_set_new(r, "shortDescription", message(ci->doc));
		json_object_set_new(conf, "level", json_string(
			level_name(ci->default_severity)));
		json_object_set_new(r, "defaultConfiguration", conf);
		json_array_append_new(a, r);
	}
	return a;
}

static json_t *result(struct sarif *s, const struct diagnostic *dg)
{
	json_t *r = json_object(), *loc, *related = json_array();
	struct strbuf text;
	int id = 0;

	json_object_set_new(r, "ruleId",
			    json_string(diag_check_table[dg->check].name));
	json_object_set_new(r, "ruleIndex", json_integer(dg->check));
	json_object_set_new(r, "level", json_string(level_name(dg->severity)));
	sb_init(&text);
	sb_puts(&text, dg->message);
	for (const struct diag_note *n = dg->notes; n; n = n->next) {
		loc = location(s, &n->pos);
		if (!loc) {	/* nowhere to point: part of the message */
			sb_printf(&text, "\nnote: %s", n->message);
			continue;
		}
		json_object_set_new(loc, "id", json_integer(id++));
		json_object_set_new(loc, "message", message(n->message));
		json_array_append_new(related, loc);
	}
	json_object_set_new(r, "message", message(text.buf ? text.buf : ""));
	sb_free(&text);
	loc = location(s, &dg->pos);
	if (loc) {
		json_t *locs = json_array();
		json_array_append_new(locs, loc);
		json_object_set_new(r, "locations", locs);
	}
	if (json_array_size(related))
		json_object_set_new(r, "relatedLocations", related);
	else
		json_decref(related);
	return r;
}

static json_t *notification(const char *text, int chk)
{
	json_t *n = json_object();

	json_object_set_new(n, "level", json_string("note"));
	json_object_set_new(n, "message", message(text));
	if (chk >= 0) {
		json_t *rule = json_object();
		json_object_set_new(rule, "id",
				    json_string(diag_check_table[chk].name));
		json_object_set_new(rule, "index", json_integer(chk));
		json_object_set_new(n, "associatedRule", rule);
	}
	return n;
}

void diag_sarif_write(struct diag_ctx *d, FILE *out)
{
	struct sarif s = {.d = d};
	size_t shown[CHK_COUNT] = {0};
	json_t *log = json_object(), *run = json_object(), *tool = json_object();
	json_t *driver = json_object(), *results = json_array();
	json_t *inv = json_object(), *notes = json_array(), *a;

	if (getcwd(s.cwd, sizeof s.cwd) && s.cwd[0] == '/')
		s.cwd_len = strlen(s.cwd);
	json_object_set_new(log, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(log, "version", json_string("2.1.0"));
	json_object_set_new(driver, "name", json_string("mirc"));
	json_object_set_new(driver, "version", json_string(MIRC_VERSION));
	json_object_set_new(driver, "semanticVersion",
			    json_string(MIRC_VERSION));
	json_object_set_new(driver, "rules", rules());
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);

	for (size_t i = 0; i < d->list.len; i++) {
		const struct diagnostic *dg = d->list.items[i];
		/* The limit of the other formats (mirc(1)). */
		if (d->max_per_check && shown[dg->check]++ >= d->max_per_check)
			continue;
		json_array_append_new(results, result(&s, dg));
	}
	for (size_t i = 0; i < d->nrun_notes; i++)
		json_array_append_new(notes, notification(d->run_notes[i], -1));
	for (int c = 0; c < CHK_COUNT; c++)
		if (d->max_per_check && shown[c] > d->max_per_check)
			json_array_append_new(notes, notification(
				diag_suppressed_text(d, (enum check)c,
					shown[c] - d->max_per_check), c));

	/* Program errors are results, not a failed run: only what ends
	 * with exit status 3 (mirc(1)) is. */
	json_object_set_new(inv, "executionSuccessful",
			    json_boolean(!d->run_failed));
	if (json_array_size(notes))
		json_object_set_new(inv, "toolExecutionNotifications", notes);
	else
		json_decref(notes);
	a = json_array();
	json_array_append_new(a, inv);
	json_object_set_new(run, "invocations", a);
	if (s.used_srcroot) {
		json_t *bases = json_object(), *root = json_object();
		char *dir = arena_printf(d->arena, "%s%s", s.cwd,
					 s.cwd_len > 1 ? "/" : "");
		json_object_set_new(root, "uri", path_uri("file://", dir));
		json_object_set_new(root, "description", message(
			"the directory mirc ran in"));
		json_object_set_new(bases, SARIF_SRCROOT, root);
		json_object_set_new(run, "originalUriBaseIds", bases);
	}
	json_object_set_new(run, "columnKind", json_string("utf16CodeUnits"));
	json_object_set_new(run, "results", results);
	a = json_array();
	json_array_append_new(a, run);
	json_object_set_new(log, "runs", a);

	json_dumpf(log, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	fflush(out);
	json_decref(log);
}
