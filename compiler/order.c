/* SPDX-License-Identifier: MIT */
/*
 * order.c - the order pass: the evaluated graph in connect order, named,
 * and checked where only the graph can tell.
 *
 * Input: the graph from eval.c (its jobs as roots, nodes numbered in
 * creation order).  Output: graph->nodes, every device after the devices
 * it uses (arguments, then deps), each with its id ("<impl>_<n>"); the
 * model's runtime args in order of first use.  Checks: cycles through
 * `deps`, impls used on a target they are not available on (with the path
 * from the job), headers and embedded directories that do not exist.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "lwip.h"
#include "sema.h"

struct frame {
	struct gnode *node;
	size_t next;		/* next child to visit */
};

static size_t nchildren(const struct gnode *n)
{
	return n->kind == GN_CHOICE ? n->nbranches : n->nargs + n->ndeps;
}

static struct gnode *child(const struct gnode *n, size_t i, const char **via)
{
	if (n->kind == GN_CHOICE) {
		*via = "branch";
		return n->branches[i].node;
	}
	if (i < n->nargs) {
		*via = n->args[i].param;
		return n->args[i].node;
	}
	*via = "deps";
	return n->deps[i - n->nargs];
}

/* What reached each node first: for the path printed with an error. */
struct reach {
	struct gnode *parent;
	const char *via;
	unsigned char color;	/* 0 white, 1 on the stack, 2 done */
};

static void report_dep_cycle(struct program *p, struct frame *st, size_t sp,
			     struct gnode *again)
{
	struct strbuf sb;
	size_t i = sp;

	while (i > 0 && st[i - 1].node != again)
		i--;
	sb_init(&sb);
	for (size_t j = i ? i - 1 : 0; j < sp; j++)
		sb_printf(&sb, "%s -> ", st[j].node->impl ?
			  st[j].node->impl->name : "?");
	sb_puts(&sb, again->impl ? again->impl->name : "?");
	diag_report(p->diag, CHK_CYCLE, &again->pos, "devices depend on "
		    "each other through 'deps': %s", sb.buf);
	sb_free(&sb);
}

/*
 * Depth-first post-order from the registered jobs, children in parameter
 * order then deps: every device after what it uses, otherwise in source
 * order.  Iterative: chains of 100k devices are ordinary.
 */
static bool dfs_order(struct program *p, struct graph *g, size_t ncreated,
		      struct reach *reach)
{
	struct frame *st = xmalloc((ncreated + 1) * sizeof(*st));
	bool ok = true;

	for (size_t r = 0; r < g->jobs.len; r++) {
		struct gnode *root = g->jobs.items[r];
		size_t sp = 0;
		if (reach[root->index].color)
			continue;
		st[sp++] = (struct frame){root, 0};
		reach[root->index].color = 1;
		while (sp) {
			struct frame *f = &st[sp - 1];
			const char *via;
			if (f->next == nchildren(f->node)) {
				reach[f->node->index].color = 2;
				vec_push(p->arena, &g->nodes, f->node);
				sp--;
				continue;
			}
			struct gnode *c = child(f->node, f->next++, &via);
			if (!c)
				continue;
			struct reach *rc = &reach[c->index];
			if (rc->color == 1) {
				report_dep_cycle(p, st, sp, c);
				ok = false;
				continue;
			}
			if (rc->color == 2)
				continue;
			rc->color = 1;
			rc->parent = f->node;
			rc->via = via;
			st[sp++] = (struct frame){c, 0};
		}
	}
	free(st);
	return ok;
}

/* PREFIX_N (N counting from 1), in the arena.  Written by hand: a
 * printf per node was 7% of `mirc check` of a 10k-device file. */
