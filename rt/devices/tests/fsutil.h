/* SPDX-License-Identifier: MIT */
/*
 * fsutil.h - scratch directories for the tests of the devices that use
 * the host's file system.
 */
#ifndef DEVTEST_FSUTIL_H
#define DEVTEST_FSUTIL_H

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* A new empty directory under $TMPDIR (or /tmp), removed by rm_rf. */
static inline void make_scratch(char *path, size_t size)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(path, size, "%s/mirc-devtest-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(path) != NULL);
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* rm -rf, never following symbolic links. */
static inline void rm_rf(const char *path)
{
	CHECK(nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0);
}

static inline void write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK(write(fd, data, len) == (ssize_t)len);
	CHECK(close(fd) == 0);
}

/* The file's contents, NUL-terminated, or NULL when it cannot be read. */
static inline char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	char *buf = malloc(1 << 16);
	ssize_t n;

	CHECK(buf);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	n = read(fd, buf, (1 << 16) - 1);
	close(fd);
	CHECK(n >= 0);
	buf[n] = '\0';
	if (len)
		*len = (size_t)n;
	return buf;
}

/* dir/a/b/c: make dir/a and dir/a/b, then write the file. */
static inline void put_file(const char *dir, const char *key, const void *data,
			    size_t len)
{
	char path[3 * PATH_MAX];
	char *slash;

	CHECK((size_t)snprintf(path, sizeof(path), "%s/%s", dir, key) <
	      sizeof(path));
	for (slash = path + strlen(dir) + 1; (slash = strchr(slash, '/'));
	     slash++) {
		*slash = '\0';
		CHECK(mkdir(path, 0755) == 0 || errno == EEXIST);
		*slash = '/';
	}
	write_file(path, data, len);
}

#endif
