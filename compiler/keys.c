/* SPDX-License-Identifier: MIT */
/*
 * keys.c - the keys pass: choose every key's value.
 *
 * Input: the checked program (its `key` declarations and the built-in
 * `target`), the command line's --KEY options and -t, and the context the
 * last configure saved.  Output: the model's keys (struct keyval, one per
 * key, the target first) and each key declaration's chosen value, which
 * evaluation reads.  Precedence: the command line, then the saved context,
 * then the declared default.  An unknown option is a usage error (exit 2),
 * found before any value is looked at; a value that does not fit its key
 * is a bad-literal diagnostic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "sema.h"

struct keyval *keys_kv(struct decl *k)
{
	struct keyarg_info *ki = k->sema;
	return ki ? ki->kv : NULL;
}

/* Whether the key `runtime` chose the small runtime. */
static bool runtime_small(const struct keyval *kvs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(kvs[i].name, "runtime"))
			return kvs[i].value.kind == VAL_ENUM &&
			       !strcmp(kvs[i].value.s, "small");
	return false;
}

/* Parse `text` as a value of key k; NULL on success or the reason. */
static const char *key_parse(struct program *p, struct keyval *kv,
			     const char *text)
{
	const struct vtype *t = kv->key ? kv->key->u.ka.type
					: p->target_key->u.ka.type;
	const char *why = check_decl_literal_text(p->arena, t, text);

	if (why)
		return why;
	switch (t->kind) {
	case VT_BOOL:
		kv->value.kind = VAL_BOOL;
		kv->value.b = !strcmp(text, "true");
		break;
	case VT_INT:
		kv->value.kind = VAL_INT;
		literal_parse_int(text, &kv->value.i);
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
static void keys_from_context(struct program *p, struct keyval *kvs, size_t n,
			      bool *set)
{
	struct context_saved cs;
	struct strbuf used;

	if (!context_read(p->arena, p->root->src->dir, &cs))
		return;
	p->saved_boot_args = cs.boot_args;
	sb_init(&used);
	/* kvs[0] is the target. */
	for (size_t s = 0; s < cs.nkeys && !set[0]; s++)
		if (!strcmp(cs.names[s], "target"))
			saved_key(p, &kvs[0], cs.values[s], &used);
	set[0] = true;
	for (size_t s = 0; s < cs.nkeys; s++) {
		const char *name = cs.names[s], *value = cs.values[s];
		if (!strcmp(name, "target"))
			continue;
		for (size_t i = 1; i < n; i++) {
			if (set[i] || strcmp(kvs[i].name, name))
				continue;
			set[i] = true;
			if (kvs[i].key && kvs[i].key->u.ka.insecure &&
			    (!cs.target || strcmp(cs.target, kvs[0].value.s))) {
				char *opt = arena_strdup(p->arena, name);
				for (char *c = opt; *c; c++)
					if (*c == '_')
						*c = '-';
				vec_push(p->arena, &p->context_notes, arena_printf(
					p->arena, "saved key %s=%s not used: it is "
					"marked insecure and was saved for target %s, "
					"not %s (give --%s=%s again to keep it)", name,
					value, cs.target ? cs.target : "(unknown)",
					kvs[0].value.s, opt, value));
				continue;
			}
			saved_key(p, &kvs[i], value, &used);
		}
	}
	if (used.len)
		p->saved_keys_used = arena_strdup(p->arena, used.buf);
	sb_free(&used);
}

static const char *suggest_key(struct keyval *kvs, size_t n, const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < n; i++) {
		size_t d = util_edit_distance(name, kvs[i].name, 2);
		if (d < best_d) {
			best_d = d;
			best = kvs[i].name;
		}
	}
	return best;
}

int keys_resolve(struct program *p, struct model *m)
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
		keys_from_context(p, kvs, n, set);
	m->keys = kvs;
	m->nkeys = n;
	m->target = kvs[0].value.s;
	m->runtime_small = runtime_small(kvs, n);
	return MIRC_OK;
}
