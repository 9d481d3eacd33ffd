/* SPDX-License-Identifier: MIT */
/*
 * emit_make.c - the build files: the project's Makefile and
 * mirc/compile_commands.json, both from the same list of sources and
 * flags so that editors see exactly what make compiles.
 *
 * The Makefile, in order: the variables (flags, ARTIFACT, OBJS); the
 * flags files objects and the artefact depend on; the link rule; one rule
 * per object (named by name_objects); the rules that embed directories
 * again; the rules for sources not written yet; run; clean.  It rebuilds
 * what changed and nothing else, and is safe under make -j
 * (mirc-build(1), "What is rebuilt").
 */
#include <glob.h>
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "emit_make.h"
#include "model.h"

/* Is `path` a file of the lwIP tree (an "@lwip/" source)? */
static bool in_lwip(const struct model *m, const char *path)
{
	size_t n = m->lwip ? strlen(m->lwip) : 0;

	return n && !strncmp(path, m->lwip, n) && path[n] == '/';
}

/* Paths under MIRC_HOME are written relative to it in the Makefile, those
 * of the lwIP tree relative to MIRC_LWIP (which may be under MIRC_HOME). */
static const char *home_rel(struct arena *a, const struct model *m,
			    const char *path, bool make)
{
	char home[PATH_MAX];
	size_t n;

	if (make && in_lwip(m, path))
		return arena_printf(a, "$(MIRC_LWIP)%s", path + strlen(m->lwip));
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
static void collect_sources(struct codegen_set *g, struct arena *a,
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

/*
 * Objects are named after their sources, not their place in the graph, so
 * that a configure which adds or removes a device leaves every other
 * object as it is.  The name is the source's path with '/' turned into
 * '-' and the extension dropped: the project's own files by their path in
 * the project (mirc/main.c: mirc-main.o, src/thermo.c: src-thermo.o),
 * mirc's runtime by its path under MIRC_HOME after "home-"
 * (home-rt-src-loop.o), lwIP's by their path in its tree after "lwip-"
 * (lwip-src-core-tcp.o), any other absolute path after "abs-".  Characters
 * make cannot spell become '_'.  Two sources that still come out the same
 * (a.c and a.S, a-b.c and a/b.c) are told apart by "-2", "-3"... on the
 * later one, in the order of `mirc query sources`.
 */
static void name_objects(struct codegen_set *g, struct arena *a,
			 const struct model *m)
{
	char home[PATH_MAX];
	size_t nhome = realpath(m->home, home) ? strlen(home) : 0;
	struct hmap taken;

	hmap_init(&taken);
	for (size_t i = 0; i < g->sources.len; i++) {
		const char *src = g->sources.items[i], *tag = "";
		const char *dot;
		char *base, *name;

		if (in_lwip(m, src)) {
			tag = "lwip-";
			src += strlen(m->lwip) + 1;
		} else if (src[0] == '/' && nhome && !strncmp(src, home, nhome) &&
		    src[nhome] == '/') {
			tag = "home-";
			src += nhome + 1;
		} else if (src[0] == '/') {
			tag = "abs-";
			src++;
		}
		dot = strrchr(src, '.');
		if (!dot || strchr(dot, '/'))
			dot = src + strlen(src);
		base = arena_printf(a, "%s%.*s", tag, (int)(dot - src), src);
		for (char *p = base; *p; p++)
			if (*p == '/')
				*p = '-';
			else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				   (*p >= '0' && *p <= '9') || *p == '_' ||
				   *p == '-' || *p == '.' || *p == '+'))
				*p = '_';
		name = base;
		for (int k = 2; hmap_get(&taken, name); k++)
			name = arena_printf(a, "%s-%d", base, k);
		hmap_put(&taken, name, name);
		vec_push(a, &g->objects, arena_printf(a, "mirc/obj/%s.o", name));
	}
	hmap_free(&taken);
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
 * backend's run.device_options, @DEVICE@ replaced by each name and
 * @NETDEV@ by a call of MIRC_NETDEV (put_netdev_var()). */
static void put_netdev_call(struct strbuf *sb, const char *name, bool first)
{
	sb_printf(sb, "$(call %s,%s)",
		  first ? "MIRC_NETDEV" : "MIRC_NETDEV_MORE", name);
}

static void put_device_options(struct strbuf *sb, const struct model *m)
{
	const struct backend *b = m->backend;
	bool has[2] = { false, false };

	for (size_t i = 0; i < m->nsolo5; i++) {
		int k = !strcmp(m->solo5[i].type, "NET_BASIC");
		has[k] = true;
		for (size_t j = 0; j < b->ndev_opts[k]; j++) {
			sb_putc(sb, ' ');
			backend_expand_device_word(sb, b->dev_opts[k][j],
						   m->solo5[i].name, i == 0,
						   put_netdev_call);
		}
	}
	for (int k = 0; k < 2; k++)
		for (size_t j = 0; !has[k] && j < b->nabsent_opts[k]; j++)
			sb_printf(sb, " %s", b->absent_opts[k][j]);
}

/* Does the run rule attach a network device (an @NETDEV@ to expand)? */
static bool uses_netdev(const struct model *m)
{
	const struct backend *b = m->backend;

	for (size_t i = 0; i < m->nsolo5; i++) {
		if (strcmp(m->solo5[i].type, "NET_BASIC"))
			continue;
		for (size_t j = 0; j < b->ndev_opts[1]; j++)
			if (strstr(b->dev_opts[1][j], "@NETDEV@"))
				return true;
	}
	return false;
}

/*
 * qemu's -netdev backend for network device $(1) (mirc-targets(7)):
 * user-mode networking that reaches nothing but the ports forwarded by
 * HOSTFWD (comma-separated hostfwd rules), or the host's TAP interface
 * $(TAP) when that is set.  Those are for the first network device (the
 * manifest lists networks first); any other (MIRC_NETDEV_MORE) gets a
 * user-mode network of its own, restricted, forwarding nothing: qemu
 * cannot forward a port twice or open a TAP twice.  run.c's put_netdev()
 * builds the same.
 */
static void put_netdev_var(struct strbuf *sb)
{
	sb_puts(sb, "# make run's network: HOSTFWD=tcp:127.0.0.1:8080-:80,... "
		"(rules of qemu's\n# hostfwd) or TAP=tap0 (a TAP interface "
		"of the host).\nMIRC_COMMA := ,\n"
		"MIRC_NETDEV = $(if $(TAP),tap$(MIRC_COMMA)id=$(1)"
		"$(MIRC_COMMA)ifname=$(TAP)$(MIRC_COMMA)script=no"
		"$(MIRC_COMMA)downscript=no,user$(MIRC_COMMA)id=$(1)"
		"$(MIRC_COMMA)restrict=on$(if $(HOSTFWD),$(MIRC_COMMA)hostfwd="
		"$(subst $(MIRC_COMMA),$(MIRC_COMMA)hostfwd=,$(HOSTFWD))))\n"
		"MIRC_NETDEV_MORE = user$(MIRC_COMMA)id=$(1)$(MIRC_COMMA)"
		"restrict=on\n\n");
}

/*
 * The run rule: the backend's run.command with ARGS (boot arguments) and
 * RUNFLAGS (emulator options).  RUNFLAGS and the manifest's device
 * options go where the command says @RUNFLAGS@, else after the command:
 * qemu-aarch64 takes its own options before the program, whose
 * arguments follow it.
 */
static void put_run_rule(struct strbuf *sb, struct arena *a,
			 const struct model *m)
{
	const struct backend *b = m->backend;
	bool placed = false;

	if (uses_netdev(m))
		put_netdev_var(sb);
	sb_puts(sb, "run: $(ARTIFACT)\n\t");
	for (size_t i = 0; i < b->nrun; i++) {
		if (!strcmp(b->run[i], "@RUNFLAGS@")) {
			put_device_options(sb, m);
			sb_puts(sb, " $(RUNFLAGS)");
			placed = true;
			continue;
		}
		sb_printf(sb, "%s%s", i ? " " : "",
			  run_word(a, b, b->run[i], b->nrun == 1));
	}
	if (!placed) {
		put_device_options(sb, m);
		sb_puts(sb, " $(RUNFLAGS)");
	}
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

/* Can `path` be written as it is in a make rule?  Spaces, '$', ':', '=',
 * '#', '%', wildcards and the like cannot (or mean something else). */
static bool make_safe(const char *path)
{
	if (!*path || *path == '~')
		return false;
	for (const char *p = path; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("_-.+,@/", *p)))
			return false;
	return true;
}

/*
 * A file holding the text of a make variable, rewritten when the Makefile
 * is read and only when the text differs: objects depend on the compile
 * flags and the artefact on the link command this way, so a configure or
 * a `make EXTRA_CFLAGS=...` that changes them rebuilds, and one that does
 * not rebuilds nothing.  (Done while reading, not by a rule, so that
 * make -n and make -q give the right answer.)
 */
static void put_flags_file(struct strbuf *sb, const char *var,
			   const char *file)
{
	sb_printf(sb, "ifneq ($(%s),$(file <%s))\n"
		  "$(shell mkdir -p mirc/obj)\n"
		  "$(file >%s,$(%s))\nendif\n", var, file, file, var);
}

/*
 * Embedded directories (crunch): configure wrote mirc/embed_ID.c from
 * them.  Each depends on every directory and file it was made from (a
 * directory changes when a file is added, removed or renamed in it), and
 * its recipe runs configure again, which rewrites only what changed; the
 * touch marks it up to date when nothing did.  Inputs that are gone
 * drop out of the list ($(wildcard)): their directory tells of their
 * removal, and a whole embedded tree that is gone leaves the program with
 * what it embedded last (the data is in the program, not on the disk it
 * was built from).  The rules are chained
 * order-only so that make -j never runs two configures at once.  A file
 * whose name make cannot spell is followed through its directory only.
 */
static void put_embed_rules(struct strbuf *sb, const struct codegen_set *g,
			    const struct model *m)
{
	const char *root = strrchr(m->root_file, '/'), *prev = NULL;
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	root = root ? root + 1 : m->root_file;
	for (size_t i = 0; i < g->files.len; i++) {
		const struct codegen_file *f = g->files.items[i];
		if (!f->inputs.len)
			continue;
		if (!prev) {
			self[n > 0 ? n : 0] = '\0';
			sb_printf(sb, "# Embedded directories: a change there "
				  "runs configure again.\nMIRC := %s\n\n",
				  n > 0 ? self : "mirc");
		}
		sb_printf(sb, "%s: $(wildcard", f->path);
		for (size_t k = 0; k < f->inputs.len; k++)
			if (make_safe(f->inputs.items[k]))
				sb_printf(sb, " \\\n\t%s", f->inputs.items[k]);
		sb_putc(sb, ')');
		if (prev)
			sb_printf(sb, " \\\n\t| %s", prev);
		/* The target too: MIRC_TARGET must not change it; and the
		 * lwIP tree configure found. */
		sb_printf(sb, "\n\t%sMIRC_HOME='$(MIRC_HOME)' '$(MIRC)' configure "
			  "-q -f '%s' -t %s\n\t@touch $@\n\n",
			  m->lwip ? "MIRC_LWIP='$(MIRC_LWIP)' " : "", root,
			  m->target);
		prev = f->path;
	}
}

/* Sources of the impls that do not exist yet (configure warned, with the
 * prototypes they must define): a rule that stops the build naming the
 * file, instead of make's "No rule to make target". */
static void put_missing_sources(struct strbuf *sb, struct arena *a,
				const struct model *m)
{
	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		for (size_t j = 0; j < mi->nsources; j++) {
			const char *s = mi->sources[j];
			struct stat st;
			if (stat(util_join_path(a, m->project_dir, s), &st) == 0 ||
			    !make_safe(s))
				continue;
			sb_printf(sb, "%s:\n\t@echo 'mirc: source file %s of "
				  "%s %s does not exist: write it (mirc check "
				  "prints the prototypes it must define)' >&2; "
				  "exit 1\n\n", s, s, mi->is_job ? "job" : "impl",
				  mi->name);
		}
	}
}

