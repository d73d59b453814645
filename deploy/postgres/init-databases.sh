#!/usr/bin/env bash
# Creates one role and one database per Kaizen service (database-per-service).
#
# Run once by the official postgres image on an empty data directory (mounted at
# /docker-entrypoint-initdb.d/), and by the dev Kubernetes overlay's PostgreSQL
# StatefulSet (a copy lives in k8s/overlays/dev/postgres-init.yaml; a test keeps
# them identical). For each service NAME in KAIZEN_DATABASES it needs the password
# in KAIZEN_<NAME>_DB_PASSWORD and creates:
#   role NAME (LOGIN, password set), database NAME owned by it,
#   CONNECT revoked from PUBLIC so no other service's role can open it.
# Idempotent: existing roles get their password reset, existing databases are kept.
set -euo pipefail

KAIZEN_DATABASES="${KAIZEN_DATABASES:-ideas career experiments reflections insights notifications growth}"
PSQL=(psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --no-password)

for name in ${KAIZEN_DATABASES}; do
  var="KAIZEN_${name^^}_DB_PASSWORD"
  password="${!var:-}"
  if [ -z "${password}" ]; then
    echo "init-databases: ${var} is not set" >&2
    exit 1
  fi
  echo "init-databases: role and database '${name}'"
  # psql variables (:'pw', :"name") quote the values; no shell interpolation in SQL.
  "${PSQL[@]}" --dbname postgres -v name="${name}" -v pw="${password}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'name') \gexec
ALTER ROLE :"name" WITH LOGIN PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'name') \gexec
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT ALL ON DATABASE :"name" TO :"name";
SQL
  # PostgreSQL 15: the public schema is owned by pg_database_owner, i.e. the service role.
done
