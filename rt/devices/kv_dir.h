/* SPDX-License-Identifier: MIT */
/*
 * kv_dir.h - KV_RW on a directory of the host: values are files,
 * dictionaries are directories.  The directory is opened (and made, if
 * missing) at connect, relative to the current directory of the process;
 * keys follow direct_kv_ro's rules, so nothing outside it is ever read,
 * written or removed.  set replaces a file atomically.
 */
#ifndef MIRC_DEV_KV_DIR_H
#define MIRC_DEV_KV_DIR_H

#include <stddef.h>
#include <stdint.h>

#include "mirc/kv.h"

struct kv_dir {
	int root;		/* the directory, open for the program's life */
};

int kv_dir_connect(struct kv_dir *self, const char *dir);
void kv_dir_get(struct kv_dir *self, const char *key, mirc_kv_get_cb done,
		void *arg);
void kv_dir_get_partial(struct kv_dir *self, const char *key, uint64_t offset,
			size_t len, mirc_kv_get_cb done, void *arg);
void kv_dir_exists(struct kv_dir *self, const char *key,
		   mirc_kv_exists_cb done, void *arg);
void kv_dir_size(struct kv_dir *self, const char *key, mirc_kv_size_cb done,
		 void *arg);
void kv_dir_list(struct kv_dir *self, const char *dir, mirc_kv_list_cb done,
		 void *arg);
void kv_dir_set(struct kv_dir *self, const char *key, const void *data,
		size_t len, mirc_kv_done_cb done, void *arg);
void kv_dir_remove(struct kv_dir *self, const char *key, mirc_kv_done_cb done,
		   void *arg);

#endif