/*
 * lwIP's licence notice travels with a program built from it (its BSD
 * licence asks so): dist/LICENSE.lwip, recorded in mirc/built like the
 * artefact so that mirc clean removes it.  A file of that name that this
 * build did not make (not in mirc/built with its checksum) is the user's
 * and is not overwritten.  It comes before the link (order-only), so that
 * the two recipes never rewrite mirc/built at once under make -j.
 */
static void put_licence_rule(struct strbuf *sb)
{
	sb_puts(sb, "# lwIP's licence notice goes with the program.\n"
		"dist/LICENSE.lwip: $(MIRC_LWIP)/COPYING\n"
		"\t@mkdir -p dist mirc\n"
		"\t@if [ -e $@ ] && ! grep -qxF \"$$(cksum $@)\" mirc/built "
		"2>/dev/null; then echo 'mirc: $@ is not one this build made: "
		"move it away, make puts lwIP'\\''s licence notice there' >&2; "
		"exit 1; fi\n"
		"\tcp $(MIRC_LWIP)/COPYING $@.mirc-tmp && mv -f $@.mirc-tmp $@\n");
	sb_printf(sb, "\t@t=mirc/built.mirc-tmp-$$$$; { if [ -f mirc/built ]; "
		  "then awk -v f='$@' '$$3 != f' mirc/built; else echo '# %s: "
		  "what make built, for mirc clean'; fi; cksum $@; } >$$t && "
		  "mv -f $$t mirc/built\n\n", CODEGEN_MARKER);
}

