#!/usr/bin/env bash
# The migrate step on Kubernetes: creates a new Job from migrate-job.yaml with IMAGE (the release's
# image), waits for it, prints its log (the first admin's setup link) and exits non-zero if it failed.
#   infra/k8s/migrate.sh registry.example.org/distillery:1.4.0
set -euo pipefail
image=${1:?usage: infra/k8s/migrate.sh IMAGE}
ns=${DISTILLERY_NAMESPACE:-distillery}
timeout_s=${MIGRATE_TIMEOUT_SECONDS:-900}
here=$(dirname "$0")

job=$(kubectl set image --local -f "$here/migrate-job.yaml" "migrate=$image" -o yaml |
  kubectl create -n "$ns" -f - -o name)
echo "migrate: $job"
for ((waited = 0; waited < timeout_s; waited += 5)); do
  state=" $(kubectl get -n "$ns" "$job" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}')"
  case "$state" in
    *" Complete "*) kubectl logs -n "$ns" "$job"; exit 0 ;;
    *" Failed "*) kubectl logs -n "$ns" "$job" || true; echo "migrate: $job failed" >&2; exit 1 ;;
  esac
  sleep 5
done
echo "migrate: $job did not finish in ${timeout_s} s" >&2
exit 1
