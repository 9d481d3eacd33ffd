/* SPDX-License-Identifier: MIT */
/*
 * emit_render.c - `mirc describe --format=svg|png|pdf`: lay out the dot
 * text with libgvc and render it in-process, without the `dot` program.
 *
 * Plugins.  Debian's libgvc6 ships the plugin libraries in
 * <libdir>/graphviz/ and a plugin list (config6a) written by its postinst.
 * Loading through that list ("demand loading", what gvContext() does)
 * works only where the list was generated, and leaks the list's text at
 * gvFreeContext.  So we open the three plugins we use ourselves and hand
 * them to gvContextPlugins() as builtins with demand loading off:
 *
 *   dot_layout  the layout
 *   core        the svg renderer (the one `dot -Tsvg` picks)
 *   pango       text sizes from the installed fonts (as `dot` does) and
 *               the cairo renderers for png and pdf
 *
 * When dot_layout or core cannot be opened we fall back on the plugin
 * list.  Plugin libraries are never closed: they keep static state that
 * gvc and cairo still point to, and dlclose turns it into leaks.
 *
 * One context per process.  The pango plugin (Graphviz 2.42) caches a
 * pointer to the last font name, which lives in the context; after
 * gvFreeContext the next render in the same process would read freed
 * memory.  So the context is made on first use and freed at exit, while
 * each graph and its layout are freed before emit_render returns.
 */
#define _GNU_SOURCE		/* dl_iterate_phdr */
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "emit_render.h"
#include "model.h"
#include "util.h"

enum { PLUGIN_DOT, PLUGIN_CORE, PLUGIN_PANGO, PLUGIN_COUNT };

/* libgvplugin_NAME.so.6 and its gvplugin_NAME_LTX_library */
static const char *const plugin_names[PLUGIN_COUNT][2] = {
	[PLUGIN_DOT] = { "dot_layout", "gvplugin_dot_layout_LTX_library" },
	[PLUGIN_CORE] = { "core", "gvplugin_core_LTX_library" },
	[PLUGIN_PANGO] = { "pango", "gvplugin_pango_LTX_library" },
};

/* ---- finding and opening the plugins ------------------------------------ */

static int find_libgvc(struct dl_phdr_info *info, size_t size, void *data)
{
	const char *name = info->dlpi_name, *base;

	(void)size;
	if (!name || !name[0])
		return 0;
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (strncmp(base, "libgvc.so", 9) != 0)
		return 0;
	*(const char **)data = name;
	return 1;
}

/*
 * Where libgvc looks for its plugins: $GVBINDIR (Graphviz's own
 * override), else the graphviz/ directory beside the libgvc we run with.
 */
static bool plugin_dir(struct strbuf *dir)
{
	const char *env = getenv("GVBINDIR"), *lib = NULL, *slash;

	if (env && env[0]) {
		sb_puts(dir, env);
		return true;
	}
	dl_iterate_phdr(find_libgvc, &lib);
	if (!lib || !(slash = strrchr(lib, '/')))
		return false;
	sb_putn(dir, lib, (size_t)(slash - lib));
	sb_puts(dir, "/graphviz");
	return true;
}

/* The plugin's gvplugin_library_t, or NULL when it cannot be opened. */
static void *plugin_load(const char *dir, int which)
{
	static const char *const suffixes[] = { ".so.6", ".so" };
	struct strbuf file;
	void *handle = NULL;

	sb_init(&file);
	for (size_t i = 0; i < 2 && !handle; i++) {
		file.len = 0;
		sb_printf(&file, "%s/libgvplugin_%s%s", dir,
			  plugin_names[which][0], suffixes[i]);
		handle = dlopen(file.buf, RTLD_NOW | RTLD_LOCAL);
	}
	sb_free(&file);
	return handle ? dlsym(handle, plugin_names[which][1]) : NULL;
}

/* ---- the context ------------------------------------------------------- */

static GVC_t *render_gvc;
/* gvc keeps a pointer to its builtins: they live as long as it does. */
static lt_symlist_t render_builtins[PLUGIN_COUNT + 1];

static void render_cleanup(void)
{
	gvFreeContext(render_gvc);
	render_gvc = NULL;
}

