/* SPDX-License-Identifier: MIT */
/*
 * lsp.c - `mirc lsp`: the protocol side of the language server.
 *
 * Input: LSP messages on stdin (Content-Length framing, JSON-RPC 2.0).
 * Output: answers and textDocument/publishDiagnostics on stdout; nothing
 * else ever goes to stdout (the compiler's own environment messages go to
 * stderr, which clients show as the server's log).
 *
 * Each open document is compiled in memory, root text from the client and
 * imports from disk (or from the client when they are open too), by
 * compile_program with the options of `mirc check`; an edit is checked
 * once no other message waits, so a burst of edits costs one check.
 * Only the top-level items an edit touched are parsed again: the
 * document's parse is kept from one text to the next (parse_incr.c), and
 * so is the prelude's (MIRC_LSP_WHOLE set: every file is parsed whole at
 * every check, for the tests).
 * The compilation is kept until the next change, so hover, definition,
 * completion and symbols read the checked AST (lsp_query.c); it is freed
 * whole (one arena) before the next one, so a long session does not grow.
 *
 * Robustness: any input is answered.  Bad framing and invalid JSON get a
 * JSON-RPC error with a null id and the server reads on (lsp_rpc.c).
 */
#define _DEFAULT_SOURCE		/* MADV_HUGEPAGE */
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lsp.h"
#include "lsp_complete.h"
#include "lsp_query.h"
#include "lsp_rpc.h"
#include "parse_incr.h"

struct doc {
	char *uri, *path;
	char *real;		/* canonical path when the file exists, or NULL */
	char *text;
	size_t len;
	struct compilation comp;
	struct parse_incr *incr;	/* its parse, kept across edits */
	bool compiled;
	bool dirty;		/* text changed since the last check */
	json_int_t version;	/* the client's, -1: none given */
	struct doc *next;
};

/* The parse of a file of the prelude, kept for every compilation. */
struct prelude {
	char *path;
	struct parse_incr *incr;
	struct prelude *next;
};

struct server {
	const struct lsp_opts *o;
	const char *home, *target;
	FILE *out;
	struct doc *docs;
	struct prelude *preludes;
	bool whole;		/* MIRC_LSP_WHOLE: nothing kept */
	bool initialized, shutdown;
};

/* ---- files and URIs ----------------------------------------------------------- */

/*
 * The URI of a file of d's compilation: the client's own for the root,
 * the file on disk for the others.  The prelude is named "<stdlib>/..."
 * in messages; the defaults the backends generate ("<backends>/...") are
 * on no disk, hence NULL.
 */
static json_t *file_uri(struct server *s, struct doc *d,
			const struct srcfile *f)
{
	struct program *p = d->comp.program;

	if (p && p->root && p->root->src == f)
		return json_string(d->uri);
	for (struct doc *o = s->docs; f->realpath && o; o = o->next)
		if (o->real && !strcmp(o->real, f->realpath))
			return json_string(o->uri);
	if (f->realpath)
		return lsp_rpc_path_uri(f->realpath);
	if (!strncmp(f->path, "<stdlib>/", 9)) {
		char *path = arena_printf(&d->comp.arena, "%s/stdlib/%s",
					  s->home, f->path + 9);
		return lsp_rpc_path_uri(path);
	}
	return f->path[0] == '<' ? NULL : lsp_rpc_path_uri(f->path);
}

/* ---- documents and diagnostics --------------------------------------------- */

static struct doc *doc_find(struct server *s, const char *uri)
{
	for (struct doc *d = s->docs; d; d = d->next)
		if (!strcmp(d->uri, uri))
			return d;
	return NULL;
}

/* compile_opts.import_text: an open document is imported as the editor
 * has it, not as it was last saved. */
static const char *open_text(void *ctx, const char *real, size_t *len)
{
	struct server *s = ctx;

	for (struct doc *d = s->docs; d; d = d->next)
		if (d->real && !strcmp(d->real, real)) {
			*len = d->len;
			return d->text;
		}
	return NULL;
}

/* compile_opts.prelude_incr */
static struct parse_incr *prelude_incr(void *ctx, const char *path)
{
	struct server *s = ctx;
	struct prelude *pr;

	if (s->whole)
		return NULL;
	for (pr = s->preludes; pr; pr = pr->next)
		if (!strcmp(pr->path, path))
			return pr->incr;
	pr = xmalloc(sizeof(*pr));
	pr->path = xstrdup(path);
	pr->incr = parse_incr_new();
	pr->next = s->preludes;
	s->preludes = pr;
	return pr->incr;
}

