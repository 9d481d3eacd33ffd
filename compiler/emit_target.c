/* SPDX-License-Identifier: MIT */
/*
 * emit_target.c - the files a target needs besides C and the Makefile:
 * the linker script (mirc/link.ld, from the backend's template), and for
 * the Solo5 family the device manifest (mirc/manifest.json) and a libvirt
 * domain (mirc/NAME_libvirt.xml, from the backend's template).
 *
 * Templates are the backend's own files with placeholders `@WORD@`:
 *
 *   @NAME@ @TARGET@        the program's register name, the target
 *   @KEY:name@             the configured value of key `name`
 *   @DIR@ @KERNEL@         absolute paths of the project directory and of
 *                          the artefact (dist/NAME.EXT)
 *   @BLOCK_NAME@ @BLOCK_DISK@, @NET_NAME@ @NET_INDEX@
 *                          a line holding one of these is repeated for
 *                          every manifest device of that kind (none: the
 *                          line goes); DISK is vda, vdb, ...
 *
 * An `@` that does not start a placeholder is copied as it is; a
 * placeholder that is not one of these is the backend's mistake, reported
 * with the template's file and line.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "codegen.h"

/* Solo5 limits (cli.md): at most 63 devices; names are [A-Za-z0-9]+ of
 * at most 67 bytes (the manifest's name field holds 68 with its NUL). */
#define SOLO5_MAX_DEVICES 63
#define SOLO5_MAX_NAME 67

/* ---- the manifest's devices ------------------------------------------------------ */

static const struct backend_solo5_dev *solo5_kind(const struct backend *b,
						  const struct gnode *n)
{
	if (n->kind != GN_DEVICE || !n->impl)
		return NULL;
	for (size_t i = 0; i < b->nsolo5_devs; i++)
		if (!strcmp(b->solo5_devs[i].impl, n->impl->name))
			return &b->solo5_devs[i];
	return NULL;
}

static const char *name_arg(const struct gnode *n, const char *param)
{
	for (size_t i = 0; i < n->nargs; i++)
		if (!strcmp(n->args[i].param, param) && n->args[i].value &&
		    n->args[i].value->kind == VAL_STRING)
			return n->args[i].value->s;
	return NULL;
}

static bool alnum_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

/* The backend's key_limits: an int key this target cannot use is
 * reported now, not when its linker script stops the link. */
static void check_key_limits(const struct model *m, struct diag_ctx *d)
{
	const struct backend *b = m->backend;

	for (size_t i = 0; i < b->nkey_limits; i++) {
		const struct backend_key_limit *l = &b->key_limits[i];
		for (size_t k = 0; k < m->nkeys; k++) {
			const struct keyval *kv = &m->keys[k];
			long long v = (long long)kv->value.i;
			char opt[64];
			if (strcmp(kv->name, l->key) || kv->value.kind != VAL_INT ||
			    !kv->key)
				continue;
			if ((l->zero && v == 0) ||
			    (v >= l->min && v % l->multiple == 0))
				continue;
			/* The option that sets it: --stack-size. */
			snprintf(opt, sizeof(opt), "%s", kv->name);
			for (char *c = opt; *c; c++)
				if (*c == '_')
					*c = '-';
			diag_report(d, CHK_BAD_LITERAL, &kv->key->name_pos,
				    "value %lld of key '%s' (--%s) does not fit "
				    "target %s: expected %s%s%s a multiple of %lld "
				    "from %lld", v, kv->name, opt, b->name,
				    l->zero ? "0 (" : "", l->zero ? l->zero : "",
				    l->zero ? ") or" : "", l->multiple, l->min);
		}
	}
}

