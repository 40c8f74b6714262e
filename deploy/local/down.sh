#!/usr/bin/env bash
# Stops the services that up.sh started in this clone, found through the pid
# files in .local/run: SIGTERM, then SIGKILL after VIGIL_STOP_TIMEOUT seconds
# (default 60). Services used through KAFKA_BROKERS, MONGODB_URI or REDIS_URL
# and processes without a pid file are left alone. Data is kept.
#
# Usage: down.sh [--wipe]
#   --wipe  also delete the data that up.sh created: .local/kafka,
#           .local/ferretdb, .local/redis, .local/run and .local/env.
#           Installed tools in ${VIGIL_CACHE:-$HOME/.cache/vigil} stay.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "${LOCAL_SCRIPTS_DIR}/lib/kafka.sh"
# shellcheck source=lib/ferretdb.sh
source "${LOCAL_SCRIPTS_DIR}/lib/ferretdb.sh"
# shellcheck source=lib/redis.sh
source "${LOCAL_SCRIPTS_DIR}/lib/redis.sh"

wipe=0
for argument in "$@"; do
  case "${argument}" in
    --wipe) wipe=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '${argument}' (see --help)" ;;
  esac
done

if [[ ! -d "${RUN_DIR}" ]]; then
  log "nothing to stop: ${RUN_DIR} does not exist"
else
  exec 9>"${RUN_DIR}/lock"
  flock -n 9 || die "another up.sh or down.sh is running for this clone (lock ${RUN_DIR}/lock)"
fi

failed=0
kafka_down || failed=1
ferretdb_down || failed=1
redis_down || failed=1

if ((failed)); then
  die "some services did not stop; see the messages above"
fi

if ((wipe)); then
  log "deleting ${KAFKA_DIR} ${FERRETDB_DIR} ${REDIS_DIR} ${RUN_DIR} ${ENV_FILE}"
  rm -rf -- "${KAFKA_DIR}" "${FERRETDB_DIR}" "${REDIS_DIR}" "${RUN_DIR}" "${ENV_FILE}"
fi
