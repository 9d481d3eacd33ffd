/* SPDX-License-Identifier: MIT */
/* show.c - print the word every choice of config.mir picked. */
#include <stdio.h>

#include "mirc.h"

int show_start(struct WORD size, struct WORD greet, struct WORD busy)
{
	printf("size=%s greet=%s busy=%s\n", WORD_text(size),
	       WORD_text(greet), WORD_text(busy));
	return 0;
}
