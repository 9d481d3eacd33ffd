#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# editors/emacs: mir-mode.el byte-compiles without a warning, opens
# sample.mir in mir-mode, gives the probed positions the faces written
# below, and indents the sample, its indentation removed, as it was.
# Skipped (77) without emacs; CI installs emacs-nox
# (.ci/install-deps.sh test), so there it always runs.  Called as: emacs.sh SRCDIR.
set -u
src=$1
command -v emacs >/dev/null || { echo "skipped: emacs is not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/expected" <<'END'
mir-mode
3 1 font-lock-keyword-face
3 17 font-lock-constant-face
4 13 font-lock-type-face
4 39 font-lock-builtin-face
4 44 font-lock-string-face
5 7 font-lock-function-name-face
5 14 font-lock-type-face
5 18 font-lock-type-face
7 3 font-lock-comment-delimiter-face
7 6 font-lock-comment-face
8 11 font-lock-type-face
9 14 font-lock-type-face
12 11 nil
12 19 font-lock-type-face
13 5 font-lock-builtin-face
17 19 font-lock-constant-face
17 34 font-lock-constant-face
17 45 font-lock-keyword-face
indented as written
END

cp "$src/editors/emacs/mir-mode.el" "$tmp/"
emacs -Q --batch --eval '(setq byte-compile-error-on-warn t)' \
	-f batch-byte-compile "$tmp/mir-mode.el" >"$tmp/log" 2>&1 ||
	{ echo "FAIL: mir-mode.el does not byte-compile cleanly:" >&2; cat "$tmp/log" >&2; exit 1; }

cat >"$tmp/probe.el" <<'EL'
(require 'mir-mode)
(find-file (nth 0 command-line-args-left))
(font-lock-ensure)
(princ (format "%s\n" major-mode))
(defvar probes nil "(LINE COL) of each probe, from the expected file.")
(with-temp-buffer
  (insert-file-contents (nth 1 command-line-args-left))
  (forward-line 1)
  (while (looking-at "\\([0-9]+\\) \\([0-9]+\\) ")
    (push (list (string-to-number (match-string 1))
                (string-to-number (match-string 2))) probes)
    (forward-line 1)))
(dolist (p (reverse probes))
  (goto-char (point-min))
  (forward-line (1- (car p)))
  (forward-char (1- (cadr p)))
  (princ (format "%d %d %s\n" (car p) (cadr p)
                 (get-text-property (point) 'face))))
(let ((orig (buffer-string)))
  (goto-char (point-min))
  (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
  (indent-region (point-min) (point-max))
  (princ (if (string= orig (buffer-string)) "indented as written\n"
           (concat "indented differently:\n" (buffer-string)))))
(setq command-line-args-left nil)
EL
emacs -Q --batch -L "$tmp" -l "$tmp/probe.el" \
	"$src/tests/editors/sample.mir" "$tmp/expected" >"$tmp/got" 2>"$tmp/log"
if ! diff -u "$tmp/expected" "$tmp/got"; then
	echo "FAIL: mir-mode (expected -, got +)" >&2
	cat "$tmp/log" >&2
	exit 1
fi
echo "all passed"
