;;; mir-mode.el --- major mode for mirc's .mir files  -*- lexical-binding: t; -*-

;; SPDX-License-Identifier: MIT

;; Keywords: languages
;; Package-Requires: ((emacs "25.1"))

;;; Commentary:

;; A major mode for the .mir language of mirc (mir(5)): syntax
;; highlighting, C-style comments and indentation by bracket depth.
;;
;; The keywords are those of the scanner (grammar/lexer.l).  Every other
;; word the language gives a meaning to is contextual and may also be an
;; identifier, so it is highlighted only where it stands in that meaning:
;; the fields of impl and job bodies at the start of a line, the types of
;; keys and args after the `:' (or `opt', `list') that introduces them,
;; `doc' and `section' before their string.
;;
;; Install: put this file on `load-path' and (require 'mir-mode); .mir
;; files then open in mir-mode.  M-x compile offers "mirc check -f FILE".

;;; Code:

(defgroup mir nil
  "Editing mirc's .mir files."
  :group 'languages
  :prefix "mir-")

(defcustom mir-indent-offset 4
  "Columns of indentation per level of `{', `[' or `('."
  :type 'integer
  :safe #'integerp)

(defconst mir-keywords
  '("require" "import" "ctype" "signature" "extends" "impl" "job" "key"
    "arg" "let" "register" "match" "if" "then" "else" "in" "noop")
  "The keywords of the scanner, but for true and false.")

(defconst mir-fields
  '("header" "sources" "prefix" "connect" "args" "deps" "packages"
    "cflags" "ldflags" "targets" "doc" "stateless" "embed")
  "The fields of impl and job bodies.")

(defconst mir-value-types
  '("bool" "int" "string" "enum" "duration" "ipv4_prefix" "ipv4"
    "ipv6_prefix" "ipv6" "ip")
  "The types of keys and runtime args.")

(defconst mir-c-types
  '("void" "char" "short" "int" "long" "signed" "unsigned" "float" "double"
    "const" "volatile" "struct" "union" "size_t" "ssize_t" "bool"
    "intptr_t" "uintptr_t")
  "C types of the prototypes in signatures.")

(defconst mir-font-lock-keywords
  `((,(regexp-opt mir-keywords 'symbols) . font-lock-keyword-face)
    (,(regexp-opt '("true" "false") 'symbols) . font-lock-constant-face)
    ;; Fields, where a field starts a line of a body.
    (,(concat "^[ \t]*" (regexp-opt mir-fields 'symbols))
     1 font-lock-builtin-face)
    ;; Attributes of key and arg declarations, and ctype's `from'.
    ("\\_<\\(doc\\|section\\|from\\)[ \t]*\"" 1 font-lock-builtin-face)
    ("\\_<\\(required\\|insecure\\)\\_>[ \t]*\\(?:;\\|doc\\_>\\|section\\_>\\|$\\)"
     1 font-lock-builtin-face)
    ;; Types after `:', maybe wrapped in `opt' or `list'.
    (,(concat ":[ \t]*\\(?:\\(\\_<\\(?:opt\\|list\\)\\_>\\)[ \t]*\\)?"
              (regexp-opt mir-value-types 'symbols))
     (1 font-lock-type-face nil t)
     (2 font-lock-type-face))
    (,(regexp-opt mir-c-types 'symbols) . font-lock-type-face)
    ("\\_<u?int\\(?:8\\|16\\|32\\|64\\)_t\\_>" . font-lock-type-face)
    ;; Signature names: UPPER_CASE by convention.
    ("\\_<[A-Z][A-Z0-9_]*[A-Z0-9]\\_>" . font-lock-type-face)
    ;; The name a declaration introduces.
    ("\\_<\\(?:impl\\|job\\|key\\|arg\\|let\\|signature\\|ctype\\)[ \t]+\\([A-Za-z_][A-Za-z0-9_]*\\)"
     1 font-lock-function-name-face)
    ;; Versions in `require', then numbers.
    ("\\_<[0-9]+\\(?:\\.[0-9]+\\)+\\_>" . font-lock-constant-face)
    ("-?\\_<\\(?:0[xX][0-9A-Fa-f]+\\|[0-9]+\\)\\_>" . font-lock-constant-face))
  "Highlighting for `mir-mode'.")

(defvar mir-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; // to the end of the line and /* */, as in C (not nested).
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (dolist (c '(?= ?| ?& ?! ?< ?> ?, ?\; ?:))
      (modify-syntax-entry c "." table))
    table)
  "Syntax table of `mir-mode'.")

(defun mir-indent-line ()
  "Indent the current line by the depth of the brackets around it.
A line that starts with a closing bracket goes one level out; a comment
line inside /* */ keeps one column more than the comment's start."
  (interactive)
  (let* ((ppss (save-excursion (syntax-ppss (line-beginning-position))))
         (depth (car ppss))
         (target
          (save-excursion
            (back-to-indentation)
            (cond
             ((nth 4 ppss)           ; inside a /* */ comment
              (save-excursion
                (goto-char (nth 8 ppss))
                (1+ (current-column))))
             ((looking-at "[]})]")
              (* mir-indent-offset (max 0 (1- depth))))
             (t (* mir-indent-offset depth)))))
         (offset (- (current-column) (current-indentation))))
    (indent-line-to target)
    (when (> offset 0)
      (forward-char offset))))

;;;###autoload
(define-derived-mode mir-mode prog-mode "mir"
  "Major mode for mirc's .mir programs (see mir(5)).
\\{mir-mode-map}"
  :syntax-table mir-mode-syntax-table
  (setq-local font-lock-defaults '(mir-font-lock-keywords))
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)[ \t]*")
  (setq-local indent-line-function #'mir-indent-line)
  (setq-local electric-indent-chars
              (append '(?\} ?\] ?\)) electric-indent-chars))
  (setq-local compile-command
              (concat "mirc check -f "
                      (if buffer-file-name
                          (shell-quote-argument
                           (file-name-nondirectory buffer-file-name))
                        "config.mir"))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.mir\\'" . mir-mode))

(provide 'mir-mode)

;;; mir-mode.el ends here
