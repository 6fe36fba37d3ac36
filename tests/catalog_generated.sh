#!/usr/bin/env bash
# Keeps the default catalog true to its inputs: tools/gen_catalog.py, run on the curated reference prices
# (../shared/reference/bedrock-prices.json) and quotas (data/quotas/bedrock-quotas.json), must give
# data/catalog.json byte for byte, and tests/golden/cases/catalog_validate_embedded/catalog.json is a copy of it.
# Skipped (exit 77) where python3 or the reference prices are not at hand.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
reference=$root/../shared/reference/bedrock-prices.json
command -v python3 > /dev/null || { echo "python3 not found: skipped"; exit 77; }
[ -f "$reference" ] || { echo "$reference not found: skipped"; exit 77; }
generated=$(mktemp)
trap 'rm -f "$generated"' EXIT
python3 "$root/tools/gen_catalog.py" "$reference" -o "$generated" || exit 1
status=0
for catalog in data/catalog.json tests/golden/cases/catalog_validate_embedded/catalog.json; do
  if ! cmp -s "$generated" "$root/$catalog"; then
    echo "$catalog is not what tools/gen_catalog.py makes; rebuild it: python3 tools/gen_catalog.py -o $catalog"
    status=1
  fi
done
exit $status
