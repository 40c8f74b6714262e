#!/usr/bin/env bash
# Prints which local services from up.sh run in this clone (pid, port,
# whether it responds, version, data folder) and the addresses in .local/env.
# Exits 0 when every service either runs or has its variable in .local/env
# pointing to another server, and 1 otherwise.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "${LOCAL_SCRIPTS_DIR}/lib/kafka.sh"
# shellcheck source=lib/ferretdb.sh
source "${LOCAL_SCRIPTS_DIR}/lib/ferretdb.sh"
# shellcheck source=lib/redis.sh
source "${LOCAL_SCRIPTS_DIR}/lib/redis.sh"

# Reads VARIABLE from .local/env without running the file.
env_file_value() {
  [[ -f "${ENV_FILE}" ]] || return 0
  sed -n "s/^export $1=//p" "${ENV_FILE}"
}

# Prints a note and succeeds when .local/env points VARIABLE at a server that
# up.sh did not start.
report_external() {
  local variable="$1" local_value="$2"
  if is_external "$(env_file_value "${variable}")" "${local_value}"; then
    printf '          (%s in .local/env points to another server)\n' "${variable}"
    return 0
  fi
  return 1
}

exit_code=0
kafka_status || report_external KAFKA_BROKERS "${LOCAL_KAFKA_BROKERS}" || exit_code=1
ferretdb_status || report_external MONGODB_URI "${LOCAL_MONGODB_URI}" || exit_code=1
redis_status || report_external REDIS_URL "${LOCAL_REDIS_URL}" || exit_code=1

if [[ -f "${ENV_FILE}" ]]; then
  printf '\n%s:\n' "${ENV_FILE}"
  grep '^export ' "${ENV_FILE}"
else
  printf '\n%s does not exist yet; run deploy/local/up.sh\n' "${ENV_FILE}"
fi
exit "${exit_code}"
