#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "payments".
# Every value comes from an environment variable; none is stored in this repository.
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
#   MACHINE_PAYMENTS_WORKER_CLIENT_SECRET: client secret of the machine client payments-worker, for its worker or pipeline (the chart does not read it)
set -eu

kubectl create secret generic entra-credentials --namespace payments-camunda \
  --from-literal=orchestration-cluster-client-secret="${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" \
  --from-literal=machine-payments-worker-client-secret="${MACHINE_PAYMENTS_WORKER_CLIENT_SECRET:?set MACHINE_PAYMENTS_WORKER_CLIENT_SECRET}" \
  --dry-run=client --output=yaml | kubectl apply --filename=-
