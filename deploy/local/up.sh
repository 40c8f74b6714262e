#!/usr/bin/env bash
# Starts the local development services on 127.0.0.1: Kafka (KRaft, one
# node), FerretDB (SQLite backend) and Redis. Installs whatever is missing
# first, waits until each one responds to a real request, then writes
# .local/env with KAFKA_BROKERS, MONGODB_URI and REDIS_URL and prints it.
#
# Running it again reuses the installed tools and the running services.
# A service whose variable (KAFKA_BROKERS, MONGODB_URI, REDIS_URL) is already
# set to a non-local address is not started, and that value is written.
# Ports: VIGIL_KAFKA_PORT (9092), VIGIL_KAFKA_CONTROLLER_PORT (9093),
# VIGIL_MONGO_PORT (27017), VIGIL_REDIS_PORT (6379).
# Tools are cached in ${VIGIL_CACHE:-$HOME/.cache/vigil}; data is in .local/.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "${LOCAL_SCRIPTS_DIR}/lib/kafka.sh"
# shellcheck source=lib/ferretdb.sh
source "${LOCAL_SCRIPTS_DIR}/lib/ferretdb.sh"
# shellcheck source=lib/redis.sh
source "${LOCAL_SCRIPTS_DIR}/lib/redis.sh"

if [[ $# -gt 0 ]]; then
  case "$1" in
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$1'; up.sh takes no arguments (see --help)" ;;
  esac
fi

mkdir -p "${RUN_DIR}"
exec 9>"${RUN_DIR}/lock"
flock -n 9 || die "another up.sh or down.sh is running for this clone (lock ${RUN_DIR}/lock)"

started="$(now_seconds)"

if is_external "${REDIS_URL:-}" "${LOCAL_REDIS_URL}"; then
  log "redis: using REDIS_URL from the environment; not starting Redis"
  redis_url="${REDIS_URL}"
else
  redis_up
  redis_url="${LOCAL_REDIS_URL}"
fi

if is_external "${MONGODB_URI:-}" "${LOCAL_MONGODB_URI}"; then
  log "ferretdb: using MONGODB_URI from the environment; not starting FerretDB"
  mongodb_uri="${MONGODB_URI}"
else
  ferretdb_up
  mongodb_uri="${LOCAL_MONGODB_URI}"
fi

if is_external "${KAFKA_BROKERS:-}" "${LOCAL_KAFKA_BROKERS}"; then
  log "kafka: using KAFKA_BROKERS from the environment; not starting Kafka"
  kafka_brokers="${KAFKA_BROKERS}"
else
  kafka_up
  kafka_brokers="${LOCAL_KAFKA_BROKERS}"
fi

{
  printf '# Written by deploy/local/up.sh. Load with: . .local/env\n'
  printf 'export KAFKA_BROKERS=%q\n' "${kafka_brokers}"
  printf 'export MONGODB_URI=%q\n' "${mongodb_uri}"
  printf 'export REDIS_URL=%q\n' "${redis_url}"
} >"${ENV_FILE}.tmp"
mv "${ENV_FILE}.tmp" "${ENV_FILE}"

log "all services ready in $(($(now_seconds) - started)) s; wrote ${ENV_FILE}:"
cat "${ENV_FILE}"
