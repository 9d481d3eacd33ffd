/* SPDX-License-Identifier: MIT */
/*
 * fsutil.h - the file-system primitives mirc needs to stay inside a
 * project directory and never hang (fsutil.c): reading only regular files,
 * without blocking on a FIFO or a device; looking at a name without
 * following a symbolic link; opening a directory of mirc's own only when
 * it is a real directory; listing a directory.  (The project lock is
 * configure.c's.)
 *
 * Every function takes a directory descriptor and a name in it (AT_FDCWD
 * and a path for the current directory), so that once a directory is
 * opened, nothing a user swaps in later can redirect mirc elsewhere.
 * Functions return -1 and set errno on failure; a file that exists but is
 * not a regular file gives EISDIR (a directory) or EINVAL (anything else).
 */
#ifndef MIRC_FSUTIL_H
#define MIRC_FSUTIL_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>

enum fs_kind {
	FS_ABSENT,
	FS_REGULAR,
	FS_DIR,
	FS_LINK,		/* a symbolic link (never followed) */
	FS_OTHER,		/* FIFO, socket, device */
};

/* Does `path` exist (stat(2) succeeds; links followed)? */
bool fsutil_exists(const char *path);

/* What `name` in `dirfd` is, without following a link; -1 + errno when
 * it cannot be told (ENOENT is FS_ABSENT, not an error). */
int fsutil_kind_at(int dirfd, const char *name, enum fs_kind *kind);
/* "a symbolic link", "a directory", "not a regular file" (for messages). */
const char *fsutil_kind_text(enum fs_kind kind);

/* Open the regular file `name` for reading.  Checked before opening (a
 * FIFO is never opened, a device never touched), opened non-blocking,
 * checked again after.  With `nofollow`, a symbolic link is refused
 * (ELOOP). */
int fsutil_open_read(int dirfd, const char *name, bool nofollow);
/* The whole of such a file as a NUL-terminated heap buffer. */
char *fsutil_read_at(int dirfd, const char *name, bool nofollow, size_t *len);

/* Open `name` in `dirfd` as a directory, refusing a symbolic link (ELOOP)
 * and anything else (ENOTDIR); with `create`, make it when absent. */
int fsutil_open_dir(int dirfd, const char *name, bool create);

/* A listing of the directory `dirfd` that does not disturb it (its own
 * open file description); NULL + errno. */
DIR *fsutil_list(int dirfd);

#endif
