/* The state of impl xorshift (tests/gen/stateless.mir). */
#include <stdint.h>

struct xorshift {
	struct CLOCK clock;
	uint64_t x;
};
