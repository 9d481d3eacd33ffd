/* SPDX-License-Identifier: MIT */
/*
 * direct_kv_ro.c - KV_RO: the files of a host directory, read when asked
 * (so they may change while the program runs).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "direct_kv_ro.h"
#include "fskv.h"

int direct_kv_ro_connect(struct direct_kv_ro *self, const char *dir)
{
	int fd = fs_open_root(dir);

	if (fd < 0) {
		mirc_log_err("cannot open directory %s: %s", dir,
			     strerror(-fd));
		return fd;
	}
	self->root = fd;
	return 0;
}

void direct_kv_ro_get(struct direct_kv_ro *self, const char *key,
		      mirc_kv_get_cb done, void *arg)
{
	fs_get(self->root, key, 0, UINT64_MAX, done, arg);
}

void direct_kv_ro_get_partial(struct direct_kv_ro *self, const char *key,
			      uint64_t offset, size_t len, mirc_kv_get_cb done,
			      void *arg)
{
	fs_get(self->root, key, offset, len, done, arg);
}

void direct_kv_ro_exists(struct direct_kv_ro *self, const char *key,
			 mirc_kv_exists_cb done, void *arg)
{
	fs_exists(self->root, key, done, arg);
}

void direct_kv_ro_size(struct direct_kv_ro *self, const char *key,
		       mirc_kv_size_cb done, void *arg)
{
	fs_size(self->root, key, done, arg);
}

void direct_kv_ro_list(struct direct_kv_ro *self, const char *dir,
		       mirc_kv_list_cb done, void *arg)
{
	fs_list(self->root, dir, done, arg);
}
