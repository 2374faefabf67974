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
# kubectl reads the values from files only this user can read, removed on exit: a value
# passed as an argument would show in the process list of every user of this machine.
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%s' "${IDENTITY_CLIENT_SECRET:?set IDENTITY_CLIENT_SECRET}" >"$work/identity-client-secret"
printf '%s' "${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" >"$work/orchestration-cluster-client-secret"
printf '%s' "${OPTIMIZE_CLIENT_SECRET:?set OPTIMIZE_CLIENT_SECRET}" >"$work/optimize-client-secret"
printf '%s' "${CAMUNDA_HUB_API_CLIENT_SECRET:?set CAMUNDA_HUB_API_CLIENT_SECRET}" >"$work/camunda-hub-api-client-secret"
printf '%s' "${MACHINE_PAYMENTS_WORKER_CLIENT_SECRET:?set MACHINE_PAYMENTS_WORKER_CLIENT_SECRET}" >"$work/machine-payments-worker-client-secret"
printf '%s' "${MACHINE_DEPLOYER_CLIENT_SECRET:?set MACHINE_DEPLOYER_CLIENT_SECRET}" >"$work/machine-deployer-client-secret"
kubectl create secret generic entra-credentials --namespace payments-camunda \
  --from-file=identity-client-secret="$work/identity-client-secret" \
  --from-file=orchestration-cluster-client-secret="$work/orchestration-cluster-client-secret" \
  --from-file=optimize-client-secret="$work/optimize-client-secret" \
  --from-file=camunda-hub-api-client-secret="$work/camunda-hub-api-client-secret" \
  --from-file=machine-payments-worker-client-secret="$work/machine-payments-worker-client-secret" \
  --from-file=machine-deployer-client-secret="$work/machine-deployer-client-secret" \
  --dry-run=client --output=yaml | kubectl apply --filename=-
