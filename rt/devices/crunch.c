/* SPDX-License-Identifier: MIT */
/*
 * crunch.c - KV_RO: the files mirc embedded, served from constant memory
 * (the bytes handed to get's callback are the program's own).
 */
#include "crunch.h"
#include "table.h"

int crunch_connect(struct crunch *self, const char *dir,
		   const struct mirc_embed_dir *files)
{
	const char *bad;

	/* A hand-made or stale table would make the searches lie. */
	if (table_check(files->files, files->nfiles, &bad) != 0) {
		mirc_log_err("embedded directory %s: bad or unsorted entry "
			     "'%s'", dir, bad ? bad : "(null)");
		return -EINVAL;
	}
	self->files = files->files;
	self->nfiles = files->nfiles;
	mirc_log_debug("%zu files embedded from %s", files->nfiles, dir);
	return 0;
}

void crunch_get(struct crunch *self, const char *key, mirc_kv_get_cb done,
		void *arg)
{
	table_get(self->files, self->nfiles, key, 0, UINT64_MAX, false, done,
		  arg);
}

void crunch_get_partial(struct crunch *self, const char *key, uint64_t offset,
			size_t len, mirc_kv_get_cb done, void *arg)
{
	table_get(self->files, self->nfiles, key, offset, len, false, done,
		  arg);
}

void crunch_exists(struct crunch *self, const char *key,
		   mirc_kv_exists_cb done, void *arg)
{
	table_exists(self->files, self->nfiles, key, done, arg);
}

void crunch_size(struct crunch *self, const char *key, mirc_kv_size_cb done,
		 void *arg)
{
	table_size(self->files, self->nfiles, key, done, arg);
}

void crunch_list(struct crunch *self, const char *dir, mirc_kv_list_cb done,
		 void *arg)
{
	table_list(self->files, self->nfiles, dir, done, arg);
}
