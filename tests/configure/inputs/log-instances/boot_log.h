/* SPDX-License-Identifier: MIT */
struct boot_log {
	const char *tag;
};
