/* SPDX-License-Identifier: MIT */
/*
 * cache.c - STORE: a least-recently-used cache in front of another STORE
 * (the functor `cache(backing, entries)`).  Reads are served from the
 * cache when they can be and fill it when they cannot; writes and removes
 * go through to the backing store first and update the cache only when
 * that succeeded, so the two never disagree.
 *
 * Every instance logs under its own source, "cache1", "cache2", ... in
 * connect order: hits, misses and evictions at debug level.
 */
#include <errno.h>
#include <string.h>

#include "mirc.h"

static unsigned instances;

/* "cache" and n in decimal, into buf[16]. */
static void name(char *buf, unsigned n)
{
	char digits[10];
	size_t k = 0;

	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) && k < sizeof digits);
	strcpy(buf, "cache");
	for (size_t i = 0; i < k; i++)
		buf[5 + i] = digits[k - 1 - i];
	buf[5 + k] = '\0';
}

int cache_connect(struct cache *self, struct STORE backing, int64_t entries)
{
	if (entries < 1 || entries > CACHE_MAX) {
		mirc_log_err("entries must be between 1 and %d", CACHE_MAX);
		return -EINVAL;
	}
	memset(self, 0, sizeof *self);
	self->backing = backing;
	self->size = (size_t)entries;
	name(self->name, ++instances);
	mirc_log_info("%s: up to %zu entries in front of another store",
		      self->name, self->size);
	return 0;
}

static struct store_entry *find(struct cache *self, const char *key)
{
	for (size_t i = 0; i < self->size; i++)
		if (self->e[i].key[0] && strcmp(self->e[i].key, key) == 0)
			return &self->e[i];
	return NULL;
}

/* A slot for key: a free one, else the least recently used. */
static struct store_entry *slot(struct cache *self, const char *key)
{
	struct store_entry *lru = &self->e[0];

	for (size_t i = 0; i < self->size; i++) {
		if (!self->e[i].key[0])
			return &self->e[i];
		if (self->e[i].used < lru->used)
			lru = &self->e[i];
	}
	self->evictions++;
	mirc_log(MIRC_LOG_DEBUG, self->name, "evict '%s' for '%s'", lru->key, key);
	return lru;
}

/* Keep a copy of key's value, if it fits in an entry. */
static void remember(struct cache *self, const char *key, const void *data,
		     size_t len)
{
	struct store_entry *e = find(self, key);

	if (strlen(key) > STORE_KEY_MAX || len > STORE_VALUE_MAX) {
		if (e)
			e->key[0] = '\0';
		return;
	}
	if (!e)
		e = slot(self, key);
	strcpy(e->key, key);
	memcpy(e->value, data, len);
	e->len = len;
	e->used = ++self->clock;
}

static void forget(struct cache *self, const char *key)
{
	struct store_entry *e = find(self, key);

	if (e)
		e->key[0] = '\0';
}

int cache_get(struct cache *self, const char *key, void *buf, size_t len)
{
	struct store_entry *e = find(self, key);
	unsigned char value[STORE_VALUE_MAX];
	int n;

	if (e) {
		self->hits++;
		e->used = ++self->clock;
		mirc_log(MIRC_LOG_DEBUG, self->name, "hit '%s' (%llu hits, %llu misses)",
			 key, (unsigned long long)self->hits,
			 (unsigned long long)self->misses);
		memcpy(buf, e->value, len < e->len ? len : e->len);
		return (int)e->len;
	}
	self->misses++;
	mirc_log(MIRC_LOG_DEBUG, self->name, "miss '%s' (%llu hits, %llu misses)",
		 key, (unsigned long long)self->hits,
		 (unsigned long long)self->misses);
	n = STORE_get(self->backing, key, value, sizeof value);
	if (n < 0)
		return n;
	if ((size_t)n > sizeof value)	/* too big to keep: read it again */
		return STORE_get(self->backing, key, buf, len);
	remember(self, key, value, (size_t)n);
	memcpy(buf, value, len < (size_t)n ? len : (size_t)n);
	return n;
}

int cache_put(struct cache *self, const char *key, const void *data, size_t len)
{
	int rc = STORE_put(self->backing, key, data, len);

	if (rc < 0)
		return rc;
	remember(self, key, data, len);
	return 0;
}

int cache_remove(struct cache *self, const char *key)
{
	int rc = STORE_remove(self->backing, key);

	forget(self, key);
	return rc;
}
