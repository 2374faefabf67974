#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "orders".
# Every value comes from an environment variable; none is stored in this repository.
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
set -eu

kubectl create secret generic entra-credentials --namespace orders-camunda \
  --from-literal=orchestration-cluster-client-secret="${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" \
  --dry-run=client --output=yaml | kubectl apply --filename=-
