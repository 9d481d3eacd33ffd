/* SPDX-License-Identifier: MIT */
/*
 * parse_incr.c - parsing only what an edit changed.
 *
 * Input: the texts of one file, one after the other (a language server's
 * document: the client sends the whole text at each edit).  Output: for
 * each, its syntax tree, as parse_file would build it.
 *
 * Kept from the last text that parsed without a diagnostic: that text,
 * its lines, and its top-level items in order, each with its byte range
 * and the nodes a parse built for it (in arenas of their own, never
 * handed to the passes: they get copies, ast_copy.c).  A new text is
 * compared with it line by line (diff_lines): runs of lines the same in
 * both, in order.  An item is kept when all its lines are in one run,
 * with only blanks before it on its first line: its text and columns are
 * the same, its lines move by the run's.  What lies between two items
 * kept is parsed again, from the end of the first to the start of the
 * line of the second, at its line and column, after as many items as
 * come before it; unless the two followed each other in one run, when it
 * is the same text as before, which held no item.
 *
 * Why that is the tree of the whole new text: the grammar's items follow
 * each other with nothing carried from one to the next but their count
 * (for `require`); the scanner has no states, every item ends with `;` or
 * `}` (tokens that extend to no longer one: the scanner reads one byte
 * after them, on the same line), and between a part parsed again and the
 * item kept after it lies a newline, which ends every token but blanks.
 * Each part must parse without a diagnostic, or, with nothing kept, the
 * whole text; else the caller parses the file as always, which reports
 * what is wrong (and the last good text stays, so that once the error is
 * fixed only what was edited since is parsed).  Parts are parsed only up
 * to their first error.  Without a good text yet, a text is parsed here
 * at first, and then only after the caller's own parse found no error
 * (parse_incr_parsed): a document opened with an error is not parsed
 * twice at each edit.  The nodes of items
 * dropped and of parts that failed stay in the arena until as many bytes
 * as the text holds were parsed in parts; then the last good text is
 * parsed whole into new arenas.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parse_incr.h"

enum item_kind { IK_DECL, IK_IMPORT, IK_REGISTER, IK_REQUIRE };

struct item {
	enum item_kind kind;
	void *node;
	size_t start;		/* its first byte */
	size_t line_start;	/* the first byte of its first line */
	size_t end;		/* the byte after its last */
	int dline;		/* lines its nodes' positions are off by */
};

struct items {
	struct item *v;
	size_t len, cap;
};

/* The lines of a text: where each starts (and where the text ends, after
 * the last); a line holds its newline. */
struct ltab {
	size_t *start;
	size_t n;
};

struct parse_incr {
	struct arena arena;	/* what the parses built */
	struct arena nodes;	/* the last whole parse's items, copied */
	bool valid;		/* text and items: a good parse's */
	char *text;
	size_t len;
	struct items items;
	struct ltab lines;	/* text's */
	size_t parsed;		/* bytes parsed into the arena in parts */
	/* Without a good text: try a whole parse of the next one?  Yes at
	 * first, and after the caller's own parse found no error. */
	bool try_whole;
};

struct parse_incr *parse_incr_new(void)
{
	struct parse_incr *pi = xmalloc(sizeof(*pi));

	memset(pi, 0, sizeof(*pi));
	arena_init(&pi->arena);
	arena_init(&pi->nodes);
	pi->try_whole = true;
	return pi;
}

void parse_incr_free(struct parse_incr *pi)
{
	if (!pi)
		return;
	arena_free(&pi->arena);
	free(pi->text);
	free(pi->items.v);
	arena_free(&pi->nodes);
	free(pi->lines.start);
	free(pi);
}

static void items_push(struct items *l, const struct item *it)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->len++] = *it;
}

static const struct srcpos *item_pos(const struct item *it)
{
	switch (it->kind) {
	case IK_DECL:
		return &((const struct decl *)it->node)->pos;
	case IK_IMPORT:
		return &((const struct import *)it->node)->pos;
	case IK_REGISTER:
		return &((const struct register_item *)it->node)->pos;
	case IK_REQUIRE:
		break;
	}
	return &((const struct require *)it->node)->pos;
}

/* The line starts of text[from, to), the first line's being `first`. */
struct lines {
	size_t *start;
	size_t n;
	int line0;
};

