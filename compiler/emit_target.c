/* SPDX-License-Identifier: MIT */
/*
 * emit_target.c - the files a target needs besides C and the Makefile:
 * the linker script (mirc/link.ld, from the backend's template), and the
 * extra outputs its descriptor selects by name from the table below
 * ("outputs": "solo5-manifest" is mirc/manifest.json, "libvirt-domain"
 * mirc/NAME_libvirt.xml from the backend's template).
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "emit_target.h"
#include "emit_text.h"

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
			return emit_text_value(t->a, &kv->value);
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

/* Read the backend's template `rel` and expand it onto out. */
static int from_template(FILE *out, struct arena *a, const char *rel,
			 bool xml, const char **err, const struct model *m)
{
	const struct backend *b = m->backend;
	char proj[PATH_MAX];
	struct tpl t = {0};
	struct strbuf sb;
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
	text = util_read_file(t.file, &len);
	if (!text) {
		*err = arena_printf(a, "cannot read %s, a file of target %s",
				    t.file, b->name);
		return -1;
	}
	sb_init(&sb);
	rc = tpl_expand(&t, &sb, text, len, err);
	if (rc == 0 && sb.len)
		fwrite(sb.buf, 1, sb.len, out);
	sb_free(&sb);
	free(text);
	return rc;
}

/* ---- the files ------------------------------------------------------------------- */

int emit_target_linker_script(FILE *out, struct arena *a, const char **err,
		       const struct model *m)
{
	const struct backend *b = m->backend;

	fprintf(out, "/* %s from backends/%s/%s for %s.\n * Do not "
		"edit: mirc configure rewrites it. */\n", CODEGEN_MARKER,
		b->name, b->linker_script, m->name);
	return from_template(out, a, b->linker_script, false, err, m);
}

/*
 * The manifest is Solo5's format exactly, so it cannot hold the marker:
 * configure recognises it by the digest it records in mirc/context.
 */
int emit_target_solo5_manifest(FILE *out, struct arena *a, const char **err,
			const struct model *m)
{
	json_t *root = json_object(), *devs = json_array();

	(void)a;
	(void)err;
	json_object_set_new(root, "type", json_string("solo5.manifest"));
	json_object_set_new(root, "version", json_integer(1));
	for (size_t i = 0; i < m->nsolo5; i++) {
		json_t *d = json_object();
		json_object_set_new(d, "name", json_string(m->solo5[i].name));
		json_object_set_new(d, "type", json_string(m->solo5[i].type));
		json_array_append_new(devs, d);
	}
	json_object_set_new(root, "devices", devs);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return 0;
}

int emit_target_libvirt_domain(FILE *out, struct arena *a, const char **err,
			const struct model *m)
{
	const struct backend *b = m->backend;

	fprintf(out, "<!-- %s from backends/%s/%s for %s.\n     Do not "
		"edit: mirc configure rewrites it. -->\n", CODEGEN_MARKER,
		b->name, b->libvirt, m->name);
	return from_template(out, a, b->libvirt, true, err, m);
}
