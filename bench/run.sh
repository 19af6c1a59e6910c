#!/usr/bin/env bash
# pundit against the tools an analyst would use instead, in one run:
#   1. indexing the generated folder (docs/s, MB/s, peak RSS, index size) vs
#      tantivy-cli indexing the same articles pre-extracted as JSONL;
#   2. a no-op re-sync;
#   3. whole-process search latency (median of $RUNS) for seven query forms:
#      pundit top 10 with snippets (and without, for what highlighting
#      costs) vs `tantivy search` (first 10 lines) and `rg -il` over the
#      folder;
#   4. peak RSS of a search.
# Results go to stdout as Markdown (paste into BENCHMARKS.md).
#
#   bash bench/run.sh [DOCS] [RUNS]       # defaults: 10000 articles, 10 runs
#
# Needs: cargo; installs ripgrep and tantivy-cli with cargo when missing;
# GNU time (/usr/bin/time) for peak RSS (reported as n/a without it).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS="${1:-10000}"
RUNS="${2:-10}"
WORK="${BENCH_DIR:-/tmp/pundit-bench}/$DOCS"
mkdir -p "$WORK"

log() { echo "bench: $*" >&2; }

command -v rg >/dev/null || { log "installing ripgrep"; cargo install ripgrep; }
command -v tantivy >/dev/null || { log "installing tantivy-cli (several minutes)"; cargo install tantivy-cli; }
cargo build --release -q --example gen_corpus
PUNDIT="$PWD/target/release/pundit"
GEN="$PWD/target/release/examples/gen_corpus"
HAVE_TIME=0
[ -x /usr/bin/time ] && HAVE_TIME=1

# Runs a command; prints "seconds peak_rss_mb" (rss "n/a" without GNU time).
measure() {
    local t0 t1 rss="n/a"
    t0=$(date +%s.%N)
    if [ "$HAVE_TIME" = 1 ]; then
        /usr/bin/time -f "%M" -o "$WORK/.rss" "$@" >/dev/null 2>"$WORK/.err" || { cat "$WORK/.err" >&2; return 1; }
        rss=$(awk '{printf "%.0f", $1/1024}' "$WORK/.rss")
    else
        "$@" >/dev/null 2>"$WORK/.err" || { cat "$WORK/.err" >&2; return 1; }
    fi
    t1=$(date +%s.%N)
    echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}') $rss"
}

# Median wall time in milliseconds of RUNS runs of a shell command line.
median_ms() {
    local cmd="$1" i t0 t1
    for ((i = 0; i < RUNS; i++)); do
        t0=$(date +%s%N)
        bash -c "$cmd" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m/1000}'
}

if [ ! -f "$WORK/queries.json" ]; then
    log "generating $DOCS articles in $WORK"
    "$GEN" --docs "$DOCS" --out "$WORK"
