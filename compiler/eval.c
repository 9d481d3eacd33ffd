/* SPDX-License-Identifier: MIT */
/*
 * eval.c - configure-time evaluation: choose every key's value (command
 * line, then the saved context, then the default), resolve every if/match
 * (or keep them as choice nodes for `describe --no-eval`), share equal
 * applications, order the devices for connecting, and check what can only
 * be checked on the evaluated graph: availability per target and files.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "sema.h"

struct evres;

/* The arguments of the let with parameters whose value is evaluated. */
struct eframe {
	struct decl *let;
	struct evres *args;
};

struct evaluator {
	struct program *p;
	struct eframe *env;	/* NULL: the global scope */
	bool evaluate;		/* resolve choices, or keep them */
	struct hmap share;	/* application identity -> gnode */
	size_t ncreated;
	struct gnode *noop;
};

struct evres {
	struct gnode *node;
	struct value *value;
};

/* ---- keys ---------------------------------------------------------------------- */

static struct keyval *key_kv(struct decl *k)
{
	struct keyarg_info *ki = k->sema;
	return ki ? ki->kv : NULL;
}

/* Parse `text` as a value of key k; NULL on success or the reason. */
static const char *key_parse(struct program *p, struct keyval *kv,
			     const char *text)
{
	const struct vtype *t = kv->key ? kv->key->u.ka.type
					: p->target_key->u.ka.type;
	const char *why = literal_check_text(p->arena, t, text);

	if (why)
		return why;
	switch (t->kind) {
	case VT_BOOL:
		kv->value.kind = VAL_BOOL;
		kv->value.b = !strcmp(text, "true");
		break;
	case VT_INT:
		kv->value.kind = VAL_INT;
		lit_parse_int(text, &kv->value.i);
		break;
	case VT_ENUM:
		kv->value.kind = VAL_ENUM;
		for (size_t i = 0; i < t->nenum; i++)
			if (!strcmp(t->enum_values[i], text)) {
				kv->value.enum_index = (int)i;
				kv->value.s = t->enum_values[i];
			}
		break;
	default:
		kv->value.kind = VAL_STRING;
		kv->value.s = arena_strdup(p->arena, text);
		kv->value.len = strlen(text);
		break;
	}
	return NULL;
}

static void key_default(struct program *p, struct keyval *kv, struct decl *k)
{
	const struct expr *e = k->u.ka.def;

	switch (e->kind) {
	case EXPR_BOOL:
		kv->value.kind = VAL_BOOL;
		kv->value.b = e->u.bval;
		break;
	case EXPR_INT:
		kv->value.kind = VAL_INT;
		kv->value.i = e->u.ival;
		break;
	case EXPR_STRING:
		kv->value.kind = VAL_STRING;
		kv->value.s = e->u.str.s;
		kv->value.len = e->u.str.len;
		break;
	case EXPR_NAME:
		key_parse(p, kv, e->u.name.name);
		break;
	default:
		break;
	}
	kv->is_default = true;
}

static void report_bad_key(struct program *p, struct keyval *kv,
			   const char *text, const char *from, const char *why)
{
	struct decl *k = kv->key;

	diag_report(p->diag, CHK_BAD_LITERAL, k ? &k->u.ka.type->pos : NULL,
		    "value '%s' %s does not fit key '%s': %s", text, from,
		    kv->name, why);
	if (k)
		diag_note(p->diag, &k->name_pos, "key '%s' is declared here",
			  kv->name);
}

/* One saved key: parse it into kvs[i], unless the command line set it. */
static void saved_key(struct program *p, struct keyval *kv, const char *text,
		      struct strbuf *used)
{
	const char *why = key_parse(p, kv, text);

	if (why) {
		report_bad_key(p, kv, text, "saved in mirc/context", why);
		return;
	}
	kv->is_default = false;
	sb_printf(used, "%s%s=%s", used->len ? ", " : "", kv->name, text);
}

/*
 * Keys saved by the last `configure` in <project>/mirc/context, for those
 * the command line did not set; the target first, since whether a key
 * marked `insecure` carries over depends on it: saved for another target,
 * such a key is left at its default with a note (on this target it may
 * replace a safe device by a weak one, e.g. RDRAND by xorshift on virtio).
 */