bool target_check(struct model *m, struct diag_ctx *d, struct arena *a)
{
	const struct backend *b = m->backend;
	struct solo5_dev *out;
	size_t n = 0, errs = d->nerrors;

	m->solo5 = NULL;
	m->nsolo5 = 0;
	if (b)
		check_key_limits(m, d);
	if (!b || !b->nsolo5_devs)
		return d->nerrors == errs;
	out = arena_alloc(a, (m->graph->nodes.len + 1) * sizeof(*out));
	/* Networks first (cli.md), then block devices; connect order in
	 * each, which is also the order the platform binds them in. */
	for (int pass = 0; pass < 2; pass++) {
		const char *want = pass ? "BLOCK_BASIC" : "NET_BASIC";
		for (size_t i = 0; i < m->graph->nodes.len; i++) {
			const struct gnode *g = m->graph->nodes.items[i];
			const struct backend_solo5_dev *k = solo5_kind(b, g);
			const char *name;
			if (!k || strcmp(k->type, want))
				continue;
			name = name_arg(g, k->name_param);
			if (!name && !m->graph->evaluated)
				continue;
			if (!name) {
				diag_report(d, CHK_BAD_NAME, &g->pos, "'%s' has "
					    "no string parameter '%s' to name "
					    "its Solo5 device (backend %s)",
					    g->impl->name, k->name_param, b->name);
				continue;
			}
			if (!alnum_name(name) || strlen(name) > SOLO5_MAX_NAME) {
				diag_report(d, CHK_BAD_NAME, &g->pos, "Solo5 "
					    "device name '%s' of '%s' must be 1 "
					    "to %d letters and digits", name,
					    g->impl->name, SOLO5_MAX_NAME);
				continue;
			}
			/* Not evaluated: every branch of every choice is
			 * there, so names may repeat across branches. */
			for (size_t j = 0; m->graph->evaluated && j < n; j++) {
				if (strcmp(out[j].name, name))
					continue;
				diag_report(d, CHK_BAD_NAME, &g->pos, "two Solo5 "
					    "devices are named '%s'", name);
				diag_note(d, &out[j].node->pos, "the other "
					  "one is made here");
				break;
			}
			out[n].name = name;
			out[n].type = k->type;
			out[n].node = g;
			n++;
		}
	}
	if (!m->graph->evaluated)
		return d->nerrors == errs;
	if (n > SOLO5_MAX_DEVICES && m->graph->jobs.len)
		diag_report(d, CHK_LIMIT, &m->graph->jobs.items[0]->pos,
			    "the program has %zu Solo5 devices; a manifest "
			    "holds at most %d", n, SOLO5_MAX_DEVICES);
	m->solo5 = out;
	m->nsolo5 = n;
	return d->nerrors == errs;
}

/* ---- templates ------------------------------------------------------------------- */

struct tpl {
	struct arena *a;
	const struct model *m;
	const char *file;		/* the template's path, for messages */
	bool xml;			/* escape what is put in */
	const struct solo5_dev *dev;	/* the device of a repeated line */
	size_t dev_index;
	const char *dir, *kernel;
};

static const char *key_value(struct tpl *t, const char *name, size_t n)
{
	for (size_t i = 0; i < t->m->nkeys; i++) {
		const struct keyval *kv = &t->m->keys[i];
		if (strlen(kv->name) == n && !memcmp(kv->name, name, n))
			return value_text(t->a, &kv->value);
	}
	return NULL;
}

/* The value of placeholder `w` (n bytes, without the @s), or NULL. */
static const char *tpl_value(struct tpl *t, const char *w, size_t n)
{
#define IS(s) (n == sizeof(s) - 1 && !memcmp(w, s, n))
	if (n > 4 && !memcmp(w, "KEY:", 4))
		return key_value(t, w + 4, n - 4);
	if (IS("NAME"))
		return t->m->name;
	if (IS("TARGET"))
		return t->m->target;
	if (IS("DIR"))
		return t->dir;
	if (IS("KERNEL"))
		return t->kernel;
	if (t->dev && (IS("BLOCK_NAME") || IS("NET_NAME")))
		return t->dev->name;
	if (t->dev && IS("BLOCK_DISK")) {
		/* vda ... vdz, then vdaa ... as virtio disks are named. */
		size_t i = t->dev_index;
		return i < 26 ? arena_printf(t->a, "vd%c", (char)('a' + i))
			      : arena_printf(t->a, "vd%c%c",
					     (char)('a' + i / 26 - 1),
					     (char)('a' + i % 26));
	}
	if (t->dev && IS("NET_INDEX"))
		return arena_printf(t->a, "%zu", t->dev_index);
	return NULL;
#undef IS
}

static void put_xml(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sb_puts(sb, "&amp;"); break;
		case '<': sb_puts(sb, "&lt;"); break;
		case '>': sb_puts(sb, "&gt;"); break;
		case '\'': sb_puts(sb, "&apos;"); break;
		case '"': sb_puts(sb, "&quot;"); break;
		default: sb_putc(sb, *s);
		}
	}
}

/* Does s[0..n) contain `w`? */
static bool has_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, w, k))
			return true;
	return false;
}

static bool word_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == ':';
}

/* Copy one line (or what is left of the text) with its placeholders. */
static int tpl_line(struct tpl *t, struct strbuf *out, const char *s,
		    size_t len, int lineno, const char **err)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i + 1;
		const char *v;
		if (s[i] != '@') {
			sb_putc(out, s[i++]);
			continue;
		}
		while (j < len && word_char(s[j]))
			j++;
		if (j >= len || s[j] != '@' || j == i + 1 ||
		    !(s[i + 1] >= 'A' && s[i + 1] <= 'Z')) {
			sb_putc(out, s[i++]);
			continue;
		}
		v = tpl_value(t, s + i + 1, j - i - 1);
		if (!v) {
			*err = arena_printf(t->a, "%s:%d: unknown placeholder "
					    "%.*s in the target's template%s",
					    t->file, lineno, (int)(j - i + 1),
					    s + i, !memcmp(s + i + 1, "KEY:", 4)
					    ? " (no such key)" : "");
			return -1;
		}
		if (t->xml)
			put_xml(out, v);
		else
			sb_puts(out, v);
		i = j + 1;
	}
	return 0;
}