fi
# queries.json, on one line, for sed.
QJSON=$(tr -d '\n' < "$WORK/queries.json")
q() { sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" <<< "$QJSON"; }
qa() { sed -n "s/.*\"and_terms\": *\[ *\"\\([^\"]*\\)\", *\"\\([^\"]*\\)\".*/\\$1/p" <<< "$QJSON"; }
RARE=$(q rare_term); COMMON=$(q common_term); AND1=$(qa 1); AND2=$(qa 2)
PHRASE=$(q phrase); STOPPHRASE=$(q stopword_phrase); AUTHOR=$(q author)
FROM=$(q date_from); TO=$(q date_to)
CORPUS="$WORK/corpus"
MB=$(du -sm "$CORPUS" | cut -f1)
FILES=$(find "$CORPUS" -type f | wc -l)

log "pundit: indexing $CORPUS"
rm -rf "$WORK/pundit-ix"
read -r P_SECS P_RSS < <(measure "$PUNDIT" --index "$WORK/pundit-ix" index --quiet "$CORPUS")
P_DOCS=$("$PUNDIT" --index "$WORK/pundit-ix" stats --format json | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')
P_SIZE=$(du -sm "$WORK/pundit-ix" | cut -f1)

log "pundit: no-op re-sync"
NOOP=$(RUNS=3 median_ms "$PUNDIT --index $WORK/pundit-ix index --quiet $CORPUS")

log "tantivy-cli: indexing $WORK/tantivy.jsonl"
rm -rf "$WORK/tantivy-ix" && mkdir -p "$WORK/tantivy-ix"
cp bench/tantivy-cli/meta.json "$WORK/tantivy-ix/meta.json"
THREADS=$(nproc)
# tantivy-cli gives each thread memory/threads² (a bug): 128 MB per thread.
read -r T_SECS T_RSS < <(measure tantivy index -i "$WORK/tantivy-ix" -f "$WORK/tantivy.jsonl" \
    -t "$THREADS" -m $((128 * 1024 * 1024 * THREADS * THREADS)))
T_DOCS=$(wc -l < "$WORK/tantivy.jsonl")
T_SIZE=$(du -sm "$WORK/tantivy-ix" | cut -f1)

div() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN {printf f, (b > 0 ? a / b : 0)}'; }
rate() { div "$1" "$2" "%.0f"; }
mbs() { div "$1" "$2" "%.1f"; }
ratio() { div "$1" "$2" "%.2f"; }

echo "## Indexing $DOCS articles ($FILES files, $MB MB), $(nproc) cores"
echo
echo "| | documents | seconds | docs/s | MB/s | peak RSS MB | index MB |"
echo "|---|---|---|---|---|---|---|"
echo "| pundit (files → index, mixed formats) | $P_DOCS | $(printf %.1f "$P_SECS") | $(rate "$P_DOCS" "$P_SECS") | $(mbs "$MB" "$P_SECS") | $P_RSS | $P_SIZE |"
echo "| tantivy-cli (pre-extracted JSONL) | $T_DOCS | $(printf %.1f "$T_SECS") | $(rate "$T_DOCS" "$T_SECS") | – | $T_RSS | $T_SIZE |"
echo
echo "pundit docs/s ÷ tantivy-cli docs/s: **$(ratio "$(rate "$P_DOCS" "$P_SECS")" "$(rate "$T_DOCS" "$T_SECS")")** (target ≥ 0.75)."
echo "No-op re-sync of $FILES unchanged files: **$NOOP ms** (median of 3)."
echo

log "searching ($RUNS runs each)"
P="$PUNDIT --index $WORK/pundit-ix search -n 10 --format json"
T="tantivy search -i $WORK/tantivy-ix -q"
# The date range as the days' prefixes rg could find (an approximation:
# plain text writes dates in words too).
RG_DATE="${FROM:0:4}-(0[1-9]|1[0-2])-"
echo "## Search, whole process, median of $RUNS runs (ms)"
echo
echo "| query | pundit | pundit, no snippets | tantivy search | rg -il | rg ÷ pundit | pundit ÷ tantivy | snippets' cost |"
echo "|---|---|---|---|---|---|---|---|"
row() {
    local name="$1" pcmd="$2" tcmd="$3" rcmd="$4" p n t r
    p=$(median_ms "$pcmd"); n=$(median_ms "$pcmd --snippets 0"); t=$(median_ms "$tcmd"); r=$(median_ms "$rcmd")
    echo "| $name | $p | $n | $t | $r | $(ratio "$r" "$p") | $(ratio "$p" "$t") | $(ratio "$p" "$n")× |"
}
row "rare term \`$RARE\`" "$P '$RARE'" "$T 'body:$RARE' | head -n 10" "rg -il '$RARE' $CORPUS"
row "common term \`$COMMON\`" "$P '$COMMON'" "$T 'body:$COMMON' | head -n 10" "rg -il '$COMMON' $CORPUS"
row "AND \`$AND1 $AND2\`" "$P '$AND1 $AND2'" "$T '+body:$AND1 +body:$AND2' | head -n 10" \
    "rg -il '$AND1' $CORPUS | xargs -d '\n' rg -il '$AND2'"
row "phrase \`\"$PHRASE\"\`" "$P '\"$PHRASE\"'" "$T 'body:\"$PHRASE\"' | head -n 10" "rg -il '$PHRASE' $CORPUS"
row "phrase with a stop word \`\"$STOPPHRASE\"\`" "$P '\"$STOPPHRASE\"'" "$T 'body:\"$STOPPHRASE\"' | head -n 10" \
    "rg -il '$STOPPHRASE' $CORPUS"
row "author \`$AUTHOR\`" "$P 'author:\"$AUTHOR\"'" "$T 'author:\"$AUTHOR\"' | head -n 10" "rg -il '$AUTHOR' $CORPUS"
row "date range $FROM..$TO" "$P 'date:[$FROM TO $TO]'" \
    "$T 'date:[${FROM}T00:00:00Z TO ${TO}T00:00:00Z]' | head -n 10" "rg -il '$RG_DATE' $CORPUS"
echo
read -r _ S_RSS < <(measure $P "\"$PHRASE\"")
echo "Peak RSS of a pundit search (phrase, top 10 with snippets): **$S_RSS MB**."