static void read_context(struct program *p, struct keyval *kvs, size_t n,
			 bool *set)
{
	const char *path = arena_printf(p->arena, "%s/mirc/context",
					p->root->src->dir);
	const char *saved_target, *name;
	struct strbuf used;
	json_error_t jerr;
	json_t *root, *keys, *v;
	size_t len;
	/* read_file, not json_load_file: it never opens a FIFO. */
	char *text = read_file(path, &len);

	root = text ? json_loadb(text, len, 0, &jerr) : NULL;
	free(text);
	if (!root)
		return;
	v = json_object_get(root, "boot_args");
	if (json_is_string(v))
		p->saved_boot_args = arena_strdup(p->arena, json_string_value(v));
	saved_target = json_string_value(json_object_get(root, "target"));
	keys = json_object_get(root, "keys");
	sb_init(&used);
	/* kvs[0] is the target. */
	v = json_object_get(keys, "target");
	if (!set[0] && json_is_string(v))
		saved_key(p, &kvs[0], json_string_value(v), &used);
	set[0] = true;
	json_object_foreach(keys, name, v) {
		if (!json_is_string(v) || !strcmp(name, "target"))
			continue;
		for (size_t i = 1; i < n; i++) {
			if (set[i] || strcmp(kvs[i].name, name))
				continue;
			set[i] = true;
			if (kvs[i].key && kvs[i].key->u.ka.insecure &&
			    (!saved_target || strcmp(saved_target, kvs[0].value.s))) {
				char *opt = arena_strdup(p->arena, name);
				for (char *c = opt; *c; c++)
					if (*c == '_')
						*c = '-';
				vec_push(p->arena, &p->context_notes, arena_printf(
					p->arena, "saved key %s=%s not used: it is "
					"marked insecure and was saved for target %s, "
					"not %s (give --%s=%s again to keep it)", name,
					json_string_value(v), saved_target ? saved_target
					: "(unknown)", kvs[0].value.s, opt,
					json_string_value(v)));
				continue;
			}
			saved_key(p, &kvs[i], json_string_value(v), &used);
		}
	}
	if (used.len)
		p->saved_keys_used = arena_strdup(p->arena, used.buf);
	sb_free(&used);
	json_decref(root);
}

static const char *suggest_key(struct keyval *kvs, size_t n, const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(name, kvs[i].name, 2);
		if (d < best_d) {
			best_d = d;
			best = kvs[i].name;
		}
	}
	return best;
}

static int resolve_keys(struct program *p, struct model *m)
{
	const struct compile_opts *o = p->opts;
	size_t n = 0;
	struct keyval *kvs;
	bool *set;

	for (size_t i = 0; i < p->decls.len; i++)
		n += p->decls.items[i]->kind == DECL_KEY;
	kvs = arena_alloc(p->arena, (n + 1) * sizeof(*kvs));
	set = arena_alloc(p->arena, n + 1);
	n = 0;
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *k = p->decls.items[i];
		struct keyval *kv = &kvs[n];
		struct keyarg_info *ki = k->sema;
		if (k->kind != DECL_KEY)
			continue;
		n++;
		kv->key = k == p->target_key ? NULL : k;
		kv->name = k->name;
		kv->doc = k->u.ka.doc;
		kv->type = k->u.ka.type->kind == VT_BOOL ? "bool"
			 : k->u.ka.type->kind == VT_INT ? "int"
			 : k->u.ka.type->kind == VT_ENUM ? "enum" : "string";
		kv->enum_values = k->u.ka.type->enum_values;
		kv->nenum = k->u.ka.type->nenum;
		key_default(p, kv, k);
		if (ki)
			ki->kv = kv;
	}
	/* The command line first; unknown options are usage errors, found
	 * before any value is looked at. */
	for (size_t s = 0; s < o->nkeys; s++) {
		const struct key_setting *ks = &o->keys[s];
		size_t i;
		for (i = 0; i < n; i++)
			if (!strcmp(kvs[i].name, ks->name))
				break;
		if (i == n) {
			const char *sug = suggest_key(kvs, n, ks->name);
			fprintf(stderr, "mirc: unknown option '%s'%s%s%s\n",
				ks->spelling, sug ? " (did you mean '--" : "",
				sug ? sug : "", sug ? "'?)" : "");
			return MIRC_EUSAGE;
		}
	}
	for (size_t s = 0; s < o->nkeys; s++) {
		const struct key_setting *ks = &o->keys[s];
		size_t i = 0;
		while (strcmp(kvs[i].name, ks->name))
			i++;
		struct keyval *kv = &kvs[i];
		const char *text = ks->value;
		if (!text) {
			if (strcmp(kv->type, "bool")) {
				fprintf(stderr, "mirc: option '%s' needs a "
					"value: --%s=VALUE\n", ks->spelling,
					kv->name);
				return MIRC_EUSAGE;
			}
			text = ks->negated ? "false" : "true";
		} else if (ks->negated) {
			fprintf(stderr, "mirc: option '%s' takes no value\n",
				ks->spelling);
			return MIRC_EUSAGE;
		}
		const char *why = key_parse(p, kv, text);
		if (why) {
			report_bad_key(p, kv, text, arena_printf(p->arena,
				       "given on the command line (%s)",
				       ks->spelling), why);
		} else {
			kv->is_default = false;
		}
		set[i] = true;
	}
	if (o->target && !set[0]) {
		const char *why = key_parse(p, &kvs[0], o->target);
		if (why)
			report_bad_key(p, &kvs[0], o->target,
				       "given as the target", why);
		else
			kvs[0].is_default = false;
		set[0] = true;
	}
	if (o->read_context)
		read_context(p, kvs, n, set);
	m->keys = kvs;
	m->nkeys = n;
	m->target = kvs[0].value.s;
	return MIRC_OK;
}

/* ---- conditions ---------------------------------------------------------------- */