static void lines_scan(struct lines *ls, const char *text, size_t from,
		       size_t to, size_t first, int line0)
{
	size_t cap = 64;

	ls->start = xmalloc(cap * sizeof(*ls->start));
	ls->start[0] = first;
	ls->n = 1;
	ls->line0 = line0;
	for (const char *p = text + from, *e = text + to;
	     (p = memchr(p, '\n', (size_t)(e - p))); p++) {
		if (ls->n == cap) {
			cap *= 2;
			ls->start = xrealloc(ls->start,
					     cap * sizeof(*ls->start));
		}
		ls->start[ls->n++] = (size_t)(p - text) + 1;
	}
}

static size_t lines_byte(const struct lines *ls, int line, int col)
{
	return ls->start[line - ls->line0] + (size_t)col - 1;
}

/* Append the items of f, in the order of the text, to *out. */
static void collect(struct items *out, const struct ast_file *f,
		    const struct lines *ls)
{
	size_t at[3] = {0, 0, 0};
	bool req = f->req != NULL;

	for (;;) {
		struct item it = {0};
		size_t best = (size_t)-1;

		if (req) {
			it.kind = IK_REQUIRE;
			it.node = f->req;
			best = lines_byte(ls, f->req->pos.first_line,
					  f->req->pos.first_column);
		}
		struct item cand[3] = {
			{IK_DECL, at[0] < f->decls.len ?
			 f->decls.items[at[0]] : NULL, 0, 0, 0, 0},
			{IK_IMPORT, at[1] < f->imports.len ?
			 f->imports.items[at[1]] : NULL, 0, 0, 0, 0},
			{IK_REGISTER, at[2] < f->registers.len ?
			 f->registers.items[at[2]] : NULL, 0, 0, 0, 0},
		};
		int pick = -1;
		for (int i = 0; i < 3; i++) {
			if (!cand[i].node)
				continue;
			const struct srcpos *p = item_pos(&cand[i]);
			size_t b = lines_byte(ls, p->first_line,
					      p->first_column);
			if (b < best) {
				best = b;
				pick = i;
			}
		}
		if (pick >= 0) {
			it = cand[pick];
			at[pick]++;
		} else if (req) {
			req = false;
		} else {
			return;
		}
		const struct srcpos *p = item_pos(&it);
		it.start = best;
		it.line_start = ls->start[p->first_line - ls->line0];
		it.end = lines_byte(ls, p->last_line, p->last_column) + 1;
		items_push(out, &it);
	}
}

/*
 * Parse text[from, to) as the items of a file, from line `line`, column
 * `col`, after `nitems` items; append them to *out.  False when the parse
 * reported anything or did not reach the end.
 */
static bool parse_part(struct parse_incr *pi, const char *text, size_t from,
		       size_t to, int line, int col, size_t nitems,
		       struct items *out)
{
	struct arena scratch;
	struct diag_ctx diag;
	struct srcfile *src = arena_alloc(&pi->arena, sizeof(*src));
	struct ast_file *f = arena_alloc(&pi->arena, sizeof(*f));
	struct parse_ctx ctx = {
		.arena = &pi->arena, .diag = &diag, .src = src, .file = f,
		.line = line, .col = col, .nitems = nitems,
		.stop_at_error = true,
	};
	struct lines ls;
	bool ok;

	arena_init(&scratch);
	diag_init(&diag, &scratch);
	src->path = "<edited>";
	src->text = text + from;
	src->len = to - from;
	f->src = src;
	pi->parsed += to - from;
	ok = src->len <= INT_MAX / 2 && parse_run(&ctx) == 0 &&
		!ctx.gave_up && ctx.nerrors == 0 && diag.list.len == 0 &&
		f->broken.len == 0;
	arena_free(&scratch);
	if (!ok)
		return false;
	lines_scan(&ls, text, from, to, from - (size_t)(col - 1), line);
	collect(out, f, &ls);
	free(ls.start);
	return true;
}

static void *copy_item(const struct ast_copy *c, const struct item *it)
{
	switch (it->kind) {
	case IK_DECL:
		return ast_copy_decl(c, it->node);
	case IK_IMPORT:
		return ast_copy_import(c, it->node);
	case IK_REGISTER:
		return ast_copy_register(c, it->node);
	case IK_REQUIRE:
		break;
	}
	return ast_copy_require(c, it->node);
}

/*
 * Parse the whole text anew, into new arenas.  The parser leaves the
 * nodes of an item here and there among its lists: copied, in the order
 * they are read in, each item is one block, which every later copy of it
 * reads faster.  The strings stay in the arena of the parse.
 */