/* The documents whose last check read the file of `changed`: they are
 * checked again with its new text. */
static void mark_importers(struct server *s, const struct doc *changed)
{
	if (!changed->real)
		return;
	for (struct doc *d = s->docs; d; d = d->next) {
		struct program *p = d->comp.program;
		for (size_t i = 0; d != changed && p && i < p->files.len; i++) {
			const char *r = p->files.items[i]->src->realpath;
			if (r && !strcmp(r, changed->real))
				d->dirty = true;
		}
	}
}

static void doc_compile(struct server *s, struct doc *d)
{
	struct compile_opts o = {0};
	const char *t = s->target ? s->target : getenv("MIRC_TARGET");

	if (d->compiled)
		compile_free(&d->comp);
	compile_init(&d->comp);
	if (s->o->wmode)
		memcpy(d->comp.diag.wmode, s->o->wmode, sizeof(d->comp.diag.wmode));
	d->comp.diag.werror = s->o->werror;
	o.file = d->path;
	o.text = d->text;
	o.text_len = d->len;
	o.home = s->home;
	o.target = t && *t ? t : NULL;
	o.eval = 1;
	o.read_context = true;
	o.check_files = true;
	o.check_boot_args = true;
	o.import_text = open_text;
	o.import_ctx = s;
	o.root_incr = d->incr;
	o.prelude_incr = prelude_incr;
	compile_program(&d->comp, &o);
	d->compiled = true;
}

/* A diagnostic's range in the root file: its own, or the import through
 * which the file it is in was loaded, or the first character. */
static json_t *root_range(struct doc *d, const struct srcpos *pos)
{
	struct program *p = d->comp.program;
	struct srcpos none = {1, 1, 1, 0, NULL};

	if (!p || !p->root || pos->file == p->root->src)
		return lsp_query_range_json(pos);
	for (size_t i = 0; pos->file && i < p->root->imports.len; i++)
		if (p->root->imports.items[i]->file == pos->file)
			return lsp_query_range_json(&p->root->imports.items[i]->pos);
	none.file = p->root->src;
	return lsp_query_range_json(&none);
}

static json_t *diag_json(struct server *s, struct doc *d,
			 const struct diagnostic *dg)
{
	struct program *p = d->comp.program;
	json_t *o = json_object(), *rel = json_array();
	struct strbuf msg;
	static const int sev[] = {1, 2, 3};

	sb_init(&msg);
	if (dg->pos.file && p && p->root && dg->pos.file != p->root->src)
		sb_printf(&msg, "%s: ", diag_srcpos_text(&d->comp.arena, &dg->pos));
	sb_puts(&msg, dg->message);
	for (struct diag_note *n = dg->notes; n; n = n->next) {
		json_t *uri = n->pos.file ? file_uri(s, d, n->pos.file) : NULL;
		if (!uri) {
			sb_printf(&msg, "\nnote: %s%s%s", diag_srcpos_text(
				  &d->comp.arena, &n->pos), n->pos.file ? ": " : "",
				  n->message);
			continue;
		}
		json_array_append_new(rel, json_pack(
			"{s:{s:o,s:o},s:o}", "location", "uri", uri, "range",
			lsp_query_range_json(&n->pos), "message",
			lsp_rpc_text(n->message)));
	}
	json_object_set_new(o, "range", root_range(d, &dg->pos));
	json_object_set_new(o, "severity", json_integer(sev[dg->severity]));
	json_object_set_new(o, "code",
			    json_string(diag_check_table[dg->check].name));
	json_object_set_new(o, "source", json_string("mirc"));
	json_object_set_new(o, "message", lsp_rpc_text(msg.buf ? msg.buf : ""));
	if (json_array_size(rel))
		json_object_set_new(o, "relatedInformation", rel);
	else
		json_decref(rel);
	sb_free(&msg);
	return o;
}

/* The diagnostics `mirc check` would print for d, as LSP wants them: the
 * same filter for checks reported only without other errors (diag.c). */
static void publish(struct server *s, struct doc *d, bool empty)
{
	json_t *list = json_array();
	const struct diag_ctx *dc = &d->comp.diag;
	bool other_errors = false;

	for (size_t i = 0; !empty && i < dc->list.len; i++) {
		const struct diagnostic *dg = dc->list.items[i];
		if (dg->severity == SEV_ERROR &&
		    !diag_check_table[dg->check].only_without_errors)
			other_errors = true;
	}
	for (size_t i = 0; !empty && i < dc->list.len; i++) {
		const struct diagnostic *dg = dc->list.items[i];
		if (other_errors && diag_check_table[dg->check].only_without_errors)
			continue;
		json_array_append_new(list, diag_json(s, d, dg));
	}
	json_t *params = json_pack("{s:s,s:o}", "uri", d->uri,
				   "diagnostics", list);
	if (d->version >= 0 && !empty)
		json_object_set_new(params, "version", json_integer(d->version));
	lsp_rpc_send(s->out, json_pack("{s:s,s:o}", "method",
			       "textDocument/publishDiagnostics", "params",
			       params));
}

