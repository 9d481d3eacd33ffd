/* SPDX-License-Identifier: MIT */
/*
 * scaffold.c - the files a person would otherwise start from by hand:
 * `mirc init [DIR]` writes a minimal program, `mirc stubs` the missing C
 * files a program names (mirc-init(1), mirc-stubs(1)).
 *
 * Both write only files that do not exist, never replace one: each file
 * goes to a temporary next to it, then link(2) gives it its name, which
 * fails if the name was taken meanwhile (a rename would replace it).
 * init writes all of its files or none; stubs writes what it can and
 * says what it wrote.
 *
 * What stubs writes comes from the checked model, as mirc.h does: the
 * prototypes are emit_mirc_h_prototypes()'s text, so a stub always
 * matches what mirc.h declares, and the parameter names the bodies cast
 * to void are taken in the same order from the same data.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit_c.h"
#include "emit_mirc_h.h"
#include "scaffold.h"

/* ---- writing new files ----------------------------------------------------------- */

/*
 * Write `text` to a temporary in `dirfd`, then link it as `name`: the
 * file appears whole or not at all, and an existing `name` is never
 * replaced (EEXIST).  0, or -1 with errno.
 */
static int write_new(int dirfd, const char *name, const struct strbuf *text)
{
	char tmp[PATH_MAX];
	int fd, err = 0;

	snprintf(tmp, sizeof tmp, "%s.mirc-tmp-%ld", name, (long)getpid());
	unlinkat(dirfd, tmp, 0);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	for (size_t off = 0; off < text->len && !err;) {
		ssize_t n = write(fd, text->buf + off, text->len - off);
		if (n < 0 && errno != EINTR)
			err = errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && linkat(dirfd, tmp, dirfd, name, 0) != 0)
		err = errno;
	unlinkat(dirfd, tmp, 0);
	errno = err;
	return err ? -1 : 0;
}

/* Make the directories of `rel` (a path relative to dirfd) that are
 * missing, as mkdir -p would.  0, or -1 with errno. */
