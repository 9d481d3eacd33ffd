/* SPDX-License-Identifier: MIT */
/*
 * check_target.c - the pass "check target": what the chosen target's
 * descriptor (backends/NAME/backend.json) says about the program.
 *
 * Before evaluation, check_target_provides turns the backends' "provides"
 * lists into each impl's availability, so that an impl's targets are
 * written once, in the descriptors, and a `targets` field left in .mir is
 * held against them.  After evaluation, check_target holds the graph
 * against the chosen backend: its key limits and its Solo5 manifest.
 */
#include <string.h>

#include "backend.h"
#include "check_target.h"

/* ---- availability from "provides" ------------------------------------------------ */

static bool listed(const char *const *l, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(l[i], s))
			return true;
	return false;
}

static const char *join(struct arena *a, const char *const *l, size_t n)
{
	struct strbuf sb;
	const char *s;

	if (!n)
		return "no target";
	sb_init(&sb);
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", l[i]);
	s = arena_strdup(a, sb.buf);
	sb_free(&sb);
	return s;
}

/* The `targets` field of an impl the backends provide: the same set, or
 * provides-mismatch naming the targets on one side only. */
static void hold_field(struct program *p, struct decl *d,
		       const struct impl_info *ii, const char **prov,
		       size_t nprov)
{
	VEC(const char *) extra = {0};
	VEC(const char *) missing = {0};

	for (size_t i = 0; i < ii->ntargets; i++)
		if (!listed(prov, nprov, ii->targets[i]))
			vec_push(p->arena, &extra, ii->targets[i]);
	for (size_t i = 0; i < nprov; i++)
		if (!listed(ii->targets, ii->ntargets, prov[i]))
			vec_push(p->arena, &missing, prov[i]);
	if (!extra.len && !missing.len)
		return;
	diag_report(p->diag, CHK_PROVIDES_MISMATCH, &ii->f_targets->pos,
		    "the targets of %s '%s' disagree with the backends' "
		    "provides lists", resolve_decl_kind_name(d->kind), d->name);
	if (extra.len)
		diag_note(p->diag, NULL, "listed here but not provided by: %s "
			  "(add '%s' to their backend.json \"provides\", or "
			  "drop them here)", join(p->arena, extra.items,
						   extra.len), d->name);
	if (missing.len)
		diag_note(p->diag, NULL, "provided by but not listed here: %s",
			  join(p->arena, missing.items, missing.len));
	diag_note(p->diag, NULL, "\"provides\" is the one source of an "
		  "impl's targets: the field can go");
}

void check_target_provides(struct program *p)
{
	const struct backend_set *bs = p->backends;
	const char **prov = arena_alloc(p->arena, (bs->len + 1) *
					sizeof(char *));

	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		struct impl_info *ii = d->sema;
		size_t n = 0;

		if (d->kind != DECL_IMPL || !ii)
			continue;
		for (size_t b = 0; b < bs->len; b++)
			if (backend_provides(bs->items[b], d->name))
				prov[n++] = bs->items[b]->name;
		/* A library impl that no backend provides is available
		 * nowhere (its `targets;` may say so too); a program's own
		 * impl, wherever its field says (none: everywhere). */
		if (!n && d->file && d->file->is_prelude && !ii->f_targets)
			ii->targets = arena_alloc(p->arena, sizeof(char *));
		if (!n)
			continue;
		if (ii->f_targets)
			hold_field(p, d, ii, prov, n);
		ii->targets = arena_alloc(p->arena, (n + 1) * sizeof(char *));
		memcpy(ii->targets, prov, n * sizeof(char *));
		ii->ntargets = n;
	}
}

/* ---- after evaluation ------------------------------------------------------------ */

/* Solo5 limits (cli.md): at most 63 devices; names are [A-Za-z0-9]+ of
 * at most 67 bytes (the manifest's name field holds 68 with its NUL). */
#define SOLO5_MAX_DEVICES 63
#define SOLO5_MAX_NAME 67

/* ---- the manifest's devices ------------------------------------------------------ */

static const struct backend_solo5_dev *solo5_kind(const struct backend *b,
						  const struct gnode *n)
{
	if (n->kind != GN_DEVICE || !n->impl)
		return NULL;
	for (size_t i = 0; i < b->nsolo5_devs; i++)
		if (!strcmp(b->solo5_devs[i].impl, n->impl->name))
			return &b->solo5_devs[i];
	return NULL;
}

static const char *name_arg(const struct gnode *n, const char *param)
{
	for (size_t i = 0; i < n->nargs; i++)
		if (!strcmp(n->args[i].param, param) && n->args[i].value &&
		    n->args[i].value->kind == VAL_STRING)
			return n->args[i].value->s;
	return NULL;
}

