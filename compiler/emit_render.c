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
 *   core        the svg renderer (the one `dot -Tsvg` uses)
 *   pango       text sizes from the installed fonts (as `dot` does) and
 *               the cairo renderers for png and pdf
 *
 * Plugin libraries stay loaded for the rest of the process: they keep
 * static state that gvc and cairo still point to, so dlclose would turn
 * that state into leaks or dangling pointers.  When a plugin cannot be
 * opened we fall back on demand loading through the plugin list.
 */
#define _GNU_SOURCE		/* dl_iterate_phdr */
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "model.h"
#include "util.h"

struct plugin {
	const char *name;	/* libgvplugin_NAME, gvplugin_NAME_LTX_library */
	bool tried;
	void *library;		/* the gvplugin_library_t, or NULL */
};

static struct plugin plugins[] = {
	{ "dot_layout", false, NULL },
	{ "core", false, NULL },
	{ "pango", false, NULL },
};

enum { PLUGIN_DOT, PLUGIN_CORE, PLUGIN_PANGO, PLUGIN_COUNT };

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
	const char *env = getenv("GVBINDIR"), *gvc = NULL, *slash;

	if (env && env[0]) {
		sb_puts(dir, env);
		return true;
	}
	dl_iterate_phdr(find_libgvc, &gvc);
	if (!gvc || !(slash = strrchr(gvc, '/')))
		return false;
	sb_putn(dir, gvc, (size_t)(slash - gvc));
	sb_puts(dir, "/graphviz");
	return true;
}

static void *plugin_load(struct plugin *p)
{
	static const char *const suffixes[] = { ".so.6", ".so" };
	struct strbuf dir, file, sym;
	void *handle = NULL;

	if (p->tried)
		return p->library;
	p->tried = true;
	sb_init(&dir);
	if (!plugin_dir(&dir)) {
		sb_free(&dir);
		return NULL;
	}
	sb_init(&file);
	for (size_t i = 0; i < 2 && !handle; i++) {
		file.len = 0;
		sb_printf(&file, "%s/libgvplugin_%s%s", dir.buf, p->name,
			  suffixes[i]);
		handle = dlopen(file.buf, RTLD_NOW | RTLD_LOCAL);
	}
	sb_free(&file);
	sb_free(&dir);
	if (!handle)
		return NULL;
	sb_init(&sym);
	sb_printf(&sym, "gvplugin_%s_LTX_library", p->name);
	p->library = dlsym(handle, sym.buf);
	sb_free(&sym);
	/* The handle is never closed (see the top of the file). */
	return p->library;
}

/*
 * A context with our builtins: svg needs dot_layout and core (its svg
 * renderer is the one `dot -Tsvg` picks), png and pdf dot_layout and
 * pango (cairo); pango also sizes the text for svg when it is there.
 * Without what the format needs, fall back on gvc's plugin list.
 */
static GVC_t *render_context(const char *format)
{
	static const char *const names[] = {
		[PLUGIN_DOT] = "gvplugin_dot_layout_LTX_library",
		[PLUGIN_CORE] = "gvplugin_core_LTX_library",
		[PLUGIN_PANGO] = "gvplugin_pango_LTX_library",
	};
	lt_symlist_t builtins[PLUGIN_COUNT + 1];
	bool svg = strcmp(format, "svg") == 0;
	size_t n = 0;

	for (int i = 0; i < PLUGIN_COUNT; i++) {
		void *lib = plugin_load(&plugins[i]);
		bool needed = i == PLUGIN_DOT ||
			(i == PLUGIN_CORE ? svg : i == PLUGIN_PANGO && !svg);

		if (!lib && needed)
			return gvContextPlugins(NULL, 1);
		if (!lib)
			continue;
		builtins[n].name = names[i];
		builtins[n].address = lib;
		n++;
	}
	builtins[n].name = NULL;
	builtins[n].address = NULL;
	return gvContextPlugins(builtins, 0);
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

/* The heap message for *err: ours, then what graphviz said, if anything. */
static char *render_error(const char *what)
{
	struct strbuf sb;

	while (render_msgs.len > 0 &&
	       (render_msgs.buf[render_msgs.len - 1] == '\n' ||
		render_msgs.buf[render_msgs.len - 1] == ' '))
		render_msgs.buf[--render_msgs.len] = '\0';
	sb_init(&sb);
	sb_puts(&sb, what);
	if (render_msgs.len > 0)
		sb_printf(&sb, ": %s", render_msgs.buf);
	return sb.buf;
}

/* ---- rendering ---------------------------------------------------------- */

int emit_render(const char *dot, const char *format, const char *outfile,
		FILE *out, char **err)
{
	agusererrf prev_handler;
	agerrlevel_t prev_level;
	GVC_t *gvc;
	Agraph_t *g = NULL;
	FILE *f = NULL;
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

	gvc = render_context(format);
	if (!gvc) {
		msg = render_error("cannot load the Graphviz plugins");
		goto out;
	}
	g = agmemread(dot);
	if (!g) {
		msg = render_error("cannot read the dot graph");
		goto out;
	}
	if (gvLayout(gvc, g, "dot") != 0) {
		msg = render_error("Graphviz layout failed");
		goto out;
	}
	f = outfile ? fopen(outfile, "wb") : out;
	if (!f) {
		struct strbuf sb;

		sb_init(&sb);
		sb_printf(&sb, "cannot write '%s': %s", outfile, strerror(errno));
		msg = sb.buf;
	} else if (gvRender(gvc, g, format, f) != 0) {
		msg = render_error("Graphviz rendering failed");
	}
	if (f) {
		bool bad = fflush(f) != 0 || ferror(f);

		if (outfile && fclose(f) != 0)
			bad = true;
		if (bad && !msg) {
			struct strbuf sb;

			sb_init(&sb);
			sb_printf(&sb, "cannot write '%s': %s",
				  outfile ? outfile : "standard output",
				  strerror(errno));
			msg = sb.buf;
		}
		/* Leave no half-written picture behind. */
		if (msg && outfile)
			remove(outfile);
	}
	gvFreeLayout(gvc, g);
out:
	if (g)
		agclose(g);
	if (gvc)
		gvFreeContext(gvc);
	agseterr(prev_level);
	agseterrf(prev_handler);
	sb_free(&render_msgs);
	if (msg) {
		*err = msg;
		return -1;
	}
	return 0;
}
