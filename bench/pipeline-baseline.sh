#!/usr/bin/env bash
# The baseline: the same Docker work as `gantry run` (checkout → test → build → push), as a plain
# script would do it, one step after the other. Usage: pipeline-baseline.sh SERVICE_DIR REGISTRY IMAGE TAG
set -euo pipefail
dir=$1 registry=$2 image=$3 tag=$4
docker build -q -f "$dir/Dockerfile.test" -t "$registry/$image-test:$tag" "$dir" >/dev/null
docker run --rm -e TEST_TYPE=pre-deployment "$registry/$image-test:$tag" >/dev/null
docker push -q "$registry/$image-test:$tag" >/dev/null
docker build -q -f "$dir/Dockerfile" -t "$registry/$image:$tag" "$dir" >/dev/null
docker push -q "$registry/$image:$tag" >/dev/null
