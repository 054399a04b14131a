#!/bin/bash
# Copies files and folders into a slim root, with the shared libraries its programs load, so an
# image can hold one server and nothing else: collect.sh ROOT PATH...
set -euo pipefail
root=$1
shift

copy() {
  cp -a --parents "$1" "$root"
  # A link's target too, so /bin/sh keeps its shell and libfoo.so.1 its library.
  if [[ -L "$1" ]]; then copy "$(readlink -f "$1")"; fi
}

# Debian's merged /usr: /bin, /lib, … are links into /usr, and programs find the loader through them.
for link in /bin /sbin /lib /lib64; do
  if [[ -L "$link" ]]; then
    mkdir -p "$root$(readlink -f "$link")"
    cp -a "$link" "$root$link"
  fi
done

for path in "$@"; do
  copy "$path"
  find "$(readlink -f "$path")" -type f \( -perm -u+x -o -name '*.so*' \) | while IFS= read -r program; do
    ldd "$program" 2>/dev/null | grep -o '/[^ ]*' | while IFS= read -r library; do copy "$library"; done || true
  done
done
