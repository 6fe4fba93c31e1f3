#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into fresh servers (deploy/README.md, "Back up and restore"):
#   deploy/restore.sh postgres BACKUP        into the empty database PGDATABASE (libpq settings as for backup.sh)
#   deploy/restore.sh redis BACKUP REDIS_DIR  into a STOPPED Redis's `dir` (its appendonlydir replaced); start it after
# Then start the app instances: the projector takes up from the restored checkpoint, re-projecting what the stream holds
# beyond it, and `cc verify --require-caught-up` is clean once it has caught up (deploy/restore-drill.sh proves it).
set -euo pipefail
what=${1:?usage: deploy/restore.sh postgres|redis BACKUP [REDIS_DIR]}
backup=${2:?usage: deploy/restore.sh postgres|redis BACKUP [REDIS_DIR]}
(cd "$backup" && sha256sum --quiet -c SHA256SUMS) || { echo "restore: $backup does not match its SHA256SUMS" >&2; exit 1; }
case "$what" in
  postgres)
    tables=$(psql -qAt -d "${PGDATABASE:-commandcenter}" -c "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
    [ "$tables" = 0 ] || { echo "restore: database ${PGDATABASE:-commandcenter} is not empty ($tables tables)" >&2; exit 1; }
    pg_restore --no-owner --exit-on-error --dbname="${PGDATABASE:-commandcenter}" "$backup/commandcenter.pgdump"
    ;;
  redis)
    redis_dir=${3:?usage: deploy/restore.sh redis BACKUP REDIS_DIR}
    rm -rf "$redis_dir/appendonlydir"
    cp -a "$backup/appendonlydir" "$redis_dir/appendonlydir"
    ;;
  *) echo "usage: deploy/restore.sh postgres|redis BACKUP [REDIS_DIR]" >&2; exit 2 ;;
esac
