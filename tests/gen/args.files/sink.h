/* The state of impl sink (tests/gen/args.mir). */
#include <stdbool.h>
#include <stdint.h>

struct sink {
	const char *prefix;
	int64_t width;
	bool loud;
};
