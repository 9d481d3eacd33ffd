#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# www-linux_aarch64.sh MIRC SRCDIR - www.sh for linux_aarch64, the
# program under qemu-aarch64 (skipped, 77, without the cross tools).
exec bash "$(dirname "$0")/www.sh" "$1" "$2" linux_aarch64
