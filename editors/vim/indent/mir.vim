" SPDX-License-Identifier: MIT
" Vim indent file for .mir files: braces and brackets nest as in C, so
" cindent does; its C-only rules (labels, case) never match in .mir.

if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal cindent
setlocal cinoptions=(s,m1,j1,J1
setlocal cinkeys-=0#

let b:undo_indent = 'setlocal cindent< cinoptions< cinkeys<'
