/* SPDX-License-Identifier: MIT */
/*
 * kv_mem.h - KV_RW in memory: starts empty, forgotten at exit.
 */
#ifndef MIRC_DEV_KV_MEM_H
#define MIRC_DEV_KV_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "mirc/embed.h"
#include "mirc/kv.h"

/* Zero-initialised is an empty store: no connect function. */
struct kv_mem {
	/* Sorted by name, as crunch's table; names and data are owned
	 * (allocated by set, freed by remove). */
	struct mirc_embed_file *items;
	size_t n, cap;
};

void kv_mem_get(struct kv_mem *self, const char *key, mirc_kv_get_cb done,
		void *arg);
void kv_mem_get_partial(struct kv_mem *self, const char *key, uint64_t offset,
			size_t len, mirc_kv_get_cb done, void *arg);
void kv_mem_exists(struct kv_mem *self, const char *key,
		   mirc_kv_exists_cb done, void *arg);
void kv_mem_size(struct kv_mem *self, const char *key, mirc_kv_size_cb done,
		 void *arg);
void kv_mem_list(struct kv_mem *self, const char *dir, mirc_kv_list_cb done,
		 void *arg);
void kv_mem_set(struct kv_mem *self, const char *key, const void *data,
		size_t len, mirc_kv_done_cb done, void *arg);
void kv_mem_remove(struct kv_mem *self, const char *key, mirc_kv_done_cb done,
		   void *arg);

#endif