/* `value OP rhs` for a key's value and a checked literal of its type. */
static bool cmp_value(const struct value *v, enum cond_kind op,
		      const struct expr *rhs)
{
	int cmp;

	if (v->kind == VAL_INT) {
		cmp = v->i < rhs->u.ival ? -1 : v->i > rhs->u.ival;
	} else if (v->kind == VAL_STRING) {
		size_t n = v->len < rhs->u.str.len ? v->len : rhs->u.str.len;
		cmp = memcmp(v->s, rhs->u.str.s, n);
		if (!cmp)
			cmp = v->len < rhs->u.str.len ? -1
			      : v->len > rhs->u.str.len;
	} else {
		cmp = strcmp(v->s, rhs->u.name.name) != 0;
	}
	switch (op) {
	case COND_EQ: return cmp == 0;
	case COND_NE: return cmp != 0;
	case COND_LT: return cmp < 0;
	case COND_LE: return cmp <= 0;
	case COND_GT: return cmp > 0;
	default: return cmp >= 0;
	}
}

static bool cond_value(struct program *p, const struct cond *c)
{
	struct decl *k;
	struct keyval *kv;

	switch (c->kind) {
	case COND_OR:
		return cond_value(p, c->l) || cond_value(p, c->r);
	case COND_AND:
		return cond_value(p, c->l) && cond_value(p, c->r);
	case COND_NOT:
		return !cond_value(p, c->l);
	default:
		break;
	}
	k = hmap_get(&p->names, c->key);
	kv = key_kv(k);
	if (c->kind == COND_KEY)
		return kv->value.b;
	if (c->kind != COND_IN)
		return cmp_value(&kv->value, c->kind, c->rhs);
	for (size_t i = 0; i < c->nvalues; i++)
		if (!strcmp(kv->value.s, c->values[i]))
			return true;
	return false;
}

/*
 * A literal as the source spells it.  Strings are escaped so that labels
 * stay printable ASCII (a key's string may hold any byte) and read back
 * as the same literal.
 */
static void lit_text(struct strbuf *sb, const struct expr *e)
{
	if (e->kind == EXPR_NAME) {
		sb_puts(sb, e->u.name.name);
		return;
	}
	if (e->kind == EXPR_INT) {
		sb_printf(sb, "%lld", (long long)e->u.ival);
		return;
	}
	sb_putc(sb, '"');
	for (size_t i = 0; i < e->u.str.len; i++) {
		unsigned char ch = (unsigned char)e->u.str.s[i];
		if (ch == '"' || ch == '\\')
			sb_printf(sb, "\\%c", ch);
		else if (ch == '\n')
			sb_puts(sb, "\\n");
		else if (ch == '\t')
			sb_puts(sb, "\\t");
		else if (ch < 0x20 || ch >= 0x7f)
			sb_printf(sb, "\\x%02x", ch);
		else
			sb_putc(sb, (char)ch);
	}
	sb_putc(sb, '"');
}

static void cond_text(struct strbuf *sb, const struct cond *c, int prec)
{
	static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};

	switch (c->kind) {
	case COND_OR:
	case COND_AND: {
		int mine = c->kind == COND_OR ? 1 : 2;
		if (mine < prec)
			sb_putc(sb, '(');
		cond_text(sb, c->l, mine);
		sb_puts(sb, c->kind == COND_OR ? " || " : " && ");
		cond_text(sb, c->r, mine + 1);
		if (mine < prec)
			sb_putc(sb, ')');
		return;
	}
	case COND_NOT:
		sb_putc(sb, '!');
		cond_text(sb, c->l, 3);
		return;
	case COND_KEY:
		sb_puts(sb, c->key);
		return;
	case COND_EQ: case COND_NE: case COND_LT:
	case COND_LE: case COND_GT: case COND_GE:
		sb_printf(sb, "%s %s ", c->key, ops[c->kind - COND_EQ]);
		lit_text(sb, c->rhs);
		return;
	case COND_IN:
		sb_printf(sb, "%s in [", c->key);
		for (size_t i = 0; i < c->nvalues; i++)
			sb_printf(sb, "%s%s", i ? ", " : "", c->values[i]);
		sb_putc(sb, ']');
		return;
	}
}

/* Does a pattern name the key's value? */
static bool pat_matches(const struct pattern *pt, const struct value *v)
{
	switch (pt->kind) {
	case PAT_WILD: return true;
	case PAT_TRUE: return v->kind == VAL_BOOL && v->b;
	case PAT_FALSE: return v->kind == VAL_BOOL && !v->b;
	case PAT_NAME: return v->kind == VAL_ENUM && !strcmp(v->s, pt->name);
	case PAT_INT:
	case PAT_STRING:
		return (v->kind == VAL_INT || v->kind == VAL_STRING) &&
		       cmp_value(v, COND_EQ, pt->lit);
	}
	return false;
}

/* The arm a match takes for the key's current value. */
static struct arm *match_arm(struct program *p, const struct expr *e)
{
	struct keyval *kv = key_kv(hmap_get(&p->names, e->u.match.key));

	for (size_t i = 0; i < e->u.match.narms; i++) {
		struct arm *a = &e->u.match.arms[i];
		for (size_t j = 0; j < a->npats; j++)
			if (pat_matches(&a->pats[j], &kv->value))
				return a;
	}
	return NULL;	/* excluded by the exhaustiveness check */
}

/* ---- expressions --------------------------------------------------------------- */

static struct evres eval_expr(struct evaluator *ev, struct expr *e);

