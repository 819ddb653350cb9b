#!/usr/bin/env bash
# End to end on Kind: create a cluster, build both images with Jib into the local Docker daemon and load them into
# the cluster, install the operator (kubectl apply -k config/default), run examples/quickstart-k8s.yaml and wait for
# its verdict. Exits 0 only when the test's phase is Succeeded. Walkthrough: docs/kind.md.
#
# Needs: docker (a running daemon), kind, kubectl (1.24+), Java 17+. Not run in this repository's CI (no Docker).
#
#   KIND_CLUSTER=llmload-e2e   cluster name
#   KIND_NODE_IMAGE=...        node image (default: kind's), e.g. kindest/node:v1.31.2
#   KEEP_CLUSTER=1             keep the cluster afterwards (and reuse an existing one); default: delete it on exit
#   TEST_NAMESPACE=llmload-demo
#   TIMEOUT=10m                how long the test may take once applied
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
OPERATOR_NS="llmload-system"
TEST_NAME="quickstart"
OUT_DIR="$ROOT/target/kind-e2e"
# Must match the image names in config/ and examples/, so the loaded images are used without edits.
REGISTRY="ghcr.io/llmload"
TAG="0.1.0"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

for tool in docker kind kubectl java; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required (see docs/kind.md)"
done
docker info >/dev/null 2>&1 || die "the Docker daemon is not reachable ('docker info' failed)"

KUBECTL=(kubectl --context "kind-$CLUSTER")
WATCH_PID=""
CREATED_CLUSTER=0
CLUSTER_UP=0

diagnostics() {
  log "diagnostics"
  "${KUBECTL[@]}" get nodes -o wide || true
  "${KUBECTL[@]}" get pods -A -o wide || true
  "${KUBECTL[@]}" -n "$OPERATOR_NS" describe deployment/llmload-operator || true
  "${KUBECTL[@]}" -n "$OPERATOR_NS" logs deployment/llmload-operator --tail=200 || true
  "${KUBECTL[@]}" -n "$NS" get llt,jobs,pods,configmaps -o wide || true
  "${KUBECTL[@]}" -n "$NS" describe llt "$TEST_NAME" || true
  "${KUBECTL[@]}" -n "$NS" get events --sort-by=.lastTimestamp || true
  "${KUBECTL[@]}" -n "$NS" logs -l "llmload.io/test=$TEST_NAME" --tail=50 --prefix || true
  "${KUBECTL[@]}" -n "$NS" logs deployment/llmload-sim --tail=50 || true
}

cleanup() {
  local rc=$?
  if [[ -n "$WATCH_PID" ]]; then
    kill "$WATCH_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && "$CLUSTER_UP" == 1 ]]; then
    diagnostics
  fi
  if [[ "$KEEP_CLUSTER" == 1 ]]; then
    log "keeping cluster $CLUSTER (delete it with: kind delete cluster --name $CLUSTER)"
  elif [[ "$CREATED_CLUSTER" == 1 ]]; then
    log "deleting cluster $CLUSTER"
    kind delete cluster --name "$CLUSTER" || true
  fi
  exit "$rc"
}
trap cleanup EXIT

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
  MODE=docker REGISTRY="$REGISTRY" TAG="$TAG" KIND_CLUSTER="$CLUSTER" "$ROOT/hack/build-images.sh"
fi

# 3. Operator.
log "installing the operator (kubectl apply -k config/default)"
"${KUBECTL[@]}" apply -k config/default
"${KUBECTL[@]}" wait --for=condition=Established crd/llmloadtests.llmload.io --timeout=60s
"${KUBECTL[@]}" -n "$OPERATOR_NS" rollout status deployment/llmload-operator --timeout=300s

# 4. The quickstart: simulator Deployment + Service, and the LlmLoadTest.
log "applying examples/quickstart-k8s.yaml in namespace $NS"
"${KUBECTL[@]}" create namespace "$NS" --dry-run=client -o yaml | "${KUBECTL[@]}" apply -f -
"${KUBECTL[@]}" -n "$NS" delete llt "$TEST_NAME" --ignore-not-found --wait=true
"${KUBECTL[@]}" -n "$NS" apply -f examples/quickstart-k8s.yaml
"${KUBECTL[@]}" -n "$NS" rollout status deployment/llmload-sim --timeout=300s

log "waiting for the test (kubectl get llt -w; at most $TIMEOUT)"
"${KUBECTL[@]}" -n "$NS" get llt -w &
WATCH_PID=$!
"${KUBECTL[@]}" -n "$NS" wait --for=condition=Completed "llt/$TEST_NAME" --timeout="$TIMEOUT"
kill "$WATCH_PID" 2>/dev/null || true
wait "$WATCH_PID" 2>/dev/null || true
WATCH_PID=""

# 5. Results.
phase="$("${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o jsonpath='{.status.phase}')"
verdict="$("${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o jsonpath='{.status.verdict}')"
message="$("${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o jsonpath='{.status.message}')"
report_ref="$("${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o jsonpath='{.status.reportRef}')"

log "status"
"${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o wide
"${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o jsonpath='{.status}' | python3 -m json.tool 2>/dev/null \
  || "${KUBECTL[@]}" -n "$NS" get llt "$TEST_NAME" -o jsonpath='{.status}'
echo
log "events"
"${KUBECTL[@]}" -n "$NS" get events --field-selector "involvedObject.name=$TEST_NAME" --sort-by=.lastTimestamp || true

if [[ -n "$report_ref" ]]; then
  mkdir -p "$OUT_DIR"
  # report.json, gzip-compressed under binaryData (docs/operator.md, "Limits")
  "${KUBECTL[@]}" -n "$NS" get configmap "$report_ref" -o jsonpath='{.binaryData.report\.json\.gz}' | base64 -d \
    | gunzip >"$OUT_DIR/report.json"
  log "report ConfigMap $report_ref (saved to $OUT_DIR/report.json)"
  cli_jar=""
  for jar in "$ROOT"/runner/target/llmload-runner-*-cli.jar; do
    [[ -f "$jar" ]] && cli_jar="$jar"
  done
  if [[ -n "$cli_jar" ]]; then
    java -jar "$cli_jar" report "$OUT_DIR/report.json" || true
  else
    head -c 4000 "$OUT_DIR/report.json"
    echo
  fi
else
  log "no report ConfigMap (status.reportRef is empty)"
fi

printf '\nphase: %s\nverdict: %s\nmessage: %s\n' "$phase" "${verdict:-none}" "$message"
if [[ "$phase" != Succeeded ]]; then
  die "the quickstart ended in phase '$phase', not Succeeded"
fi
log "the quickstart Succeeded on Kind (verdict ${verdict:-none})"
