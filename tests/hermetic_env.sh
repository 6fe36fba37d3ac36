# Sourced by every test script that runs bedrock-cost. `hermetic_env DIR` points HOME and XDG_CACHE_HOME at new empty
# folders in DIR (the script's own temporary folder, which it removes at exit), so that the prices a developer
# downloaded with `catalog update` (~/.cache/bedrock-cost) never change a result. tests/hermetic.sh checks that
# every script does, and that the golden runner stays right with a cache that would break any run using it.
hermetic_env() {
  mkdir -p "$1/home" "$1/cache"
  export HOME="$1/home" XDG_CACHE_HOME="$1/cache"
}
