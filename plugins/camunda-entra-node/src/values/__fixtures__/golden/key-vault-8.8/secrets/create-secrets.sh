#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "payments".
# entra-credentials is not created here: manifests/external-secret.yaml builds it from Azure Key Vault.
# Every value comes from an environment variable; none is stored in this repository.
#   IDENTITY_POSTGRESQL_ADMIN_PASSWORD (optional, random when unset): password of the Management Identity PostgreSQL admin account (postgres); choose any value
#   IDENTITY_POSTGRESQL_USER_PASSWORD (optional, random when unset): password of the Management Identity PostgreSQL user (identity); choose any value
#   WEBMODELER_POSTGRESQL_ADMIN_PASSWORD (optional, random when unset): password of the Web Modeler PostgreSQL admin account (postgres); choose any value
#   WEBMODELER_POSTGRESQL_USER_PASSWORD (optional, random when unset): password of the Web Modeler PostgreSQL user (web-modeler); choose any value
set -eu

if kubectl get secret camunda-credentials --namespace payments-camunda >/dev/null 2>&1; then
  echo "Keeping the existing Secret camunda-credentials: the databases were initialised with its passwords."
else
  kubectl create secret generic camunda-credentials --namespace payments-camunda \
    --from-literal=identity-postgresql-admin-password="${IDENTITY_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" \
    --from-literal=identity-postgresql-user-password="${IDENTITY_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}" \
    --from-literal=webmodeler-postgresql-admin-password="${WEBMODELER_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" \
    --from-literal=webmodeler-postgresql-user-password="${WEBMODELER_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}"
fi
