/* SPDX-License-Identifier: MIT */
/*
 * codegen.c - the emit pass for `configure` and `build`: every generated
 * file of a program, in memory (struct codegen_set), from the lowered model.
 *
 * Input: the model (compile.c's passes ran) and the configure options.
 * Output, in this order (mirc/context lists them so): mirc/mirc.h
 * (emit_mirc_h.c), mirc/main.c (emit_main_c.c), one mirc/embed_<id>.c
 * per embedding device (emit_embed.c), the target's files (emit_target.c),
 * the program's man page dist/NAME.1 (emit_man.c),
 * the Makefile and mirc/compile_commands.json (emit_make.c), and for
 * configure mirc/context (context.c).  configure.c puts them all into the
 * project, or none: each goes to a temporary next to its target, and the
 * temporaries are renamed only once every one is written (project.c).
 * `describe` emits one description (emit_text.c, emit_json.c,
 * emit_dot.c, rendered by emit_render.c), to standard output or, through
 * a temporary renamed when complete, to a file (codegen_describe);
 * `query` prints one fact or one of the files above (query.c).
 *
 * Every emitter writes to a FILE * (codegen.h gives the shape); this file
 * owns the files: it opens each one as a stream into memory, runs its
 * emitter, and keeps the text, so that configure can compare it with
 * what is in the project and record digests before anything is written.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "codegen.h"
#include "context.h"
#include "emit_embed.h"
#include "emit_main_c.h"
#include "emit_make.h"
#include "emit_man.h"
#include "emit_mirc_h.h"
#include "emit_target.h"
#include "emit_dot.h"
#include "emit_json.h"
#include "emit_render.h"
#include "emit_text.h"

/* A generated file being written: its stream into memory. */
struct out_stream {
	struct codegen_file *f;
	FILE *out;
	char *buf;
	size_t len;
};

/* Add the file at `path` to g and open the stream its emitter writes.
 * The file is listed before it is written: mirc/context lists itself. */
static int out_open(struct out_stream *s, struct codegen_set *g, struct arena *a,
		    const char *path, const char **err)
{
	struct codegen_file *f = arena_alloc(a, sizeof(*f));

	f->path = path;
	sb_init(&f->text);
	vec_push(a, &g->files, f);
	s->f = f;
	s->buf = NULL;
	s->len = 0;
	s->out = open_memstream(&s->buf, &s->len);
	if (!s->out) {
		*err = arena_printf(a, "cannot make %s: out of memory", path);
		return -1;
	}
	return 0;
}

/* Close the stream, the emitter having returned rc: the text is the
 * file's.  0, or -1 + *err (the emitter's message, if it gave one). */
static int out_close(struct out_stream *s, struct arena *a, int rc,
		     const char **err)
{
	bool bad = ferror(s->out) != 0;

	if (fclose(s->out) != 0)
		bad = true;
	if (!rc && !bad)
		sb_putn(&s->f->text, s->buf ? s->buf : "", s->len);
	free(s->buf);
	if (!rc && bad)
		rc = -1;
	if (rc && !*err)
		*err = arena_printf(a, "cannot make %s: out of memory",
				    s->f->path);
	return rc ? -1 : 0;
}

/*
 * The extra outputs a descriptor selects by name ("outputs" in
 * backend.json): the table is the only place that knows them, so that no
 * target's name appears in the compiler.  The file is mirc/FILE, or
 * mirc/NAME_FILE (per_program: NAME is the register name); unmarked: a
 * format with no room for mirc's marker.
 */
static const struct target_output {
	const char *name;
	const char *file;
	bool per_program, unmarked;
	int (*emit)(FILE *, struct arena *, const char **,
		    const struct model *);
} outputs[] = {
	{"solo5-manifest", "manifest.json", false, true, emit_target_solo5_manifest},
	{"libvirt-domain", "libvirt.xml", true, false, emit_target_libvirt_domain},
};

