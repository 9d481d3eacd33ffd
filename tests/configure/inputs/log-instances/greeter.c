/* SPDX-License-Identifier: MIT */
#include "mirc.h"

int greeter_start(struct NOTE a, struct NOTE b)
{
	NOTE_note(a, "hello");
	NOTE_note(b, "hello");
	mirc_log_debug("greeted");
	return 0;
}
