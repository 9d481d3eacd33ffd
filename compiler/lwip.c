/* SPDX-License-Identifier: MIT */
/*
 * lwip.c - "@lwip/" impl paths: where the lwIP tree is, and whether it is
 * whole.
 *
 * lwIP's sources are never part of mirc: rt/net/fetch-lwip.sh fetches
 * Debian's orig tarball (pinned by sha256) once, when mirc is built, and
 * extracts it with a stamp.  A program that names "@lwip/..." sources is
 * built from that tree, so its absence or corruption must stop configure
 * with the command that fixes it, not fail later inside make with a
 * missing header.
 *
 * The check reads the stamp (its first line names the pinned tarball;
 * then "SHA256 SIZE MTIME PATH" per file) and stats every file: a file
 * edited, truncated or deleted since the extraction changes its size or
 * mtime.  Hashing the 5 MB tree on every configure would cost more than
 * the rest of configure; the script's --verify does that.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lwip.h"

/* Must match rt/net/fetch-lwip.sh (tests/lwip/missing-tree.sh checks). */
#define LWIP_STAMP ".mirc-lwip-stamp"
#define LWIP_STAMP_HEAD "mirc-lwip-stamp 1 lwip_2.1.3+dfsg1.orig.tar.xz " \
	"0a8276d09fc4e97bbba2f953d74af2388fc2195ea156be9d7589e297a68fde24"
#define LWIP_CACHE_NAME "mirc/lwip-2.1.3"
#define LWIP_FETCH "rt/net/fetch-lwip.sh"

bool lwip_is_path(const char *s)
{
	return !strncmp(s, LWIP_PATH_PREFIX, strlen(LWIP_PATH_PREFIX));
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default cache directory, as the script computes it; NULL without
 * $XDG_CACHE_HOME and $HOME. */
static const char *cache_dir(struct arena *a)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return arena_printf(a, "%s/%s", xdg, LWIP_CACHE_NAME);
	if (home && *home)
		return arena_printf(a, "%s/.cache/%s", home, LWIP_CACHE_NAME);
	return NULL;
}

const char *lwip_tree(struct arena *a, const char *home, const char **from)
{
	const char *env = getenv("MIRC_LWIP"), *dir;
	char real[4096];

	if (env && *env) {
		*from = "$MIRC_LWIP";
		dir = env;
	} else if (is_dir(dir = util_join_path(a, home, "lwip"))) {
		*from = "MIRC_HOME/lwip";
	} else {
		*from = "the cache";
		dir = cache_dir(a);
		if (!dir)
			return NULL;
	}
	/* The Makefile and mirc.h keep the path: no ".." or links in it. */
	return realpath(dir, real) ? arena_strdup(a, real) : dir;
}

const char *lwip_file(struct arena *a, const char *home, const char *path)
{
	const char *from, *tree = lwip_tree(a, home, &from);

	return tree ? arena_printf(a, "%s/%s", tree,
				   path + strlen(LWIP_PATH_PREFIX)) : NULL;
}

/*
 * Is `tree` whole?  NULL when it is, else why not (for the message).
 * `files` gets every stamped path (the keys of the map).
 */
static const char *tree_problem(struct arena *a, const char *tree,
				struct hmap *files)
{
	const char *stamp = arena_printf(a, "%s/%s", tree, LWIP_STAMP);
	char *text, *line, *next;
	const char *why = NULL;
	size_t n = 0;

	if (!is_dir(tree))
		return arena_printf(a, "%s does not exist", tree);
	text = util_read_file(stamp, NULL);
	if (!text)
		return arena_printf(a, "%s has no stamp (%s: %s): it was not "
				    "made by fetch-lwip.sh, or not finished",
				    tree, LWIP_STAMP, strerror(errno));
	next = strchr(text, '\n');
	if (!next || (size_t)(next - text) != strlen(LWIP_STAMP_HEAD) ||
	    strncmp(text, LWIP_STAMP_HEAD, strlen(LWIP_STAMP_HEAD))) {
		free(text);
		return arena_printf(a, "%s is not the tree of the pinned "
				    "tarball (its stamp's first line differs)",
				    tree);
	}
	for (line = next + 1; *line && !why; line = next) {
		char sum[65], path[1024];
		unsigned long long size;
		long long mtime;
		struct stat st;
		const char *full;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (sscanf(line, "%64s %llu %lld %1023s", sum, &size, &mtime,
			   path) != 4) {
			why = arena_printf(a, "its stamp is damaged (line %zu)",
					   n + 2);
			break;
		}
		n++;
		full = arena_printf(a, "%s/%s", tree, path);
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode))
			why = arena_printf(a, "'%s' is missing", path);
		else if ((unsigned long long)st.st_size != size ||
			 (long long)st.st_mtime != mtime)
			why = arena_printf(a, "'%s' changed since it was "
					   "extracted (size or modification "
					   "time differs from the stamp)", path);
		else
			hmap_put(files, arena_strdup(a, path), (void *)tree);
	}
	free(text);
	if (!why && !n)
		why = "its stamp lists no file";
	return why ? arena_printf(a, "%s is corrupted: %s", tree, why) : NULL;
}

