#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# echo-linux_aarch64.sh MIRC SRCDIR - echo.sh for linux_aarch64, the
# program under qemu-aarch64 (skipped, 77, without the cross tools).
exec bash "$(dirname "$0")/echo.sh" "$1" "$2" linux_aarch64
