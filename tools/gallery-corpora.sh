#!/usr/bin/env bash
# `make eval`, gallery part: every script of scripts/ (the gallery) over the BBC corpus and
# the PolNeAR development split (with --title first-line: their first line is the headline),
# with a report, as an analyst would run them. Fails when a script fails on any document.
#
#   tools/gallery-corpora.sh [LOUPE]
#
# Needs ../shared/corpus; says so and stops when it is absent. Outputs and reports go to
# .build/gallery/.
set -euo pipefail

loupe=${1:-.build/release/loupe}
corpus=${CORPUS:-../shared/corpus}
if [[ ! -d $corpus/bbc || ! -d $corpus/polnear/data/dev/text ]]; then
    echo "make eval: $corpus/bbc or $corpus/polnear/data/dev/text not found (needs ../shared/corpus); gallery runs skipped"
    exit 0
fi
out=.build/gallery
mkdir -p "$out"

# name, corpus folder, then the script's arguments for that corpus.
runs=(
    "bbc|$corpus/bbc|"
    "polnear|$corpus/polnear/data/dev/text|"
)
failed=0
for run in "${runs[@]}"; do
    IFS='|' read -r name folder _ <<<"$run"
    for script in who-is-quoted quotes-over-time co-mentions figures concordance keyness word-frequencies; do
        args=()
        case $script/$name in
            concordance/*) args=(-- "minister") ;;
            keyness/bbc) args=(-- "id:^bbc_(%a+)_" politics) ;;
            keyness/polnear) args=(-- "id:^(%a+)_") ;;
        esac
        stem=$out/$script-$name
        printf '== %-18s %-8s ' "$script" "$name"
        start=$(date +%s%N)
        if "$loupe" run -q --title first-line -o "$stem.csv" --report "$stem.html" \
            "scripts/$script.lua" "$folder" "${args[@]}" 2>"$stem.log"; then
            printf 'ok   %6d ms  %s\n' $((($(date +%s%N) - start) / 1000000)) "$stem.html"
        else
            echo "FAILED (see $stem.log)"
            head -5 "$stem.log"
            failed=1
        fi
    done
done
exit $failed
