#!/bin/sh
# total.sh RESULTS - the closing line over every run recorded in RESULTS;
# fails when a test failed or none ran.
set -u
awk '{ p += $1; f += $2; s += $3 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s;
           exit (f > 0 || p == 0) }' "${1:?usage: total.sh RESULTS}"
