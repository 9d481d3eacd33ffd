/* SPDX-License-Identifier: MIT */
/*
 * emit_render.h - dot text rendered in-process with libgvc
 * (emit_render.c), for `mirc describe --format=svg|png|pdf`.
 */
#ifndef MIRC_EMIT_RENDER_H
#define MIRC_EMIT_RENDER_H

#include <stdio.h>

/*
 * Render dot text to svg/png/pdf in-process with libgvc.  Writes to
 * `path`, or to `out` when path is NULL (svg only).  Returns 0, or -1 with
 * a message in *err (heap-allocated) on failure.
 */
int emit_render(const char *dot, const char *format, const char *path,
		FILE *out, char **err);

#endif