static struct gnode *new_node(struct evaluator *ev, enum gnode_kind k,
			      const struct srcpos *pos)
{
	struct gnode *n = arena_alloc(ev->p->arena, sizeof(*n));

	n->kind = k;
	n->pos = *pos;
	n->index = ev->ncreated++;
	return n;
}

static void share_key_value(struct strbuf *sb, const struct value *v)
{
	switch (v->kind) {
	case VAL_BOOL:
		sb_printf(sb, "|b%d", v->b);
		break;
	case VAL_INT:
		sb_printf(sb, "|i%lld", (long long)v->i);
		break;
	case VAL_STRING:
	case VAL_ENUM:
		/* Hex, so that any byte fits a NUL-terminated key. */
		sb_puts(sb, "|s");
		for (size_t i = 0; i < v->len; i++) {
			unsigned char c = (unsigned char)v->s[i];
			sb_putc(sb, "0123456789abcdef"[c >> 4]);
			sb_putc(sb, "0123456789abcdef"[c & 15]);
		}
		break;
	}
}

static struct evres eval_apply(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	struct apply_info *ai = e->sema;
	struct decl *d = ai->impl;
	struct impl_info *ii = d->sema;
	size_t np = d->u.impl.nparams;
	struct garg *args = arena_alloc(p->arena, (np + 1) * sizeof(*args));
	struct evres r = {NULL, NULL};
	struct strbuf id;	/* the application's identity, for sharing */
	struct gnode *n;
	char *key;

	sb_init(&id);
	sb_puts(&id, d->name);
	for (size_t k = 0; k < np; k++) {
		struct expr *ae = ai->bound[k] ? ai->bound[k]
					       : d->u.impl.params[k].def;
		struct eframe *saved = ev->env;
		if (!ai->bound[k])
			ev->env = NULL;	/* defaults are global */
		struct evres a = eval_expr(ev, ae);
		ev->env = saved;
		args[k].param = d->u.impl.params[k].name;
		args[k].node = a.node;
		args[k].value = a.value;
		if (a.node) {
			/* "|d" and the node's number, without printf: this
			 * runs for every argument of every application. */
			char num[24];
			size_t at = sizeof(num), v = a.node->index;
			do
				num[--at] = (char)('0' + v % 10);
			while ((v /= 10) && at);
			sb_puts(&id, "|d");
			sb_putn(&id, num + at, sizeof(num) - at);
		}
		else if (a.value)
			share_key_value(&id, a.value);
	}
	n = hmap_get(&ev->share, id.buf);
	if (n) {
		sb_free(&id);
		r.node = n;
		return r;
	}
	key = arena_strdup(p->arena, id.buf);
	sb_free(&id);
	n = new_node(ev, GN_DEVICE, &e->pos);
	n->impl = d;
	n->signature = ii->result->name;
	n->is_job = d->kind == DECL_JOB;
	n->args = args;
	n->nargs = np;
	n->runtime_args = ii->runtime_args;
	n->nruntime_args = ii->nruntime_args;
	hmap_put(&ev->share, key, n);
	if (ii->f_deps) {
		struct eframe *saved = ev->env;
		ev->env = NULL;	/* deps are global */
		n->deps = arena_alloc(p->arena, ii->f_deps->nvalues *
				      sizeof(struct gnode *));
		for (size_t k = 0; k < ii->f_deps->nvalues; k++) {
			struct evres dr = eval_expr(ev, ii->f_deps->values[k]);
			if (dr.node)
				n->deps[n->ndeps++] = dr.node;
		}
		ev->env = saved;
	}
	r.node = n;
	return r;
}

static struct value *key_value(struct program *p, struct decl *k)
{
	struct keyval *kv = key_kv(k);
	struct value *v = arena_alloc(p->arena, sizeof(*v));

	*v = kv->value;
	return v;
}

static struct gnode *choice(struct evaluator *ev, struct expr *e,
			    const char *key, const char *label, size_t nbr)
{
	struct gnode *n = new_node(ev, GN_CHOICE, &e->pos);

	n->key = key;
	n->label = label;
	n->branches = arena_alloc(ev->p->arena, nbr * sizeof(struct gbranch));
	n->nbranches = nbr;
	return n;
}

static struct evres eval_if(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	bool taken = cond_value(p, e->u.ifx.cond);
	struct evres r = {NULL, NULL};
	struct strbuf sb;
	struct gnode *n;
	static const char *const t[] = {"true"}, *const f[] = {"false"};

	if (ev->evaluate)
		return eval_expr(ev, taken ? e->u.ifx.then_e : e->u.ifx.else_e);
	sb_init(&sb);
	cond_text(&sb, e->u.ifx.cond, 0);
	n = choice(ev, e, NULL, arena_printf(p->arena, "if %s", sb.buf), 2);
	sb_free(&sb);
	n->branches[0].values = (const char **)t;
	n->branches[0].nvalues = 1;
	n->branches[0].node = eval_expr(ev, e->u.ifx.then_e).node;
	n->branches[1].values = (const char **)f;
	n->branches[1].nvalues = 1;
	n->branches[1].node = eval_expr(ev, e->u.ifx.else_e).node;
	n->default_node = n->branches[taken ? 0 : 1].node;
	r.node = n;
	return r;
}