static bool parse_whole(struct parse_incr *pi, const char *text, size_t len)
{
	struct parse_incr fresh = {0};

	arena_init(&fresh.arena);
	if (!parse_part(&fresh, text, 0, len, 1, 1, 0, &fresh.items)) {
		arena_free(&fresh.arena);
		free(fresh.items.v);
		return false;
	}
	arena_init(&fresh.nodes);
	struct srcfile *src = arena_alloc(&fresh.nodes, sizeof(*src));
	struct ast_copy c = {&fresh.nodes, src, 0};
	src->path = "<edited>";
	for (size_t i = 0; i < fresh.items.len; i++)
		fresh.items.v[i].node = copy_item(&c, &fresh.items.v[i]);
	arena_free(&pi->arena);
	arena_free(&pi->nodes);
	free(pi->items.v);
	pi->arena = fresh.arena;
	pi->nodes = fresh.nodes;
	pi->items = fresh.items;
	pi->parsed = 0;
	pi->valid = true;
	return true;
}

/* Only blanks in text[from, to)? */
static bool blanks(const char *text, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return false;
	return true;
}

static void ltab_build(struct ltab *t, const char *text, size_t len)
{
	size_t cap = 1024, at = 0;

	t->start = xmalloc((cap + 1) * sizeof(*t->start));
	t->n = 0;
	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		if (t->n == cap) {
			cap *= 2;
			t->start = xrealloc(t->start,
					    (cap + 1) * sizeof(*t->start));
		}
		t->start[t->n++] = at;
		at = end;
	}
	t->start[t->n] = len;
}

static void ltab_free(struct ltab *t)
{
	free(t->start);
	memset(t, 0, sizeof(*t));
}

/* A run of lines the same in both texts: old lines o.., new lines nw.. */
struct seg {
	size_t o, nw, n;
};

struct diff {
	const char *old, *text;
	const struct ltab *ot, *nt;
	struct seg *v;
	size_t len, cap;
};

static bool same_line(const struct diff *d, size_t i, size_t j)
{
	size_t n = d->ot->start[i + 1] - d->ot->start[i];

	return n == d->nt->start[j + 1] - d->nt->start[j] &&
		!memcmp(d->old + d->ot->start[i], d->text + d->nt->start[j], n);
}

static size_t run_len(const struct diff *d, size_t i, size_t j, size_t max)
{
	size_t k = 0;

	while (k < max && i + k < d->ot->n && j + k < d->nt->n &&
	       same_line(d, i + k, j + k))
		k++;
	return k;
}

static void seg_push(struct diff *d, size_t o, size_t nw, size_t n)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	d->v[d->len++] = (struct seg){o, nw, n};
}

/* Lines searched past a difference for where the texts agree again. */
#define DIFF_REACH 128
/* Lines that must agree there (fewer at the end of a text). */
#define DIFF_AGREE 3

/*
 * The runs of lines the same in both texts, in order: greedy, each
 * difference skipped by the fewest lines after which DIFF_AGREE lines
 * agree; when none is found within DIFF_REACH lines, the rest is one
 * difference up to the lines the two texts end with.  Not always the
 * smallest difference; any runs of equal lines in order will do.
 */
static void diff_lines(struct diff *d)
{
	size_t on = d->ot->n, nn = d->nt->n, i = 0, j = 0;

	while (i < on && j < nn) {
		size_t k = run_len(d, i, j, (size_t)-1);
		if (k) {
			seg_push(d, i, j, k);
			i += k;
			j += k;
			continue;
		}
		bool found = false;
		for (size_t dist = 1; !found && dist <= DIFF_REACH; dist++) {
			for (size_t a = 0; a <= dist; a++) {
				size_t b = dist - a, want;
				if (i + a >= on || j + b >= nn)
					continue;
				want = DIFF_AGREE;
				if (on - i - a < want)
					want = on - i - a;
				if (nn - j - b < want)
					want = nn - j - b;
				if (run_len(d, i + a, j + b, want) == want) {
					i += a;
					j += b;
					found = true;
					break;
				}
			}
		}
		if (found)
			continue;
		k = 0;
		while (k < on - i && k < nn - j &&
		       same_line(d, on - 1 - k, nn - 1 - k))
			k++;
		if (k)
			seg_push(d, on - k, nn - k, k);
		break;
	}
}

/*
 * Bring the items up to text; false when a part to parse again does not
 * parse cleanly.  An item is kept when all its lines are in one run of
 * lines the same in both texts, with only blanks before it on its first
 * line; what lies between two items kept is parsed again, unless they
 * followed each other in the old text within one run.
 */
