#!/bin/sh
# deploy/: the systemd units pass systemd-analyze verify (with ExecStart
# pointed at this build), and the crontab lines name real options.
. "$(dirname "$0")/lib.sh"

if command -v systemd-analyze >/dev/null; then
    mkdir "$SCRATCH/units"
    for unit in "$KHABAR_TOP"/deploy/*.service "$KHABAR_TOP"/deploy/*.timer; do
        sed "s|/usr/local/bin/|$KHABAR_BUILD/|" "$unit" >"$SCRATCH/units/$(basename "$unit")"
    done
    check "the systemd units verify" sh -c "cd '$SCRATCH/units' &&
        out=\$(systemd-analyze verify --man=no ./*.service ./*.timer 2>&1); echo \"\$out\"; [ -z \"\$out\" ]"
else
    skip "the systemd units verify" "systemd-analyze is not installed"
fi
# Every option the deploy files pass to khabar-index must be one it knows:
# run each command line against a scratch index and an empty archive.
mkdir -p "$SCRATCH/news"
printf '{"title":"t","body":"b"}\n' >"$SCRATCH/news/a.jsonl"
grep -ho 'khabar-index --db [^#]*' "$KHABAR_TOP"/deploy/crontab.example \
    "$KHABAR_TOP"/deploy/khabar-index.service >"$SCRATCH/lines"
while read -r line; do
    args=$(printf '%s\n' "$line" | sed "s|^khabar-index --db [^ ]*|--db $SCRATCH/index|; s|/srv/news|$SCRATCH/news|")
    # shellcheck disable=SC2086
    "$INDEX" $args >/dev/null 2>"$SCRATCH/err"
    status=$?
    check_eq "deploy command line runs: $(echo "$args" | sed "s|$SCRATCH/||g")" 0 "$status"
done <"$SCRATCH/lines"
done_testing
