/* SPDX-License-Identifier: MIT */
/* sink.h - the state of impl sink: a prefix for every line. */
#ifndef ARGS_SINK_H
#define ARGS_SINK_H

struct sink {
	const char *prefix;
};

#endif
