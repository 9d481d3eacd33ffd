/* The states of tests/gen/functor.mir's impls. */
#include <stdbool.h>
#include <stdint.h>

struct logger {
	int lines;
};

struct mem {
	int n;
};

struct lru {
	struct STORE backing;
	int64_t entries;
	const char *name;
	bool write_through;
};
