/* SPDX-License-Identifier: MIT */
/*
 * emit_make.c - the build files: the project's Makefile and
 * mirc/compile_commands.json, both from the same list of sources and
 * flags so that editors see exactly what make compiles.
 */
#include <glob.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "codegen.h"

/* Paths under MIRC_HOME are written relative to it in the Makefile. */
static const char *home_rel(struct arena *a, const struct model *m,
			    const char *path, bool make)
{
	char home[PATH_MAX];
	size_t n;

	if (!realpath(m->home, home))
		return path;
	n = strlen(home);
	if (!strncmp(path, home, n) && path[n] == '/')
		return make ? arena_printf(a, "$(MIRC_HOME)/%s", path + n + 1)
			    : path;
	return path;
}

/* Every C source of the program: generated ones, the impls', the
 * runtime's (the backend's patterns, expanded now, sorted). */
static void collect_sources(struct genset *g, struct arena *a,
			    const struct model *m)
{
	struct hmap seen;

	hmap_init(&seen);
	for (size_t i = 0; i < g->files.len; i++) {
		const char *p = g->files.items[i]->path;
		size_t n = strlen(p);
		if (n > 2 && !strcmp(p + n - 2, ".c"))
			vec_push(a, &g->sources, p);
	}
	for (size_t i = 0; i < m->nimpls; i++)
		for (size_t j = 0; j < m->impls[i]->nsources; j++) {
			const char *s = m->impls[i]->sources[j];
			if (!hmap_get(&seen, s)) {
				hmap_put(&seen, s, (void *)s);
				vec_push(a, &g->sources, s);
			}
		}
	for (size_t i = 0; m->backend && i < m->backend->nruntime; i++) {
		glob_t gl;
		const char *pat = arena_printf(a, "%s/%s", m->home,
					       m->backend->runtime[i]);
		if (glob(pat, 0, NULL, &gl) != 0)
			continue;
		for (size_t k = 0; k < gl.gl_pathc; k++) {
			char real[PATH_MAX];
			const char *s = realpath(gl.gl_pathv[k], real)
				? arena_strdup(a, real)
				: arena_strdup(a, gl.gl_pathv[k]);
			if (!hmap_get(&seen, s)) {
				hmap_put(&seen, s, (void *)s);
				vec_push(a, &g->sources, s);
			}
		}
		globfree(&gl);
	}
	hmap_free(&seen);
	for (size_t i = 0; i < m->nimpls; i++)
		for (size_t j = 0; j < m->impls[i]->npackages; j++)
			vec_push(a, &g->packages, m->impls[i]->packages[j]);
}

/* mirc/obj/3-time_posix.o: numbered, so equal base names never clash. */
static const char *obj_of(struct arena *a, size_t i, const char *src)
{
	const char *base = strrchr(src, '/');
	size_t n;

	base = base ? base + 1 : src;
	n = strlen(base);
	return arena_printf(a, "mirc/obj/%zu-%.*s.o", i, (int)(n - 2), base);
}

/* A word of the backend's run command, with its placeholders. */
static const char *run_word(struct arena *a, const struct backend *b,
			    const char *w, bool alone)
{
	if (!strcmp(w, "@ARTIFACT@"))
		return alone ? "./$(ARTIFACT)" : "$(ARTIFACT)";
	if (!strcmp(w, "@CMDLINE@"))
		return "\"$(ARGS)\"";
	if (!strncmp(w, "@BACKEND@", 9))
		return arena_printf(a, "$(MIRC_HOME)/backends/%s%s", b->name,
				    w + 9);
	if (!strncmp(w, "@HOME@", 6))
		return arena_printf(a, "$(MIRC_HOME)%s", w + 6);
	return w;
}

/* The emulator options that attach the Solo5 manifest's devices: the
 * backend's run.device_options, @DEVICE@ replaced by each name. */
