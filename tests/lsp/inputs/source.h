/* SPDX-License-Identifier: MIT */
int source_next(int *value);
