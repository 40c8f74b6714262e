#!/usr/bin/env bash
# Runs the benchmarks: starts Kafka, FerretDB and Redis if needed, builds, then runs
# deploy/bench/main.ts, which starts the three services on ports 19080-19082 (BENCH_PORT_BASE)
# with their own MongoDB database and Redis database. BENCH_* variables are described in
# docs/benchmarks.md. Nothing else may run the services against the same Kafka meanwhile, since
# the bench uses the real topics and consumer groups.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

# Succeeds when .local/env exists and Kafka, MongoDB and Redis accept connections at its addresses.
stack_answers() {
  [ -f .local/env ] || return 1
  # shellcheck disable=SC1091
  source .local/env
  local kafka mongo redis address
  kafka=${KAFKA_BROKERS%%,*}
  mongo=$(sed -E 's#^mongodb://([^/@]*@)?([^/,?]+).*#\2#' <<<"${MONGODB_URI}")
  redis=$(sed -E 's#^rediss?://([^/@]*@)?([^/?]+).*#\2#' <<<"${REDIS_URL}")
  for address in "$kafka" "$mongo" "$redis"; do
    (exec 3<>"/dev/tcp/${address%:*}/${address##*:}") 2>/dev/null || return 1
  done
}

# up.sh starts what is missing; servers that already answer, perhaps started from another
# checkout of the repository, are used as they are.
if ! stack_answers; then
  deploy/local/up.sh >&2
  # shellcheck disable=SC1091
  source .local/env
fi
if [ -z "${TOKEN_SIGNING_KEYS:-}" ]; then
  TOKEN_SIGNING_KEYS="bench-1:$(node -e "console.log(require('node:crypto').randomBytes(36).toString('base64url'))")"
  export TOKEN_SIGNING_KEYS
fi
npm run --silent build
exec node -r ./deploy/runtime/register.js dist/deploy/bench/main.js