static bool update(struct parse_incr *pi, const char *text, size_t len,
		   struct ltab *nt)
{
	struct diff d = {pi->text, text, &pi->lines, nt, NULL, 0, 0};
	struct item *v = pi->items.v;
	struct items all = {0};
	size_t n = pi->items.len, si = 0, from = 0, prev_seg = (size_t)-1;
	size_t prev = (size_t)-1;	/* the last item kept */
	int line = 1, col = 1;
	bool ok = true;

	diff_lines(&d);
	for (size_t t = 0; ok && t < n; t++) {
		const struct srcpos *p = item_pos(&v[t]);
		size_t fl = (size_t)(p->first_line + v[t].dline - 1);
		size_t ll = (size_t)(p->last_line + v[t].dline - 1);
		while (si < d.len && d.v[si].o + d.v[si].n <= fl)
			si++;
		if (si == d.len || d.v[si].o > fl ||
		    ll >= d.v[si].o + d.v[si].n ||
		    !blanks(pi->text, v[t].line_start, v[t].start))
			continue;
		const struct seg *sg = &d.v[si];
		struct item it = v[t];
		it.start = it.start - pi->lines.start[sg->o] +
			nt->start[sg->nw];
		it.line_start = it.line_start - pi->lines.start[sg->o] +
			nt->start[sg->nw];
		it.end = it.end - pi->lines.start[sg->o] + nt->start[sg->nw];
		it.dline += (int)sg->nw - (int)sg->o;
		bool same_gap = prev_seg == si && prev + 1 == t;
		if (prev == (size_t)-1)
			same_gap = t == 0 && sg->o == 0 && sg->nw == 0;
		if (!same_gap)
			ok = parse_part(pi, text, from, it.line_start, line,
					col, all.len, &all);
		if (it.kind == IK_REQUIRE && all.len)
			ok = false;
		items_push(&all, &it);
		prev = t;
		prev_seg = si;
		from = it.end;
		line = p->last_line + it.dline;
		col = p->last_column + 1;
	}
	/* After the last item kept: the same to the end, or parsed again. */
	if (ok && !(prev == n - 1 && prev_seg != (size_t)-1 &&
		    d.v[prev_seg].o + d.v[prev_seg].n == pi->lines.n &&
		    d.v[prev_seg].nw + d.v[prev_seg].n == nt->n))
		ok = parse_part(pi, text, from, len, line, col, all.len, &all);
	free(d.v);
	if (!ok) {
		free(all.v);
		return false;
	}
	free(pi->items.v);
	pi->items = all;
	return true;
}

void parse_incr_parsed(struct parse_incr *pi, bool clean)
{
	pi->try_whole = clean;
}

struct ast_file *parse_incr_file(struct parse_incr *pi, struct arena *a,
				 struct srcfile *src)
{
	struct ast_file *f;
	struct ltab nt;
	bool ok = true;

	if (src->len > INT_MAX / 2)
		return NULL;
	if (!pi->valid && !pi->try_whole)
		return NULL;
	if (!pi->valid || pi->len != src->len ||
	    memcmp(pi->text, src->text, src->len)) {
		ltab_build(&nt, src->text, src->len);
		if (pi->valid)
			ok = update(pi, src->text, src->len, &nt);
		else
			ok = pi->try_whole &&
				parse_whole(pi, src->text, src->len);
		if (ok) {
			char *copy = xmalloc(src->len + 1);
			memcpy(copy, src->text, src->len);
			copy[src->len] = '\0';
			free(pi->text);
			pi->text = copy;
			pi->len = src->len;
			ltab_free(&pi->lines);
			pi->lines = nt;
		} else {
			ltab_free(&nt);
		}
	}
	/* The nodes of items dropped, and of parts that did not parse:
	 * once as many bytes as the text holds were parsed in parts (or,
	 * while the text does not parse, four times as many), the last
	 * good text is parsed whole into new arenas. */
	if (pi->valid && pi->parsed > (ok ? pi->len : 4 * pi->len + 65536))
		parse_whole(pi, pi->text, pi->len);
	if (!ok)
		return NULL;
	f = arena_alloc(a, sizeof(*f));
	f->src = src;
	for (size_t i = 0; i < pi->items.len; i++) {
		const struct item *it = &pi->items.v[i];
		struct ast_copy c = {a, src, it->dline};
		void *node = copy_item(&c, it);
		switch (it->kind) {
		case IK_DECL:
			vec_push(a, &f->decls, node);
			break;
		case IK_IMPORT:
			vec_push(a, &f->imports, node);
			break;
		case IK_REGISTER:
			vec_push(a, &f->registers, node);
			break;
		case IK_REQUIRE:
			f->req = node;
			break;
		}
	}
	return f;
}
