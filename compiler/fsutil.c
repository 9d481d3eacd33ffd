/* SPDX-License-Identifier: MIT */
/*
 * fsutil.c - reading only regular files, directories that are not links
 * (see fsutil.h for the rules).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "util.h"

static enum fs_kind kind_of(mode_t mode)
{
	if (S_ISREG(mode))
		return FS_REGULAR;
	if (S_ISDIR(mode))
		return FS_DIR;
	if (S_ISLNK(mode))
		return FS_LINK;
	return FS_OTHER;
}

int fsutil_kind_at(int dirfd, const char *name, enum fs_kind *kind)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		*kind = FS_ABSENT;
		return errno == ENOENT ? 0 : -1;
	}
	*kind = kind_of(st.st_mode);
	return 0;
}

const char *fsutil_kind_text(enum fs_kind kind)
{
	switch (kind) {
	case FS_LINK: return "a symbolic link";
	case FS_DIR: return "a directory";
	case FS_ABSENT: return "absent";
	case FS_REGULAR: return "a regular file";
	case FS_OTHER: break;
	}
	return "not a regular file";
}

/* The errno for a file of this mode that is not the regular file asked
 * for. */
static int not_regular(mode_t mode)
{
	return S_ISDIR(mode) ? EISDIR : S_ISLNK(mode) ? ELOOP : EINVAL;
}

int fsutil_open_read(int dirfd, const char *name, bool nofollow)
{
	int flag = nofollow ? AT_SYMLINK_NOFOLLOW : 0;
	struct stat st;
	int fd;

	/* Looking first means a FIFO is never opened (opening one for
	 * reading waits for a writer) and a device never sees an open. */
	if (fstatat(dirfd, name, &st, flag) != 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = not_regular(st.st_mode);
		return -1;
	}
	/* It may have been swapped since: O_NONBLOCK keeps a FIFO from
	 * blocking the open, the fstat below refuses it. */
	fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		    (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = not_regular(st.st_mode);
		return -1;
	}
	/* Regular files ignore O_NONBLOCK; clear it all the same. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

char *fsutil_read_at(int dirfd, const char *name, bool nofollow, size_t *len)
{
	struct strbuf sb;
	char chunk[65536];
	int fd = fsutil_open_read(dirfd, name, nofollow);

	if (fd < 0)
		return NULL;
	sb_init(&sb);
	sb_putn(&sb, "", 0);	/* an empty file is "", not NULL */
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			sb_free(&sb);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		sb_putn(&sb, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = sb.len;
	return sb.buf;
}

int fsutil_open_dir(int dirfd, const char *name, bool create)
{
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (mkdirat(dirfd, name, 0755) != 0 && errno != EEXIST)
			return -1;
		fd = openat(dirfd, name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0 && errno == ENOTDIR) {
		/* O_NOFOLLOW on a link to a directory gives ENOTDIR with
		 * O_DIRECTORY on some systems: say which it is. */
		enum fs_kind k;
		if (fsutil_kind_at(dirfd, name, &k) == 0 && k == FS_LINK)
			errno = ELOOP;
		else
			errno = ENOTDIR;
	}
	return fd;
}

DIR *fsutil_list(int dirfd)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

bool fsutil_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}
