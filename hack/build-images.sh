#!/usr/bin/env bash
# Builds the two llmload images with Jib, without a Dockerfile and without a Docker daemon for registry pushes:
#   llmload-operator  Quarkus app (quarkus-container-image-jib, settings in operator/pom.xml)
#   llmload-runner    runner/CLI (jib-maven-plugin, runner/pom.xml); runs the runner pods (`worker`) and the
#                     quickstart's simulator (`simulate`)
# Both: base eclipse-temurin:17-jre pinned by digest, non-root (UID/GID 65532), linux/amd64 + linux/arm64
# (root pom.xml: llmload.image.*). Also writes a CycloneDX SBOM of each image's Java dependencies.
# Release procedure: docs/release.md.
#
# Usage: hack/build-images.sh            (everything is configured through the environment)
#
#   MODE=registry   build both platforms and push to $REGISTRY (credentials from docker/podman config or credential
#                   helpers, as Jib finds them)                                  [default when REGISTRY is set]
#   MODE=docker     build one platform into the local Docker daemon (`docker load`), e.g. for `kind load`
#   MODE=tar        runner image as a tarball of one platform (target/images/llmload-runner-$TAG.tar; no daemon,
#                   no registry). Quarkus' Jib integration cannot write tarballs, so the operator image is skipped
#                   in this mode: use MODE=registry (any registry, e.g. a local one) or MODE=docker.
#                                                                                  [default otherwise]
#   REGISTRY        image prefix, e.g. ghcr.io/you or localhost:5001     (default ghcr.io/llmload)
#   TAG             image tag                                            (default 0.1.0, what config/ and examples use)
#   IMAGES          which images: "operator runner" (default), "operator" or "runner"
#   PLATFORMS       MODE=registry: comma-separated platforms             (default linux/amd64,linux/arm64)
#   PLATFORM        MODE=docker/tar: the one platform, e.g. linux/arm64 for Apple-silicon Kind nodes
#                   (default: the Docker daemon's in MODE=docker, else linux/amd64)
#   INSECURE_REGISTRY=1   allow a plain-HTTP registry (e.g. a local registry for Kind)
#   KIND_CLUSTER    load the built images into this Kind cluster (MODE=docker: docker images; MODE=tar: the tarball)
#   SBOM=0          skip the SBOMs (target/images/sbom/*.cdx.json)
#   MVN_ARGS        extra Maven arguments (e.g. "-o" offline)
#
# Examples:
#   REGISTRY=ghcr.io/you TAG=dev hack/build-images.sh
#   MODE=docker KIND_CLUSTER=llmload hack/build-images.sh
#   MODE=tar IMAGES=runner hack/build-images.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REGISTRY="${REGISTRY:-}"
if [[ -n "$REGISTRY" ]]; then
  MODE="${MODE:-registry}"
else
  MODE="${MODE:-tar}"
  REGISTRY="ghcr.io/llmload"
fi
REGISTRY="${REGISTRY%/}"
TAG="${TAG:-0.1.0}"
IMAGES="${IMAGES:-operator runner}"
INSECURE_REGISTRY="${INSECURE_REGISTRY:-0}"
KIND_CLUSTER="${KIND_CLUSTER:-}"
SBOM="${SBOM:-1}"
MVN_ARGS="${MVN_ARGS:-}"

OPERATOR_IMAGE="$REGISTRY/llmload-operator:$TAG"
RUNNER_IMAGE="$REGISTRY/llmload-runner:$TAG"
OUT_DIR="$ROOT/target/images"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
wants() { [[ " $IMAGES " == *" $1 "* ]]; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required for MODE=$MODE${2:+ ($2)}"; }

case "$MODE" in
  registry | docker | tar) ;;
  *) die "MODE must be registry, docker or tar (got '$MODE')" ;;
esac
for image in $IMAGES; do
  [[ "$image" == operator || "$image" == runner ]] || die "IMAGES may list operator and runner (got '$image')"
done

# Which platforms: a registry takes a multi-platform image index; a Docker daemon or a tarball holds one platform.
if [[ "$MODE" == registry ]]; then
  [[ -z "${PLATFORM:-}" ]] || die "PLATFORM is for MODE=docker/tar; MODE=registry builds PLATFORMS (comma-separated)"
  PLATFORMS="${PLATFORMS:-linux/amd64,linux/arm64}"
else
  [[ "${PLATFORM:-}" != *,* ]] || die "MODE=$MODE builds one platform; PLATFORM='$PLATFORM' lists several"
  if [[ -z "${PLATFORM:-}" ]]; then
    PLATFORM="linux/amd64"
    if [[ "$MODE" == docker ]]; then
      need docker
      case "$(docker info --format '{{.Architecture}}' 2>/dev/null || true)" in
        aarch64 | arm64) PLATFORM="linux/arm64" ;;
      esac
    fi
  fi
  PLATFORMS="$PLATFORM"
fi

if [[ "$MODE" == docker ]]; then
  need docker "Jib loads the images with 'docker load'"
  docker info >/dev/null 2>&1 || die "MODE=docker needs a running Docker daemon ('docker info' failed)"
