#!/usr/bin/env bash
# Share of ingestion time spent finding entities (target: under 25 %).
# Runs on the bundled corpus and, when present, on the development set's
# real web pages (read in place, never copied).
#   bash bench/entities.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
cargo build --release --example entity_share -q
echo "## bundled corpus"
target/release/examples/entity_share --rounds "$rounds" corpus
if [ -d ../shared/devset/trafilatura/pages ]; then
    echo
    echo "## ../shared/devset/trafilatura/pages (325 real web pages)"
    target/release/examples/entity_share --rounds "$rounds" ../shared/devset/trafilatura/pages
fi
