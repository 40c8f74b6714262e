#!/usr/bin/env bash
# Adds an SQLite index that serves FerretDB's lookups by _id, for every collection of the local
# FerretDB database that exists so far. Run it again after new collections appear; it skips
# tables that already have one.
#
# FerretDB v1.24.2 on SQLite filters _id with the expression _ferretdb_sjson->'$._id', while its
# own _id index is on _ferretdb_sjson->"_id", which SQLite does not match, so every lookup by _id
# scans the table. This index has the expression FerretDB queries with. FerretDB keeps its own
# index list in _ferretdb_collections and ignores this one. MongoDB needs nothing of the kind.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

database="${LOCAL_DIR}/ferretdb/data/${1:-vigil}.sqlite"
if [[ ! -f "${database}" ]]; then
  log "ferretdb: no database file ${database} yet; nothing to index"
  exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
  apt_install sqlite3
fi

tables=$(sqlite3 "${database}" 'SELECT table_name FROM _ferretdb_collections;')
for table in ${tables}; do
  [[ "${table}" =~ ^[A-Za-z0-9_]+$ ]] || die "unexpected table name '${table}' in ${database}"
  sqlite3 -cmd '.timeout 5000' "${database}" \
    "CREATE INDEX IF NOT EXISTS \"${table}_id_lookup\" ON \"${table}\" (_ferretdb_sjson->'\$._id');"
done
log "ferretdb: _id lookup index on $(wc -w <<<"${tables}") tables of ${database}"
