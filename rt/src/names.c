/* SPDX-License-Identifier: MIT */
/*
 * names.c - option names for the boot-argument parser (boot.c): matching
 * a word against a name ('-' and '_' alike), the built-in options, and
 * the "did you mean" suggestion for an unknown option (left out of the
 * small runtime).
 */
#include <stdbool.h>
#include <stddef.h>

#include "core.h"

static char fold(char c)
{
	return c == '_' ? '-' : c;
}

/* s[0..n) names `name` ('-' and '_' alike). */
bool mirc_rt_name_is(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n && name[i]; i++)
		if (fold(s[i]) != fold(name[i]))
			return false;
	return i == n && !name[i];
}

const char *const mirc_rt_builtin_names[MIRC_RT_NBUILTINS] = {
	"help", "version", "logs", "name", "log-time", "no-log-time",
#ifndef MIRC_RUNTIME_SMALL
	"delay",
#endif
};

/* The small runtime suggests nothing: the edit distance is
 * left out (mirc-runtime(3)). */
#ifndef MIRC_RUNTIME_SMALL
/* Edit distance ('-' and '_' alike), giving up above `max` (then
 * max + 1); names longer than 64 are never close.  mirc's suggestions use
 * it too (util_edit_distance()). */
size_t mirc_rt_distance(const char *a, size_t la, const char *b, size_t max)
{
	size_t lb = rt_strlen(b), row[65];

	if (la > 64 || lb > 64)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], low;
		low = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (fold(a[i - 1]) != fold(b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
			if (best < low)
				low = best;
		}
		/* Every later row is at least this row's least. */
		if (low > max)
			return max + 1;
	}
	return row[lb];
}

/* The closest known option to s[0..n), or NULL: at most one edit away
 * for short names, two for longer ones, so "--x" suggests nothing. */
const char *mirc_rt_suggest(const struct mirc_program *prog, const char *s, size_t n)
{
	const char *best = NULL;
	size_t bestd = n < 4 ? 1 : 2;

	for (size_t i = 0; i < MIRC_RT_NBUILTINS; i++) {
		size_t d = mirc_rt_distance(s, n, mirc_rt_builtin_names[i], bestd);
		if (d <= bestd && (!best || d < bestd)) {
			best = mirc_rt_builtin_names[i];
			bestd = d;
		}
	}
	for (size_t i = 0; i < prog->nargs; i++) {
		size_t d = mirc_rt_distance(s, n, prog->args[i].name, bestd);
		if (d <= bestd && (!best || d < bestd)) {
			best = prog->args[i].name;
			bestd = d;
		}
	}
	return best;
}
#endif /* MIRC_RUNTIME_SMALL */
