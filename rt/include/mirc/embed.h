/* SPDX-License-Identifier: MIT */
/*
 * mirc/embed.h - a directory compiled into the program.
 *
 * For an impl with the field `embed PARAM;`, mirc configure reads every
 * regular file below the directory named by the string parameter PARAM
 * (relative to the project directory; symbolic links are not followed),
 * writes them as constant arrays into mirc/embed_<id>.c, and passes the
 * table as the last argument of the impl's connect function:
 *
 *     int P_connect(struct P *self, ..., const struct mirc_embed_dir *files);
 *
 * The table and the data live as long as the program and are read-only.
 */
#ifndef MIRC_EMBED_H
#define MIRC_EMBED_H

#include <stddef.h>

struct mirc_embed_file {
	/* The path below the directory, '/'-separated, relative, without
	 * empty, "." or ".." components: "index.html", "css/site.css". */
	const char *name;
	const unsigned char *data;	/* size bytes (not NUL-terminated) */
	size_t size;
};

struct mirc_embed_dir {
	/* Sorted by name in strcmp() order, each name once.  Files below
	 * a common directory are therefore contiguous. */
	const struct mirc_embed_file *files;
	size_t nfiles;
};

#endif
