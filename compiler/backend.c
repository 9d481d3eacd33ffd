/* SPDX-License-Identifier: MIT */
/*
 * backend.c - read the target descriptors backends/NAME/backend.json.
 * The set of directories is the `target` key's set of values, so adding a
 * target never means editing the compiler.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend.h"

const char *const backend_default_names[BACKEND_NDEFAULTS] = {
	"console", "time", "mclock", "pclock", "random",
};

static const char *jstr(struct arena *a, json_t *o, const char *k,
			const char *def)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : def;
}

static const char **jstrings(struct arena *a, json_t *v, size_t *n)
{
	const char **out;

	*n = 0;
	if (!json_is_array(v))
		return NULL;
	out = arena_alloc(a, (json_array_size(v) + 1) * sizeof(char *));
	for (size_t i = 0; i < json_array_size(v); i++)
		if (json_is_string(json_array_get(v, i)))
			out[(*n)++] = arena_strdup(a, json_string_value(
						json_array_get(v, i)));
	return out;
}

static int name_cmp(const void *a, const void *b)
{
	const struct backend *x = *(struct backend *const *)a;
	const struct backend *y = *(struct backend *const *)b;
	return strcmp(x->name, y->name);
}

static bool valid_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

static bool is_solo5_type(const char *t)
{
	return t && (!strcmp(t, "BLOCK_BASIC") || !strcmp(t, "NET_BASIC"));
}

/* The "solo5" object, run.device_options and run.absent_options; see
 * backend.h. */
static int load_solo5(struct arena *a, struct backend *b, json_t *root,
		      const char *path, const char **err)
{
	json_t *s = json_object_get(root, "solo5"), *devs, *v;
	json_t *opts = json_object_get(json_object_get(root, "run"),
				       "device_options");
	const char *k;

	b->dev_opts[0] = jstrings(a, json_object_get(opts, "BLOCK_BASIC"),
				  &b->ndev_opts[0]);
	b->dev_opts[1] = jstrings(a, json_object_get(opts, "NET_BASIC"),
				  &b->ndev_opts[1]);
	opts = json_object_get(json_object_get(root, "run"), "absent_options");
	b->absent_opts[0] = jstrings(a, json_object_get(opts, "BLOCK_BASIC"),
				     &b->nabsent_opts[0]);
	b->absent_opts[1] = jstrings(a, json_object_get(opts, "NET_BASIC"),
				     &b->nabsent_opts[1]);
	if (!s)
		return 0;
	devs = json_object_get(s, "devices");
	b->solo5_devs = arena_alloc(a, (json_object_size(devs) + 1) *
				    sizeof(*b->solo5_devs));
	json_object_foreach(devs, k, v) {
		struct backend_solo5_dev *d = &b->solo5_devs[b->nsolo5_devs++];
		d->impl = arena_strdup(a, k);
		d->type = jstr(a, v, "type", NULL);
		d->name_param = jstr(a, v, "name_param", NULL);
		d->name = jstr(a, v, "name", NULL);
		if (!is_solo5_type(d->type) || !d->name_param == !d->name) {
			*err = arena_printf(a, "%s: solo5.devices.%s needs "
					    "\"type\" (BLOCK_BASIC or NET_BASIC) "
					    "and one of \"name_param\" or \"name\"",
					    path, k);
			return -1;
		}
	}
	return 0;
}

/* "defaults": every standard device named by an impl the target
 * provides (checked by tests/targets/descriptors.py), random possibly
 * null; a missing one would leave the generated `match target`
 * non-exhaustive and every program failing, so it is refused here. */
static int load_defaults(struct arena *a, struct backend *b, json_t *root,
			 const char *path, const char **err)
{
	json_t *d = json_object_get(root, "defaults");

	for (int i = 0; i < BACKEND_NDEFAULTS; i++) {
		json_t *v = json_object_get(d, backend_default_names[i]);
		if (json_is_string(v)) {
			b->defaults[i] = arena_strdup(a, json_string_value(v));
			continue;
		}
		if (i == BACKEND_RANDOM && json_is_null(v))
			continue;
		*err = arena_printf(a, "%s: defaults.%s must name an impl%s",
				    path, backend_default_names[i],
				    i == BACKEND_RANDOM ? " (or be null: no "
				    "entropy source)" : "");
		return -1;
	}
	b->insecure_random = jstr(a, d, "insecure_random", NULL);
	b->network = jstr(a, d, "network", NULL);
	const char *stack = jstr(a, d, "stack", "direct");
	if (strcmp(stack, "socket") && strcmp(stack, "direct")) {
		*err = arena_printf(a, "%s: defaults.stack must be \"socket\" "
				    "or \"direct\"", path);
		return -1;
	}
	b->socket_stack = !strcmp(stack, "socket");
	return 0;
}

