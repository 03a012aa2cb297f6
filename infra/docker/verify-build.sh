#!/usr/bin/env bash
# Builds the `web` and `app` images with buildah (vfs storage, chroot isolation: no Docker daemon, no
# overlay mounts; works as root inside an unprivileged container) and runs them as the image user
# against DATABASE_URL: the migrate step, the API's /readyz, a runner's /readyz and the dashboard's
# /healthz, each through the image's own HEALTHCHECK script. From the repository root:
#   DATABASE_URL=postgresql://… infra/docker/verify-build.sh
# NODE_IMAGE (default node:20-bookworm-slim) is the base; where no registry can be reached,
# LOCAL_BASE=1 assembles one first: Debian 12 by debootstrap plus this machine's node, npm and headers.
# Behind a TLS-intercepting proxy set CA_BUNDLE to its CA file (mounted into the build only).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL (the migrate step and the API connect to it)}"
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs} BUILDAH_ISOLATION=${BUILDAH_ISOLATION:-chroot}
NODE_IMAGE=${NODE_IMAGE:-node:20-bookworm-slim}
say() { printf 'verify-build: %s\n' "$*"; }

if [ "${LOCAL_BASE:-0}" = 1 ]; then
  NODE_IMAGE=localhost/node-base:20-bookworm
  root=$(mktemp -d)
  say "assembling $NODE_IMAGE (debootstrap bookworm + $(node --version))"
  debootstrap --variant=minbase bookworm "$root/fs" http://deb.debian.org/debian >/dev/null
  node_prefix=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  mkdir -p "$root/fs/usr/local/bin" "$root/fs/usr/local/lib/node_modules" "$root/fs/usr/local/include"
  cp "$(readlink -f "$(command -v node)")" "$root/fs/usr/local/bin/node"
  cp -a "$node_prefix/lib/node_modules/npm" "$root/fs/usr/local/lib/node_modules/"
  cp -a "$node_prefix/include/node" "$root/fs/usr/local/include/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/fs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/fs/usr/local/bin/npx"
  chroot "$root/fs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node'
  rm -rf "$root/fs/var/cache/apt/archives/"*.deb
  ctr=$(buildah from scratch)
  cp -a "$root/fs/." "$(buildah mount "$ctr")/"
  buildah umount "$ctr" >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd node "$ctr"
  buildah commit -q --format docker "$ctr" "$NODE_IMAGE" >/dev/null
  buildah rm "$ctr" >/dev/null
  rm -rf "$root"
fi

ca=()
if [ -n "${CA_BUNDLE:-}" ]; then ca=(--build-arg "NODE_EXTRA_CA_CERTS=$CA_BUNDLE" -v "$CA_BUNDLE:$CA_BUNDLE:ro"); fi
for target in web app; do
  tag=localhost/distillery$([ "$target" = web ] && echo -web):latest
  say "building target $target as $tag"
  buildah bud -q --format docker --layers -f infra/docker/Dockerfile --build-arg "NODE_IMAGE=$NODE_IMAGE" \
    "${ca[@]}" --target "$target" -t "$tag" . >/dev/null
  say "$tag: user $(buildah inspect --format '{{.Docker.Config.User}}' "$tag"), $(buildah images --format '{{.Size}}' "$tag")"
done

pids=()
app=$(buildah from localhost/distillery:latest)
web=$(buildah from localhost/distillery-web:latest)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  buildah rm "$app" "$web" >/dev/null 2>&1 || true
}
trap cleanup EXIT
[ "$(buildah run "$app" -- id -u)" = 1000 ] || { say "app does not run as uid 1000" >&2; exit 1; }
say "migrate: $(buildah run --env "DATABASE_URL=$DATABASE_URL" "$app" -- node --import tsx scripts/migrate.ts | tail -1)"
api_port=${API_PORT:-4917} runner_port=${RUNNER_PORT:-9917} web_port=${WEB_PORT:-3917}
buildah run --env "DATABASE_URL=$DATABASE_URL" --env API_HOST=127.0.0.1 --env "API_PORT=$api_port" \
  "$app" -- node --import tsx apps/api/src/main.ts >/tmp/verify-api.log 2>&1 &
pids+=($!)
buildah run --env "DATABASE_URL=$DATABASE_URL" --env RUNNER_HEALTH_HOST=127.0.0.1 \
  --env "RUNNER_HEALTH_PORT=$runner_port" "$app" -- node --import tsx apps/runner/src/main.ts --queues cpu \
  >/tmp/verify-runner.log 2>&1 &
pids+=($!)
buildah run --env "PORT=$web_port" --env HOSTNAME=127.0.0.1 --env "API_URL=http://127.0.0.1:$api_port/graphql" \
  "$web" -- node apps/web/server.js >/tmp/verify-web.log 2>&1 &
pids+=($!)
check() { # name, container, env for the healthcheck, URL that must answer 200
  for _ in $(seq 1 120); do
    if buildah run $3 "$2" -- node infra/docker/healthcheck.mjs && [ "$(curl -s -o /dev/null -w '%{http_code}' "$4")" = 200 ]; then
      say "$1: HEALTHCHECK healthy, $4 200"
      return 0
    fi
    sleep 1
  done
  say "$1 did not become healthy; its log: /tmp/verify-$1.log" >&2
  return 1
}
check api "$app" "--env API_PORT=$api_port" "http://127.0.0.1:$api_port/readyz"
check runner "$app" "--env API_PORT=1 --env RUNNER_HEALTH_PORT=$runner_port" "http://127.0.0.1:$runner_port/readyz"
check web "$web" "--env PORT=$web_port" "http://127.0.0.1:$web_port/healthz"
say "ok"
