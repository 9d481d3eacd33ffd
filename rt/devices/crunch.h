/* SPDX-License-Identifier: MIT */
/*
 * crunch.h - KV_RO over files embedded in the program at configure time
 * (the impl's `embed dir;` field; see mirc/embed.h).  Works on every
 * target: no file system is needed at run time.
 */
#ifndef MIRC_DEV_CRUNCH_H
#define MIRC_DEV_CRUNCH_H

#include <stddef.h>
#include <stdint.h>

#include "mirc/embed.h"
#include "mirc/kv.h"

struct crunch {
	const struct mirc_embed_file *files;
	size_t nfiles;
};

/* Checks the table (sorted, valid names): 0 or -EINVAL. */
int crunch_connect(struct crunch *self, const char *dir,
		   const struct mirc_embed_dir *files);
void crunch_get(struct crunch *self, const char *key, mirc_kv_get_cb done,
		void *arg);
void crunch_get_partial(struct crunch *self, const char *key, uint64_t offset,
			size_t len, mirc_kv_get_cb done, void *arg);
void crunch_exists(struct crunch *self, const char *key,
		   mirc_kv_exists_cb done, void *arg);
void crunch_size(struct crunch *self, const char *key, mirc_kv_size_cb done,
		 void *arg);
void crunch_list(struct crunch *self, const char *dir, mirc_kv_list_cb done,
		 void *arg);

#endif
