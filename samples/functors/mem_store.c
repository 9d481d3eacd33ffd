/* SPDX-License-Identifier: MIT */
/*
 * mem_store.c - STORE: a table in memory.  get returns the value's
 * length (copying at most len bytes into buf) or -ENOENT; put fails with
 * -ENAMETOOLONG, -EFBIG or -ENOSPC when a key, a value or the table is
 * too big.
 */
#include <errno.h>
#include <string.h>

#include "mirc.h"

static struct store_entry *find(struct mem_store *self, const char *key)
{
	for (size_t i = 0; i < MEM_STORE_SIZE; i++)
		if (self->e[i].key[0] && strcmp(self->e[i].key, key) == 0)
			return &self->e[i];
	return NULL;
}

int mem_store_connect(struct mem_store *self)
{
	memset(self, 0, sizeof *self);
	return 0;
}

int mem_store_get(struct mem_store *self, const char *key, void *buf, size_t len)
{
	struct store_entry *e = find(self, key);

	if (!e)
		return -ENOENT;
	memcpy(buf, e->value, len < e->len ? len : e->len);
	return (int)e->len;
}

int mem_store_put(struct mem_store *self, const char *key, const void *data,
		  size_t len)
{
	struct store_entry *e = find(self, key);

	if (!key[0] || strlen(key) > STORE_KEY_MAX)
		return -ENAMETOOLONG;
	if (len > STORE_VALUE_MAX)
		return -EFBIG;
	for (size_t i = 0; !e && i < MEM_STORE_SIZE; i++)
		if (!self->e[i].key[0])
			e = &self->e[i];
	if (!e)
		return -ENOSPC;
	strcpy(e->key, key);
	memcpy(e->value, data, len);
	e->len = len;
	return 0;
}

int mem_store_remove(struct mem_store *self, const char *key)
{
	struct store_entry *e = find(self, key);

	if (!e)
		return -ENOENT;
	e->key[0] = '\0';
	return 0;
}
