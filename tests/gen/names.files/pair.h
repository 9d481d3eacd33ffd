/* SPDX-License-Identifier: MIT */
struct left {
	int d;
};

struct right {
	int d;
};

struct solo {
	int d;
};