static const char *node_id(struct arena *a, const char *prefix, size_t n)
{
	char digits[3 * sizeof(size_t)];
	size_t nd = 0, len = strlen(prefix);
	char *id;

	do {
		digits[nd++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	id = arena_alloc(a, len + 1 + nd + 1);	/* zeroed: terminated */
	memcpy(id, prefix, len);
	id[len] = '_';
	for (size_t i = 0; i < nd; i++)
		id[len + 1 + i] = digits[nd - 1 - i];
	return id;
}

static void name_nodes(struct program *p, struct graph *g)
{
	for (size_t i = 0; i < g->nodes.len; i++) {
		struct gnode *n = g->nodes.items[i];
		n->index = i;
		if (n->kind == GN_CHOICE)
			n->id = n->key ? arena_printf(p->arena, "match_%s_%zu",
						      n->key, i + 1)
				       : node_id(p->arena, "if", i + 1);
		else
			n->id = node_id(p->arena, n->impl ? n->impl->name
					: "noop", i + 1);
	}
}

static void check_available(struct program *p, struct graph *g,
			    const char *target, struct reach *reach,
			    size_t *old_index)
{
	for (size_t i = 0; i < g->nodes.len; i++) {
		struct gnode *n = g->nodes.items[i];
		struct impl_info *ii = n->impl ? n->impl->sema : NULL;
		bool ok = true;

		if (!ii || !ii->targets)
			continue;
		ok = false;
		for (size_t t = 0; t < ii->ntargets; t++)
			ok = ok || !strcmp(ii->targets[t], target);
		if (ok)
			continue;
		diag_report(p->diag, CHK_UNAVAILABLE_ON_TARGET, &n->pos,
			    "%s '%s' is not available on target '%s'",
			    resolve_decl_kind_name(n->impl->kind), n->impl->name, target);
		struct strbuf sb;
		sb_init(&sb);
		for (size_t t = 0; t < ii->ntargets; t++)
			sb_printf(&sb, "%s%s", t ? ", " : "", ii->targets[t]);
		/* Without a field, "provides" said it (check_target.c). */
		const struct srcpos *at = ii->f_targets ? &ii->f_targets->pos
			: &n->impl->name_pos;
		if (ii->ntargets)
			diag_note(p->diag, at, "'%s' is available on: %s",
				  n->impl->name, sb.buf);
		else
			diag_note(p->diag, at,
				  "'%s' is available on no target",
				  n->impl->name);
		if (ii->f_doc)
			diag_note(p->diag, &ii->f_doc->values[0]->pos, "%s",
				  ii->f_doc->values[0]->u.str.s);
		/* The path, job first. */
		sb.len = 0;
		VEC(struct gnode *) path = {0};
		for (struct gnode *c = n; c; c = reach[old_index[c->index]].parent)
			vec_push(p->arena, &path, c);
		for (size_t j = path.len; j-- > 0;) {
			struct gnode *c = path.items[j];
			sb_printf(&sb, "%s", c->id);
			if (j)
				sb_printf(&sb, " -> (%s) ",
					  reach[old_index[path.items[j - 1]->index]].via);
		}
		diag_note(p->diag, NULL, "path from the job: %s", sb.buf);
		sb_free(&sb);
	}
}

static void check_files(struct program *p, struct graph *g)
{
	struct hmap done;

	hmap_init(&done);
	for (size_t i = 0; i < g->nodes.len; i++) {
		struct gnode *n = g->nodes.items[i];
		struct impl_info *ii = n->impl ? n->impl->sema : NULL;

		if (ii && ii->embed_param >= 0 &&
		    n->args[ii->embed_param].value) {
			/* The directory is the project's, like crunch's. */
			const struct value *v = n->args[ii->embed_param].value;
			const char *path = util_join_path(p->arena, p->root->src->dir,
						     v->s);
			struct stat st;
			if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
				diag_report(p->diag, CHK_MISSING_FILE, &n->pos,
					    "directory '%s' to embed in '%s' "
					    "does not exist (looked for %s)",
					    v->s, n->id, path);
		}
		if (!ii || hmap_get(&done, n->impl->name))
			continue;
		hmap_put(&done, n->impl->name, n);
		/* Sources may come later: check_sources. */
		for (size_t j = 0; ii->f_header && !p->opts->stubs &&
		     j < ii->f_header->nvalues;
		     j++) {
			struct expr *v = ii->f_header->values[j];
			const char *path = util_join_path(p->arena,
						     n->impl->file->dir,
						     v->u.str.s);
			if (fsutil_exists(path) || lwip_is_path(v->u.str.s))
				continue;
			diag_report(p->diag, CHK_MISSING_FILE, &v->pos,
				    "header file '%s' of %s '%s' does not "
				    "exist (looked for %s)", v->u.str.s,
				    resolve_decl_kind_name(n->impl->kind),
				    n->impl->name, path);
		}
	}
	hmap_free(&done);
}

/* Runtime args used by the graph, in order of first use. */
static void collect_args(struct program *p, struct model *m)
{
	struct hmap seen;
	VEC(struct marg *) args = {0};

	hmap_init(&seen);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		struct gnode *n = m->graph->nodes.items[i];
		for (size_t j = 0; j < n->nruntime_args; j++) {
			struct marg *a = n->runtime_args[j];
			if (hmap_get(&seen, a->name))
				continue;
			hmap_put(&seen, a->name, a);
			vec_push(p->arena, &args, a);
		}
	}
	hmap_free(&seen);
	m->args = args.items;
	m->nargs = args.len;
}

bool order_graph(struct program *p, struct model *m)
{
	struct graph *g = m->graph;
	size_t ncreated = p->nnodes_created;
	struct reach *reach = xcalloc(ncreated + 1, sizeof(*reach));
	size_t *old_index;
	bool ok = dfs_order(p, g, ncreated, reach);

	/* Ids follow the connect order; keep the creation index for reach. */
	old_index = xmalloc((g->nodes.len + 1) * sizeof(size_t));
	for (size_t i = 0; i < g->nodes.len; i++)
		old_index[i] = g->nodes.items[i]->index;
	name_nodes(p, g);
	if (ok && g->evaluated) {
		check_available(p, g, m->target, reach, old_index);
		if (p->opts->check_files) {
			check_files(p, g);
			lwip_check_graph(p, g);
		}
	}
	free(old_index);
	free(reach);
	collect_args(p, m);
	return !diag_has_errors(p->diag);
}
