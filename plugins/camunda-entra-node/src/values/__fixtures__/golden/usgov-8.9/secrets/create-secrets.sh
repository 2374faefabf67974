#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "gov".
# Every value comes from an environment variable; none is stored in this repository.
#   IDENTITY_CLIENT_SECRET: client secret of the Management Identity application
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
#   OPTIMIZE_CLIENT_SECRET: client secret of the Optimize application
#   IDENTITY_POSTGRESQL_ADMIN_PASSWORD (optional, random when unset): password of the Management Identity PostgreSQL admin account (postgres); choose any value
#   IDENTITY_POSTGRESQL_USER_PASSWORD (optional, random when unset): password of the Management Identity PostgreSQL user (identity); choose any value
set -eu

kubectl create secret generic gov-entra --namespace gov-camunda \
  --from-literal=identity-client-secret="${IDENTITY_CLIENT_SECRET:?set IDENTITY_CLIENT_SECRET}" \
  --from-literal=orchestration-cluster-client-secret="${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" \
  --from-literal=optimize-client-secret="${OPTIMIZE_CLIENT_SECRET:?set OPTIMIZE_CLIENT_SECRET}" \
  --dry-run=client --output=yaml | kubectl apply --filename=-

if kubectl get secret gov-camunda --namespace gov-camunda >/dev/null 2>&1; then
  echo "Keeping the existing Secret gov-camunda: the databases were initialised with its passwords."
else
  kubectl create secret generic gov-camunda --namespace gov-camunda \
    --from-literal=identity-postgresql-admin-password="${IDENTITY_POSTGRESQL_ADMIN_PASSWORD:-$(openssl rand -hex 24)}" \
    --from-literal=identity-postgresql-user-password="${IDENTITY_POSTGRESQL_USER_PASSWORD:-$(openssl rand -hex 24)}"
fi
