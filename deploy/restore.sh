#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into fresh servers (deploy/README.md, "Back up and restore"):
#   deploy/restore.sh postgres BACKUP        into the empty database PGDATABASE (libpq settings as for backup.sh)
#   deploy/restore.sh redis BACKUP REDIS_DIR  into a STOPPED Redis's `dir` (its appendonlydir replaced); start it after
#   deploy/restore.sh rewind                  with both running: the projector's consumer group of every stream back to
#                                             the database's checkpoint (XGROUP SETID), since the AOF was copied after the
#                                             dump and the group had moved on past entries the restored database lacks
# Then start the app instances: the projector takes up from the restored checkpoint, re-projecting what the stream holds
# beyond it, and `cc verify --require-caught-up` is clean once it has caught up (deploy/restore-drill.sh proves it).
# Redis settings for rewind: REDIS_HOST, REDIS_PORT, REDISCLI_AUTH as for backup.sh; STREAM (cc:events).
set -euo pipefail
what=${1:?usage: deploy/restore.sh postgres|redis BACKUP [REDIS_DIR] | rewind}
if [ "$what" = rewind ]; then
  # Every projected stream: the district's one (checkpoint "projector") or, with EventLog__Sharding=Street, each street's
  # (checkpoint "projector:<street>", stream "<STREAM>:{<street>}"). Pending entries the group still holds from before
  # the backup stay pending; the projector sees they lie beyond the rewound position and reads in log order instead.
  rewound=0
  while IFS='|' read -r name checkpoint; do
    [ -n "$name" ] || continue
    street=${name#projector}; street=${street#:}
    key=${STREAM:-cc:events}; [ -n "$street" ] && key="$key:{$street}"
    redis-cli -c -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" XGROUP SETID "$key" projector "$checkpoint" >/dev/null
    echo "restore: consumer group projector of $key rewound to the database's checkpoint $checkpoint"
    rewound=$((rewound + 1))
  done < <(psql -qAt -d "${PGDATABASE:-commandcenter}" -c "SELECT name, position FROM checkpoints WHERE name = 'projector' OR name LIKE 'projector:%' ORDER BY name")
  [ "$rewound" -gt 0 ] || { echo "restore: the database has no projector checkpoint" >&2; exit 1; }
  exit 0
fi
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
  *) echo "usage: deploy/restore.sh postgres|redis BACKUP [REDIS_DIR] | rewind" >&2; exit 2 ;;
esac