static int load_key_limits(struct arena *a, struct backend *b, json_t *root,
			   const char *path, const char **err)
{
	json_t *lims = json_object_get(root, "key_limits"), *v;
	const char *k;

	b->key_limits = arena_alloc(a, (json_object_size(lims) + 1) *
				    sizeof(*b->key_limits));
	json_object_foreach(lims, k, v) {
		struct backend_key_limit *l = &b->key_limits[b->nkey_limits++];
		json_t *mn = json_object_get(v, "min");
		json_t *mu = json_object_get(v, "multiple_of");
		l->key = arena_strdup(a, k);
		l->zero = jstr(a, v, "zero", NULL);
		l->min = json_is_integer(mn) ? json_integer_value(mn) : 0;
		l->multiple = json_is_integer(mu) ? json_integer_value(mu) : 1;
		if (l->multiple < 1) {
			*err = arena_printf(a, "%s: key_limits.%s.multiple_of "
					    "must be at least 1", path, k);
			return -1;
		}
	}
	return 0;
}

static int load_one(struct arena *a, const char *dir, const char *name,
		    struct backend **out, const char **err)
{
	const char *path = arena_printf(a, "%s/%s/backend.json", dir, name);
	struct backend *b;
	json_error_t jerr;
	json_t *root, *v;

	root = json_load_file(path, 0, &jerr);
	if (!root) {
		*err = arena_printf(a, "%s:%d:%d: %s", path, jerr.line,
				    jerr.column, jerr.text);
		return -1;
	}
	if (!json_is_object(root) || !json_is_string(json_object_get(root, "name")) ||
	    strcmp(json_string_value(json_object_get(root, "name")), name)) {
		*err = arena_printf(a, "%s: \"name\" must be \"%s\", the "
				    "directory's name", path, name);
		json_decref(root);
		return -1;
	}
	b = arena_alloc(a, sizeof(*b));
	b->name = arena_strdup(a, name);
	b->dir = arena_printf(a, "%s/%s", dir, name);
	b->description = jstr(a, root, "description", "");
	b->kind = jstr(a, root, "kind", "hosted");
	b->boot_args = jstr(a, root, "boot_args", "argv");
	v = json_object_get(root, "artifact");
	b->artifact_ext = jstr(a, v, "extension", "");
	b->cc = jstr(a, json_object_get(root, "toolchain"), "cc", "cc");
	b->cflags = jstrings(a, json_object_get(root, "cflags"), &b->ncflags);
	b->ldflags = jstrings(a, json_object_get(root, "ldflags"), &b->nldflags);
	b->libs = jstrings(a, json_object_get(root, "libs"), &b->nlibs);
	b->runtime = jstrings(a, json_object_get(json_object_get(root,
				"runtime"), "sources"), &b->nruntime);
	b->linker_script = jstr(a, root, "linker_script", NULL);
	b->cmdline_opt = jstrings(a, json_object_get(json_object_get(root,
				"run"), "cmdline_option"), &b->ncmdline_opt);
	if (load_solo5(a, b, root, path, err) != 0) {
		json_decref(root);
		return -1;
	}
	b->libvirt = jstr(a, root, "libvirt", NULL);
	b->outputs = jstrings(a, json_object_get(root, "outputs"),
			      &b->noutputs);
	b->solo5_manifest = backend_has_output(b, "solo5-manifest");
	if (backend_has_output(b, "libvirt-domain") && !b->libvirt) {
		*err = arena_printf(a, "%s: output \"libvirt-domain\" needs "
				    "\"libvirt\", the domain's template", path);
		json_decref(root);
		return -1;
	}
	b->provides = jstrings(a, json_object_get(root, "provides"),
			       &b->nprovides);
	if (load_defaults(a, b, root, path, err) != 0) {
		json_decref(root);
		return -1;
	}
	if (load_key_limits(a, b, root, path, err) != 0) {
		json_decref(root);
		return -1;
	}
	v = json_object_get(json_object_get(root, "run"), "command");
	if (json_is_array(v)) {
		b->nrun = json_array_size(v);
		b->run = arena_alloc(a, (b->nrun + 1) * sizeof(char *));
		for (size_t i = 0; i < b->nrun; i++) {
			json_t *s = json_array_get(v, i);
			b->run[i] = json_is_string(s)
				? arena_strdup(a, json_string_value(s)) : "";
		}
	}
	json_decref(root);
	*out = b;
	return 0;
}

int backend_load_all(struct arena *a, const char *home,
		     struct backend_set *out, const char **err)
{
	const char *dir = arena_printf(a, "%s/backends", home);
	VEC(struct backend *) v = {0};
	struct dirent *de;
	DIR *d = opendir(dir);