static int make_parents(struct arena *a, int dirfd, const char *rel)
{
	char *p = arena_strdup(a, rel);

	for (char *s = strchr(p, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (*p && mkdirat(dirfd, p, 0777) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}

/* Does `rel` exist in dirfd (as anything, a dangling link too)? */
static bool exists_at(int dirfd, const char *rel)
{
	struct stat st;

	return fstatat(dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	       errno != ENOENT;
}

/* ---- mirc init ------------------------------------------------------------------ */

/*
 * The program name made from a directory's name: ASCII letters in lower
 * case, digits, '_' and '-' kept, every run of anything else one '_'.
 * It must then start with a letter and be at most 64 characters, the
 * register name's rule (check_decl.c).  NULL when it cannot be.
 */
static const char *init_name(struct arena *a, const char *base)
{
	char *n = arena_alloc(a, strlen(base) + 1), *o = n;

	for (const char *c = base; *c; c++) {
		char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '_' || ch == '-')
			*o++ = ch;
		else if (o == n || o[-1] != '_')
			*o++ = '_';
	}
	*o = '\0';
	if (!(*n >= 'a' && *n <= 'z') || strlen(n) > 64)
		return NULL;
	return n;
}

static void init_texts(struct strbuf *mir, struct strbuf *c,
		       struct strbuf *ign, const char *name, const char *job)
{
	sb_printf(mir, "// %s: a program made by `mirc init`.  Build and run "
		  "it:\n//\n//     mirc configure && make && ./dist/%s\n//\n"
		  "// mir(5) describes the language; after adding an impl or a "
		  "job,\n// `mirc stubs` writes the C files it names.\n\n"
		  "arg greeting : string = \"Hello from %s!\"\n"
		  "\tdoc \"What the program logs when it starts.\";\n\n"
		  "job %s() {\n\tsources \"%s.c\";\n\targs greeting;\n"
		  "\tdoc \"Log the greeting, then exit.\";\n}\n\n"
		  "register \"%s\" [ %s ];\n", name, name, name, job, name,
		  name, job);
	sb_printf(c, "/*\n * %s.c - the job of %s: log the greeting and "
		  "return; the program\n * exits once nothing is pending "
		  "(no timer, no connection).\n */\n#include \"mirc.h\"\n\n"
		  "int %s_start(const char *greeting)\n{\n"
		  "\tmirc_log_info(\"%%s\", greeting);\n\treturn 0;\n}\n",
		  name, name, job);
	sb_puts(ign, "# What mirc configure and make generate (mirc clean "
		"removes it).\n/Makefile\n/mirc/\n/dist/\n");
}

/* The program must check before it is written: diagnostics printed
 * only when `loud`.  MIRC_OK or MIRC_EUSAGE. */
static int init_check(const char *home, const char *dir, const char *text,
		      bool loud)
{
	struct compilation comp;
	struct compile_opts o = {0};
	int rc;

	compile_init(&comp);
	o.file = util_join_path(&comp.arena, dir, "config.mir");
	o.text = text;
	o.text_len = strlen(text);
	o.home = home;
	o.eval = 1;
	rc = compile_program(&comp, &o);
	if (rc != MIRC_OK && loud) {
		diag_flush(&comp.diag, stderr);
		fprintf(stderr, "mirc: init: the program it would write does "
			"not check (see above); name the directory otherwise\n");
	}
	compile_free(&comp);
	return rc == MIRC_OK ? MIRC_OK : MIRC_EUSAGE;
}

/*
 * The texts of the program, checked.  The job is named like the program
 * ('-' made '_'), or NAME_main when that name is taken (a keyword such
 * as `job`, a standard name such as `noop`).
 */
static int init_make(struct strbuf text[3], const char *home,
		     const char *dir, const char *name, struct arena *a)
{
	char *job = arena_strdup(a, name);
	int rc = MIRC_EUSAGE;

	for (char *c = job; *c; c++)
		if (*c == '-')
			*c = '_';
	for (int attempt = 0; attempt < 2 && rc != MIRC_OK; attempt++) {
		for (size_t i = 0; i < 3; i++)
			text[i].len = 0;
		if (attempt)
			job = arena_printf(a, "%s_main", job);
		init_texts(&text[0], &text[1], &text[2], name, job);
		rc = init_check(home, dir, text[0].buf, attempt == 1);
	}
	return rc;
}

int scaffold_init(struct arena *a, const char *home, const char *dir,
		  bool quiet)
{
	char real[PATH_MAX];
	const char *base, *name, *files[3];
	struct strbuf text[3];
	int dirfd, rc = MIRC_OK;
	size_t done = 0;
	bool created = false;

	if (!dir || !*dir)
		dir = ".";
	if (mkdir(dir, 0777) == 0)
		created = true;
	else if (errno != EEXIST) {
		fprintf(stderr, "mirc: init: cannot create %s: %s\n", dir,
			strerror(errno));
		return MIRC_EENV;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0 || !realpath(dir, real)) {
		fprintf(stderr, "mirc: init: cannot open %s: %s\n", dir,
			strerror(errno));
		if (dirfd >= 0)
			close(dirfd);
		if (created)
			rmdir(dir);
		return MIRC_EENV;
	}
	base = strrchr(real, '/') ? strrchr(real, '/') + 1 : real;
	name = init_name(a, base);
	if (!name) {
		fprintf(stderr, "mirc: init: cannot name a program after the "
			"directory '%s': a name starts with a letter and has at "
			"most 64 characters (mirc-init(1))\n", base);
		close(dirfd);
		if (created)
			rmdir(dir);
		return MIRC_EUSAGE;
	}
	files[0] = "config.mir";
	files[1] = arena_printf(a, "%s.c", name);
	files[2] = ".gitignore";
	for (size_t i = 0; i < 3; i++) {
		if (!exists_at(dirfd, files[i]))
			continue;
		fprintf(stderr, "mirc: init: refusing to overwrite %s; nothing "
			"written\n", util_join_path(a, dir, files[i]));
		rc = MIRC_EENV;
	}
	for (size_t i = 0; i < 3; i++)
		sb_init(&text[i]);
	if (rc == MIRC_OK)
		rc = init_make(text, home, dir, name, a);
	for (; rc == MIRC_OK && done < 3; done++)
		if (write_new(dirfd, files[done], &text[done]) != 0) {
			fprintf(stderr, "mirc: init: cannot write %s: %s\n",
				util_join_path(a, dir, files[done]),
				strerror(errno));
			rc = MIRC_EENV;
			break;
		}
	/* All or none: a failure takes back what this run wrote. */
	while (rc != MIRC_OK && done > 0)
		unlinkat(dirfd, files[--done], 0);
	for (size_t i = 0; i < 3; i++)
		sb_free(&text[i]);
	close(dirfd);
	if (rc != MIRC_OK && created)
		rmdir(dir);
	if (rc == MIRC_OK && !quiet)
		fprintf(stderr, "mirc: wrote the program %s in %s: config.mir, "
			"%s, .gitignore\nnext: cd %s && mirc configure && make "
			"&& ./dist/%s\n", name, dir, files[1], dir, name);
	return rc;
}

/* ---- mirc stubs ------------------------------------------------------------------ */

/* Names of parameters, in prototype order. */
struct namevec {
	const char **items;
	size_t len, cap;
};

/* A file stubs will write, its text gathered from every impl naming it. */
struct stub {
	const char *path;	/* relative to the project directory */
	struct strbuf text;
	bool header;
};

struct stubset {
	struct arena *a;
	int dirfd;
	VEC(struct stub *) files;
};

/* The stub for `path`, begun with its comment; NULL when the file
 * exists or lies outside the project (then it is not stubs' to write). */
static struct stub *stub_for(struct stubset *s, const char *path, bool header,
			     const struct mimpl *mi)
{
	struct stub *st;

	for (size_t i = 0; i < s->files.len; i++)
		if (!strcmp(s->files.items[i]->path, path))
			return s->files.items[i];
	if (path[0] == '/' || !strncmp(path, "../", 3) ||
	    exists_at(s->dirfd, path))
		return NULL;
	st = arena_alloc(s->a, sizeof(*st));
	st->path = path;
	st->header = header;
	sb_init(&st->text);
	sb_printf(&st->text, "/*\n * %s - written by mirc stubs for %s %s.\n"
		  " *\n", path, mi->is_job ? "job" : "impl", mi->name);
	if (header)
		sb_puts(&st->text, " * The state, one per device instance: "
			"mirc.h includes this file\n * after the handle types.");
	else
		sb_puts(&st->text, " * Placeholders that build: replace their "
			"bodies.  mirc.h declares\n * every function, so the "
			"compiler checks the prototypes.");
	sb_puts(&st->text, "  Yours to\n * edit: mirc stubs never touches "
		"a file that exists.\n */\n");
	if (header) {
		char *g = arena_strdup(s->a, path);
		for (char *c = g; *c; c++)
			*c = (*c >= 'a' && *c <= 'z') ? (char)(*c - 32)
			   : ((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
			   ? *c : '_';
		sb_printf(&st->text, "#ifndef %s\n#define %s\n", g, g);
	} else {
		sb_puts(&st->text, "#include <errno.h>\n\n#include \"mirc.h\"\n");
	}
	vec_push(s->a, &s->files, st);
	return st;
}

/* The state: with connect, the parameters connect stores; else one
 * member, as ISO C wants one. */
static bool stub_state(struct strbuf *sb, const struct mimpl *mi)
{
	bool stored = mi->connect && mi->nparams;

	sb_printf(sb, "\nstruct %s {\n", mi->prefix);
	for (size_t k = 0; stored && k < mi->nparams; k++) {
		const char *t = mi->param_types[k];
		if (mi->param_sigs[k])
			sb_printf(sb, "\tstruct %s %s;\n", mi->param_sigs[k]->name,
				  mi->param_names[k]);
		else
			sb_printf(sb, "\t%s%s;\n", !strcmp(t, "string") ?
				  "const char *" : !strcmp(t, "int") ? "int64_t "
				  : "bool ", mi->param_names[k]);
	}
	if (!stored)
		sb_puts(sb, "\tint unused;\t/* C wants a member: replace it "
			"with the state */\n");
	sb_puts(sb, "};\n");
	return stored;
}

/* The names of connect's or start's parameters, in put_entry_params'
 * order (emit_mirc_h.c): devices, values, runtime args, files. */
static void entry_names(struct arena *a, const struct mimpl *mi,
			struct namevec *out)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < mi->nparams; k++)
			if ((pass == 0) == (mi->param_sigs[k] != NULL))
				vec_push(a, out, mi->param_names[k]);
	for (size_t i = 0; i < mi->nruntime_args; i++)
		vec_push(a, out, mi->runtime_args[i]->name);
	if (mi->embed_param >= 0)
		vec_push(a, out, "files");
}

/* What a placeholder operation returns: -ENOSYS where the type is a
 * signed int (the convention of operations that can fail), else zero
 * of the type. */
static void stub_return(struct strbuf *sb, const char *type)
{
	if (!strcmp(type, "void"))
		return;
	if (!strcmp(type, "int") || !strcmp(type, "int64_t") ||
	    !strcmp(type, "int32_t") || !strcmp(type, "long") ||
	    !strcmp(type, "ssize_t"))
		sb_puts(sb, "\treturn -ENOSYS;\n");
	else if (!strcmp(type, "bool"))
		sb_puts(sb, "\treturn false;\n");
	else if (type[strlen(type) - 1] == '*')
		sb_puts(sb, "\treturn NULL;\n");
	else
		sb_printf(sb, "\treturn (%s){0};\n", type);
}

/* One function: the prototype line of mirc.h without its ';', then a
 * body using every parameter. */
static void stub_function(struct strbuf *sb, const char *proto, size_t n,
			  const char **names, size_t nnames, const char *ret,
			  const char *stored_self, const struct mimpl *mi)
{
	sb_printf(sb, "\n%.*s\n{\n", (int)(n - 1), proto);
	for (size_t i = 0; i < nnames; i++) {
		bool kept = false;
		for (size_t k = 0; stored_self && k < mi->nparams; k++)
			kept = kept || !strcmp(mi->param_names[k], names[i]);
		if (kept)
			sb_printf(sb, "\t%s->%s = %s;\n", stored_self, names[i],
				  names[i]);
		else if (!stored_self || strcmp(names[i], stored_self))
			sb_printf(sb, "\t(void)%s;\n", names[i]);
	}
	if (ret)
		stub_return(sb, ret);
	else
		sb_puts(sb, "\treturn 0;\n");
	sb_puts(sb, "}\n");
}

/* The functions of mi into st: every operation (inherited ones too),
 * then connect, or the job's start. */
static void stub_functions(struct arena *a, struct strbuf *sb,
			   const struct mimpl *mi, bool stored)
{
	struct strbuf protos;
	struct emit_c_opvec ops = {0};
	const char *p;
	size_t k = 0;

	sb_init(&protos);
	emit_mirc_h_prototypes(&protos, a, mi);
	if (!mi->is_job)
		emit_c_sig_ops(a, mi->result, &ops, NULL);
	p = protos.buf;
	for (; p && *p; k++) {
		size_t n = strcspn(p, "\n");
		struct namevec names = {0};
		const char *ret = NULL, *self = NULL;

		if (k < ops.len) {
			const struct mop *op = ops.items[k];
			struct emit_c_pnames pn = emit_c_param_names(a, op,
							"self", NULL);
			if (!mi->stateless)
				vec_push(a, &names, pn.gen);
			for (size_t i = 0; i < op->nparams; i++)
				vec_push(a, &names, pn.param[i]);
			ret = op->ret.type;
		} else {
			if (!mi->is_job && !mi->stateless) {
				vec_push(a, &names, "self");
				self = stored ? "self" : NULL;
			}
			entry_names(a, mi, &names);
		}
		stub_function(sb, p, n, names.items, names.len, ret, self, mi);
		p += n + (p[n] == '\n');
	}
	sb_free(&protos);
}

int scaffold_stubs(struct arena *a, const struct model *m, bool dry_run,
		   bool quiet)
{
	struct stubset s = {a, -1, {0}};
	size_t nwritten = 0;
	int rc = MIRC_OK;

	s.dirfd = open(m->project_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s.dirfd < 0) {
		fprintf(stderr, "mirc: stubs: cannot open %s: %s\n",
			m->project_dir, strerror(errno));
		return MIRC_EENV;
	}
	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		bool stored = false, any_source = false;
		struct stub *st;

		for (size_t j = 0; j < mi->nheaders; j++) {
			st = stub_for(&s, mi->headers[j], true, mi);
			if (st && j == 0 && !mi->is_job && !mi->stateless)
				stored = stub_state(&st->text, mi);
		}
		/* Functions only when no source of it exists: one that does
		 * may define them already. */
		for (size_t j = 0; j < mi->nsources; j++)
			any_source = any_source || mi->sources[j][0] == '/' ||
				     exists_at(s.dirfd, mi->sources[j]);
		for (size_t j = 0; j < mi->nsources; j++) {
			st = stub_for(&s, mi->sources[j], false, mi);
			if (st && j == 0 && !any_source)
				stub_functions(a, &st->text, mi, stored);
			else if (st)
				/* ISO C wants a declaration in every
				 * file: one that costs nothing. */
				sb_printf(&st->text, "\n/* The functions of %s "
					  "are in %s. */\nextern int "
					  "mirc_stub_unused;\n", mi->name,
					  mi->sources[0]);
		}
	}
	for (size_t i = 0; i < s.files.len; i++) {
		struct stub *st = s.files.items[i];
		if (st->header)
			sb_puts(&st->text, "\n#endif\n");
		if (dry_run) {
			printf("%s\n", util_join_path(a, m->project_dir, st->path));
			nwritten++;
		} else if (make_parents(a, s.dirfd, st->path) != 0 ||
		    write_new(s.dirfd, st->path, &st->text) != 0) {
			fprintf(stderr, "mirc: stubs: cannot write %s: %s\n",
				util_join_path(a, m->project_dir, st->path),
				strerror(errno));
			rc = MIRC_EENV;
		} else {
			nwritten++;
			if (!quiet)
				fprintf(stderr, "mirc: wrote %s\n",
					util_join_path(a, m->project_dir, st->path));
		}
		sb_free(&st->text);
	}
	close(s.dirfd);
	if (!quiet && rc == MIRC_OK && !nwritten)
		fprintf(stderr, "mirc: stubs: nothing to write: every header "
			"and source the program names exists\n");
	return rc;
}