static GVC_t *render_context(void)
{
	struct strbuf dir;
	size_t n = 0;
	bool usable;

	if (render_gvc)
		return render_gvc;
	sb_init(&dir);
	usable = plugin_dir(&dir);
	for (int i = 0; usable && i < PLUGIN_COUNT; i++) {
		void *lib = plugin_load(dir.buf, i);

		if (!lib) {
			/* pango is optional: without it svg still works. */
			usable = i == PLUGIN_PANGO;
			continue;
		}
		render_builtins[n].name = plugin_names[i][1];
		render_builtins[n].address = lib;
		n++;
	}
	sb_free(&dir);
	render_gvc = usable ? gvContextPlugins(render_builtins, 0) :
		gvContextPlugins(NULL, 1);
	if (render_gvc)
		atexit(render_cleanup);
	return render_gvc;
}

/* ---- error messages ----------------------------------------------------- */

/*
 * libcgraph reports errors through one process-wide hook without a
 * context pointer, hence the static buffer; it is set and emptied within
 * one emit_render call.
 */
static struct strbuf render_msgs;

static int collect_msg(char *msg)
{
	/* gvc prefixes each message with "Error" and ": " as separate
	 * pieces (or in one, depending on the version); drop them. */
	if (strcmp(msg, "Error") == 0 || strcmp(msg, ": ") == 0)
		return 0;
	if (strncmp(msg, "Error: ", 7) == 0)
		msg += 7;
	if (render_msgs.len > 0 && render_msgs.buf[render_msgs.len - 1] == '\n')
		render_msgs.buf[render_msgs.len - 1] = ' ';
	sb_puts(&render_msgs, msg);
	return 0;
}

/* The heap message for *err: ours, then what Graphviz said, if anything. */
static char *render_error(const char *what, const char *detail)
{
	struct strbuf sb;

	while (render_msgs.len > 0 &&
	       (render_msgs.buf[render_msgs.len - 1] == '\n' ||
		render_msgs.buf[render_msgs.len - 1] == ' '))
		render_msgs.buf[--render_msgs.len] = '\0';
	sb_init(&sb);
	sb_puts(&sb, what);
	if (detail)
		sb_printf(&sb, ": %s", detail);
	else if (render_msgs.len > 0)
		sb_printf(&sb, ": %s", render_msgs.buf);
	return sb.buf;
}

/* ---- rendering ---------------------------------------------------------- */

static char *write_error(const char *name)
{
	struct strbuf sb;
	int e = errno;

	sb_init(&sb);
	sb_printf(&sb, "cannot write '%s': %s", name, strerror(e));
	return sb.buf;
}

/* Lay out and render g; NULL, or the heap message on failure. */
static char *render_graph(GVC_t *gvc, Agraph_t *g, const char *format,
			  const char *outfile, FILE *out)
{
	const char *name = outfile ? outfile : "standard output";
	char *msg = NULL;
	FILE *f;
	bool bad;

	if (gvLayout(gvc, g, "dot") != 0)
		return render_error("Graphviz layout failed", NULL);
	f = outfile ? fopen(outfile, "wb") : out;
	if (!f) {
		msg = write_error(name);
	} else {
		if (gvRender(gvc, g, format, f) != 0)
			msg = render_error("Graphviz rendering failed", NULL);
		bad = fflush(f) != 0 || ferror(f);
		if (outfile && fclose(f) != 0)
			bad = true;
		if (bad && !msg)
			msg = write_error(name);
		/* Leave no half-written picture behind. */
		if (msg && outfile)
			remove(outfile);
	}
	gvFreeLayout(gvc, g);
	return msg;
}

int emit_render(const char *dot, const char *format, const char *outfile,
		FILE *out, char **err)
{
	agusererrf prev_handler;
	agerrlevel_t prev_level;
	GVC_t *gvc;
	Agraph_t *g;
	char *msg = NULL;

	*err = NULL;
	if (strcmp(format, "svg") != 0 && strcmp(format, "png") != 0 &&
	    strcmp(format, "pdf") != 0) {
		struct strbuf sb;

		sb_init(&sb);
		sb_printf(&sb, "unknown format '%s' (expected svg, png or pdf)",
			  format);
		*err = sb.buf;
		return -1;
	}
	if (!outfile && strcmp(format, "svg") != 0) {
		*err = xstrdup("png and pdf output need an output file");
		return -1;
	}

	sb_init(&render_msgs);
	prev_handler = agseterrf(collect_msg);
	prev_level = agseterr(AGERR);
	gvc = render_context();
	if (!gvc) {
		msg = render_error("cannot set up Graphviz", NULL);
	} else if (!(g = agmemread(dot))) {
		msg = render_error("cannot read the dot graph", NULL);
	} else {
		msg = render_graph(gvc, g, format, outfile, out);
		agclose(g);
	}
	agseterr(prev_level);
	agseterrf(prev_handler);
	sb_free(&render_msgs);
	*err = msg;
	return msg ? -1 : 0;
}