static void doc_free(struct doc *d)
{
	if (d->compiled)
		compile_free(&d->comp);
	parse_incr_free(d->incr);
	free(d->uri);
	free(d->path);
	free(d->real);
	free(d->text);
	free(d);
}

/* Take the text of a didOpen or a full didChange. */
static void doc_set_text(struct doc *d, const char *text, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	free(d->text);
	d->text = copy;
	d->len = len;
}

/* ---- methods -------------------------------------------------------------- */

static json_t *capabilities(void)
{
	return json_pack(
		"{s:{s:{s:b,s:i},s:b,s:b,s:{s:[s,s]},s:b},s:{s:s,s:s}}",
		"capabilities", "textDocumentSync", "openClose", 1, "change", 1,
		"hoverProvider", 1, "definitionProvider", 1,
		"completionProvider", "triggerCharacters", "(", ",",
		"documentSymbolProvider", 1,
		"serverInfo", "name", "mirc", "version", MIRC_VERSION);
}

/* Check the documents edited since their last check, and publish. */
static void check_dirty(struct server *s)
{
	for (struct doc *d = s->docs; d; d = d->next) {
		if (!d->dirty)
			continue;
		d->dirty = false;
		doc_compile(s, d);
		publish(s, d, false);
	}
}

static void did_open(struct server *s, json_t *params)
{
	const char *uri, *text;
	json_int_t version = -1;
	size_t len;
	struct doc *d;

	if (json_unpack(params, "{s:{s:s,s:s%,s?I}}", "textDocument", "uri",
			&uri, "text", &text, &len, "version", &version))
		return;
	d = doc_find(s, uri);
	if (!d) {
		d = xmalloc(sizeof(*d));
		memset(d, 0, sizeof(*d));
		d->uri = xstrdup(uri);
		if (!s->whole)
			d->incr = parse_incr_new();
		d->path = lsp_rpc_uri_to_path(uri);
		char real[PATH_MAX];
		if (realpath(d->path, real))
			d->real = xstrdup(real);
		d->next = s->docs;
		s->docs = d;
	}
	doc_set_text(d, text, len);
	d->version = version;
	d->dirty = true;
	mark_importers(s, d);
}

static void did_change(struct server *s, json_t *params)
{
	const char *uri, *text = NULL;
	json_int_t version = -1;
	json_t *changes, *c;
	size_t i, len = 0;
	struct doc *d;

	if (json_unpack(params, "{s:{s:s,s?I},s:o}", "textDocument", "uri",
			&uri, "version", &version, "contentChanges", &changes) ||
	    !json_is_array(changes) || !(d = doc_find(s, uri)))
		return;
	/* Full sync (the capability says so): the last whole text wins. */
	json_array_foreach(changes, i, c) {
		if (!json_object_get(c, "range"))
			json_unpack(c, "{s:s%}", "text", &text, &len);
	}
	if (!text)
		return;
	doc_set_text(d, text, len);
	d->version = version;
	d->dirty = true;
	mark_importers(s, d);
}

static void did_close(struct server *s, json_t *params)
{
	const char *uri;

	if (json_unpack(params, "{s:{s:s}}", "textDocument", "uri", &uri))
		return;
	for (struct doc **pp = &s->docs; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->uri, uri))
			continue;
		struct doc *d = *pp;
		*pp = d->next;
		mark_importers(s, d);	/* back to the file as saved */
		publish(s, d, true);
		doc_free(d);
		return;
	}
}

/* The document and position of a textDocument/... request, as a 1-based
 * line and byte column of its root file.  NULL when it is not open or the
 * parameters are wrong (*bad set for the latter). */
