# shellcheck shell=bash
# Tools that the tests need besides Node: `docker-compose` (Debian package
# docker-compose, Compose v1), whose `config` command validates the root
# docker-compose.yml without a Docker engine.
# Sourced by ./vigil, never run. Expects `set -euo pipefail` in the caller.

# Installs the Debian package docker-compose when the docker-compose command is
# missing, as root or through sudo. A failed install only prints a warning, so
# the other tests still run. test/deploy then fails and names the missing command.
install_test_tools() {
  if command -v docker-compose >/dev/null; then
    return 0
  fi
  local sudo=()
  if ((EUID != 0)); then
    sudo=(sudo)
  fi
  if ! command -v apt-get >/dev/null || { ((EUID != 0)) && ! command -v sudo >/dev/null; }; then
    printf '[vigil] warning: docker-compose is missing, and apt-get (as root or with sudo) is not' >&2
    printf ' available to install it. Install docker-compose to run test/deploy.\n' >&2
    return 0
  fi
  printf '[vigil] installing the Debian package docker-compose for test/deploy\n' >&2
  if ! "${sudo[@]}" apt-get update -qq ||
    ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; then
    printf '[vigil] warning: installing docker-compose with apt-get failed, so test/deploy will fail\n' >&2
  fi
}
