;;; check.el --- Emacs + eglot headless check: diagnostic, hover, quick fix, diagnostic gone.  -*- lexical-binding: t -*-
;; Env: MPGUARD_SNIPPET (the docs/editors.md eglot snippet, server command substituted),
;;      MPGUARD_FILE (the blog program), MPGUARD_OUT (where the JSON result goes).

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")  ; `emacs -Q` drops site-lisp
(package-initialize)
(require 'json)
(require 'eglot)
(require 'python)

(defvar mpguard-out (make-hash-table :test 'equal))

(defun mpguard-finish (ok why)
  (puthash "ok" (if ok t :json-false) mpguard-out)
  (puthash "error" why mpguard-out)
  (with-temp-file (getenv "MPGUARD_OUT") (insert (json-encode mpguard-out)))
  (kill-emacs (if ok 0 1)))

(defun mpguard-wait (pred seconds)
  "Poll PRED while processing server output, for at most SECONDS."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun mpguard-diags ()
  (seq-filter (lambda (d) (eq (flymake-diagnostic-backend d) 'eglot-flymake-backend))
              (flymake-diagnostics (point-min) (point-max))))

(defun mpguard-code (d)
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))))
    (plist-get lsp :code)))

(condition-case err
    (progn
      (load (getenv "MPGUARD_SNIPPET") nil t)  ; docs/editors.md, Emacs (eglot)
      (find-file (getenv "MPGUARD_FILE"))
      (python-mode)
      (flymake-mode 1)
      ;; `eglot-ensure' never fires in batch mode: connect directly.
      (apply #'eglot (eglot--guess-contact))
      (unless (mpguard-wait (lambda () (mpguard-diags)) 20) (error "no diagnostics"))
      (let* ((d (car (mpguard-diags)))
             (beg (flymake-diagnostic-beg d))
             (end (flymake-diagnostic-end d))
             (code (mpguard-code d))
             (server (eglot--current-server-or-lose)))
        (goto-char beg)
        (puthash "diagnostic" `(("code" . ,code) ("lnum" . ,(1- (line-number-at-pos beg)))
                                ("col" . ,(- beg (line-beginning-position)))
                                ("message" . ,(flymake-diagnostic-text d)))
                 mpguard-out)
        ;; the hover, in the middle of the flagged call
        (goto-char (+ beg 3))
        (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (contents (plist-get hover :contents)))
          (puthash "hover" (if (stringp contents) contents (plist-get contents :value)) mpguard-out))
        ;; the quick fix: what `M-x eglot-code-actions' offers, taking the preferred one
        (let* ((actions (eglot-code-actions beg end "quickfix"))
               (chosen (or (seq-find (lambda (a) (plist-get a :isPreferred)) actions) (car actions))))
          (puthash "actions" (vconcat (mapcar (lambda (a) (plist-get a :title)) actions)) mpguard-out)
          (unless chosen (error "no quick fix offered"))
          (puthash "applied" (plist-get chosen :title) mpguard-out)
          (eglot--apply-workspace-edit (plist-get chosen :edit))
          ;; eglot sends didChange from an idle timer, and batch Emacs is never idle: flush it now.
          (eglot--signal-textDocument/didChange))
        ;; the diagnostic goes away
        (let ((gone (mpguard-wait (lambda () (not (seq-find (lambda (x) (equal (mpguard-code x) code))
                                                            (mpguard-diags))))
                                  20)))
          (puthash "remaining" (length (mpguard-diags)) mpguard-out)
          (puthash "text" (buffer-substring-no-properties (point-min) (point-max)) mpguard-out)
          (set-buffer-modified-p nil)
          (unless gone (error "the diagnostic did not go away after the fix"))))
      (mpguard-finish t nil))
  (error (mpguard-finish nil (error-message-string err))))
