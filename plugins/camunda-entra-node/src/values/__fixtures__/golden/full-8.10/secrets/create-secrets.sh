#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "payments".
# Every value comes from an environment variable; none is stored in this repository.
#   IDENTITY_CLIENT_SECRET: client secret of the Management Identity application
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
#   OPTIMIZE_CLIENT_SECRET: client secret of the Optimize application
#   CAMUNDA_HUB_API_CLIENT_SECRET: client secret of the Camunda Hub API application (not read by the chart; for your own Camunda Hub API clients)
#   MACHINE_PAYMENTS_WORKER_CLIENT_SECRET: client secret of the machine client payments-worker, for its worker or pipeline (the chart does not read it)
#   MACHINE_DEPLOYER_CLIENT_SECRET: client secret of the machine client deployer, for its worker or pipeline (the chart does not read it)
set -eu

kubectl create secret generic entra-credentials --namespace payments-camunda \
  --from-literal=identity-client-secret="${IDENTITY_CLIENT_SECRET:?set IDENTITY_CLIENT_SECRET}" \
  --from-literal=orchestration-cluster-client-secret="${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" \
  --from-literal=optimize-client-secret="${OPTIMIZE_CLIENT_SECRET:?set OPTIMIZE_CLIENT_SECRET}" \
  --from-literal=camunda-hub-api-client-secret="${CAMUNDA_HUB_API_CLIENT_SECRET:?set CAMUNDA_HUB_API_CLIENT_SECRET}" \
  --from-literal=machine-payments-worker-client-secret="${MACHINE_PAYMENTS_WORKER_CLIENT_SECRET:?set MACHINE_PAYMENTS_WORKER_CLIENT_SECRET}" \
  --from-literal=machine-deployer-client-secret="${MACHINE_DEPLOYER_CLIENT_SECRET:?set MACHINE_DEPLOYER_CLIENT_SECRET}" \
  --dry-run=client --output=yaml | kubectl apply --filename=-
