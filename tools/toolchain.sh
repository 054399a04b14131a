#!/usr/bin/env bash
# Ensures the repo's toolchain: Node >= 22.15 (Node 24 from the npm registry when the machine's is
# older), pnpm (the version pinned in package.json's packageManager), and an install that matches
# pnpm-lock.yaml. Idempotent and quick when nothing is missing; prints nothing in that case.
#
#   tools/toolchain.sh          ensure everything
#   tools/toolchain.sh --path   print the `export PATH=…` line that puts the toolchain first
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir="$root/.toolchain"
bin="$dir/bin"
export PATH="$bin:$PATH"

if [[ "${1:-}" == "--path" ]]; then
  echo "export PATH=\"$bin:\$PATH\""
  exit 0
fi

fail() { echo "toolchain: $*" >&2; exit 1; }
say() { echo "toolchain: $*" >&2; }

node_version=$(tr -d '[:space:]' < "$root/.node-version")
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$root/package.json")
[[ -n "$pnpm_version" ]] || fail "package.json has no \"packageManager\": \"pnpm@X.Y.Z\" field"

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "unsupported CPU architecture $(uname -m): install Node >= 22.15 and pnpm $pnpm_version by hand" ;;
esac

# Unpacks one npm package's tarball into $dir/pkg/NAME and prints that folder.
fetch_package() {
  local spec=$1 name=$2 tmp out
  command -v npm >/dev/null || fail "npm not found: install any Node.js with npm so the toolchain can fetch $spec from the npm registry"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  if ! out=$(cd "$tmp" && npm pack "$spec" 2>&1); then
    # npm's own reason, e.g. "FetchError: request to … failed, reason: connect ECONNREFUSED".
    reason=$(grep -m1 -E '^npm error .*(Error|[0-9]{3} )' <<<"$out" || grep -m1 '^npm error' <<<"$out" || tail -n1 <<<"$out")
    fail "cannot fetch $spec from the npm registry (${reason#npm error }); check the network and npm's registry setting"
  fi
  rm -rf "$dir/pkg/$name" && mkdir -p "$dir/pkg/$name"
  tar -xzf "$tmp"/*.tgz -C "$dir/pkg/$name" --strip-components=1
  echo "$dir/pkg/$name"
}

node_ok() {
  local v
  v=$("$1" -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  (( major > 22 || (major == 22 && minor >= 15) ))
}

mkdir -p "$bin"

if ! { command -v node >/dev/null && node_ok node; }; then
  say "Node $(node --version 2>/dev/null || echo 'absent') is older than 22.15: installing Node $node_version from the npm registry into .toolchain/"
  pkg=$(fetch_package "node-linux-$arch@$node_version" node)
  ln -sf "$pkg/bin/node" "$bin/node"
  node_ok "$bin/node" || fail "the fetched Node $node_version does not run on this machine"
fi

if [[ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]]; then
  say "installing pnpm $pnpm_version from the npm registry into .toolchain/"
  pkg=$(fetch_package "@pnpm/exe.linux-$arch@$pnpm_version" pnpm)
  ln -sf "$pkg/pnpm" "$bin/pnpm"
fi

# Reinstall only when the lockfile or the workspace manifest changed since the last install.
stamp="$root/node_modules/.toolchain-stamp"
want=$({ cat "$root/pnpm-lock.yaml" "$root/pnpm-workspace.yaml" 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  say "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only >&2) ||
    fail "pnpm install --frozen-lockfile failed (see above); after changing a package.json run 'pnpm install' and commit pnpm-lock.yaml"
  echo "$want" > "$stamp"
fi

# The `assay` command runs the packages as they are published, built to JavaScript (cached by turbo).
(cd "$root" && TURBO_TELEMETRY_DISABLED=1 node_modules/.bin/turbo run build --output-logs=errors-only >/dev/null) ||
  fail "building the packages failed: run 'pnpm turbo run build' to see why"