static struct doc *doc_at(struct server *s, json_t *params, int *line,
			  int *col, bool *bad, bool need_pos)
{
	const char *uri;
	json_int_t l = 0, ch = 0;
	struct doc *d;

	*bad = need_pos ? json_unpack(params, "{s:{s:s},s:{s:I,s:I}}",
				      "textDocument", "uri", &uri, "position",
				      "line", &l, "character", &ch) != 0
		: json_unpack(params, "{s:{s:s}}", "textDocument", "uri",
			      &uri) != 0;
	if (*bad || l < 0 || ch < 0 || l >= INT_MAX) {
		*bad = true;
		return NULL;
	}
	/* A request sees the text as it is now, checked. */
	check_dirty(s);
	d = doc_find(s, uri);
	if (!d || !d->comp.program || !d->comp.program->root)
		return NULL;
	*line = (int)l + 1;
	*col = need_pos ? lsp_query_byte_column(d->comp.program->root->src, *line,
					  (long)ch) : 0;
	return d;
}

static json_t *hover(struct server *s, json_t *params, bool *bad)
{
	int line, col;
	struct doc *d = doc_at(s, params, &line, &col, bad, true);
	struct lsp_query_ref r;
	char *text;
	json_t *j;

	if (!d || !lsp_query_find(d->comp.program, d->comp.program->root,
				  line, col, &r))
		return NULL;
	text = lsp_query_hover(d->comp.program, &r);
	if (!text)
		return NULL;
	j = json_pack("{s:{s:s,s:o},s:o}", "contents", "kind", "markdown",
		      "value", lsp_rpc_text(text), "range",
		      lsp_query_range_json(&r.range));
	free(text);
	return j;
}

static json_t *definition(struct server *s, json_t *params, bool *bad)
{
	int line, col;
	struct doc *d = doc_at(s, params, &line, &col, bad, true);
	struct lsp_query_ref r;
	struct srcpos at;
	json_t *uri;

	if (!d || !lsp_query_find(d->comp.program, d->comp.program->root,
				  line, col, &r) ||
	    !lsp_query_target(&r, &at) || !at.file ||
	    !(uri = file_uri(s, d, at.file)))
		return NULL;
	return json_pack("{s:o,s:o}", "uri", uri, "range", lsp_query_range_json(&at));
}

static json_t *completion(struct server *s, json_t *params, bool *bad)
{
	int line, col;
	struct doc *d = doc_at(s, params, &line, &col, bad, true);

	if (!d)
		return NULL;
	return lsp_complete_items(d->comp.program, d->comp.program->root,
				  line, col);
}

static json_t *symbols(struct server *s, json_t *params, bool *bad)
{
	int line, col;
	struct doc *d = doc_at(s, params, &line, &col, bad, false);

	if (!d)
		return NULL;
	return lsp_complete_symbols(d->comp.program, d->comp.program->root);
}

/* One message.  Returns -1 to go on, or the exit status after `exit`. */
static int dispatch(struct server *s, json_t *msg)
{
	static const struct {
		const char *method;
		json_t *(*fn)(struct server *, json_t *, bool *);
	} requests[] = {
		{"textDocument/hover", hover},
		{"textDocument/definition", definition},
		{"textDocument/completion", completion},
		{"textDocument/documentSymbol", symbols},
	};
	json_t *id = json_object_get(msg, "id");
	json_t *params = json_object_get(msg, "params");
	const char *method = json_string_value(json_object_get(msg, "method"));
	bool is_request = id != NULL;

	if (!json_is_object(msg) || (id && !json_is_integer(id) &&
				     !json_is_string(id) && !json_is_null(id))) {
		lsp_rpc_error(s->out, NULL, RPC_INVALID_REQUEST, "not a JSON-RPC request");
		return -1;
	}
	if (!method) {
		/* A response to a request of ours (we send none): drop it. */
		if (!json_object_get(msg, "result") &&
		    !json_object_get(msg, "error"))
			lsp_rpc_error(s->out, id, RPC_INVALID_REQUEST,
				    "a request needs a method");
		return -1;
	}
	if (!strcmp(method, "exit"))
		return s->shutdown ? 0 : 1;
	if (!s->initialized && strcmp(method, "initialize")) {
		if (is_request)
			lsp_rpc_error(s->out, id, RPC_SERVER_NOT_INITIALIZED,
				    "initialize first");
		return -1;
	}
	if (s->shutdown && is_request) {
		lsp_rpc_error(s->out, id, RPC_INVALID_REQUEST, "shut down: only exit");
		return -1;
	}
	if (!strcmp(method, "initialize")) {
		if (!is_request)
			return -1;
		s->initialized = true;
		lsp_rpc_reply(s->out, id, capabilities());
	} else if (!strcmp(method, "shutdown")) {
		s->shutdown = true;
		if (is_request)
			lsp_rpc_reply(s->out, id, NULL);
	} else if (!strcmp(method, "textDocument/didOpen")) {
		did_open(s, params);
	} else if (!strcmp(method, "textDocument/didChange")) {
		did_change(s, params);
	} else if (!strcmp(method, "textDocument/didClose")) {
		did_close(s, params);
	} else if (is_request) {
		for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
			if (strcmp(method, requests[i].method))
				continue;
			bool bad = false;
			json_t *r = requests[i].fn(s, params, &bad);
			if (bad)
				lsp_rpc_error(s->out, id, RPC_INVALID_PARAMS,
					    "bad textDocument or position");
			else
				lsp_rpc_reply(s->out, id, r);
			return -1;
		}
		lsp_rpc_error(s->out, id, RPC_METHOD_NOT_FOUND, method);
	}
	/* Other notifications ($/cancelRequest, didSave, ...): nothing to do. */
	return -1;
}

