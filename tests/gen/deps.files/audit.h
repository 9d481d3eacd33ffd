/* SPDX-License-Identifier: MIT */
struct audit_log {
	int lines;
};

struct recorder {
	int lines;
};