/* The command that fetches the tree into `tree`: the script of the mirc
 * that runs, with the directory unless it is the default cache. */
static const char *fetch_command(struct arena *a, const char *home,
				 const char *tree, const char *from)
{
	const char *script = util_join_path(a, home, LWIP_FETCH);

	if (!tree)
		return arena_printf(a, "MIRC_LWIP=DIR and bash %s DIR", script);
	if (!strcmp(from, "the cache"))
		return arena_printf(a, "bash %s", script);
	return arena_printf(a, "bash %s %s", script, tree);
}

void lwip_check_graph(struct program *p, const struct graph *g)
{
	struct arena *a = p->arena;
	struct hmap done, files;
	const char *tree = NULL, *from = NULL, *problem = NULL;
	bool looked = false;

	hmap_init(&done);
	hmap_init(&files);
	for (size_t i = 0; i < g->nodes.len && !problem; i++) {
		const struct gnode *n = g->nodes.items[i];
		struct impl_info *ii = n->impl ? n->impl->sema : NULL;

		if (!ii || hmap_get(&done, n->impl->name))
			continue;
		hmap_put(&done, n->impl->name, (void *)n);
		/* mirc.h includes an impl's header by a path the program can
		 * keep; lwIP's headers come through the include path. */
		for (size_t j = 0; ii->f_header && j < ii->f_header->nvalues; j++)
			if (lwip_is_path(ii->f_header->values[j]->u.str.s))
				diag_report(p->diag, CHK_BAD_FIELD,
					    &ii->f_header->values[j]->pos,
					    "'%s' paths name sources only: "
					    "include lwIP's headers from the "
					    "impl's own header",
					    LWIP_PATH_PREFIX);
		for (size_t j = 0; ii->f_sources && j < ii->f_sources->nvalues;
		     j++) {
			const struct expr *v = ii->f_sources->values[j];
			const char *rel = v->u.str.s + strlen(LWIP_PATH_PREFIX);

			if (!lwip_is_path(v->u.str.s))
				continue;
			if (!looked) {
				looked = true;
				tree = lwip_tree(a, p->opts->home, &from);
				problem = tree ? tree_problem(a, tree, &files)
					: "no directory to look in ($MIRC_LWIP, "
					  "$XDG_CACHE_HOME and $HOME are unset)";
			}
			if (problem) {
				diag_report(p->diag, CHK_MISSING_LWIP, &v->pos,
					    "source '%s' of %s '%s' needs the "
					    "lwIP tree, but %s", v->u.str.s,
					    resolve_decl_kind_name(n->impl->kind),
					    n->impl->name, problem);
				diag_note(p->diag, NULL, "mirc looks for lwIP "
					  "in $MIRC_LWIP, then MIRC_HOME/lwip, "
					  "then the cache; this one is %s",
					  tree ? from : "none");
				diag_note(p->diag, NULL, "fetch it (once, "
					  "about 1 MB) with: %s",
					  fetch_command(a, p->opts->home,
							tree, from));
				break;
			}
			if (!hmap_get(&files, rel))
				diag_report(p->diag, CHK_MISSING_FILE, &v->pos,
					    "source '%s' of %s '%s' is not a "
					    "file of the lwIP tree (looked "
					    "for %s/%s)", v->u.str.s,
					    resolve_decl_kind_name(n->impl->kind),
					    n->impl->name, tree, rel);
		}
	}
	hmap_free(&files);
	hmap_free(&done);
}