void emit_make_plan(struct codegen_set *g, struct arena *a, const struct model *m)
{
	collect_sources(g, a, m);
	name_objects(g, a, m);
	g->artifact = arena_printf(a, "dist/%s%s", m->name,
				   m->backend ? m->backend->artifact_ext : "");
}

int emit_make(FILE *out, struct arena *a, const struct codegen_set *g,
	      const struct model *m)
{
	struct strbuf text, *sb = &text;
	const struct backend *b = m->backend;
	const char *ld = b && b->linker_script ? " mirc/link.ld" : "";
	char home[PATH_MAX];
	bool ok;

	sb_init(sb);
	sb_printf(sb, "# %s from %s for target %s.\n"
		  "# Do not edit: mirc configure rewrites it.  Your own rules "
		  "and variables\n# go in Makefile.user, which is included at "
		  "the end.  Needs GNU make 4.2 or later.\n\n", CODEGEN_MARKER,
		  m->root_file, m->target);
	sb_printf(sb, "MIRC_HOME := %s\n", realpath(m->home, home) ? home
							    : m->home);
	if (m->lwip)
		sb_printf(sb, "MIRC_LWIP := %s\n", m->lwip);
	sb_printf(sb, "CC := %s\n", b ? b->cc : "cc");
	sb_puts(sb, "CPPFLAGS := -Imirc -I. -I$(MIRC_HOME)/rt/include -I$(MIRC_HOME)");
	/* lwIP's headers, then mirc's lwipopts.h and arch/cc.h. */
	if (m->lwip)
		sb_puts(sb, " -I$(MIRC_LWIP)/src/include -I$(MIRC_HOME)/rt/net/lwip");
	sb_puts(sb, "\nCFLAGS :=");
	if (b)
		put_list(sb, b->cflags, b->ncflags);
	for (size_t i = 0; i < m->nimpls; i++)
		put_list(sb, m->impls[i]->cflags, m->impls[i]->ncflags);
	/* The key runtime: the same profile for the runtime's objects and
	 * the program's own, whose C may test it too. */
	if (m->runtime_small)
		sb_puts(sb, " -DMIRC_RUNTIME_SMALL");
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
	for (size_t i = 0; i < g->objects.len; i++)
		sb_printf(sb, " \\\n\t%s", g->objects.items[i]);
	sb_puts(sb, "\n\n.PHONY: all build run clean\n\nall: build\n\n"
		"build: $(ARTIFACT)\n\n");

	sb_puts(sb, "# What objects and the artefact are made with (see "
		"mirc-build(1)).\n"
		"COMPILE := $(CC) $(CPPFLAGS) $(CFLAGS)\n"
		"LINK := $(CC) $(LDFLAGS) $(OBJS) $(LDLIBS)\n");
	put_flags_file(sb, "COMPILE", "mirc/obj/compile.flags");
	put_flags_file(sb, "LINK", "mirc/obj/link.flags");
	sb_putc(sb, '\n');

	/* The last line records what was built, with its checksum, for
	 * mirc clean: it removes only what a build made (mirc-clean(1)).
	 * It replaces the artefact's earlier line, so that a rebuild does
	 * not make configure rewrite mirc/built. */
	sb_printf(sb, "$(ARTIFACT): $(OBJS) mirc/obj/link.flags%s%s\n"
		  "\t@mkdir -p dist\n"
		  "\t$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)\n"
		  "\t@t=mirc/built.mirc-tmp-$$$$; { if [ -f mirc/built ]; then "
		  "awk -v f='$@' '$$3 != f' mirc/built; else echo '# %s: what "
		  "make built, for mirc clean'; fi; cksum $@; } >$$t && "
		  "mv -f $$t mirc/built\n\n",
		  ld, m->lwip ? " | dist/LICENSE.lwip" : "", CODEGEN_MARKER);
	if (m->lwip)
		put_licence_rule(sb);
	/* Headers, generated or not, come from the -MMD dependency files. */
	for (size_t i = 0; i < g->sources.len; i++) {
		const char *src = home_rel(a, m, g->sources.items[i], true);
		sb_printf(sb, "%s: %s mirc/obj/compile.flags\n"
			  "\t$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ %s\n\n",
			  g->objects.items[i], src, src);
	}
	put_embed_rules(sb, g, m);
	put_missing_sources(sb, a, m);
	if (b && b->nrun)
		put_run_rule(sb, a, m);
	sb_printf(sb, "clean:\n\trm -f $(OBJS) $(OBJS:.o=.d) $(ARTIFACT)%s "
		"mirc/obj/compile.flags mirc/obj/link.flags\n\n"
		"-include $(OBJS:.o=.d)\n-include Makefile.user\n",
		m->lwip ? " dist/LICENSE.lwip" : "");
	ok = !sb->len || fwrite(sb->buf, 1, sb->len, out) == sb->len;
	sb_free(sb);
	return ok ? 0 : -1;
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

int emit_make_compile_commands(FILE *out, struct arena *a,
			       const struct codegen_set *g, const struct model *m)
{
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
		json_object_set_new(o, "generated_by", json_string(CODEGEN_MARKER));
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
		if (m->lwip) {
			json_array_append_new(args, json_string(arena_printf(
				a, "-I%s/src/include", m->lwip)));
			json_array_append_new(args, json_string(arena_printf(
				a, "-I%s/rt/net/lwip", home)));
		}
		for (size_t k = 0; b && k < b->ncflags; k++)
			json_array_append_new(args, json_string(expand_home(a,
				b->cflags[k], home)));
		for (size_t j = 0; j < m->nimpls; j++)
			for (size_t k = 0; k < m->impls[j]->ncflags; k++)
				json_array_append_new(args, json_string(
					m->impls[j]->cflags[k]));
		if (m->runtime_small)
			json_array_append_new(args, json_string(
				"-DMIRC_RUNTIME_SMALL"));
		json_array_append_new(args, json_string("-c"));
		json_array_append_new(args, json_string(src));
		json_array_append_new(args, json_string("-o"));
		json_array_append_new(args, json_string(g->objects.items[i]));
		json_object_set_new(o, "arguments", args);
		json_array_append_new(arr, o);
	}
	return codegen_put_json(out, arr);
}
