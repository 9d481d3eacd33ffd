" SPDX-License-Identifier: MIT
" .mir files are mirc programs (mir(5)).
autocmd BufNewFile,BufRead *.mir setfiletype mir
