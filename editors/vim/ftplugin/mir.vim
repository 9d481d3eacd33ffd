" SPDX-License-Identifier: MIT
" Vim filetype plugin for .mir files: comments as in C, so that gc, gq
" and 'formatoptions' continue them; :make runs mirc check.

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=//\ %s
setlocal comments=s1:/*,mb:*,ex:*/,://
setlocal formatoptions-=t formatoptions+=croql
setlocal suffixesadd=.mir
" mirc's diagnostics are file:line:col: severity[check]: message.
setlocal makeprg=mirc\ check\ -f\ %
setlocal errorformat=%f:%l:%c:\ %trror%m,%f:%l:%c:\ %tarning%m,%-G%.%#

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions<'
      \ . ' suffixesadd< makeprg< errorformat<'
