/* SPDX-License-Identifier: MIT */
/*
 * kv_mem.c - KV_RW in memory: a sorted table (table.h) that set and
 * remove keep sorted.  Dictionaries exist while some key is below them.
 */
#include "kv_mem.h"
#include "table.h"

void kv_mem_get(struct kv_mem *self, const char *key, mirc_kv_get_cb done,
		void *arg)
{
	table_get(self->items, self->n, key, 0, UINT64_MAX, true, done, arg);
}

void kv_mem_get_partial(struct kv_mem *self, const char *key, uint64_t offset,
			size_t len, mirc_kv_get_cb done, void *arg)
{
	table_get(self->items, self->n, key, offset, len, true, done, arg);
}

void kv_mem_exists(struct kv_mem *self, const char *key,
		   mirc_kv_exists_cb done, void *arg)
{
	table_exists(self->items, self->n, key, done, arg);
}

void kv_mem_size(struct kv_mem *self, const char *key, mirc_kv_size_cb done,
		 void *arg)
{
	table_size(self->items, self->n, key, done, arg);
}

void kv_mem_list(struct kv_mem *self, const char *dir, mirc_kv_list_cb done,
		 void *arg)
{
	table_list(self->items, self->n, dir, done, arg);
}

/* The names and data are ours although the table type says const. */
static void release(struct mirc_embed_file *f)
{
	free((void *)f->name);
	free((void *)f->data);
}

/* 0, or why key cannot become a value: a dictionary already, or below a
 * value ("a/b" while "a" is a value). */
static int settable(struct kv_mem *self, const char *key)
{
	size_t lo, hi;
	char prefix[MIRC_KV_KEY_MAX + 1];

	table_below(self->items, self->n, key, &lo, &hi);
	if (lo < hi)
		return -EISDIR;
	for (size_t i = 0; key[i]; i++) {
		if (key[i] != '/')
			continue;
		memcpy(prefix, key, i);
		prefix[i] = '\0';
		if (table_find(self->items, self->n, prefix))
			return -ENOTDIR;
	}
	return 0;
}

static int set(struct kv_mem *self, const char *key, const void *data,
	       size_t len)
{
	size_t i = table_lower(self->items, self->n, key);
	unsigned char *copy;
	char *name;
	int err;

	if ((err = table_value_key(key)) || (err = settable(self, key)))
		return err;
	/* Copy now, so the caller's buffer is free as soon as we return. */
	if (!(copy = malloc(len ? len : 1)))
		return -ENOMEM;
	if (len)
		memcpy(copy, data, len);
	if (i < self->n && !strcmp(self->items[i].name, key)) {
		free((void *)self->items[i].data);
		self->items[i].data = copy;
		self->items[i].size = len;
		return 0;
	}
	if (self->n == self->cap) {
		size_t cap = self->cap ? 2 * self->cap : 16;
		void *p = realloc(self->items, cap * sizeof(*self->items));
		if (!p) {
			free(copy);
			return -ENOMEM;
		}
		self->items = p;
		self->cap = cap;
	}
	if (!(name = malloc(strlen(key) + 1))) {
		free(copy);
		return -ENOMEM;
	}
	strcpy(name, key);
	memmove(self->items + i + 1, self->items + i,
		(self->n - i) * sizeof(*self->items));
	self->items[i] = (struct mirc_embed_file){ name, copy, len };
	self->n++;
	return 0;
}

void kv_mem_set(struct kv_mem *self, const char *key, const void *data,
		size_t len, mirc_kv_done_cb done, void *arg)
{
	later_done(done, arg, set(self, key, data, len));
}

/* A value, or a dictionary with everything below it. */
static int removekey(struct kv_mem *self, const char *key)
{
	size_t lo, hi;

	if (!mirc_kv_key_valid(key))
		return key_error(key);
	if (!*key)
		return -EINVAL;		/* the root stays */
	lo = table_lower(self->items, self->n, key);
	if (lo < self->n && !strcmp(self->items[lo].name, key)) {
		hi = lo + 1;
	} else {
		table_below(self->items, self->n, key, &lo, &hi);
		if (lo == hi)
			return -ENOENT;
	}
	for (size_t i = lo; i < hi; i++)
		release(&self->items[i]);
	memmove(self->items + lo, self->items + hi,
		(self->n - hi) * sizeof(*self->items));
	self->n -= hi - lo;
	return 0;
}

void kv_mem_remove(struct kv_mem *self, const char *key, mirc_kv_done_cb done,
		   void *arg)
{
	later_done(done, arg, removekey(self, key));
}