/* The target's files: mirc/link.ld and the descriptor's outputs. */
static int target_files(struct codegen_set *g, struct arena *a,
			    const struct model *m, const char **err)
{
	const struct backend *b = m->backend;
	struct out_stream s;

	if (!b)
		return 0;
	if (b->linker_script &&
	    (out_open(&s, g, a, "mirc/link.ld", err) != 0 ||
	     out_close(&s, a, emit_target_linker_script(s.out, a, err, m), err) != 0))
		return -1;
	for (size_t i = 0; i < b->noutputs; i++) {
		const struct target_output *o = NULL;
		for (size_t k = 0; k < sizeof(outputs) / sizeof(*outputs); k++)
			if (!strcmp(outputs[k].name, b->outputs[i]))
				o = &outputs[k];
		if (!o) {
			*err = arena_printf(a, "%s/backend.json: unknown "
					    "output \"%s\" (known: "
					    "solo5-manifest, libvirt-domain)",
					    b->dir, b->outputs[i]);
			return -1;
		}
		const char *path = o->per_program
			? arena_printf(a, "mirc/%s_%s", m->name, o->file)
			: arena_printf(a, "mirc/%s", o->file);
		if (out_open(&s, g, a, path, err) != 0)
			return -1;
		s.f->unmarked = o->unmarked;
		if (out_close(&s, a, o->emit(s.out, a, err, m), err) != 0)
			return -1;
	}
	return 0;
}

/*
 * The date of the man page: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else the day the program file last changed, so that configure
 * rewrites the page only when the program changed, not every day.
 */
static const char *man_date(struct arena *a, const struct model *m)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct stat st;
	time_t t = 0;
	struct tm tm;
	char buf[32];

	if (sde && *sde && strspn(sde, "0123456789") == strlen(sde) &&
	    strlen(sde) < 12)
		t = (time_t)strtoll(sde, NULL, 10);
	else if (stat(m->root_file, &st) == 0)
		t = st.st_mtime;
	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, sizeof buf, "%Y-%m-%d", &tm))
		return "1970-01-01";
	return arena_strdup(a, buf);
}

int codegen_program(struct codegen_set *g, struct arena *a, const struct model *m,
		    const struct codegen_opts *o, bool with_context,
		    const char **err)
{
	struct out_stream s;

	*err = NULL;
	if (out_open(&s, g, a, "mirc/mirc.h", err) != 0 ||
	    out_close(&s, a, emit_mirc_h(s.out, a, m), err) != 0)
		return -1;
	if (out_open(&s, g, a, "mirc/main.c", err) != 0 ||
	    out_close(&s, a, emit_main_c(s.out, a, o, m), err) != 0)
		return -1;
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		const struct gnode *n = m->graph->nodes.items[i];
		if (!n->mi || n->mi->embed_param < 0)
			continue;
		if (out_open(&s, g, a, arena_printf(a, "mirc/embed_%s.c",
						    n->id), err) != 0 ||
		    out_close(&s, a, emit_embed(s.out, a, err, &s.f->inputs,
						n, m), err) != 0)
			return -1;
	}
	if (target_files(g, a, m, err) != 0)
		return -1;
	if (out_open(&s, g, a, arena_printf(a, "dist/%s.1", m->name), err) != 0 ||
	    out_close(&s, a, emit_man(s.out, a, man_date(a, m), m), err) != 0)
		return -1;
	/* The build files need every other file and source: planned
	 * first, so that the Makefile and compile_commands.json agree. */
	emit_make_plan(g, a, m);
	if (out_open(&s, g, a, "Makefile", err) != 0 ||
	    out_close(&s, a, emit_make(s.out, a, g, m), err) != 0)
		return -1;
	if (out_open(&s, g, a, "mirc/compile_commands.json", err) != 0 ||
	    out_close(&s, a, emit_make_compile_commands(s.out, a, g, m), err) != 0)
		return -1;
	if (with_context &&
	    (out_open(&s, g, a, "mirc/context", err) != 0 ||
	     out_close(&s, a, context_write(s.out, a, g, o, m), err) != 0))
		return -1;
	return 0;
}

