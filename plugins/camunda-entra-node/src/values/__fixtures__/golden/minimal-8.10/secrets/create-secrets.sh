#!/bin/sh
# Creates the Kubernetes Secrets of the Camunda deployment "orders".
# Every value comes from an environment variable; none is stored in this repository.
#   ORCHESTRATION_CLUSTER_CLIENT_SECRET: client secret of the Orchestration Cluster application (also used by Connectors)
set -eu
# kubectl reads the values from files only this user can read, removed on exit: a value
# passed as an argument would show in the process list of every user of this machine.
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%s' "${ORCHESTRATION_CLUSTER_CLIENT_SECRET:?set ORCHESTRATION_CLUSTER_CLIENT_SECRET}" >"$work/orchestration-cluster-client-secret"
kubectl create secret generic entra-credentials --namespace orders-camunda \
  --from-file=orchestration-cluster-client-secret="$work/orchestration-cluster-client-secret" \
  --dry-run=client --output=yaml | kubectl apply --filename=-
