/* The state of impl bundle (tests/gen/embed.mir). */
#include "mirc/embed.h"

struct bundle {
	const struct mirc_embed_dir *files;
};
