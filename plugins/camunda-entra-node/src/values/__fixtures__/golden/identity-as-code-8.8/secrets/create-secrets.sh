#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "payments".
# Every value comes from an environment variable; none is stored in this repository.
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
#   MACHINE_PAYMENTS_WORKER_CLIENT_SECRET: client secret of the machine client payments-worker, for its worker or pipeline (the chart does not read it)
#   MACHINE_CI_DEPLOYER_CLIENT_SECRET: client secret of the machine client ci-deployer, for its worker or pipeline (the chart does not read it)
set -eu
# kubectl reads the values from files only this user can read, removed on exit: a value
# passed as an argument would show in the process list of every user of this machine.
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%s' "${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" >"$work/orchestration-cluster-client-secret"
printf '%s' "${MACHINE_PAYMENTS_WORKER_CLIENT_SECRET:?set MACHINE_PAYMENTS_WORKER_CLIENT_SECRET}" >"$work/machine-payments-worker-client-secret"
printf '%s' "${MACHINE_CI_DEPLOYER_CLIENT_SECRET:?set MACHINE_CI_DEPLOYER_CLIENT_SECRET}" >"$work/machine-ci-deployer-client-secret"
kubectl create secret generic entra-credentials --namespace payments-camunda \
  --from-file=orchestration-cluster-client-secret="$work/orchestration-cluster-client-secret" \
  --from-file=machine-payments-worker-client-secret="$work/machine-payments-worker-client-secret" \
  --from-file=machine-ci-deployer-client-secret="$work/machine-ci-deployer-client-secret" \
  --dry-run=client --output=yaml | kubectl apply --filename=-