/* ---- describe ------------------------------------------------------------ */

/* Write `data` to `path` through a temporary file, so nothing is ever
 * half-written. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	int fd, rc = -1;
	FILE *f;

	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd >= 0) {
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	if (fd >= 0 && (f = fdopen(fd, "wb"))) {
		bool ok = fwrite(data, 1, len, f) == len;
		ok = fclose(f) == 0 && ok;
		if (ok && rename(tmp, path) == 0)
			rc = 0;
	} else if (fd >= 0) {
		close(fd);
	}
	if (rc != 0) {
		fprintf(stderr, "mirc: cannot write '%s': %s\n", path,
			strerror(errno));
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	return rc;
}

int codegen_describe(FILE *out, const char *fmt, const char *output,
		     struct arena *a, const struct model *m)
{
	struct strbuf sb;
	int rc = 0;

	/* Every format is made in memory: -o replaces its file only once
	 * the whole output is there, and svg/png/pdf render the dot text. */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem) {
		perror("mirc");
		return MIRC_EENV;
	}
	if (!strcmp(fmt, "text"))
		rc = emit_text(mem, a, m);
	else if (!strcmp(fmt, "json"))
		rc = emit_json(mem, a, m);
	else
		rc = emit_dot(mem, a, m);
	fclose(mem);
	sb_init(&sb);
	sb_putn(&sb, buf ? buf : "", len);
	free(buf);
	if (rc == 0 && (!strcmp(fmt, "svg") || !strcmp(fmt, "png") ||
			!strcmp(fmt, "pdf"))) {
		char *err = NULL, *tmp = NULL;
		if (output) {
			size_t n = strlen(output) + 16;
			int fd;
			tmp = xmalloc(n);
			snprintf(tmp, n, "%s.tmpXXXXXX", output);
			fd = mkstemp(tmp);
			if (fd < 0) {
				fprintf(stderr, "mirc: cannot write '%s': %s\n",
					output, strerror(errno));
				free(tmp);
				sb_free(&sb);
				return MIRC_EENV;
			}
			/* mkstemp makes it private; an output file follows
			 * the umask like any other. */
			mode_t um = umask(0);
			umask(um);
			fchmod(fd, 0666 & ~um);
			close(fd);
		}
		rc = emit_render(sb.buf, fmt, tmp, out, &err);
		if (rc != 0) {
			fprintf(stderr, "mirc: cannot render %s: %s\n", fmt,
				err ? err : "unknown error");
			free(err);
			if (tmp)
				unlink(tmp);
		} else if (tmp && rename(tmp, output) != 0) {
			fprintf(stderr, "mirc: cannot write '%s': %s\n",
				output, strerror(errno));
			unlink(tmp);
			rc = -1;
		}
		free(tmp);
		sb_free(&sb);
		return rc ? MIRC_EENV : MIRC_OK;
	}
	if (rc == 0 && output)
		rc = write_atomic(output, sb.buf ? sb.buf : "", sb.len);
	else if (rc == 0 && fwrite(sb.buf ? sb.buf : "", 1, sb.len, out) != sb.len)
		rc = -1;
	sb_free(&sb);
	if (rc == 0 && fflush(out) != 0)
		rc = -1;
	return rc ? MIRC_EENV : MIRC_OK;
}

int codegen_put_json(FILE *out, json_t *root)
{
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(root);
	if (rc != 0 || fputc('\n', out) == EOF)
		return -1;
	return 0;
}

void codegen_free(struct codegen_set *g)
{
	for (size_t i = 0; i < g->files.len; i++)
		sb_free(&g->files.items[i]->text);
	g->files.len = 0;
}
