#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "modeling".
# Every value comes from an environment variable; none is stored in this repository.
#   IDENTITY_CLIENT_SECRET: client secret of the Management Identity application
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
#   WEBMODELER_API_CLIENT_SECRET: client secret of the Web Modeler API application (not read by the chart; for your own Web Modeler API clients)
#   IDENTITY_POSTGRESQL_ADMIN_PASSWORD (optional, random when unset): password of the Management Identity PostgreSQL admin account (postgres); choose any value
#   IDENTITY_POSTGRESQL_USER_PASSWORD (optional, random when unset): password of the Management Identity PostgreSQL user (identity); choose any value
#   WEBMODELER_POSTGRESQL_ADMIN_PASSWORD (optional, random when unset): password of the Web Modeler PostgreSQL admin account (postgres); choose any value
#   WEBMODELER_POSTGRESQL_USER_PASSWORD (optional, random when unset): password of the Web Modeler PostgreSQL user (web-modeler); choose any value
set -eu
# kubectl reads the values from files only this user can read, removed on exit: a value
# passed as an argument would show in the process list of every user of this machine.
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%s' "${IDENTITY_CLIENT_SECRET:?set IDENTITY_CLIENT_SECRET}" >"$work/identity-client-secret"
printf '%s' "${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" >"$work/orchestration-cluster-client-secret"
printf '%s' "${WEBMODELER_API_CLIENT_SECRET:?set WEBMODELER_API_CLIENT_SECRET}" >"$work/webmodeler-api-client-secret"
kubectl create secret generic entra-credentials --namespace modeling \
  --from-file=identity-client-secret="$work/identity-client-secret" \
  --from-file=orchestration-cluster-client-secret="$work/orchestration-cluster-client-secret" \
  --from-file=webmodeler-api-client-secret="$work/webmodeler-api-client-secret" \
  --dry-run=client --output=yaml | kubectl apply --filename=-

if kubectl get secret camunda-credentials --namespace modeling >/dev/null 2>&1; then
  echo "Keeping the existing Secret camunda-credentials: the databases were initialised with its passwords."
else
  printf '%s' "${IDENTITY_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" >"$work/identity-postgresql-admin-password"
  printf '%s' "${IDENTITY_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}" >"$work/identity-postgresql-user-password"
  printf '%s' "${WEBMODELER_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" >"$work/webmodeler-postgresql-admin-password"
  printf '%s' "${WEBMODELER_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}" >"$work/webmodeler-postgresql-user-password"
  kubectl create secret generic camunda-credentials --namespace modeling \
    --from-file=identity-postgresql-admin-password="$work/identity-postgresql-admin-password" \
    --from-file=identity-postgresql-user-password="$work/identity-postgresql-user-password" \
    --from-file=webmodeler-postgresql-admin-password="$work/webmodeler-postgresql-admin-password" \
    --from-file=webmodeler-postgresql-user-password="$work/webmodeler-postgresql-user-password"
fi
