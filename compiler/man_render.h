/* SPDX-License-Identifier: MIT */
/*
 * man_render.h - a man(7) page rendered as plain text (man_render.c).
 */
#ifndef MIRC_MAN_RENDER_H
#define MIRC_MAN_RENDER_H

#include <stdbool.h>
#include <stdio.h>

/* Render the page source `text` to out, filled to 78 columns; with ansi,
 * bold and underline as ANSI escapes. */
void man_render_page(const char *text, FILE *out, bool ansi);

#endif
