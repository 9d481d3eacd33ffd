/* SPDX-License-Identifier: MIT */
/*
 * kv_dir.c - KV_RW on a host directory.  Reading is fskv.h's; writing
 * walks the key the same way (openat, O_NOFOLLOW), making directories as
 * needed, and replaces a value by writing a temporary file next to it,
 * syncing it and renaming it over the old one, so that a reader, or the
 * directory after a crash, sees the old value or the new one, never a
 * mix.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>

#include "fskv.h"
#include "kv_dir.h"

/* Temporary files: ".mirc-tmp.<pid>.<n>", unique within the directory
 * for this process; O_EXCL settles races with anybody else. */
static unsigned long tmp_counter;

int kv_dir_connect(struct kv_dir *self, const char *dir)
{
	int fd = fs_open_root(dir);

	if (fd == -ENOENT && mkdir(dir, 0777) == 0)
		fd = fs_open_root(dir);
	if (fd < 0) {
		mirc_log_err("cannot open directory %s: %s", dir,
			     strerror(-fd));
		return fd;
	}
	self->root = fd;
	return 0;
}

void kv_dir_get(struct kv_dir *self, const char *key, mirc_kv_get_cb done,
		void *arg)
{
	fs_get(self->root, key, 0, UINT64_MAX, done, arg);
}

void kv_dir_get_partial(struct kv_dir *self, const char *key, uint64_t offset,
			size_t len, mirc_kv_get_cb done, void *arg)
{
	fs_get(self->root, key, offset, len, done, arg);
}

void kv_dir_exists(struct kv_dir *self, const char *key,
		   mirc_kv_exists_cb done, void *arg)
{
	fs_exists(self->root, key, done, arg);
}

void kv_dir_size(struct kv_dir *self, const char *key, mirc_kv_size_cb done,
		 void *arg)
{
	fs_size(self->root, key, done, arg);
}

void kv_dir_list(struct kv_dir *self, const char *dir, mirc_kv_list_cb done,
		 void *arg)
{
	fs_list(self->root, dir, done, arg);
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write data into a new temporary file of directory dfd, synced. */
static int write_tmp(int dfd, char *tmp, size_t tmpsize, const void *data,
		     size_t len)
{
	int fd = -1, err;

	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		snprintf(tmp, tmpsize, ".mirc-tmp.%ld.%lu", (long)getpid(),
			 ++tmp_counter);
		fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			    O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			return -errno;
	}
	if (fd < 0)
		return -EEXIST;
	/* The data must be on disk before the name points at it. */
	err = write_all(fd, data, len);
	if (!err && fsync(fd) != 0)
		err = -errno;
	if (close(fd) != 0 && !err)
		err = -errno;
	if (err)
		unlinkat(dfd, tmp, 0);
	return err;
}

static int set(struct kv_dir *self, const char *key, const void *data,
	       size_t len)
{
	char buf[MIRC_KV_KEY_MAX + 1], tmp[64];
	const char *leaf = NULL;
	int dfd, kind = MIRC_KV_ABSENT, err;

	if (!mirc_kv_key_valid(key))
		return key_error(key);
	if (!*key)
		return -EISDIR;
	if ((dfd = fs_walk(self->root, key, buf, &leaf, true)) < 0)
		return dfd;
	err = fs_kind(dfd, leaf, &kind);
	if (!err && kind == MIRC_KV_DICTIONARY)
		err = -EISDIR;
	if (!err)
		err = write_tmp(dfd, tmp, sizeof(tmp), data, len);
	/* rename() replaces a symbolic link itself, never its target. */
	if (!err && renameat(dfd, tmp, dfd, leaf) != 0) {
		err = -errno;
		unlinkat(dfd, tmp, 0);
	}
	/* Make the new name durable too; some file systems cannot sync a
	 * directory, which costs only durability, so it is not an error. */
	if (!err)
		(void)fsync(dfd);
	fs_close(dfd, self->root);
	return err;
}

void kv_dir_set(struct kv_dir *self, const char *key, const void *data,
		size_t len, mirc_kv_done_cb done, void *arg)
{
	later_done(done, arg, set(self, key, data, len));
}

/* Remove directory `name` of dfd and everything below it; symbolic links
 * inside are removed themselves, never followed. */
static int remove_tree(int dfd, const char *name)
{
	int fd = openat(dfd, name, FS_DIR_FLAGS), err = 0;
	struct dirent *de;
	DIR *d;

	if (fd < 0)
		return -errno;
	if (!(d = fdopendir(fd))) {
		err = -errno;
		close(fd);
		return err;
	}
	while (!err && (de = readdir(d))) {
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			err = errno == ENOENT ? 0 : -errno;
		else if (S_ISDIR(st.st_mode))
			err = remove_tree(fd, de->d_name);
		else if (unlinkat(fd, de->d_name, 0) != 0 && errno != ENOENT)
			err = -errno;
	}
	closedir(d);
	if (!err && unlinkat(dfd, name, AT_REMOVEDIR) != 0)
		err = -errno;
	return err;
}

/* After a removal, remove the dictionaries it left empty, deepest first,
 * so that kv_dir's dictionaries behave like kv_mem's. */
static void prune(int root, const char *key)
{
	char prefix[MIRC_KV_KEY_MAX + 1], buf[MIRC_KV_KEY_MAX + 1];
	const char *leaf = NULL;
	size_t n = strlen(key);

	while (n > 0) {
		int dfd, rc;
		while (n > 0 && key[n - 1] != '/')
			n--;
		if (n-- == 0)
			break;
		memcpy(prefix, key, n);
		prefix[n] = '\0';
		if ((dfd = fs_walk(root, prefix, buf, &leaf, false)) < 0)
			return;
		rc = unlinkat(dfd, leaf, AT_REMOVEDIR);
		fs_close(dfd, root);
		if (rc != 0)	/* ENOTEMPTY: it holds other keys */
			return;
	}
}

static int removekey(struct kv_dir *self, const char *key)
{
	char buf[MIRC_KV_KEY_MAX + 1];
	const char *leaf = NULL;
	int dfd, kind = MIRC_KV_ABSENT, err;

	if (!mirc_kv_key_valid(key))
		return key_error(key);
	if (!*key)
		return -EINVAL;		/* the root stays */
	if ((dfd = fs_walk(self->root, key, buf, &leaf, false)) < 0)
		return dfd;
	err = fs_kind(dfd, leaf, &kind);
	if (!err && kind == MIRC_KV_ABSENT)
		err = -ENOENT;
	else if (!err && kind == MIRC_KV_VALUE && unlinkat(dfd, leaf, 0) != 0)
		err = -errno;
	else if (!err && kind == MIRC_KV_DICTIONARY)
		err = remove_tree(dfd, leaf);
	fs_close(dfd, self->root);
	if (!err)
		prune(self->root, key);
	return err;
}

void kv_dir_remove(struct kv_dir *self, const char *key, mirc_kv_done_cb done,
		   void *arg)
{
	later_done(done, arg, removekey(self, key));
}
