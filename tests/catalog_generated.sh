#!/usr/bin/env bash
# Keeps the default catalog true to its inputs: tools/gen_catalog.py, run on the curated prices in this repository
# (data/prices/bedrock-prices.json) and quotas (data/quotas/bedrock-quotas.json), must give data/catalog.json byte
# for byte, and tests/golden/cases/catalog_validate_embedded/catalog.json is a copy of it.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 > /dev/null || { echo "python3 not found: scripts/test.sh installs it"; exit 1; }
generated=$(mktemp)
trap 'rm -f "$generated"' EXIT
python3 "$root/tools/gen_catalog.py" -o "$generated" || exit 1
status=0
for catalog in data/catalog.json tests/golden/cases/catalog_validate_embedded/catalog.json; do
  if ! cmp -s "$generated" "$root/$catalog"; then
    echo "$catalog is not what tools/gen_catalog.py makes; rebuild it: python3 tools/gen_catalog.py -o $catalog"
    diff <(python3 -m json.tool "$root/$catalog") <(python3 -m json.tool "$generated") | head -40
    status=1
  fi
done
exit $status
