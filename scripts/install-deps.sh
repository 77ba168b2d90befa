#!/usr/bin/env bash
# Installs the Debian packages Zhunru builds with, only when one is missing (idempotent).
set -euo pipefail
packages=(
  build-essential cmake antlr4 libantlr4-runtime-dev libfmt-dev libboost-dev libboost-graph-dev
  nlohmann-json3-dev libsimdjson-dev libcli11-dev libssl-dev libgtest-dev libgmock-dev
  libbenchmark-dev python3 libcpp-httplib-dev libsqlite3-dev libshp-dev shapelib
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
