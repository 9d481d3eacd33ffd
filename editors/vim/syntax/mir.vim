" SPDX-License-Identifier: MIT
" Vim syntax file for the .mir language of mirc (mir(5)).
"
" The keywords are those of the scanner (grammar/lexer.l).  Everything
" else the language names is contextual, a word that may also be an
" identifier: the fields of impl and job bodies are highlighted only at
" the start of a line, where a field stands; the types of keys and args
" only after the ':' (or `opt`, `list`) that introduces them; doc and
" section only before their string.  C prototypes inside signatures keep
" their C types.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" The keywords of the scanner, by what they do.
syn keyword mirDeclaration  require import ctype signature extends impl job
syn keyword mirDeclaration  key arg let register
syn keyword mirConditional  match if then else in
syn keyword mirBoolean      true false
syn keyword mirNoop         noop

" Comments: // to the end of the line, /* */ not nested.
syn keyword mirTodo         contained TODO FIXME XXX NOTE
syn match   mirLineComment  "//.*$" contains=mirTodo,@Spell
syn region  mirBlockComment start="/\*" end="\*/" contains=mirTodo,@Spell
syn match   mirCommentError "\*/"

" Strings: \" \\ \n \t \r \0 \xHH; anything else after \ is an error, as
" is a string that reaches the end of the line.
syn match   mirEscape       contained +\\\(["\\ntr0]\|x\x\x\)+
syn match   mirEscapeError  contained +\\\(["\\ntr0]\|x\x\x\)\@!.+
syn region  mirString       start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+
      \ contains=mirEscape,mirEscapeError,@Spell

" Numbers: decimal or 0x hex with an optional '-'; versions N.N... (in
" `require`).
syn match   mirNumber       "\<0[xX]\x\+\>"
syn match   mirNumber       "-\?\<\d\+\>"
syn match   mirVersion      "\<\d\+\(\.\d\+\)\+\>"

" Signature names are UPPER_CASE by convention (mir(5)); C types in the
" prototypes of signatures and ctype declarations.
syn match   mirSignatureName "\<[A-Z][A-Z0-9_]*[A-Z0-9]\>"
syn keyword mirCType        void char short int long signed unsigned float
syn keyword mirCType        double const volatile struct union size_t ssize_t
syn keyword mirCType        bool intptr_t uintptr_t
syn match   mirCType        "\<u\?int\(8\|16\|32\|64\)_t\>"

" Key and arg types, after ':' or the `opt`/`list` that wraps them.
syn match   mirType         "\(:\s*\)\@<=\(opt\|list\)\>"
syn match   mirType         "\(\(:\|\<opt\|\<list\)\s*\)\@<=\(bool\|int\|string\|enum\|duration\|ipv4_prefix\|ipv4\|ipv6_prefix\|ipv6\|ip\)\>"

" Fields of impl and job bodies, where a field starts; attributes of key
" and arg declarations; `from` of ctype.
syn match   mirField        "^\s*\zs\(header\|sources\|prefix\|connect\|args\|deps\|packages\|cflags\|ldflags\|targets\|doc\|stateless\|embed\)\>"
syn match   mirAttribute    "\<\(doc\|section\)\ze\s*\""
syn match   mirAttribute    "\<\(required\|insecure\)\ze\s*\(;\|doc\>\|section\>\|$\)"
syn match   mirAttribute    "\<from\ze\s*\""

syn match   mirOperator     "=>\|||\|&&\|==\|!=\|<=\|>=\|[=|!<>&*]"
syn match   mirWildcard     "\<_\>"

hi def link mirDeclaration   Statement
hi def link mirConditional   Conditional
hi def link mirBoolean       Boolean
hi def link mirNoop          Keyword
hi def link mirTodo          Todo
hi def link mirLineComment   Comment
hi def link mirBlockComment  Comment
hi def link mirCommentError  Error
hi def link mirEscape        SpecialChar
hi def link mirEscapeError   Error
hi def link mirString        String
hi def link mirNumber        Number
hi def link mirVersion       Number
hi def link mirSignatureName Type
hi def link mirCType         Type
hi def link mirType          Type
hi def link mirField         Identifier
hi def link mirAttribute     Keyword
hi def link mirOperator      Operator
hi def link mirWildcard      Special

let b:current_syntax = 'mir'

let &cpo = s:cpo_save
unlet s:cpo_save
