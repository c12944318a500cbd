#!/usr/bin/env bash
# Runs npm's CLI under the cached Node 24 with an environment that describes that Node, and only it.
#   bash .ci/node24-npm.sh NODE24_DIR npm-arguments...
# An npm started inside an npm script (`npm test` -> `npm run setup:vscode`) inherits the outer npm's
# npm_config_* variables, npm_config_user_agent among them ("npm/11 node/v20 ..."), which install
# scripts such as code-server's read to decide which Node they run on. Every npm_* variable, and the
# few others npm sets for its children, are dropped; the inner npm reads the same npmrc files itself
# (the global one named explicitly: by default npm looks for it beside the Node that runs it),
# npm_config_nodedir points node-gyp at Node 24's headers, and Node 24 comes first on PATH for the
# install scripts' own `node`.
set -euo pipefail
node24_dir="${1:?usage: node24-npm.sh NODE24_DIR npm-arguments...}"
shift
[[ -x "$node24_dir/bin/node" ]] || { echo "node24-npm: no Node at $node24_dir/bin/node" >&2; exit 2; }

npm_cli="$(readlink -f "$(command -v npm)")"
[[ "$npm_cli" == *.js ]] || npm_cli="$(dirname "$npm_cli")/../lib/node_modules/npm/bin/npm-cli.js"
[[ -f "$npm_cli" ]] || { echo "node24-npm: cannot find npm's CLI (npm-cli.js)" >&2; exit 2; }

globalconfig="${npm_config_globalconfig:-$(npm config get globalconfig)}"
inherited=()
while IFS= read -r name; do inherited+=(-u "$name"); done < <(compgen -e | grep -iE '^(npm_.*|init_cwd|node|node_options|node_path)$' || true)

exec env "${inherited[@]}" \
  PATH="$node24_dir/bin:$PATH" \
  npm_config_globalconfig="$globalconfig" \
  npm_config_nodedir="$node24_dir" \
  npm_config_update_notifier=false \
  "$node24_dir/bin/node" "$npm_cli" "$@"