static void put_device_options(struct strbuf *sb, const struct model *m)
{
	const struct backend *b = m->backend;

	for (size_t i = 0; i < m->nsolo5; i++) {
		int k = !strcmp(m->solo5[i].type, "NET_BASIC");
		for (size_t j = 0; j < b->ndev_opts[k]; j++) {
			const char *w = b->dev_opts[k][j], *p;
			sb_putc(sb, ' ');
			while ((p = strstr(w, "@DEVICE@"))) {
				sb_putn(sb, w, (size_t)(p - w));
				sb_puts(sb, m->solo5[i].name);
				w = p + 8;
			}
			sb_puts(sb, w);
		}
	}
}

static void put_list(struct strbuf *sb, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, " %s", v[i]);
}

/* Quote a package constraint for the shell: 'libfoo >= 1.2'. */
static const char *shq(struct arena *a, const char *s)
{
	struct strbuf sb;
	const char *r;

	sb_init(&sb);
	sb_putc(&sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(&sb, "'\\''");
		else
			sb_putc(&sb, *s);
	}
	sb_putc(&sb, '\'');
	r = arena_strdup(a, sb.buf);
	sb_free(&sb);
	return r;
}

void emit_makefile(struct genset *g, struct arena *a, const struct model *m)
{
	struct genfile *f = gen_add(a, g, "Makefile");
	struct strbuf *sb = &f->text;
	const struct backend *b = m->backend;
	char home[PATH_MAX];

	collect_sources(g, a, m);
	g->artifact = arena_printf(a, "dist/%s%s", m->name,
				   b ? b->artifact_ext : "");
	sb_printf(sb, "# %s from %s for target %s.\n"
		  "# Do not edit: mirc configure rewrites it.  Your own rules "
		  "and variables\n# go in Makefile.user, which is included at "
		  "the end.\n\n", GEN_MARKER, m->root_file, m->target);
	sb_printf(sb, "MIRC_HOME := %s\n", realpath(m->home, home) ? home
							    : m->home);
	sb_printf(sb, "CC := %s\n", b ? b->cc : "cc");
	sb_puts(sb, "CPPFLAGS := -Imirc -I. -I$(MIRC_HOME)/rt/include -I$(MIRC_HOME)\nCFLAGS :=");
	if (b)
		put_list(sb, b->cflags, b->ncflags);
	for (size_t i = 0; i < m->nimpls; i++)
		put_list(sb, m->impls[i]->cflags, m->impls[i]->ncflags);
	sb_puts(sb, "\nLDFLAGS :=");
	if (b)
		put_list(sb, b->ldflags, b->nldflags);
	for (size_t i = 0; i < m->nimpls; i++)
		put_list(sb, m->impls[i]->ldflags, m->impls[i]->nldflags);
	if (b && b->linker_script)
		sb_puts(sb, " -T mirc/link.ld");
	sb_puts(sb, "\nLDLIBS :=");
	if (b)
		put_list(sb, b->libs, b->nlibs);
	sb_putc(sb, '\n');
	if (g->packages.len) {
		sb_puts(sb, "PACKAGES :=");
		for (size_t i = 0; i < g->packages.len; i++)
			sb_printf(sb, " %s", shq(a, g->packages.items[i]));
		sb_puts(sb, "\nCFLAGS += $(shell pkg-config --cflags $(PACKAGES))\n"
			"LDLIBS += $(shell pkg-config --libs $(PACKAGES))\n");
	}
	/* Flags of the command line's own: make EXTRA_CFLAGS=-Werror. */
	sb_puts(sb, "CFLAGS += $(EXTRA_CFLAGS)\nLDFLAGS += $(EXTRA_LDFLAGS)\n");
	sb_printf(sb, "ARTIFACT := %s\n\nOBJS :=", g->artifact);
	for (size_t i = 0; i < g->sources.len; i++)
		sb_printf(sb, " \\\n\t%s", obj_of(a, i, g->sources.items[i]));
	sb_puts(sb, "\n\n.PHONY: all build run clean\n\nall: build\n\n"
		"build: $(ARTIFACT)\n\n");
	sb_printf(sb, "$(ARTIFACT): $(OBJS)%s\n\t@mkdir -p dist\n"
		  "\t$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)\n\n",
		  b && b->linker_script ? " mirc/link.ld" : "");
	for (size_t i = 0; i < g->sources.len; i++) {
		const char *src = home_rel(a, m, g->sources.items[i], true);
		/* Objects depend on the Makefile: a configure that changes
		 * the target or the flags rewrites it, and then everything
		 * must be compiled again. */
		sb_printf(sb, "%s: %s Makefile\n\t@mkdir -p mirc/obj\n"
			  "\t$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ %s\n\n",
			  obj_of(a, i, g->sources.items[i]), src, src);
	}
	if (b && b->nrun) {
		/* ARGS: boot arguments; RUNFLAGS: extra emulator options. */
		sb_puts(sb, "run: $(ARTIFACT)\n\t");
		for (size_t i = 0; i < b->nrun; i++)
			sb_printf(sb, "%s%s", i ? " " : "",
				  run_word(a, b, b->run[i], b->nrun == 1));
		put_device_options(sb, m);
		sb_puts(sb, " $(RUNFLAGS)");
		if (b->ncmdline_opt) {
			sb_puts(sb, " $(if $(ARGS),");
			for (size_t i = 0; i < b->ncmdline_opt; i++)
				sb_printf(sb, "%s%s", i ? " " : "",
					  run_word(a, b, b->cmdline_opt[i], false));
			sb_puts(sb, ")\n\n");
		} else {
			sb_puts(sb, " $(ARGS)\n\n");
		}
	}
	sb_puts(sb, "clean:\n\trm -f $(OBJS) $(OBJS:.o=.d) $(ARTIFACT)\n\n"
		"-include $(OBJS:.o=.d)\n-include Makefile.user\n");
}

