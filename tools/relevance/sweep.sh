#!/bin/sh
# sweep.sh CORPUS_DIR [INDEX_DIR] - the configurations of docs/RELEVANCE.md:
# prints one line per configuration and collection.  Indexes each
# collection once (in INDEX_DIR, default a temporary directory) and reuses
# the index for every configuration.
set -eu
corpus=$1
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/khabar-sweep.XXXXXX")}
tool=${KHABAR_RELEVANCE:-build/khabar-relevance}
run() {
    label=$1; shift
    for c in cisi:cisi hamshahri:hamshahri-persian; do
        printf '%-28s ' "$label"
        "$tool" --index "$work/${c%%:*}" "$@" "${c%%:*}" "$corpus/${c#*:}"
    done
}
run "xapian-default stem-some" --stem-some --k1 1 --b 0.5
run "stem-all k1=1 b=0.5" --k1 1 --b 0.5
for k1 in 0.9 1.2 1.5 2.0; do
    for b in 0.3 0.5 0.75 0.9; do
        run "stem-all k1=$k1 b=$b" --k1 "$k1" --b "$b"
    done
done
run "persian-keyboard (chosen)" --persian-keyboard
