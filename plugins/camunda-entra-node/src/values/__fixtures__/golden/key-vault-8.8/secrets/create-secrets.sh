#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "payments".
# entra-credentials is not created here: manifests/external-secret.yaml builds it from Azure Key Vault.
# Every value comes from an environment variable; none is stored in this repository.
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

if kubectl get secret camunda-credentials --namespace payments-camunda >/dev/null 2>&1; then
  echo "Keeping the existing Secret camunda-credentials: the databases were initialised with its passwords."
else
  printf '%s' "${IDENTITY_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" >"$work/identity-postgresql-admin-password"
  printf '%s' "${IDENTITY_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}" >"$work/identity-postgresql-user-password"
  printf '%s' "${WEBMODELER_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" >"$work/webmodeler-postgresql-admin-password"
  printf '%s' "${WEBMODELER_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}" >"$work/webmodeler-postgresql-user-password"
  kubectl create secret generic camunda-credentials --namespace payments-camunda \
    --from-file=identity-postgresql-admin-password="$work/identity-postgresql-admin-password" \
    --from-file=identity-postgresql-user-password="$work/identity-postgresql-user-password" \
    --from-file=webmodeler-postgresql-admin-password="$work/webmodeler-postgresql-admin-password" \
    --from-file=webmodeler-postgresql-user-password="$work/webmodeler-postgresql-user-password"
fi
