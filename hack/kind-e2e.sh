#!/usr/bin/env bash
# End to end on Kind: create a cluster, build both images with Jib into the local Docker daemon and load them into
# the cluster, install the operator (kustomize or the Helm chart), then check, each on its own test:
#   1. quickstart  examples/quickstart-k8s.yaml (simulator + 2 runners) ends Succeeded, with a report ConfigMap
#   2. breach      hack/e2e/breach.yaml misses its SLO on purpose: Succeeded, verdict Breach, condition SLOBreached,
#                  Warning Event Breached
#   3. delete      a running test is deleted: the finalizer lets it go, its Job, runner pods and ConfigMaps are gone
#   4. restart     the operator pod holding the leader Lease is deleted mid-test: another pod takes the Lease over
#                  and the test still ends Succeeded
# and prints what it checked. Exits 0 only when every check passed. Walkthrough: docs/kind.md.
#
# Needs: docker (a running daemon), kind, kubectl (1.24+), Java 17+; helm 3 for INSTALL=helm.
# Not run in this repository's CI (no Docker there).
#
#   KIND_CLUSTER=llmload-e2e   cluster name
#   KIND_NODE_IMAGE=...        node image (default: kind's), e.g. kindest/node:v1.31.2
#   KEEP_CLUSTER=1             keep the cluster afterwards (and reuse an existing one); default: delete it on exit
#   INSTALL=kustomize          kustomize: kubectl apply -k $OVERLAY; helm: the chart in config/helm/llmload-operator
#   OVERLAY=config/default     what INSTALL=kustomize applies (config/overlays/ha: two operator replicas)
#   TEST_NAMESPACE=llmload-demo
#   TIMEOUT=10m                how long each test may take once applied
#   SKIP_BUILD=1               images already loaded (e.g. a second run with KEEP_CLUSTER=1)
#   PLATFORM=linux/arm64       passed to hack/build-images.sh (default: the Docker daemon's architecture)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CLUSTER="${KIND_CLUSTER:-llmload-e2e}"
NS="${TEST_NAMESPACE:-llmload-demo}"
TIMEOUT="${TIMEOUT:-10m}"
KEEP_CLUSTER="${KEEP_CLUSTER:-0}"
SKIP_BUILD="${SKIP_BUILD:-0}"
INSTALL="${INSTALL:-kustomize}"
OVERLAY="${OVERLAY:-config/default}"
OPERATOR_NS="llmload-system"
LEASE="llmload-operator-lease"
OUT_DIR="$ROOT/target/kind-e2e"
# Must match the image names in config/, the chart and examples/, so the loaded images are used without edits.
REGISTRY="ghcr.io/llmload"
TAG="0.1.0"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

case "$INSTALL" in
  kustomize | helm) ;;
  *) die "INSTALL must be kustomize or helm (got '$INSTALL')" ;;
esac
tools=(docker kind kubectl java)
[[ "$INSTALL" == helm ]] && tools+=(helm)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required (see docs/kind.md)"
done
docker info >/dev/null 2>&1 || die "the Docker daemon is not reachable ('docker info' failed)"

KUBECTL=(kubectl --context "kind-$CLUSTER")
k() { "${KUBECTL[@]}" "$@"; }
kn() { "${KUBECTL[@]}" -n "$NS" "$@"; }
WATCH_PID=""
CREATED_CLUSTER=0
CLUSTER_UP=0
CHECKS=()
FAILED=0

# check NAME CONDITION-DESCRIPTION ACTUAL EXPECTED: records one line of the final summary.
check() {
  local name="$1" what="$2" actual="$3" expected="$4"
  if [[ "$actual" == "$expected" ]]; then
    CHECKS+=("PASS  $name: $what ($actual)")
  else
    CHECKS+=("FAIL  $name: $what (expected '$expected', got '$actual')")
    FAILED=1
  fi
}

