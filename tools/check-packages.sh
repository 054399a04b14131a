#!/usr/bin/env bash
# Packs every published package the way `pnpm publish` would and checks what a user installs:
# publint (the manifest against the packed files), attw (the types resolve for ESM users), and no
# `workspace:` or `catalog:` version left in the packed manifest. One line per package; exit 1 on
# any problem. --out DIR keeps the tarballs there (the adoption check installs them).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail() { echo "packages: $*" >&2; exit 1; }

out=
case "${1:-}" in
  --out) [[ -n "${2:-}" ]] || fail "--out needs a folder"; out=$(mkdir -p "$2" && cd "$2" && pwd) ;;
  "") ;;
  *) fail "unknown option '$1': expected --out DIR" ;;
esac
if [[ -z "$out" ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

cd "$root"
turbo run build --output-logs=errors-only >/dev/null || fail "the build failed: run 'pnpm turbo run build' to see why"
status=0
for dir in packages/*/; do
  name=$(node -p "require('./${dir}package.json').name")
  tarball=$(cd "$dir" && pnpm pack --pack-destination "$out" --json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).filename')
  problems=()
  publint run "$tarball" --strict >"$out/publint.log" 2>&1 || problems+=("publint: $(grep -v '^Running\|^Unpacking\|^Linting' "$out/publint.log" | head -n 3 | tr '\n' ' ')")
  attw "$tarball" --profile esm-only --format ascii >"$out/attw.log" 2>&1 || problems+=("attw: $(grep -m 3 -E '❌|💀|⚠️|Error' "$out/attw.log" | tr '\n' ' ')")
  leftovers=$(tar -xOzf "$tarball" package/package.json | grep -oE '"(workspace|catalog):[^"]*"' | sort -u | tr '\n' ' ' || true)
  [[ -z "$leftovers" ]] || problems+=("unpublishable versions in the packed manifest: $leftovers")
  if ((${#problems[@]})); then
    status=1
    for problem in "${problems[@]}"; do echo "packages: $name: $problem"; done
  else
    echo "packages: $name $(basename "$tarball") ok (publint, attw, manifest)"
  fi
done
rm -f "$out/publint.log" "$out/attw.log"
exit "$status"
