/* The state of impl mem_file (tests/gen/extends.mir). */
#include <stddef.h>

struct mem_file {
	unsigned char data[64];
	size_t len, pos;
};