	out->items = NULL;
	out->len = 0;
	if (!d) {
		*err = arena_printf(a, "cannot open %s", dir);
		return -1;
	}
	while ((de = readdir(d))) {
		struct backend *b;
		struct stat st;
		if (!valid_name(de->d_name))
			continue;
		if (stat(arena_printf(a, "%s/%s/backend.json", dir, de->d_name),
			 &st) != 0)
			continue;
		if (load_one(a, dir, de->d_name, &b, err) != 0) {
			closedir(d);
			return -1;
		}
		vec_push(a, &v, b);
	}
	closedir(d);
	if (!v.len) {
		*err = arena_printf(a, "no backend descriptors in %s", dir);
		return -1;
	}
	qsort(v.items, v.len, sizeof(*v.items), name_cmp);
	out->items = v.items;
	out->len = v.len;
	return 0;
}

const struct backend *backend_find(const struct backend_set *s,
				   const char *name)
{
	for (size_t i = 0; i < s->len; i++)
		if (strcmp(s->items[i]->name, name) == 0)
			return s->items[i];
	return NULL;
}

static bool in_list(const char *const *l, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i], s) == 0)
			return true;
	return false;
}

bool backend_provides(const struct backend *b, const char *impl)
{
	return in_list(b->provides, b->nprovides, impl);
}

bool backend_has_output(const struct backend *b, const char *output)
{
	return in_list(b->outputs, b->noutputs, output);
}

/* One default's value on b, as a .mir expression. */
static const char *default_expr(struct arena *a, const struct backend *b,
				int i)
{
	const char *impl = b->defaults[i];

	if (i != BACKEND_RANDOM)
		return impl;
	if (!impl)
		impl = "random_none";
	if (!b->insecure_random || !strcmp(b->insecure_random, impl))
		return impl;
	return arena_printf(a, "if insecure_random then %s else %s",
			    b->insecure_random, impl);
}

/* `match target { ... }` of expr[t] for every target t, targets with the
 * same expression sharing an arm, in name order. */
static void put_match(struct strbuf *sb, const struct backend_set *s,
		      const char **expr, bool *done, const char *indent)
{
	sb_puts(sb, "match target {\n");
	for (size_t t = 0; t < s->len; t++)
		done[t] = false;
	for (size_t t = 0; t < s->len; t++) {
		if (done[t])
			continue;
		sb_printf(sb, "%s\t%s", indent, s->items[t]->name);
		for (size_t u = t + 1; u < s->len; u++) {
			if (done[u] || strcmp(expr[t], expr[u]))
				continue;
			sb_printf(sb, " | %s", s->items[u]->name);
			done[u] = true;
		}
		sb_printf(sb, " => %s,\n", expr[t]);
	}
	sb_printf(sb, "%s};\n", indent);
}

const char *backend_defaults_mir(struct arena *a, const struct backend_set *s)
{
	struct strbuf sb;
	const char **expr = arena_alloc(a, (s->len + 1) * sizeof(char *));
	bool *done = arena_alloc(a, s->len + 1);
	const char *out;

	sb_init(&sb);
	sb_puts(&sb, "// The default_* lets, generated by mirc from the "
		"\"defaults\" of every\n// backends/NAME/backend.json "
		"(see backends/README.md).\n");
	for (int i = 0; i < BACKEND_NDEFAULTS; i++) {
		sb_printf(&sb, "\nlet default_%s = ", backend_default_names[i]);
		for (size_t t = 0; t < s->len; t++)
			expr[t] = default_expr(a, s->items[t], i);
		put_match(&sb, s, expr, done, "");
	}
	/* A target without a NIC gets the prelude's marker network_none. */
	sb_puts(&sb, "\nlet default_network = ");
	for (size_t t = 0; t < s->len; t++)
		expr[t] = s->items[t]->network ? s->items[t]->network
					       : "network_none";
	put_match(&sb, s, expr, done, "");
	/* What the key net's value auto means: the prelude's generic_stack
	 * applies it. */
	sb_puts(&sb, "\n// What --net=auto means on each target.\n"
		"let default_stack(network: NETWORK = default_network) : STACK"
		" =\n\t");
	for (size_t t = 0; t < s->len; t++)
		expr[t] = s->items[t]->socket_stack ? "socket_stack"
						    : "direct_stack(network, dhcp)";
	put_match(&sb, s, expr, done, "\t");
	out = arena_strndup(a, sb.buf, sb.len);
	sb_free(&sb);
	return out;
}

void backend_expand_device_word(struct strbuf *sb, const char *w,
				const char *name, bool first,
				void (*netdev)(struct strbuf *sb,
					       const char *name, bool first))
{
	/* qemu's ids start with a letter; a Solo5 name may start with a
	 * digit. */
	struct strbuf id;

	sb_init(&id);
	sb_printf(&id, "%s%s", BACKEND_QEMU_ID_PREFIX, name);
	while (*w) {
		if (!strncmp(w, "@DEVICE@", 8)) {
			sb_puts(sb, name);
			w += 8;
		} else if (!strncmp(w, "@NETDEV@", 8)) {
			netdev(sb, id.buf, first);
			w += 8;
		} else if (!strncmp(w, "@ID@", 4)) {
			sb_puts(sb, id.buf);
			w += 4;
		} else {
			sb_putc(sb, *w++);
		}
	}
	sb_free(&id);
}
