/* SPDX-License-Identifier: MIT */
/*
 * direct_kv_ro.h - KV_RO on a directory of the host, read at run time.
 * The directory is opened at connect, relative to the current directory
 * of the process; nothing outside it is ever served (see fskv.h).
 */
#ifndef MIRC_DEV_DIRECT_KV_RO_H
#define MIRC_DEV_DIRECT_KV_RO_H

#include <stddef.h>
#include <stdint.h>

#include "mirc/kv.h"

struct direct_kv_ro {
	int root;		/* the directory, open for the program's life */
};

/* -errno when dir cannot be opened as a directory. */
int direct_kv_ro_connect(struct direct_kv_ro *self, const char *dir);
void direct_kv_ro_get(struct direct_kv_ro *self, const char *key,
		      mirc_kv_get_cb done, void *arg);
void direct_kv_ro_get_partial(struct direct_kv_ro *self, const char *key,
			      uint64_t offset, size_t len, mirc_kv_get_cb done,
			      void *arg);
void direct_kv_ro_exists(struct direct_kv_ro *self, const char *key,
			 mirc_kv_exists_cb done, void *arg);
void direct_kv_ro_size(struct direct_kv_ro *self, const char *key,
		       mirc_kv_size_cb done, void *arg);
void direct_kv_ro_list(struct direct_kv_ro *self, const char *dir,
		       mirc_kv_list_cb done, void *arg);

#endif
