/* SPDX-License-Identifier: MIT */
#include <jansson.h>
#include <stdio.h>

#include "mirc.h"

int pk_start(void)
{
	json_t *v = json_integer(42);

	printf("jansson says %lld\n", (long long)json_integer_value(v));
	json_decref(v);
	return 0;
}
