/* SPDX-License-Identifier: MIT */
/*
 * emit_embed.c - directories embedded in the program as generated C (the
 * `embed` field, used by crunch): every regular file below the directory,
 * sorted by name, as a byte array and a table of struct mirc_embed_file.
 * Symbolic links are not followed, so nothing outside the directory is
 * ever embedded.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit_embed.h"

struct efile {
	const char *name;	/* relative, '/'-separated */
	const char *path;	/* to read */
	size_t size;		/* once read */
};

struct efiles {
	struct efile *items;
	size_t len, cap;
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct efile *)a)->name,
		      ((const struct efile *)b)->name);
}

/* Collect the regular files below `dir`; -1 + *err on an I/O error.
 * Every directory and file seen also goes to inputs (as `shown`, the
 * path from the project directory): the Makefile runs configure again
 * when one of them changes. */
static int walk(struct arena *a, const char *dir, const char *rel,
		struct efiles *out, int depth, const char **err,
		struct codegen_paths *inputs, const char *shown)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		*err = arena_printf(a, "cannot read directory %s: %s", dir,
				    strerror(errno));
		return -1;
	}
	if (depth > 64) {
		closedir(d);
		*err = arena_printf(a, "%s: directories nested too deeply", dir);
		return -1;
	}
	vec_push(a, inputs, shown);
	while ((de = readdir(d))) {
		struct stat st;
		const char *path, *name;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		path = arena_printf(a, "%s/%s", dir, de->d_name);
		name = *rel ? arena_printf(a, "%s/%s", rel, de->d_name)
			    : arena_strdup(a, de->d_name);
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (walk(a, path, name, out, depth + 1, err, inputs,
				 util_join_path(a, shown, de->d_name)) != 0) {
				closedir(d);
				return -1;
			}
		} else if (S_ISREG(st.st_mode)) {
			vec_push(a, out, ((struct efile){name, path, 0}));
			vec_push(a, inputs, util_join_path(a, shown, de->d_name));
		}
	}
	closedir(d);
	return 0;
}

int emit_embed(FILE *out, struct arena *a, const char **err,
	       struct codegen_paths *inputs, const struct gnode *n,
	       const struct model *m)
{
	const struct value *v = n->args[n->mi->embed_param].value;
	const char *dir = util_join_path(a, m->project_dir, v->s);
	struct strbuf text, *sb = &text;
	struct efiles files = {0};
	bool ok;

	if (walk(a, dir, "", &files, 0, err, inputs, v->s) != 0)
		return -1;
	sb_init(sb);
	qsort(files.items, files.len, sizeof(*files.items), name_cmp);
	sb_printf(sb, "/* %s: the files of %s for %s. */\n"
		  "#include \"mirc/embed.h\"\n\n", CODEGEN_MARKER, v->s, n->id);
	for (size_t i = 0; i < files.len; i++) {
		size_t len = 0;
		char *data = util_read_file(files.items[i].path, &len);
		if (!data) {
			*err = arena_printf(a, "cannot read %s: %s",
					    files.items[i].path, strerror(errno));
			sb_free(sb);
			return -1;
		}
		files.items[i].size = len;
		sb_printf(sb, "static const unsigned char f%zu[%zu] = {", i,
			  len ? len : 1);
		for (size_t k = 0; k < len; k++)
			sb_printf(sb, "%s0x%02x,", k % 12 ? " " : "\n\t",
				  (unsigned char)data[k]);
		if (!len)
			sb_puts(sb, " 0");
		sb_puts(sb, "\n};\n");
		free(data);
	}
	sb_printf(sb, "\nstatic const struct mirc_embed_file files[%zu] = {\n",
		  files.len ? files.len : 1);
	for (size_t i = 0; i < files.len; i++) {
		struct strbuf esc;
		sb_init(&esc);
		sb_put_escaped(&esc, files.items[i].name);
		sb_printf(sb, "\t{ \"%s\", f%zu, %zu },\n", esc.buf, i,
			  files.items[i].size);
		sb_free(&esc);
	}
	if (!files.len)
		sb_puts(sb, "\t{ \"\", NULL, 0 },\n");
	sb_printf(sb, "};\n\nextern const struct mirc_embed_dir mirc_embed_%s;\n"
		  "const struct mirc_embed_dir mirc_embed_%s = { files, %zu };\n",
		  n->id, n->id, files.len);
	ok = fwrite(sb->buf, 1, sb->len, out) == sb->len;
	sb_free(sb);
	if (!ok)
		*err = arena_printf(a, "cannot write mirc/embed_%s.c", n->id);
	return ok ? 0 : -1;
}
