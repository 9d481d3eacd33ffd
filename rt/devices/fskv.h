/* SPDX-License-Identifier: MIT */
/*
 * fskv.h - KV_RO on a directory of the host (private to direct_kv_ro and
 * kv_dir; see later.h for why the code lives in a header).
 *
 * The store never serves anything outside its directory.  Keys are
 * checked with mirc_kv_key_valid() (no "..", ".", empty components or
 * leading '/'), and then every component is opened with openat() relative
 * to the directory opened at connect, with O_NOFOLLOW: a symbolic link
 * anywhere in a key is never followed, wherever it points, and a rename
 * between two calls cannot lead outside either, since nothing is
 * resolved by path from the root again.  Only regular files (values) and
 * directories (dictionaries) are visible; symbolic links, devices, FIFOs
 * and sockets are as absent as missing names (-ENOENT, omitted from
 * listings), and special files are never opened.
 */
#ifndef MIRC_DEV_FSKV_H
#define MIRC_DEV_FSKV_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mirc/kv.h"
#include "later.h"

#define FS_DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/* Open the directory `dir` names for the store (at connect). */
static inline int fs_open_root(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static inline void fs_close(int fd, int root)
{
	if (fd != root && fd >= 0)
		close(fd);
}

/*
 * Open the dictionary holding the last component of `key` (a valid,
 * non-root key), one component at a time below `root`.  `buf` receives a
 * copy of the key and *leaf points into it at the last component.
 * Returns the directory's fd (root itself for a top-level key; close it
 * with fs_close) or -errno: -ENOENT when a component is missing or not a
 * directory.  With `create`, missing directories are made (mode 0777
 * less the umask) and a component that is not one is -ENOTDIR.
 */
static inline int fs_walk(int root, const char *key, char *buf,
			  const char **leaf, bool create)
{
	int fd = root;
	char *c = buf, *slash;

	strcpy(buf, key);
	while ((slash = strchr(c, '/'))) {
		int next;
		*slash = '\0';
		next = openat(fd, c, FS_DIR_FLAGS);
		if (next < 0 && errno == ENOENT && create &&
		    (mkdirat(fd, c, 0777) == 0 || errno == EEXIST))
			next = openat(fd, c, FS_DIR_FLAGS);
		if (next < 0) {
			int err = errno;
			fs_close(fd, root);
			/* ELOOP: a symbolic link, refused by O_NOFOLLOW. */
			if (err == ENOTDIR || err == ELOOP)
				return create ? -ENOTDIR : -ENOENT;
			/* A valid key the file system cannot name (longer
			 * than NAME_MAX) is not in the store either. */
			if (err == ENAMETOOLONG && !create)
				return -ENOENT;
			return -err;
		}
		fs_close(fd, root);
		fd = next;
		c = slash + 1;
	}
	*leaf = c;
	return fd;
}

/* What the name `leaf` in directory fd is, for the store. */
static inline int fs_kind(int fd, const char *leaf, int *kind)
{
	struct stat st;

	if (fstatat(fd, leaf, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno != ENOENT && errno != ENAMETOOLONG)
			return -errno;
		*kind = MIRC_KV_ABSENT;
	} else if (S_ISREG(st.st_mode)) {
		*kind = MIRC_KV_VALUE;
	} else if (S_ISDIR(st.st_mode)) {
		*kind = MIRC_KV_DICTIONARY;
	} else {
		*kind = MIRC_KV_ABSENT;
	}
	return 0;
}

/* Open the value `key` for reading: an fd, or -errno.  *size: its size. */
static inline int fs_open_value(int root, const char *key, uint64_t *size)
{
	char buf[MIRC_KV_KEY_MAX + 1];
	const char *leaf = NULL;
	struct stat st;
	int dfd, fd, kind = MIRC_KV_ABSENT, err;

	if (!mirc_kv_key_valid(key))
		return key_error(key);
	if (!*key)
		return -EISDIR;
	if ((dfd = fs_walk(root, key, buf, &leaf, false)) < 0)
		return dfd;
	/* Look before opening, so that a FIFO or a device is never
	 * opened (that alone can block or have effects)... */
	if ((err = fs_kind(dfd, leaf, &kind)) || kind != MIRC_KV_VALUE) {
		fs_close(dfd, root);
		return err ? err : kind == MIRC_KV_DICTIONARY ? -EISDIR : -ENOENT;
	}
	fd = openat(dfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		    O_CLOEXEC);
	err = errno;
	fs_close(dfd, root);
	if (fd < 0)
		return err == ELOOP ? -ENOENT : -err;
	/* ... and check again what was opened, in case it was swapped. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -ENOENT;
	}
	*size = (uint64_t)st.st_size;
	return fd;
}

static inline void fs_get(int root, const char *key, uint64_t off,
			  uint64_t len, mirc_kv_get_cb done, void *arg)
{
	uint64_t size;
	unsigned char *data;
	size_t got = 0;
	int fd = fs_open_value(root, key, &size), err = 0;

	if (fd < 0) {
		later_get(done, arg, fd, NULL, 0, NULL);
		return;
	}
	if (off > size)
		off = size;
	if (len > size - off)
		len = size - off;
	if (len > SIZE_MAX - 1 || off > (uint64_t)INT64_MAX ||
	    !(data = malloc(len ? (size_t)len : 1))) {
		close(fd);
		later_get(done, arg, -ENOMEM, NULL, 0, NULL);
		return;
	}
	/* Up to len bytes; fewer if the file shrank meanwhile. */
	while (got < len) {
		ssize_t n = pread(fd, data + got, (size_t)len - got,
				  (off_t)(off + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = -errno;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (err) {
		free(data);
		later_get(done, arg, err, NULL, 0, NULL);
		return;
	}
	later_get(done, arg, 0, data, got, data);
}

static inline void fs_size(int root, const char *key, mirc_kv_size_cb done,
			   void *arg)
{
	uint64_t size = 0;
	int fd = fs_open_value(root, key, &size);

	if (fd >= 0)
		close(fd);
	later_size(done, arg, fd < 0 ? fd : 0, size);
}

static inline void fs_exists(int root, const char *key,
			     mirc_kv_exists_cb done, void *arg)
{
	char buf[MIRC_KV_KEY_MAX + 1];
	const char *leaf = NULL;
	int dfd, kind = MIRC_KV_DICTIONARY, err = 0;

	if (!mirc_kv_key_valid(key)) {
		later_exists(done, arg, key_error(key), MIRC_KV_ABSENT);
		return;
	}
	if (*key) {
		dfd = fs_walk(root, key, buf, &leaf, false);
		if (dfd == -ENOENT) {
			kind = MIRC_KV_ABSENT;
		} else if (dfd < 0) {
			err = dfd;
		} else {
			err = fs_kind(dfd, leaf, &kind);
			fs_close(dfd, root);
		}
	}
	later_exists(done, arg, err, kind);
}

/* Open dictionary `dir` for reading its entries: an fd, or -errno. */
static inline int fs_open_dir(int root, const char *dir)
{
	char buf[MIRC_KV_KEY_MAX + 1];
	const char *leaf = NULL;
	int dfd, fd, err, kind = MIRC_KV_ABSENT;

	if (!*dir) {
		/* A new fd: fdopendir() takes it over. */
		fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
	if ((dfd = fs_walk(root, dir, buf, &leaf, false)) < 0)
		return dfd;
	fd = openat(dfd, leaf, FS_DIR_FLAGS);
	if (fd >= 0) {
		fs_close(dfd, root);
		return fd;
	}
	err = errno;
	if (err == ENOTDIR || err == ELOOP)
		err = fs_kind(dfd, leaf, &kind) == 0 && kind == MIRC_KV_VALUE
			? ENOTDIR : ENOENT;
	fs_close(dfd, root);
	return -err;
}

static inline void fs_list(int root, const char *dir, mirc_kv_list_cb done,
			   void *arg)
{
	struct listing l = {0};
	size_t dlen = strlen(dir);
	struct dirent *de;
	DIR *d;
	int fd;

	if (!mirc_kv_key_valid(dir)) {
		later_list(done, arg, key_error(dir), NULL, 0, NULL);
		return;
	}
	if ((fd = fs_open_dir(root, dir)) < 0) {
		later_list(done, arg, fd, NULL, 0, NULL);
		return;
	}
	if (!(d = fdopendir(fd))) {
		int err = -errno;
		close(fd);
		later_list(done, arg, err, NULL, 0, NULL);
		return;
	}
	for (errno = 0; (de = readdir(d)); errno = 0) {
		size_t len = strlen(de->d_name);
		int kind = MIRC_KV_ABSENT;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* Only what get or list can then reach. */
		if ((dlen ? dlen + 1 : 0) + len > MIRC_KV_KEY_MAX ||
		    fs_kind(fd, de->d_name, &kind) != 0 ||
		    kind == MIRC_KV_ABSENT)
			continue;
		listing_add(&l, de->d_name, len, kind);
	}
	if (errno && !l.err)
		l.err = -errno;
	closedir(d);
	listing_finish(&l, dir, done, arg);
}

#endif
