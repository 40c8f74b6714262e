# shellcheck shell=bash
# FerretDB for deploy/local: build from the Go module proxy, start with the
# SQLite backend and telemetry disabled, probe readiness and stop.
# Sourced after lib/common.sh.

VIGIL_FERRETDB_VERSION="${VIGIL_FERRETDB_VERSION:-v1.24.2}"
# Address of FerretDB's HTTP handlers for metrics and profiling, or "-" to
# turn them off.
VIGIL_FERRETDB_DEBUG_ADDR="${VIGIL_FERRETDB_DEBUG_ADDR:--}"

FERRETDB_HOME="${VIGIL_CACHE}/ferretdb-${VIGIL_FERRETDB_VERSION}"
FERRETDB_BIN="${FERRETDB_HOME}/bin/ferretdb"
FERRETDB_DIR="${LOCAL_DIR}/ferretdb"
FERRETDB_DATA_DIR="${FERRETDB_DIR}/data"
FERRETDB_STATE_DIR="${FERRETDB_DIR}/state"
FERRETDB_LOG="${RUN_DIR}/ferretdb.log"
# running_pid matches this argument in the ferretdb command line.
FERRETDB_MARKER="--sqlite-url=file:${FERRETDB_DATA_DIR}/"

ferretdb_require_go() {
  command -v go >/dev/null \
    || die "ferretdb: building FerretDB needs Go 1.21 or newer ('go' not found). Install Go, or set MONGODB_URI to an existing server."
  local version
  version="$(go env GOVERSION)"
  [[ "${version}" =~ ^go1\.([0-9]+) ]] || die "ferretdb: could not parse Go version '${version}'"
  # Go 1.21 and newer fetch the toolchain that FerretDB's go.mod names
  # (go1.24.3 for v1.24.2) from the module proxy when they are older than it.
  ((BASH_REMATCH[1] >= 21)) || die "ferretdb: Go ${version} is too old to build FerretDB; install Go 1.21 or newer"
}

# Builds FerretDB from its module source. A plain `go install ...@version`
# gives a binary that panics at startup: build/version/version.txt is made by
# `go generate` from git and is not part of the module, and the binary
# requires it. So the source is copied out of the module cache, version.txt
# is written, and the copy is built.
ferretdb_install() {
  if [[ -x "${FERRETDB_BIN}" ]]; then
    return 0
  fi
  ferretdb_require_go
  log "ferretdb: building FerretDB ${VIGIL_FERRETDB_VERSION} into ${FERRETDB_HOME} (several minutes on 2 cores)"
  local started module_dir build_dir download_json
  started="$(now_seconds)"
  mkdir -p "${VIGIL_CACHE}"

  download_json="$(cd "${VIGIL_CACHE}" && go mod download -json "github.com/FerretDB/FerretDB@${VIGIL_FERRETDB_VERSION}")" \
    || die "ferretdb: 'go mod download github.com/FerretDB/FerretDB@${VIGIL_FERRETDB_VERSION}' failed: ${download_json}"
  module_dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p' <<<"${download_json}")"
  [[ -n "${module_dir}" && -d "${module_dir}" ]] \
    || die "ferretdb: 'go mod download' did not report a module directory: ${download_json}"

  build_dir="$(mktemp -d "${VIGIL_CACHE}/ferretdb-build.XXXXXX")"
  cp -R "${module_dir}/." "${build_dir}/"
  chmod -R u+w "${build_dir}"
  printf '%s\n' "${VIGIL_FERRETDB_VERSION}" >"${build_dir}/build/version/version.txt"
  printf 'vigil-local\n' >"${build_dir}/build/version/package.txt"

  mkdir -p "${FERRETDB_HOME}/bin"
  local build_log="${FERRETDB_HOME}/build.log"
  if ! (cd "${build_dir}" && go build -trimpath -o "${FERRETDB_BIN}.tmp" ./cmd/ferretdb) >"${build_log}" 2>&1; then
    rm -rf "${build_dir}" "${FERRETDB_BIN}.tmp"
    tail -n 30 "${build_log}" >&2
    die "ferretdb: go build failed; full output in ${build_log}"
  fi
  rm -rf "${build_dir}"

  mv "${FERRETDB_BIN}.tmp" "${FERRETDB_BIN}"
  "${FERRETDB_BIN}" --version | grep -qx "version: ${VIGIL_FERRETDB_VERSION}" \
    || die "ferretdb: the built binary does not report version ${VIGIL_FERRETDB_VERSION}"
  log "ferretdb: built in $(($(now_seconds) - started)) s"
}

ferretdb_ready() {
  node "${LOCAL_SCRIPTS_DIR}/lib/mongo-ping.mjs" 127.0.0.1 "${VIGIL_MONGO_PORT}" 3000
}

ferretdb_up() {
  command -v node >/dev/null || die "ferretdb: the readiness probe needs node"
  local pid
  if pid="$(running_pid ferretdb "${FERRETDB_MARKER}")"; then
    if ferretdb_ready >/dev/null 2>&1; then
      log "ferretdb: already running (pid ${pid}) on 127.0.0.1:${VIGIL_MONGO_PORT}"
      return 0
    fi
    log "ferretdb: pid ${pid} is running but does not answer yet; waiting (if this fails, restart it with down.sh and up.sh)"
  else
    clear_stale_pid_file ferretdb "${FERRETDB_MARKER}"
    ensure_port_free ferretdb "${VIGIL_MONGO_PORT}" VIGIL_MONGO_PORT MONGODB_URI
    ferretdb_install
    mkdir -p "${FERRETDB_DATA_DIR}" "${FERRETDB_STATE_DIR}"
    log "ferretdb: starting FerretDB ${VIGIL_FERRETDB_VERSION} (SQLite backend) on 127.0.0.1:${VIGIL_MONGO_PORT}"
    # Telemetry is off twice over: --telemetry=disable and DO_NOT_TRACK=1.
    start_background ferretdb "${FERRETDB_LOG}" \
      env DO_NOT_TRACK=1 "${FERRETDB_BIN}" \
      --handler=sqlite \
      "${FERRETDB_MARKER}" \
      --listen-addr="127.0.0.1:${VIGIL_MONGO_PORT}" \
      --state-dir="${FERRETDB_STATE_DIR}" \
      --debug-addr="${VIGIL_FERRETDB_DEBUG_ADDR}" \
      --telemetry=disable \
      --log-level=info \
      --log-format=text
  fi
  wait_until_ready ferretdb "${FERRETDB_MARKER}" "${FERRETDB_LOG}" 60 ferretdb_ready \
    || die "ferretdb: not ready; log: ${FERRETDB_LOG}"
  log "ferretdb: ready (pid $(running_pid ferretdb "${FERRETDB_MARKER}"))"
}

ferretdb_down() {
  stop_service ferretdb "${FERRETDB_MARKER}"
}

ferretdb_status() {
  local pid
  if pid="$(running_pid ferretdb "${FERRETDB_MARKER}")"; then
    local state="not answering"
    if ferretdb_ready >/dev/null 2>&1; then
      state="ready"
    fi
    printf '%-9s running  pid %-8s 127.0.0.1:%s (%s), FerretDB %s + SQLite, data %s\n' \
      ferretdb "${pid}" "${VIGIL_MONGO_PORT}" "${state}" "${VIGIL_FERRETDB_VERSION}" "${FERRETDB_DATA_DIR}"
    return 0
  fi
  printf '%-9s stopped\n' ferretdb
  return 1
}