/* "$(MIRC_HOME)" in a flag, as make would expand it. */
static const char *expand_home(struct arena *a, const char *flag,
			       const char *home)
{
	const char *p = strstr(flag, "$(MIRC_HOME)");

	if (!p)
		return flag;
	return arena_printf(a, "%.*s%s%s", (int)(p - flag), flag, home,
			    p + strlen("$(MIRC_HOME)"));
}

void emit_compile_commands(struct genset *g, struct arena *a,
			   const struct model *m)
{
	struct genfile *f = gen_add(a, g, "mirc/compile_commands.json");
	const struct backend *b = m->backend;
	char proj[PATH_MAX], home[PATH_MAX];
	json_t *arr = json_array();

	if (!realpath(m->project_dir, proj))
		snprintf(proj, sizeof(proj), "%s", m->project_dir);
	if (!realpath(m->home, home))
		snprintf(home, sizeof(home), "%s", m->home);
	for (size_t i = 0; i < g->sources.len; i++) {
		json_t *o = json_object(), *args = json_array();
		const char *src = g->sources.items[i];
		json_object_set_new(o, "generated_by", json_string(GEN_MARKER));
		json_object_set_new(o, "directory", json_string(proj));
		json_object_set_new(o, "file", json_string(src));
		json_array_append_new(args, json_string(b ? b->cc : "cc"));
		json_array_append_new(args, json_string("-Imirc"));
		json_array_append_new(args, json_string("-I."));
		json_array_append_new(args, json_string(
			arena_printf(a, "-I%s/rt/include", home)));
		/* mirc.h names the headers of mirc's own devices by their
		 * path in MIRC_HOME ("rt/devices/time_posix.h"). */
		json_array_append_new(args, json_string(
			arena_printf(a, "-I%s", home)));
		for (size_t k = 0; b && k < b->ncflags; k++)
			json_array_append_new(args, json_string(expand_home(a,
				b->cflags[k], home)));
		for (size_t j = 0; j < m->nimpls; j++)
			for (size_t k = 0; k < m->impls[j]->ncflags; k++)
				json_array_append_new(args, json_string(
					m->impls[j]->cflags[k]));
		json_array_append_new(args, json_string("-c"));
		json_array_append_new(args, json_string(src));
		json_array_append_new(args, json_string("-o"));
		json_array_append_new(args, json_string(obj_of(a, i, src)));
		json_object_set_new(o, "arguments", args);
		json_array_append_new(arr, o);
	}
	gen_put_json(f, arr);
}