summary() {
  printf '\n==> What was checked (%s install, cluster %s)\n' "$INSTALL" "$CLUSTER" >&2
  if [[ ${#CHECKS[@]} -eq 0 ]]; then
    printf '  nothing: the run stopped before the first check\n' >&2
  fi
  for line in "${CHECKS[@]}"; do
    printf '  %s\n' "$line" >&2
  done
}

diagnostics() {
  log "diagnostics"
  k get nodes -o wide || true
  k get pods -A -o wide || true
  k -n "$OPERATOR_NS" get lease "$LEASE" -o yaml || true
  k -n "$OPERATOR_NS" describe deployment/llmload-operator || true
  k -n "$OPERATOR_NS" logs deployment/llmload-operator --tail=200 || true
  kn get llt,jobs,pods,configmaps -o wide || true
  kn describe llt || true
  kn get events --sort-by=.lastTimestamp || true
  kn logs -l app.kubernetes.io/managed-by=llmload-operator --tail=50 --prefix || true
  kn logs deployment/llmload-sim --tail=50 || true
}

cleanup() {
  local rc=$?
  if [[ -n "$WATCH_PID" ]]; then
    kill "$WATCH_PID" 2>/dev/null || true
  fi
  if [[ "$CLUSTER_UP" == 1 ]]; then
    summary
    if [[ $rc -ne 0 || "$FAILED" == 1 ]]; then
      diagnostics
    fi
  fi
  if [[ "$KEEP_CLUSTER" == 1 ]]; then
    log "keeping cluster $CLUSTER (delete it with: kind delete cluster --name $CLUSTER)"
  elif [[ "$CREATED_CLUSTER" == 1 ]]; then
    log "deleting cluster $CLUSTER"
    kind delete cluster --name "$CLUSTER" || true
  fi
  if [[ $rc -eq 0 && "$FAILED" == 1 ]]; then
    rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT

phase() { kn get llt "$1" -o jsonpath='{.status.phase}' 2>/dev/null || true; }
condition() { kn get llt "$1" -o jsonpath="{.status.conditions[?(@.type==\"$2\")].status}" 2>/dev/null || true; }
lease_holder() { k -n "$OPERATOR_NS" get lease "$LEASE" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true; }

# Applies a test manifest under another name.
apply_test() {
  local file="$1" name="$2"
  kn delete llt "$name" --ignore-not-found --wait=true
  sed "s/^  name: .*/  name: $name/" "$file" | kn apply -f -
}

wait_completed() {
  kn wait --for=condition=Completed "llt/$1" --timeout="$TIMEOUT" || true
}

# 1. Cluster.
if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  [[ "$KEEP_CLUSTER" == 1 ]] || die "a Kind cluster named $CLUSTER exists: delete it, pick KIND_CLUSTER=..., or reuse it with KEEP_CLUSTER=1"
  log "reusing Kind cluster $CLUSTER"
else
  log "creating Kind cluster $CLUSTER"
  create_args=(create cluster --name "$CLUSTER" --wait 180s)
  if [[ -n "${KIND_NODE_IMAGE:-}" ]]; then
    create_args+=(--image "$KIND_NODE_IMAGE")
  fi
  CREATED_CLUSTER=1
  kind "${create_args[@]}"
fi
CLUSTER_UP=1

# 2. Images: Jib -> local Docker daemon -> kind load.
if [[ "$SKIP_BUILD" != 1 ]]; then
  log "building images and loading them into $CLUSTER"
  MODE=docker REGISTRY="$REGISTRY" TAG="$TAG" KIND_CLUSTER="$CLUSTER" SBOM=0 "$ROOT/hack/build-images.sh"
fi

# 3. Operator.
if [[ "$INSTALL" == helm ]]; then
  log "installing the operator (helm upgrade --install, config/helm/llmload-operator)"
  k create namespace "$OPERATOR_NS" --dry-run=client -o yaml | k apply -f -
  k label namespace "$OPERATOR_NS" pod-security.kubernetes.io/enforce=restricted --overwrite
  helm --kube-context "kind-$CLUSTER" upgrade --install llmload-operator config/helm/llmload-operator \
    --namespace "$OPERATOR_NS" --wait --timeout 5m
else
  log "installing the operator (kubectl apply -k $OVERLAY)"
  k apply -k "$OVERLAY"
fi
k wait --for=condition=Established crd/llmloadtests.llmload.io --timeout=60s
k -n "$OPERATOR_NS" rollout status deployment/llmload-operator --timeout=300s
check install "operator Deployment available" \
  "$(k -n "$OPERATOR_NS" get deployment llmload-operator -o jsonpath='{.status.conditions[?(@.type=="Available")].status}')" True

# 4. The simulator and the quickstart test.
log "applying examples/quickstart-k8s.yaml in namespace $NS"
k create namespace "$NS" --dry-run=client -o yaml | k apply -f -
kn delete llt quickstart --ignore-not-found --wait=true
kn apply -f examples/quickstart-k8s.yaml
kn rollout status deployment/llmload-sim --timeout=300s

log "quickstart: waiting for it (kubectl get llt -w; at most $TIMEOUT)"
kn get llt -w &
WATCH_PID=$!
wait_completed quickstart
kill "$WATCH_PID" 2>/dev/null || true
wait "$WATCH_PID" 2>/dev/null || true
WATCH_PID=""
kn get llt quickstart -o wide || true
check quickstart "phase" "$(phase quickstart)" Succeeded
report_ref="$(kn get llt quickstart -o jsonpath='{.status.reportRef}' 2>/dev/null || true)"
run_id="$(kn get llt quickstart -o jsonpath='{.status.history[0].id}' 2>/dev/null || true)"
check quickstart "report ConfigMap named in status.reportRef" "${report_ref:-none}" "quickstart-run-${run_id}"
if [[ -n "$report_ref" ]]; then
  mkdir -p "$OUT_DIR"
  # The report ConfigMap is written just after the final status (the outcome is saved first); report.json is
  # gzip-compressed under binaryData (docs/operator.md, "Limits").
  for _ in $(seq 1 30); do
    kn get configmap "$report_ref" >/dev/null 2>&1 && break
    sleep 1
  done
  kn get configmap "$report_ref" -o jsonpath='{.binaryData.report\.json\.gz}' | base64 -d | gunzip \
    >"$OUT_DIR/report.json" || true
  log "report saved to $OUT_DIR/report.json"
  for jar in "$ROOT"/runner/target/llmload-runner-*-cli.jar; do
    if [[ -f "$jar" ]]; then
      java -jar "$jar" report "$OUT_DIR/report.json" || true
    fi
  done
fi

# 5. A test that breaches its SLO on purpose.
log "breach: a test with a 1 ms TTFT target"
apply_test hack/e2e/breach.yaml e2e-breach
wait_completed e2e-breach
check breach "phase" "$(phase e2e-breach)" Succeeded
check breach "verdict" "$(kn get llt e2e-breach -o jsonpath='{.status.verdict}' 2>/dev/null || true)" Breach
check breach "condition SLOBreached" "$(condition e2e-breach SLOBreached)" True
breached_events="$(kn get events --field-selector involvedObject.name=e2e-breach,reason=Breached -o name | wc -l)"
check breach "Warning Event Breached emitted" "$([[ $breached_events -gt 0 ]] && echo yes || echo no)" yes

# 6. A running test deleted: the operator stops it and everything it created goes away.
log "delete: deleting a running test"
apply_test hack/e2e/long-running.yaml e2e-delete
kn wait --for=jsonpath='{.status.phase}'=Running llt/e2e-delete --timeout="$TIMEOUT" || true
check delete "phase before deletion" "$(phase e2e-delete)" Running
kn delete llt e2e-delete --wait=true --timeout=120s || true
check delete "test gone (finalizer removed)" "$(kn get llt e2e-delete -o name 2>/dev/null || echo gone)" gone
kn wait --for=delete pod -l llmload.io/test=e2e-delete --timeout=120s 2>/dev/null || true
check delete "runner Job gone" "$(kn get job e2e-delete-runners -o name 2>/dev/null || echo gone)" gone
check delete "runner pods gone" "$(kn get pods -l llmload.io/test=e2e-delete -o name | wc -l | tr -d ' ')" 0
# The ConfigMaps go through owner references (the garbage collector may take a moment).
for _ in $(seq 1 30); do
  left="$( (kn get configmap e2e-delete-plan -o name 2>/dev/null; kn get configmap -l llmload.io/test=e2e-delete,llmload.io/run -o name 2>/dev/null) | wc -l | tr -d ' ')"
  [[ "$left" == 0 ]] && break
  sleep 2
done
check delete "plan and report ConfigMaps gone" "$left" 0

# 7. The operator restarted mid-test.
log "restart: deleting the operator pod that holds the Lease while a test runs"
apply_test hack/e2e/long-running.yaml e2e-restart
kn wait --for=jsonpath='{.status.phase}'=Running llt/e2e-restart --timeout="$TIMEOUT" || true
check restart "phase before the restart" "$(phase e2e-restart)" Running
leader="$(lease_holder)"
check restart "a replica holds the Lease" "$([[ -n "$leader" ]] && echo yes || echo no)" yes
if [[ -n "$leader" ]]; then
  k -n "$OPERATOR_NS" delete pod "$leader" --wait=true
fi
k -n "$OPERATOR_NS" rollout status deployment/llmload-operator --timeout=300s
wait_completed e2e-restart
new_leader="$(lease_holder)"
check restart "another pod holds the Lease" "$([[ -n "$new_leader" && "$new_leader" != "$leader" ]] && echo yes || echo no)" yes
check restart "phase after the restart" "$(phase e2e-restart)" Succeeded
check restart "the runner's results collected (status.runners.finished)" \
  "$(kn get llt e2e-restart -o jsonpath='{.status.runners.finished}' 2>/dev/null || true)" 1

if [[ "$FAILED" == 1 ]]; then
  die "some checks failed (summary above the diagnostics)"
fi
log "every check passed on Kind"
