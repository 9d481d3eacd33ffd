/* SPDX-License-Identifier: MIT */
/*
 * lwip.h - impl paths that name files of the lwIP tree (lwip.c).
 *
 * An impl's `sources` value that starts with "@lwip/" names a file of the
 * lwIP tree that rt/net/fetch-lwip.sh fetched (mir(5), "Paths into lwIP"):
 * "@lwip/src/core/tcp.c".  The tree is $MIRC_LWIP, else MIRC_HOME/lwip
 * when that directory exists (an installed mirc), else the cache,
 * ${XDG_CACHE_HOME:-$HOME/.cache}/mirc/lwip-2.1.3.  It is checked against
 * the stamp the script wrote (size and mtime of every file) before any
 * file of a program is generated.
 */
#ifndef MIRC_LWIP_H
#define MIRC_LWIP_H

#include <stdbool.h>

#include "sema.h"

#define LWIP_PATH_PREFIX "@lwip/"

/* Does the impl path `s` name a file of the lwIP tree? */
bool lwip_is_path(const char *s);

/* The lwIP tree's directory (real path when it exists), and in `*from`
 * how it was found ("$MIRC_LWIP", "MIRC_HOME/lwip", "the cache"); NULL
 * when there is no candidate at all (no $HOME). */
const char *lwip_tree(struct arena *a, const char *home, const char **from);

/* The file of the tree an "@lwip/" path names, or NULL without a tree. */
const char *lwip_file(struct arena *a, const char *home, const char *path);

/* The check pass's part (order.c): every "@lwip/" path of the impls the
 * graph uses names a stamped file of a good tree (missing-lwip,
 * missing-file), and is a source (bad-field). */
void lwip_check_graph(struct program *p, const struct graph *g);

#endif
