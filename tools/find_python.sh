#!/bin/sh
# Print the path of a Python >= 3.12 interpreter, or nothing if there is none.
# Order: $PYTHON, python3.13/python3.12 on PATH, pyenv versions, python3.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
for c in "${PYTHON:-}" python3.12 python3.13 python3; do
  [ -n "$c" ] || continue
  p=$(command -v "$c" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for p in "$root"/versions/3.12.*/bin/python "$root"/versions/3.13.*/bin/python; do
  if [ -x "$p" ] && ok "$p"; then echo "$p"; exit 0; fi
done
exit 1
