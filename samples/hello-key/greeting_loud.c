/* SPDX-License-Identifier: MIT */
/*
 * greeting_loud.c - GREETING: the configure-time text in capitals (ASCII
 * letters only; other bytes, UTF-8 included, are kept) with one '!' at the
 * end unless it already ends with one.
 */
#include <errno.h>
#include <string.h>

#include "mirc.h"

int greeting_loud_connect(struct greeting_loud *self, const char *text)
{
	size_t n = strlen(text);

	if (n + 2 > sizeof(self->text))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		self->text[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	if (n == 0 || text[n - 1] != '!')
		self->text[n++] = '!';
	self->text[n] = '\0';
	return 0;
}

const char *greeting_loud_text(struct greeting_loud *self)
{
	return self->text;
}