static const char *pat_text(struct arena *a, const struct pattern *pt)
{
	struct strbuf sb;
	const char *r;

	switch (pt->kind) {
	case PAT_NAME: return pt->name;
	case PAT_TRUE: return "true";
	case PAT_FALSE: return "false";
	case PAT_WILD: return "_";
	case PAT_INT:
	case PAT_STRING:
		break;
	}
	sb_init(&sb);
	lit_text(&sb, pt->lit);
	r = arena_strdup(a, sb.buf);
	sb_free(&sb);
	return r;
}

/*
 * A match kept as a choice node.  Branches are labelled with the key
 * values they take: for a bool or enum key `_` stands for the values no
 * earlier arm names; an int or string key has too many values to list, so
 * its `_` branch is labelled `_`.
 */
static struct evres eval_match(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	struct arm *taken = match_arm(p, e);
	struct evres r = {NULL, NULL};
	struct gnode *n;

	if (ev->evaluate)
		return taken ? eval_expr(ev, taken->body) : r;
	n = choice(ev, e, e->u.match.key, arena_printf(p->arena, "match %s",
		   e->u.match.key), e->u.match.narms);
	struct keyval *kv = key_kv(hmap_get(&p->names, e->u.match.key));
	static const char *const bools[] = {"false", "true"};
	bool open = kv->value.kind == VAL_INT || kv->value.kind == VAL_STRING;
	size_t nvals = kv->value.kind == VAL_BOOL ? 2 : kv->nenum;
	const char **vals = (const char **)(kv->value.kind == VAL_BOOL
					    ? bools : kv->enum_values);
	if (open) {
		/* The values are the patterns' own, in order. */
		nvals = 0;
		for (size_t i = 0; i < e->u.match.narms; i++)
			nvals += e->u.match.arms[i].npats;
		vals = arena_alloc(p->arena, (nvals + 1) * sizeof(char *));
		nvals = 0;
		for (size_t i = 0; i < e->u.match.narms; i++) {
			struct arm *a = &e->u.match.arms[i];
			for (size_t j = 0; j < a->npats; j++) {
				const char *v = pat_text(p->arena, &a->pats[j]);
				size_t k = 0;
				while (k < nvals && strcmp(vals[k], v))
					k++;
				if (k == nvals && a->pats[j].kind != PAT_WILD)
					vals[nvals++] = v;
			}
		}
	}
	bool *named = arena_alloc(p->arena, nvals + 1);
	bool wild_named = false;
	for (size_t i = 0; i < e->u.match.narms; i++) {
		struct arm *a = &e->u.match.arms[i];
		struct gbranch *b = &n->branches[i];
		b->values = arena_alloc(p->arena, (a->npats + nvals + 1) *
					sizeof(char *));
		for (size_t j = 0; j < a->npats; j++) {
			bool wild = a->pats[j].kind == PAT_WILD;
			const char *v = pat_text(p->arena, &a->pats[j]);
			if (open && wild && !wild_named) {
				wild_named = true;
				b->values[b->nvalues++] = "_";
			}
			for (size_t k = 0; k < nvals && !(open && wild); k++) {
				bool hit = wild ? !named[k] : !strcmp(vals[k], v);
				if (hit && !named[k]) {
					named[k] = true;
					b->values[b->nvalues++] = vals[k];
				}
			}
		}
		b->node = eval_expr(ev, a->body).node;
		if (a == taken)
			n->default_node = b->node;
	}
	r.node = n;
	return r;
}

static struct evres eval_let(struct evaluator *ev, struct decl *d)
{
	struct let_info *li = d->sema;
	struct evres r;

	if (!li->evaluated) {
		struct eframe *saved = ev->env;
		ev->env = NULL;
		r = eval_expr(ev, d->u.let.value);
		ev->env = saved;
		li->node = r.node;
		li->value = r.value;
		li->evaluated = true;
	}
	r.node = li->node;
	r.value = li->value;
	return r;
}

/* A let with parameters applied: its value, with the arguments bound. */
static struct evres eval_let_apply(struct evaluator *ev, struct expr *e)
{
	struct apply_info *ai = e->sema;
	struct decl *d = ai->impl;
	size_t np = d->u.let.nparams;
	struct evres *args = arena_alloc(ev->p->arena, (np + 1) * sizeof(*args));
	struct eframe frame = {d, args}, *saved = ev->env;
	struct evres r;

	for (size_t k = 0; k < np; k++) {
		if (!ai->bound[k])
			ev->env = NULL;	/* defaults are global */
		args[k] = eval_expr(ev, ai->bound[k] ? ai->bound[k]
						     : d->u.let.params[k].def);
		ev->env = saved;
	}
	ev->env = &frame;
	r = eval_expr(ev, d->u.let.value);
	ev->env = saved;
	return r;
}

/* A name bound by the let whose value is being evaluated, or NULL. */
static struct evres *env_lookup(struct evaluator *ev, const char *name)
{
	if (!ev->env)
		return NULL;
	for (size_t k = 0; k < ev->env->let->u.let.nparams; k++)
		if (!strcmp(ev->env->let->u.let.params[k].name, name))
			return &ev->env->args[k];
	return NULL;
}

static struct evres eval_expr(struct evaluator *ev, struct expr *e)
{
	struct program *p = ev->p;
	struct evres r = {NULL, NULL};
	struct decl *d;

