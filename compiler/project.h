/* SPDX-License-Identifier: MIT */
/*
 * project.h - a project directory as configure.c touches it (project.c):
 * open directories, file ownership, temporaries and the commit.
 */
#ifndef MIRC_PROJECT_H
#define MIRC_PROJECT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The project directory and mirc's directories in it, opened without
 * following links; -1 for one that does not exist (yet). */
struct project {
	const char *path;	/* as the user spelt it, for messages */
	int root;		/* the project directory */
	int mirc;		/* mirc/, or -1 while absent */
	int obj;		/* mirc/obj/, or -1 */
	int dist;		/* dist/, or -1 */
};

/* Whose a file is: absent, mirc's, the user's, or not a regular file
 * (nobody's to touch). */
enum project_owner { OWN_ABSENT, OWN_MIRC, OWN_USER, OWN_SPECIAL };

/* A file to put in place: its temporary, and the previous file kept
 * under another name until every file is in place. */
struct project_pending {
	const char *shown;	/* for messages */
	int dir;
	const char *base, *tmp, *old;
	bool linked;		/* old is a hard link to the previous file */
	bool moved;		/* old is the previous file, moved aside */
	bool renamed;		/* tmp is in place */
};

/* Open p's directories (creating none); -1 with a message on failure.
 * project_close closes what is open. */
int project_open(struct arena *a, struct project *p, const char *path);
void project_close(struct project *p);
/* The directory and base name of "mirc/NAME", "mirc/obj/NAME" or
 * "dist/NAME"; false for anything else (a context edited by hand). */
bool project_locate(const struct project *p, const char *rel, int *dir,
		    const char **base);
/* Does regular file `name` of `dir` carry the marker? */
bool project_has_marker(int dir, const char *name);
/* The last configure's mirc/context, if it is a marked regular file. */
json_t *project_saved_context(const struct project *p);
/* Whose is file `rel`: the marker, or for unmarked formats the digest
 * the context saved (digests). */
enum project_owner project_owner(struct arena *a, const struct project *p,
				 json_t *digests, const char *rel);
/* Does the file hold exactly sb? */
bool project_same_contents(int dir, const char *name, const struct strbuf *sb);
/* Temporaries, NAME.mirc-tmp-PID[.old]: is it one, remove every one
 * (under the lock, they belong to a mirc that died), write one. */
bool project_is_tmp_name(const char *name);
void project_sweep_tmps(const struct project *p);
int project_write_tmp(int dir, const char *tmp, const struct strbuf *sb);
/* Put the n files in place, all or none. */
int project_commit(struct project_pending *w, size_t n);

#endif
