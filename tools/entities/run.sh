#!/bin/sh
# Builds entities-eval with make and runs it on Reuters-21578
# (docs/ENTITIES.md).
#   tools/entities/run.sh [-av] [-n MAX] [REUTERS_DIR]
set -eu
cd "$(dirname "$0")/../.."
make -s build/entities-eval
case "${*:-}" in
*reuters*) exec build/entities-eval "$@" ;;
*) exec build/entities-eval "$@" ../shared/corpus/reuters21578 ;;
esac
