/* SPDX-License-Identifier: MIT */
/* quit.c - the job of tests/configure/inputs/quit. */
#include "mirc.h"

int quit_start(int64_t code, const char *word)
{
	mirc_log_info("word=[%s]", word);
	mirc_exit((int)code);
	return 0;
}
