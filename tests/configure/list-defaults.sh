#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The default of a list arg reaches the program item for item, even when an
# item contains a comma (the separator of list values on the boot command
# line) or is empty: language.md 2.6 says a default valid for the type is
# accepted by mirc, so the program must boot with exactly that list.
. "$(dirname "$0")/lib/common.sh"

project list-defaults p
mirc_ok p configure
build p
expect_prog 0 p && same_text "$tmp/out" "[INFO] [show] words: 2 items
[INFO] [show] words[0] = 'a,b'
[INFO] [show] words[1] = 'c'
[INFO] [show] blanks: 2 items
[INFO] [show] blanks[0] = ''
[INFO] [show] blanks[1] = 'x'
[INFO] [show] one: 1 items
[INFO] [show] one[0] = ','
[INFO] [show] lone: 1 items
[INFO] [show] lone[0] = ''
[INFO] [show] none: 0 items" "the list defaults as the program sees them"
finish
