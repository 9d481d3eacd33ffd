/* SPDX-License-Identifier: MIT */
/*
 * block_file.c - BLOCK: pread(2)/pwrite(2) on a file.  The device's size
 * is the file's at connect, rounded down to whole sectors; the file is
 * never grown.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block_file.h"
#include "later.h"

#define SECTOR 512u

int block_file_connect(struct block_file *self, const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	bool rw = true;
	struct stat st;
	off_t end;

	/* Like a write-protected disk: usable, but only for reading. */
	if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		rw = false;
	}
	if (fd < 0) {
		int err = errno;
		mirc_log_err("cannot open %s: %s", path, strerror(err));
		return -err;
	}
	if (fstat(fd, &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))) {
		mirc_log_err("%s is neither a regular file nor a block device",
			     path);
		close(fd);
		return -EINVAL;
	}
	/* st_size is 0 for a block device; the end offset is right for
	 * both. */
	if ((end = lseek(fd, 0, SEEK_END)) < 0) {
		int err = errno;
		mirc_log_err("cannot size %s: %s", path, strerror(err));
		close(fd);
		return -err;
	}
	if (end % SECTOR)
		mirc_log_warn("%s: the last %ld bytes are not a whole sector "
			      "and are left out", path, (long)(end % SECTOR));
	if (!rw)
		mirc_log_info("%s is read-only", path);
	self->fd = fd;
	self->sectors = (uint64_t)end / SECTOR;
	self->read_write = rw;
	return 0;
}

void block_file_info(struct block_file *self, mirc_block_info *info)
{
	*info = (mirc_block_info){ SECTOR, self->sectors, self->read_write };
}

/* 0 when [sector, sector + n) is on the device and fits in off_t. */
static int check_range(const struct block_file *self, uint64_t sector,
		       size_t n)
{
	if (sector > self->sectors || n > self->sectors - sector)
		return -EINVAL;
	if (n > SIZE_MAX / SECTOR)
		return -EINVAL;
	return 0;
}

/*
 * Read or write all n bytes at off, through short transfers and signals.
 * An end of file inside the device means it shrank under us: -EIO.
 */
static int read_at(int fd, unsigned char *p, size_t n, uint64_t off)
{
	while (n > 0) {
		ssize_t r = pread(fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

static int write_at(int fd, const unsigned char *p, size_t n, uint64_t off)
{
	while (n > 0) {
		ssize_t r = pwrite(fd, p, n, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;
		p += r;
		n -= (size_t)r;
		off += (uint64_t)r;
	}
	return 0;
}

void block_file_read(struct block_file *self, uint64_t sector, void *buf,
		     size_t nsectors, mirc_block_cb done, void *arg)
{
	int err = check_range(self, sector, nsectors);

	if (!err)
		err = read_at(self->fd, buf, nsectors * SECTOR,
			      sector * SECTOR);
	later_done(done, arg, err);
}

void block_file_write(struct block_file *self, uint64_t sector,
		      const void *buf, size_t nsectors, mirc_block_cb done,
		      void *arg)
{
	int err = self->read_write ? check_range(self, sector, nsectors)
				   : -EROFS;

	if (!err)
		err = write_at(self->fd, buf, nsectors * SECTOR,
			       sector * SECTOR);
	later_done(done, arg, err);
}