#if defined(MADV_HUGEPAGE)
/*
 * The passes walk the whole AST of a compilation (tens of MiB for a
 * 10k-device file) again and again, in no order the cache or the TLB can
 * follow: with 4 KiB pages most of those reads also miss the TLB.  Grow
 * the heap once, before anything uses it, and ask for transparent huge
 * pages there (where the system gives them only on request, as
 * Debian's does); the compilations then fill it, and what is freed stays
 * in the heap (M_TRIM_THRESHOLD above).  Only a hint: without huge pages
 * nothing changes.
 */
static void heap_hugepages(void)
{
	const size_t size = 48 << 20, huge = 2 << 20;
	char *p = malloc(size);

	if (!p)
		return;
	uintptr_t from = ((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1);
	uintptr_t to = ((uintptr_t)p + size) & ~(uintptr_t)(huge - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
	free(p);
}
#endif

int lsp_serve(const struct lsp_opts *o, FILE *in, FILE *out)
{
	struct server s = {o, o->home, NULL, out, NULL, NULL,
			   getenv("MIRC_LSP_WHOLE") != NULL, false, false};
	struct lsp_reader *r = lsp_rpc_reader_new(fileno(in));
	char *target = o->target ? xstrdup(o->target) : NULL;
	int rc = -1;

#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
	/* Each edit compiles anew into fresh arenas: keep freed memory in
	 * the heap rather than handing it back to the kernel, or every
	 * compilation pays a page fault per page again (a third of the
	 * time of an edit of a 10k-device file).  The heap stays at the
	 * largest compilation's size; it does not grow with the session. */
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
#if defined(M_ARENA_MAX)
	/* The compilations run on a thread of their own, one at a time:
	 * let it use the main heap, the one made ready below, rather than
	 * an arena of its own. */
	mallopt(M_ARENA_MAX, 1);
#endif
#if defined(MADV_HUGEPAGE)
	heap_hugepages();
#endif
	/* "-" and "_" are the same in target names (as for the commands). */
	for (char *t = target; t && *t; t++)
		if (*t == '-')
			*t = '_';
	s.target = target;
	/* Standard output carries the protocol and nothing else: whatever
	 * else would write there goes to standard error instead. */
	int fd = out == stdout ? dup(STDOUT_FILENO) : -1;
	FILE *proto = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (proto && dup2(STDERR_FILENO, STDOUT_FILENO) >= 0)
		s.out = proto;
	else if (proto)
		fclose(proto);
	else if (fd >= 0)
		close(fd);

	while (rc < 0) {
		const char *why = NULL;
		char *body = NULL;
		size_t len = 0;
		json_error_t err;
		int got;

		/* Edits are checked once no other message waits: a burst of
		 * them costs one check, of the last text. */
		if (!lsp_rpc_pending(r))
			check_dirty(&s);
		got = lsp_rpc_read(r, &body, &len, &why);
		if (got == 0) {
			rc = 1;	/* the client went away without exit */
			break;
		}
		if (got < 0) {
			lsp_rpc_error(s.out, NULL, RPC_PARSE_ERROR, why);
			continue;
		}
		json_t *msg = lsp_rpc_parse(body, len, &err);
		free(body);
		if (!msg) {
			lsp_rpc_error(s.out, NULL, RPC_PARSE_ERROR, err.text);
			continue;
		}
		rc = dispatch(&s, msg);
		json_decref(msg);
	}
	while (s.docs) {
		struct doc *d = s.docs;
		s.docs = d->next;
		doc_free(d);
	}
	while (s.preludes) {
		struct prelude *pr = s.preludes;
		s.preludes = pr->next;
		parse_incr_free(pr->incr);
		free(pr->path);
		free(pr);
	}
	free(target);
	lsp_rpc_reader_free(r);
	if (s.out != out)
		fclose(s.out);
	return rc;
}
