/* SPDX-License-Identifier: MIT */
/* greeting_plain.c - GREETING: the configure-time text, unchanged. */
#include "mirc.h"

int greeting_plain_connect(struct greeting_plain *self, const char *text)
{
	self->text = text;
	return 0;
}

const char *greeting_plain_text(struct greeting_plain *self)
{
	return self->text;
}