static int tpl_expand(struct tpl *t, struct strbuf *out, const char *text,
		      size_t len, const char **err)
{
	const char *p = text, *end = text + len;
	int lineno = 1;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		const char *kind = NULL;
		if (has_word(p, n, "@BLOCK_"))
			kind = "BLOCK_BASIC";
		else if (has_word(p, n, "@NET_"))
			kind = "NET_BASIC";
		if (!kind) {
			t->dev = NULL;
			if (tpl_line(t, out, p, n, lineno, err) != 0)
				return -1;
		}
		for (size_t i = 0, k = 0; kind && i < t->m->nsolo5; i++) {
			if (strcmp(t->m->solo5[i].type, kind))
				continue;
			t->dev = &t->m->solo5[i];
			t->dev_index = k++;
			if (tpl_line(t, out, p, n, lineno, err) != 0)
				return -1;
		}
		p += n;
		lineno++;
	}
	t->dev = NULL;
	return 0;
}

/* Read the backend's template `rel` and expand it into f. */
static int from_template(struct genfile *f, struct arena *a,
			 const struct model *m, const char *rel, bool xml,
			 const char **err)
{
	const struct backend *b = m->backend;
	char proj[PATH_MAX];
	struct tpl t = {0};
	size_t len;
	char *text;
	int rc;

	t.a = a;
	t.m = m;
	t.xml = xml;
	t.file = arena_printf(a, "%s/%s", b->dir, rel);
	if (!realpath(m->project_dir, proj))
		snprintf(proj, sizeof(proj), "%s", m->project_dir);
	t.dir = arena_strdup(a, proj);
	t.kernel = arena_printf(a, "%s/dist/%s%s", proj, m->name,
				b->artifact_ext);
	text = read_file(t.file, &len);
	if (!text) {
		*err = arena_printf(a, "cannot read %s, a file of target %s",
				    t.file, b->name);
		return -1;
	}
	rc = tpl_expand(&t, &f->text, text, len, err);
	free(text);
	return rc;
}

/* ---- the files ------------------------------------------------------------------- */

int emit_linker_script(struct genset *g, struct arena *a,
		       const struct model *m, const char **err)
{
	const struct backend *b = m->backend;
	struct genfile *f;

	if (!b || !b->linker_script)
		return 0;
	f = gen_add(a, g, "mirc/link.ld");
	sb_printf(&f->text, "/* %s from backends/%s/%s for %s.\n * Do not "
		  "edit: mirc configure rewrites it. */\n", GEN_MARKER,
		  b->name, b->linker_script, m->name);
	return from_template(f, a, m, b->linker_script, false, err);
}

/*
 * The manifest is Solo5's format exactly, so it cannot hold the marker:
 * configure recognises it by the digest it records in mirc/context.
 */
static void emit_manifest(struct genset *g, struct arena *a,
			  const struct model *m)
{
	struct genfile *f = gen_add(a, g, "mirc/manifest.json");
	json_t *root = json_object(), *devs = json_array();

	f->unmarked = true;
	json_object_set_new(root, "type", json_string("solo5.manifest"));
	json_object_set_new(root, "version", json_integer(1));
	for (size_t i = 0; i < m->nsolo5; i++) {
		json_t *d = json_object();
		json_object_set_new(d, "name", json_string(m->solo5[i].name));
		json_object_set_new(d, "type", json_string(m->solo5[i].type));
		json_array_append_new(devs, d);
	}
	json_object_set_new(root, "devices", devs);
	gen_put_json(f, root);
}

static int emit_libvirt(struct genset *g, struct arena *a,
			const struct model *m, const char **err)
{
	const struct backend *b = m->backend;
	struct genfile *f = gen_add(a, g, arena_printf(a, "mirc/%s_libvirt.xml",
						       m->name));

	sb_printf(&f->text, "<!-- %s from backends/%s/%s for %s.\n     Do not "
		  "edit: mirc configure rewrites it. -->\n", GEN_MARKER,
		  b->name, b->libvirt, m->name);
	return from_template(f, a, m, b->libvirt, true, err);
}

int emit_target_files(struct genset *g, struct arena *a,
		      const struct model *m, const char **err)
{
	const struct backend *b = m->backend;

	if (!b)
		return 0;
	if (emit_linker_script(g, a, m, err) != 0)
		return -1;
	if (b->solo5_manifest)
		emit_manifest(g, a, m);
	if (b->libvirt && emit_libvirt(g, a, m, err) != 0)
		return -1;
	return 0;
}
