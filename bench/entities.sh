#!/usr/bin/env bash
# The entity stage alone (tokenizing, truecasing, tagging, rules, resolution)
# against the whole per-file ingest: words per second on one core, and the
# share of ingest time. Runs on the bundled corpus, on a generated corpus
# (examples/gen_corpus, kept in $BENCH_DIR), and, when present, on the
# development set's real web pages (read in place, never copied).
#   bash bench/entities.sh [ROUNDS] [DOCS]     # defaults: 7 rounds, 2000 generated articles
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
docs="${2:-2000}"
work="${BENCH_DIR:-/tmp/pundit-bench}/$docs"
cargo build --release --example entity_share --example gen_corpus -q
echo "## bundled corpus"
target/release/examples/entity_share --rounds "$rounds" corpus
if [ ! -d "$work/corpus" ]; then
    target/release/examples/gen_corpus --docs "$docs" --out "$work" >/dev/null 2>&1
fi
echo
echo "## generated corpus, $docs articles ($work/corpus)"
target/release/examples/entity_share --rounds "$rounds" "$work/corpus"
if [ -d ../shared/devset/trafilatura/pages ]; then
    echo
    echo "## ../shared/devset/trafilatura/pages (325 real web pages)"
    target/release/examples/entity_share --rounds "$rounds" ../shared/devset/trafilatura/pages
fi
