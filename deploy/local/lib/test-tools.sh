# shellcheck shell=bash
# Tools that the tests need besides Node, from Debian's packages:
# - `docker-compose` (package docker-compose, Compose v1), whose `config` command validates the
#   root docker-compose.yml without a Docker engine (test/deploy);
# - Chromium and ChromeDriver (packages chromium and chromium-driver, /usr/bin/chromium), which
#   the browser tests drive through playwright-core (test/browser).
# Sourced by ./vigil, never run. Expects `set -euo pipefail` in the caller.

# Installs the missing Debian packages, as root or through sudo. A failed install only prints a
# warning, so the other tests still run; the tests that need the tool then fail and name it.
install_test_tools() {
  local packages=()
  if ! command -v docker-compose >/dev/null; then
    packages+=(docker-compose)
  fi
  if [ ! -x /usr/bin/chromium ]; then
    packages+=(chromium chromium-driver)
  fi
  if ((${#packages[@]} == 0)); then
    return 0
  fi
  local sudo=()
  if ((EUID != 0)); then
    sudo=(sudo)
  fi
  if ! command -v apt-get >/dev/null || { ((EUID != 0)) && ! command -v sudo >/dev/null; }; then
    printf '[vigil] warning: %s missing, and apt-get (as root or with sudo) is not' "${packages[*]}" >&2
    printf ' available to install them. Install them to run test/deploy and test/browser.\n' >&2
    return 0
  fi
  printf '[vigil] installing the Debian packages %s for the tests\n' "${packages[*]}" >&2
  if ! "${sudo[@]}" apt-get update -qq ||
    ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; then
    printf '[vigil] warning: installing %s with apt-get failed, so the tests that need them' "${packages[*]}" >&2
    printf ' will fail\n' >&2
  fi
}