	if (!sema_enter(p, &e->pos))
		return r;
	switch (e->kind) {
	case EXPR_NAME: {
		struct evres *bound = env_lookup(ev, e->u.name.name);
		if (bound) {
			r = *bound;
			break;
		}
		d = hmap_get(&p->names, e->u.name.name);
		if (d->kind == DECL_LET && d->u.let.has_params)
			r = eval_let_apply(ev, e);
		else if (d->kind == DECL_LET)
			r = eval_let(ev, d);
		else if (d->kind == DECL_KEY)
			r.value = key_value(p, d);
		else
			r = eval_apply(ev, e);
		break;
	}
	case EXPR_APPLY:
		r = ((struct apply_info *)e->sema)->impl->kind == DECL_LET
			? eval_let_apply(ev, e) : eval_apply(ev, e);
		break;
	case EXPR_STRING:
		r.value = arena_alloc(p->arena, sizeof(struct value));
		r.value->kind = VAL_STRING;
		r.value->s = e->u.str.s;
		r.value->len = e->u.str.len;
		break;
	case EXPR_INT:
		r.value = arena_alloc(p->arena, sizeof(struct value));
		r.value->kind = VAL_INT;
		r.value->i = e->u.ival;
		break;
	case EXPR_BOOL:
		r.value = arena_alloc(p->arena, sizeof(struct value));
		r.value->kind = VAL_BOOL;
		r.value->b = e->u.bval;
		break;
	case EXPR_NOOP:
		if (!ev->noop) {
			ev->noop = new_node(ev, GN_DEVICE, &e->pos);
			ev->noop->signature = "job";
			ev->noop->is_job = true;
		}
		r.node = ev->noop;
		break;
	case EXPR_LIST:
		break;
	case EXPR_IF:
		r = eval_if(ev, e);
		break;
	case EXPR_MATCH:
		r = eval_match(ev, e);
		break;
	}
	sema_leave(p);
	return r;
}

/* ---- the graph ----------------------------------------------------------------- */

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
static bool order_graph(struct program *p, struct graph *g,
			struct gnode **roots, size_t nroots, size_t ncreated,
			struct reach *reach)
{
	struct frame *st = xmalloc((ncreated + 1) * sizeof(*st));
	bool ok = true;