static bool alnum_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

/* The backend's key_limits: an int key this target cannot use is
 * reported now, not when its linker script stops the link. */
static void check_key_limits(const struct model *m, struct diag_ctx *d)
{
	const struct backend *b = m->backend;

	for (size_t i = 0; i < b->nkey_limits; i++) {
		const struct backend_key_limit *l = &b->key_limits[i];
		for (size_t k = 0; k < m->nkeys; k++) {
			const struct keyval *kv = &m->keys[k];
			long long v = (long long)kv->value.i;
			char opt[64];
			if (strcmp(kv->name, l->key) || kv->value.kind != VAL_INT ||
			    !kv->key)
				continue;
			if ((l->zero && v == 0) ||
			    (v >= l->min && v % l->multiple == 0))
				continue;
			/* The option that sets it: --stack-size. */
			snprintf(opt, sizeof(opt), "%s", kv->name);
			for (char *c = opt; *c; c++)
				if (*c == '_')
					*c = '-';
			diag_report(d, CHK_BAD_LITERAL, &kv->key->name_pos,
				    "value %lld of key '%s' (--%s) does not fit "
				    "target %s: expected %s%s%s a multiple of %lld "
				    "from %lld", v, kv->name, opt, b->name,
				    l->zero ? "0 (" : "", l->zero ? l->zero : "",
				    l->zero ? ") or" : "", l->multiple, l->min);
		}
	}
}

bool check_target(struct model *m, struct diag_ctx *d, struct arena *a)
{
	const struct backend *b = m->backend;
	struct solo5_dev *out;
	struct hmap seen;	/* name -> its first device in out */
	size_t n = 0, errs = d->nerrors;

	m->solo5 = NULL;
	m->nsolo5 = 0;
	if (b)
		check_key_limits(m, d);
	if (!b || !b->nsolo5_devs)
		return d->nerrors == errs;
	out = arena_alloc(a, (m->graph->nodes.len + 1) * sizeof(*out));
	hmap_init(&seen);
	/* Networks first (cli.md), then block devices; connect order in
	 * each, which is also the order the platform binds them in. */
	for (int pass = 0; pass < 2; pass++) {
		const char *want = pass ? "BLOCK_BASIC" : "NET_BASIC";
		for (size_t i = 0; i < m->graph->nodes.len; i++) {
			const struct gnode *g = m->graph->nodes.items[i];
			const struct backend_solo5_dev *k = solo5_kind(b, g);
			const struct solo5_dev *other;
			const char *name;
			if (!k || strcmp(k->type, want))
				continue;
			name = k->name ? k->name : name_arg(g, k->name_param);
			if (!name && !m->graph->evaluated)
				continue;
			if (!name) {
				diag_report(d, CHK_BAD_NAME, &g->pos, "'%s' has "
					    "no string parameter '%s' to name "
					    "its Solo5 device (backend %s)",
					    g->impl->name, k->name_param, b->name);
				continue;
			}
			if (!alnum_name(name) || strlen(name) > SOLO5_MAX_NAME) {
				diag_report(d, CHK_BAD_NAME, &g->pos, "Solo5 "
					    "device name '%s' of '%s' must be 1 "
					    "to %d letters and digits", name,
					    g->impl->name, SOLO5_MAX_NAME);
				continue;
			}
			/* Not evaluated: every branch of every choice is
			 * there, so names may repeat across branches.  The
			 * map keeps the check linear in the devices (the
			 * limit of 63 is only checked afterwards). */
			other = m->graph->evaluated ? hmap_get(&seen, name)
						    : NULL;
			if (other) {
				diag_report(d, CHK_BAD_NAME, &g->pos, "two Solo5 "
					    "devices are named '%s'", name);
				diag_note(d, &other->node->pos, "the other "
					  "one (%s '%s') is made here",
					  other->type, other->node->impl->name);
			} else {
				hmap_put(&seen, name, &out[n]);
			}
			out[n].name = name;
			out[n].type = k->type;
			out[n].node = g;
			n++;
		}
	}
	hmap_free(&seen);
	if (!m->graph->evaluated)
		return d->nerrors == errs;
	if (n > SOLO5_MAX_DEVICES && m->graph->jobs.len)
		diag_report(d, CHK_LIMIT, &m->graph->jobs.items[0]->pos,
			    "the program has %zu Solo5 devices; a manifest "
			    "holds at most %d", n, SOLO5_MAX_DEVICES);
	m->solo5 = out;
	m->nsolo5 = n;
	return d->nerrors == errs;
}

