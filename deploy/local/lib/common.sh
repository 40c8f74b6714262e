# shellcheck shell=bash
# Shared settings and helpers for deploy/local/*.sh: paths, ports, logging,
# pid-file handling, readiness polling and package installation.
# Sourced, never run. Expects `set -euo pipefail` in the caller.
# The scripts that source this file use the variables defined here.
# shellcheck disable=SC2034

LOCAL_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "${LOCAL_SCRIPTS_DIR}/../.." && pwd)"

# Data lives in the git-ignored .local/ folder of this clone. Installed tools
# live in a per-user cache so that other clones on the machine reuse them.
LOCAL_DIR="${REPO_ROOT}/.local"
RUN_DIR="${LOCAL_DIR}/run"
ENV_FILE="${LOCAL_DIR}/env"
VIGIL_CACHE="${VIGIL_CACHE:-${HOME}/.cache/vigil}"

VIGIL_KAFKA_PORT="${VIGIL_KAFKA_PORT:-9092}"
VIGIL_KAFKA_CONTROLLER_PORT="${VIGIL_KAFKA_CONTROLLER_PORT:-9093}"
VIGIL_MONGO_PORT="${VIGIL_MONGO_PORT:-27017}"
VIGIL_REDIS_PORT="${VIGIL_REDIS_PORT:-6379}"

# Addresses that up.sh writes to .local/env for the services it runs itself.
LOCAL_KAFKA_BROKERS="127.0.0.1:${VIGIL_KAFKA_PORT}"
LOCAL_MONGODB_URI="mongodb://127.0.0.1:${VIGIL_MONGO_PORT}/vigil"
LOCAL_REDIS_URL="redis://127.0.0.1:${VIGIL_REDIS_PORT}"

# Seconds that down.sh waits after SIGTERM before it sends SIGKILL.
VIGIL_STOP_TIMEOUT="${VIGIL_STOP_TIMEOUT:-60}"

log() {
  printf '[vigil-local] %s\n' "$*" >&2
}

die() {
  printf '[vigil-local] error: %s\n' "$*" >&2
  exit 1
}

# Prints the seconds since the epoch, for timing install steps.
now_seconds() {
  date +%s
}

# Succeeds when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  local port="$1"
  (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null
}

pid_file_of() {
  printf '%s/%s.pid' "${RUN_DIR}" "$1"
}

# Prints the pid recorded for SERVICE when that process is alive and its
# command line contains MARKER, so a pid reused by another program after a
# reboot or crash does not count. Fails otherwise.
running_pid() {
  local service="$1" marker="$2" pid_file pid
  pid_file="$(pid_file_of "${service}")"
  [[ -f "${pid_file}" ]] || return 1
  pid="$(<"${pid_file}")"
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/${pid}/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -qF -- "${marker}" || return 1
  printf '%s\n' "${pid}"
}

# Removes the pid file of SERVICE when its process is gone.
clear_stale_pid_file() {
  local service="$1" marker="$2" pid_file
  pid_file="$(pid_file_of "${service}")"
  if [[ -f "${pid_file}" ]] && ! running_pid "${service}" "${marker}" >/dev/null; then
    log "${service}: removing stale pid file ${pid_file}"
    rm -f "${pid_file}"
  fi
}

# Starts COMMAND... in the background in its own session, detached from the
# terminal, with stdout and stderr appended to LOG_FILE, and records its pid
# for SERVICE. setsid does not fork here because a background job is never a
# process group leader, so $! is the service's own pid.
start_background() {
  local service="$1" log_file="$2"
  shift 2
  mkdir -p "${RUN_DIR}"
  printf '\n===== %s starting %s =====\n' "$(date -Is)" "${service}" >>"${log_file}"
  # 9>&- keeps the service from inheriting the lock that up.sh holds on fd 9.
  setsid "$@" </dev/null >>"${log_file}" 2>&1 9>&- &
  printf '%s\n' "$!" >"$(pid_file_of "${service}")"
}

# Polls CHECK_COMMAND... once a second until it succeeds. Fails when
# TIMEOUT_SECONDS pass or when the process of SERVICE exits first, and then
# prints the end of LOG_FILE.
wait_until_ready() {
  local service="$1" marker="$2" log_file="$3" timeout_seconds="$4"
  shift 4
  local deadline=$((SECONDS + timeout_seconds))
  while ((SECONDS < deadline)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if ! running_pid "${service}" "${marker}" >/dev/null; then
      log "${service} exited during startup; last lines of ${log_file}:"
      tail -n 30 "${log_file}" >&2 || true
      return 1
    fi
    sleep 1
  done
  log "${service} was not ready after ${timeout_seconds} s; last lines of ${log_file}:"
  tail -n 30 "${log_file}" >&2 || true
  return 1
}

# Sends SIGTERM to the recorded process of SERVICE, waits up to
# VIGIL_STOP_TIMEOUT seconds, then sends SIGKILL. Only a process that
# running_pid recognizes is signalled.
stop_service() {
  local service="$1" marker="$2" pid
  if ! pid="$(running_pid "${service}" "${marker}")"; then
    clear_stale_pid_file "${service}" "${marker}"
    log "${service}: not running (no live pid file)"
    return 0
  fi
  log "${service}: sending SIGTERM to pid ${pid}"
  kill -TERM "${pid}" 2>/dev/null || true
  local deadline=$((SECONDS + VIGIL_STOP_TIMEOUT))
  while kill -0 "${pid}" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "${service}: still running after ${VIGIL_STOP_TIMEOUT} s, sending SIGKILL to pid ${pid}"
    kill -KILL "${pid}" 2>/dev/null || true
    sleep 1
  fi
  if kill -0 "${pid}" 2>/dev/null; then
    log "${service}: pid ${pid} did not exit"
    return 1
  fi
  rm -f "$(pid_file_of "${service}")"
  log "${service}: stopped"
}

# Fails with a hint when PORT is taken by a process that up.sh did not start.
# PORT_VARIABLE and URL_VARIABLE name the settings that avoid the clash.
ensure_port_free() {
  local service="$1" port="$2" port_variable="$3" url_variable="$4"
  if port_open "${port}"; then
    die "${service}: port ${port} on 127.0.0.1 is in use by a process that up.sh did not start. Stop that process, choose another port with ${port_variable}, or use that server by setting ${url_variable}."
  fi
}

APT_UPDATED=0

# Installs Debian packages with apt-get, as root or through sudo. Runs
# `apt-get update` once per script run first.
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* with your system's package manager"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "installing $* needs root or sudo"
    sudo=(sudo)
  fi
  if ((APT_UPDATED == 0)); then
    log "running apt-get update"
    "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  log "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

# Succeeds when VALUE (a service URL taken from the environment) is set and
# differs from the local address that up.sh itself would use. A value equal to
# the local address, as left by sourcing .local/env, still counts as local.
is_external() {
  local value="$1" local_value="$2"
  [[ -n "${value}" && "${value}" != "${local_value}" ]]
}