	for (size_t r = 0; r < nroots; r++) {
		size_t sp = 0;
		if (!roots[r] || reach[roots[r]->index].color)
			continue;
		st[sp++] = (struct frame){roots[r], 0};
		reach[roots[r]->index].color = 1;
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

static void name_nodes(struct program *p, struct graph *g)
{
	for (size_t i = 0; i < g->nodes.len; i++) {
		struct gnode *n = g->nodes.items[i];
		n->index = i;
		if (n->kind == GN_CHOICE)
			n->id = n->key ? arena_printf(p->arena, "match_%s_%zu",
						      n->key, i + 1)
				       : arena_printf(p->arena, "if_%zu", i + 1);
		else
			n->id = arena_printf(p->arena, "%s_%zu", n->impl ?
					     n->impl->name : "noop", i + 1);
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
			    decl_kind_name(n->impl->kind), n->impl->name, target);
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

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
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
			const char *path = join_path(p->arena, p->root->src->dir,
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
		for (size_t j = 0; ii->f_header && j < ii->f_header->nvalues;
		     j++) {
			struct expr *v = ii->f_header->values[j];
			const char *path = join_path(p->arena,
						     n->impl->file->dir,
						     v->u.str.s);
			if (file_exists(path))
				continue;
			diag_report(p->diag, CHK_MISSING_FILE, &v->pos,
				    "header file '%s' of %s '%s' does not "
				    "exist (looked for %s)", v->u.str.s,
				    decl_kind_name(n->impl->kind),
				    n->impl->name, path);
		}
	}
	hmap_free(&done);
}

/*
 * A sources file that does not exist yet is a warning, not an error: the
 * user configures first and writes the C against mirc.h (the Makefile
 * stops, naming the file, until it exists).  The notes give the
 * prototypes the impl's sources must define, which needs the model.
 */
static void check_sources(struct program *p, const struct model *m)
{
	for (size_t i = 0; i < m->nimpls; i++) {
		const struct mimpl *mi = m->impls[i];
		const struct impl_info *ii = mi->decl->sema;
		struct strbuf protos;
		bool any = false;

		for (size_t j = 0; ii->f_sources && j < ii->f_sources->nvalues;
		     j++) {
			struct expr *v = ii->f_sources->values[j];
			const char *path = join_path(p->arena,
						     mi->decl->file->dir,
						     v->u.str.s);
			if (file_exists(path))
				continue;
			if (!diag_report(p->diag, CHK_MISSING_SOURCE, &v->pos,
					 "source file '%s' of %s '%s' does not "
					 "exist yet (looked for %s): the build "
					 "fails until it does", v->u.str.s,
					 decl_kind_name(mi->decl->kind),
					 mi->decl->name, path))
				continue;
			if (any) {
				diag_note(p->diag, NULL, "the prototypes are "
					  "those of the note above");
				continue;
			}
			any = true;
			diag_note(p->diag, NULL, "the sources of %s '%s' must "
				  "define (mirc.h declares them):",
				  decl_kind_name(mi->decl->kind), mi->decl->name);
			sb_init(&protos);
			emit_prototypes(&protos, p->arena, mi);
			for (char *l = protos.buf, *e; l && *l; l = e) {
				size_t n = strcspn(l, "\n");
				e = l[n] ? l + n + 1 : l + n;
				diag_note(p->diag, NULL, "  %.*s", (int)n, l);
			}
			sb_free(&protos);
		}
	}
}

/* Runtime args used by the graph, in order of first use. */
static void collect_args(struct program *p, struct model *m)
{
	struct hmap seen;
	VEC(struct decl *) args = {0};

	hmap_init(&seen);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		struct gnode *n = m->graph->nodes.items[i];
		for (size_t j = 0; j < n->nruntime_args; j++) {
			struct decl *a = n->runtime_args[j];
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

/* ---- what code generation needs ------------------------------------------------ */

struct cg {
	struct program *p;
	struct model *m;
	struct hmap sigs, impls;
	VEC(struct msig *) sigv;
	VEC(struct mimpl *) implv;
	char project_real[4096];
};

/* Signatures with their parents first, each once. */
static struct msig *cg_sig(struct cg *cg, struct decl *d)
{
	struct msig *ms = hmap_get(&cg->sigs, d->name);
	struct sig_info *si = d->sema;

	if (ms)
		return ms;
	ms = arena_alloc(cg->p->arena, sizeof(*ms));
	ms->decl = d;
	hmap_put(&cg->sigs, d->name, ms);
	if (si && si->nparents) {
		ms->parents = arena_alloc(cg->p->arena,
					  si->nparents * sizeof(*ms->parents));
		for (size_t i = 0; i < si->nparents; i++)
			ms->parents[ms->nparents++] = cg_sig(cg, si->parents[i]);
	}
	vec_push(cg->p->arena, &cg->sigv, ms);
	return ms;
}

/* A path of an impl's field as the Makefile and mirc.h spell it. */
static const char *cg_path(struct cg *cg, struct decl *d, const char *rel)
{
	const char *path = join_path(cg->p->arena, d->file->dir, rel);
	char real[4096];
	size_t n = strlen(cg->project_real);

	if (!realpath(path, real)) {
		/* A source not written yet (missing-source): the real path
		 * of its directory and its name, so the Makefile names it
		 * from the project directory. */
		const char *slash = strrchr(path, '/');
		const char *dir = slash ? arena_strndup(cg->p->arena, path,
				(size_t)(slash - path) + (slash == path)) : ".";
		const char *base = slash ? slash + 1 : path;
		size_t len;
		if (!realpath(dir, real))
			return path;
		len = strlen(real);
		if (len + strlen(base) + 2 > sizeof(real))
			return path;
		snprintf(real + len, sizeof(real) - len, "%s%s",
			 real[len - 1] == '/' ? "" : "/", base);
	}
	if (n && !strncmp(real, cg->project_real, n) && real[n] == '/')
		return arena_strdup(cg->p->arena, real + n + 1);
	return arena_strdup(cg->p->arena, real);
}

static const char **cg_strings(struct cg *cg, struct decl *d,
			       struct field *f, size_t *n, bool paths)
{
	const char **v;

	*n = 0;
	if (!f)
		return NULL;
	v = arena_alloc(cg->p->arena, (f->nvalues + 1) * sizeof(char *));
	for (size_t i = 0; i < f->nvalues; i++)
		v[(*n)++] = paths ? cg_path(cg, d, f->values[i]->u.str.s)
				  : f->values[i]->u.str.s;
	return v;
}

static struct mimpl *cg_impl(struct cg *cg, struct decl *d)
{
	struct mimpl *mi = hmap_get(&cg->impls, d->name);
	struct impl_info *ii = d->sema;
	struct arena *a = cg->p->arena;

	if (mi)
		return mi;
	mi = arena_alloc(a, sizeof(*mi));
	hmap_put(&cg->impls, d->name, mi);
	mi->decl = d;
	mi->prefix = ii->f_prefix ? ii->f_prefix->values[0]->u.str.s : d->name;
	mi->is_job = d->kind == DECL_JOB;
	mi->result = mi->is_job ? NULL : cg_sig(cg, ii->result);
	mi->connect = ii->f_connect != NULL;
	mi->stateless = ii->f_stateless != NULL;
	mi->embed_param = ii->embed_param;
	mi->param_sigs = arena_alloc(a, (d->u.impl.nparams + 1) *
				     sizeof(struct msig *));
	for (size_t k = 0; k < d->u.impl.nparams; k++)
		if (ii->param_types[k].kind == TY_DEVICE)
			mi->param_sigs[k] = cg_sig(cg, ii->param_types[k].sig);
	mi->headers = cg_strings(cg, d, ii->f_header, &mi->nheaders, true);
	mi->sources = cg_strings(cg, d, ii->f_sources, &mi->nsources, true);
	mi->packages = cg_strings(cg, d, ii->f_packages, &mi->npackages, false);
	mi->cflags = cg_strings(cg, d, ii->f_cflags, &mi->ncflags, false);
	mi->ldflags = cg_strings(cg, d, ii->f_ldflags, &mi->nldflags, false);
	mi->runtime_args = ii->runtime_args;
	mi->nruntime_args = ii->nruntime_args;
	vec_push(a, &cg->implv, mi);
	return mi;
}

static void collect_codegen(struct program *p, struct model *m)
{
	struct cg cg = {p, m, {0}, {0}, {0}, {0}, ""};

	hmap_init(&cg.sigs);
	hmap_init(&cg.impls);
	if (!realpath(p->root->src->dir, cg.project_real))
		cg.project_real[0] = '\0';
	/* Every signature of the program, not only those the graph uses:
	 * an impl header shared with an impl the keys chose away may name
	 * any of them (c-interface.md 2).  Those that are the type of a
	 * device parameter of some impl or job (whichever the keys chose)
	 * are the handles user code is given.  In declaration order, so
	 * that this part of mirc.h does not change with the keys. */
	struct hmap handles;
	check_handle_sigs(p, &handles);
	for (size_t i = 0; i < p->decls.len; i++) {
		struct decl *d = p->decls.items[i];
		if (d->kind == DECL_SIGNATURE && d != p->job_sig)
			cg_sig(&cg, d)->handle =
				hmap_get(&handles, d->name) != NULL;
	}
	hmap_free(&handles);
	for (size_t i = 0; i < m->graph->nodes.len; i++) {
		struct gnode *n = m->graph->nodes.items[i];
		if (n->impl)
			n->mi = cg_impl(&cg, n->impl);
	}
	/* The ctypes named in the signatures' prototypes. */
	struct hmap ct;
	VEC(struct decl *) ctv = {0};
	hmap_init(&ct);
	for (size_t i = 0; i < cg.sigv.len; i++) {
		struct sig_decl *sd = &cg.sigv.items[i]->decl->u.sig;
		for (size_t j = 0; j < sd->nops; j++) {
			struct op *op = &sd->ops[j];
			for (size_t k = 0; k <= op->nparams; k++) {
				struct cdecl *cd = k ? &op->params[k - 1] : &op->ret;
				for (size_t t = 0; t < cd->ntoks; t++) {
					struct decl *d = hmap_get(&p->names,
								  cd->toks[t].text);
					if (!d || d->kind != DECL_CTYPE ||
					    hmap_get(&ct, d->name))
						continue;
					hmap_put(&ct, d->name, d);
					vec_push(p->arena, &ctv, d);
				}
			}
		}
	}
	hmap_free(&ct);
	m->ctypes = ctv.items;
	m->nctypes = ctv.len;
	hmap_free(&cg.sigs);
	hmap_free(&cg.impls);
	m->sigs = cg.sigv.items;
	m->nsigs = cg.sigv.len;
	m->impls = cg.implv.items;
	m->nimpls = cg.implv.len;
	m->project_dir = p->root->src->dir;
	m->home = p->opts->home;
}

struct model *eval_program(struct program *p, bool evaluate)
{
	struct model *m = arena_alloc(p->arena, sizeof(*m));
	struct evaluator ev = {p, NULL, evaluate, {0}, 0, NULL};
	struct graph *g = arena_alloc(p->arena, sizeof(*g));
	struct gnode **roots;
	struct reach *reach;
	size_t *old_index;
	int rc;

	rc = resolve_keys(p, m);
	if (rc != MIRC_OK) {
		p->usage_error = true;
		return NULL;
	}
	if (diag_has_errors(p->diag))
		return NULL;
	m->name = p->reg->name;
	m->root_file = p->root->src->path;
	m->graph = g;
	g->evaluated = evaluate;
	hmap_init(&ev.share);
	/* Lets first, in declaration order, so that evaluation recurses
	 * only as deep as expressions nest. */
	for (size_t i = 0; i < p->decls.len; i++)
		if (p->decls.items[i]->kind == DECL_LET &&
		    !p->decls.items[i]->u.let.has_params)
			eval_let(&ev, p->decls.items[i]);
	roots = arena_alloc(p->arena, (p->reg->njobs + 1) * sizeof(*roots));
	for (size_t i = 0; i < p->reg->njobs; i++) {
		roots[i] = eval_expr(&ev, p->reg->jobs[i]).node;
		if (roots[i])
			vec_push(p->arena, &g->jobs, roots[i]);
	}
	hmap_free(&ev.share);
	if (diag_has_errors(p->diag))
		return NULL;

	reach = xcalloc(ev.ncreated + 1, sizeof(*reach));
	bool ok = order_graph(p, g, roots, p->reg->njobs, ev.ncreated, reach);
	/* Ids follow the connect order; keep the creation index for reach. */
	old_index = xmalloc((g->nodes.len + 1) * sizeof(size_t));
	for (size_t i = 0; i < g->nodes.len; i++)
		old_index[i] = g->nodes.items[i]->index;
	name_nodes(p, g);
	if (ok && evaluate) {
		check_available(p, g, m->target, reach, old_index);
		if (p->opts->check_files)
			check_files(p, g);
	}
	free(old_index);
	free(reach);
	collect_args(p, m);
	if (evaluate && !diag_has_errors(p->diag)) {
		collect_codegen(p, m);
		if (p->opts->check_files)
			check_sources(p, m);
	}
	if (diag_has_errors(p->diag))
		return NULL;
	return m;
}