fi
if [[ -n "$KIND_CLUSTER" ]]; then
  need kind "KIND_CLUSTER is set"
fi

# shellcheck disable=SC2206 # MVN_ARGS is a word list on purpose
mvn=(./mvnw -B $MVN_ARGS)
mkdir -p "$OUT_DIR"

if wants runner; then
  runner_args=(-pl runner -DskipTests "-Dimage=$RUNNER_IMAGE" "-Djib.from.platforms=$PLATFORMS")
  if [[ "$INSECURE_REGISTRY" == 1 ]]; then
    runner_args+=(-Djib.allowInsecureRegistries=true)
  fi
  case "$MODE" in
    registry)
      log "runner image -> $RUNNER_IMAGE ($PLATFORMS, pushed)"
      "${mvn[@]}" "${runner_args[@]}" package jib:build
      ;;
    docker)
      log "runner image -> $RUNNER_IMAGE ($PLATFORMS, local Docker daemon)"
      "${mvn[@]}" "${runner_args[@]}" package jib:dockerBuild
      ;;
    tar)
      runner_tar="$OUT_DIR/llmload-runner-$TAG.tar"
      log "runner image -> $runner_tar ($RUNNER_IMAGE, $PLATFORMS)"
      "${mvn[@]}" "${runner_args[@]}" "-Djib.outputPaths.tar=$runner_tar" package jib:buildTar
      ;;
  esac
fi

if wants operator; then
  if [[ "$MODE" == tar ]]; then
    log "skipping the operator image: Quarkus' Jib integration writes to a registry or a Docker daemon only"
    log "  (MODE=registry REGISTRY=... or MODE=docker build it)"
  else
    push=false
    [[ "$MODE" == registry ]] && push=true
    # -am: the operator needs the runner module, built in the same reactor (nothing is installed into ~/.m2).
    operator_args=(-pl operator -am -DskipTests
      -Dquarkus.container-image.build=true
      "-Dquarkus.container-image.push=$push"
      "-Dquarkus.container-image.image=$OPERATOR_IMAGE"
      "-Dquarkus.jib.platforms=$PLATFORMS")
    if [[ "$INSECURE_REGISTRY" == 1 ]]; then
      operator_args+=(-Dquarkus.container-image.insecure=true)
    fi
    log "operator image -> $OPERATOR_IMAGE ($PLATFORMS, $([[ $push == true ]] && echo pushed || echo 'local Docker daemon'))"
    "${mvn[@]}" "${operator_args[@]}" package
  fi
fi

if [[ "$SBOM" == 1 ]]; then
  # What Jib puts into the images' application layers: each module's runtime dependencies, as CycloneDX JSON.
  # (The base image's own SBOM is published with it: docs/release.md.)
  log "SBOMs (CycloneDX) -> $OUT_DIR/sbom/"
  "${mvn[@]}" -q -pl runner,operator org.cyclonedx:cyclonedx-maven-plugin:makeBom
  mkdir -p "$OUT_DIR/sbom"
  for image in $IMAGES; do
    cp "$image/target/bom.json" "$OUT_DIR/sbom/llmload-$image-$TAG.cdx.json"
  done
fi

if [[ -n "$KIND_CLUSTER" ]]; then
  case "$MODE" in
    docker)
      for image in $IMAGES; do
        ref="$REGISTRY/llmload-$image:$TAG"
        log "kind load docker-image $ref --name $KIND_CLUSTER"
        kind load docker-image "$ref" --name "$KIND_CLUSTER"
      done
      ;;
    tar)
      if wants runner; then
        log "kind load image-archive $runner_tar --name $KIND_CLUSTER"
        kind load image-archive "$runner_tar" --name "$KIND_CLUSTER"
      fi
      ;;
    registry)
      log "MODE=registry: the cluster pulls $REGISTRY/...:$TAG itself; nothing to load into Kind"
      ;;
  esac
fi

log "done"
if wants operator && [[ "$MODE" != tar ]]; then
  printf 'operator image: %s\n' "$OPERATOR_IMAGE"
fi
if wants runner; then
  printf 'runner image:   %s' "$RUNNER_IMAGE"
  # Jib records the digest of what it built (the image index when several platforms were pushed).
  if [[ -f runner/target/jib-image.digest ]]; then
    printf '@%s' "$(cat runner/target/jib-image.digest)"
  fi
  printf '\n'
fi
if [[ "$SBOM" == 1 ]]; then
  printf 'SBOMs:          %s\n' "$OUT_DIR/sbom/"
fi
if [[ "$REGISTRY" != ghcr.io/llmload || "$TAG" != 0.1.0 ]]; then
  cat >&2 <<EOF
Point the install at these images (docs/install.md, "Your own images"):
  helm: --set image.repository=$REGISTRY/llmload-operator,image.tag=$TAG \\
        --set runner.image.repository=$REGISTRY/llmload-runner,runner.image.tag=$TAG
  kustomize: (cd config/default && kustomize edit set image ghcr.io/llmload/llmload-operator=$OPERATOR_IMAGE)
             and LLMLOAD_RUNNER_IMAGE=$RUNNER_IMAGE on the operator Deployment.
EOF
fi
