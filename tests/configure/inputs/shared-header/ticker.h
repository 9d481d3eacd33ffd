/* SPDX-License-Identifier: MIT */
/* The states of both TICKER impls: slow_ticker keeps its CLOCK. */
struct slow_ticker {
	struct CLOCK clock;
	int ticks;
};

struct fast_ticker {
	int ticks;
};
