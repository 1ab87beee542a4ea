#!/usr/bin/env bash
# `make eval`, quotes part: runs a quote extractor over the PolNeAR dev split and scores it
# with `loupe eval` on direct quotes (gold Content spans quoted end to end), overlap and exact,
# then on the other attributions (indirect quotes), overlap.
#
#   tools/eval-polnear.sh [LOUPE] [SCRIPT]
#
# SCRIPT defaults to plugins/quotes/eval.lua when the quotes plugin ships one, otherwise to
# scripts/quote-baseline.lua (every stretch between matching quotation marks). A script
# scored here emits rows with doc = doc.id, type ("Content", and "Source"/"Cue" if it finds
# them; "IndirectContent"/"IndirectSource" for indirect quotes), raw_start/raw_stop (offsets
# into the file: PolNeAR's gold is made on the files), rule, and a group shared by a quote and
# its speaker. Predictions are written to .build/eval/polnear-dev.jsonl.
set -euo pipefail

loupe=${1:-.build/release/loupe}
polnear=${POLNEAR:-../shared/corpus/polnear}
dev=$polnear/data/dev
if [[ ! -d $dev/text || ! -d $dev/attributions ]]; then
    echo "make eval: $dev not found (needs ../shared/corpus/polnear); PolNeAR quote scores skipped"
    exit 0
fi
script=${2:-}
if [[ -z $script ]]; then
    if [[ -f plugins/quotes/eval.lua ]]; then script=plugins/quotes/eval.lua; else script=scripts/quote-baseline.lua; fi
fi
mkdir -p .build/eval
out=.build/eval/polnear-dev.jsonl
echo "== loupe run $script $dev/text -o $out"
"$loupe" run "$script" "$dev/text" -o "$out"
for match in overlap exact; do
    echo
    echo "== loupe eval $out --gold $dev --offsets raw --gold-filter direct-quotes --types Content --match $match"
    "$loupe" eval "$out" --gold "$dev" --offsets raw --gold-filter direct-quotes --types Content --match "$match"
done
echo
# A script that tells indirect quotes apart (plugins/quotes/eval.lua) names them
# IndirectContent and IndirectSource: they are renamed to be scored against the indirect gold.
indirect=()
if grep -q '"type":"IndirectContent"' "$out"; then
    indirect=(--rename Content=DirectContent --rename Source=DirectSource --rename IndirectContent=Content --rename IndirectSource=Source)
fi
echo "== indirect quotes: loupe eval $out --gold $dev --offsets raw --gold-filter indirect-quotes --types Content --match overlap ${indirect[*]}"
"$loupe" eval "$out" --gold "$dev" --offsets raw --gold-filter indirect-quotes --types Content --match overlap "${indirect[@]}"
if grep -q '"type":"Source"' "$out"; then
    echo
    echo "== speakers: gold Sources of direct quotes, overlap"
    "$loupe" eval "$out" --gold "$dev" --offsets raw --gold-filter direct-quotes --types Source --match overlap
fi
if [[ -f plugins/entities/eval.lua ]]; then
    out=.build/eval/polnear-dev-entities.jsonl
    echo
    echo "== people and organisations: loupe run plugins/entities/eval.lua $dev/text -o $out"
    "$loupe" run -q plugins/entities/eval.lua "$dev/text" -o "$out"
    echo "== loupe eval $out --gold $dev --offsets raw --gold-filter proper-name-sources --types Source --match overlap"
    echo "   (recall is what counts: the layers hold every mention, not only speakers)"
    "$loupe" eval "$out" --gold "$dev" --offsets raw --gold-filter proper-name-sources --types Source --match overlap
fi
