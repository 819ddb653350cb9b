{{/*
Names: the ones config/ uses (llmload-operator...), whatever the release is called, so that the chart and the
kustomize base install the same objects. One release per namespace.
*/}}
{{- define "llmload.fullname" -}}
{{- .Values.fullnameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "llmload.serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (include "llmload.fullname" .) -}}
{{- end }}

{{/*
Labels of every object: config/'s (name, component, part-of) plus Helm's. Call with (dict "ctx" . "component" "...").
*/}}
{{- define "llmload.labels" -}}
app.kubernetes.io/name: llmload-operator
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: llmload
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The operator's pods: the Deployment's selector, immutable once installed. */}}
{{- define "llmload.selectorLabels" -}}
app.kubernetes.io/name: llmload-operator
{{- end }}

{{/* An image reference from (dict "image" .Values.x.image "appVersion" .Chart.AppVersion): digest wins over tag. */}}
{{- define "llmload.image" -}}
{{- if .image.digest -}}
{{- printf "%s@%s" .image.repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" .image.repository (.image.tag | default .appVersion) -}}
{{- end -}}
{{- end }}

{{/* Namespaces that get the operator's Role (watchNamespaces mode own or list), as a JSON list. */}}
{{- define "llmload.watchedNamespaces" -}}
{{- if eq .Values.watchNamespaces.mode "own" -}}
{{- list .Release.Namespace | toJson -}}
{{- else if eq .Values.watchNamespaces.mode "list" -}}
{{- if not .Values.watchNamespaces.list -}}
{{- fail "watchNamespaces.mode=list needs at least one namespace in watchNamespaces.list" -}}
{{- end -}}
{{- .Values.watchNamespaces.list | uniq | toJson -}}
{{- else -}}
{{- list | toJson -}}
{{- end -}}
{{- end }}

{{/* QUARKUS_OPERATOR_SDK_NAMESPACES for the mode; empty for "all" (the operator's default, JOSDK_ALL_NAMESPACES). */}}
{{- define "llmload.namespacesEnv" -}}
{{- if eq .Values.watchNamespaces.mode "own" -}}
JOSDK_WATCH_CURRENT
{{- else if eq .Values.watchNamespaces.mode "list" -}}
{{- include "llmload.watchedNamespaces" . | fromJsonArray | join "," -}}
{{- end -}}
{{- end }}

{{/*
The operator's rules (files/cluster_role.yaml, a copy of config/rbac/cluster_role.yaml) that a Role can grant:
rules on cluster-scoped resources are left out (config/cluster/crd_reader.yaml covers the CRD).
*/}}
{{- define "llmload.namespacedRules" -}}
{{- $clusterScoped := list "customresourcedefinitions" "namespaces" "nodes" "persistentvolumes" "storageclasses" "clusterroles" "clusterrolebindings" "priorityclasses" "validatingwebhookconfigurations" "mutatingwebhookconfigurations" -}}
{{- $rules := list -}}
{{- range (.Files.Get "files/cluster_role.yaml" | fromYaml).rules -}}
{{- $namespaced := false -}}
{{- range .resources -}}
{{- if not (has (splitList "/" . | first) $clusterScoped) -}}
{{- $namespaced = true -}}
{{- end -}}
{{- end -}}
{{- if $namespaced -}}
{{- $rules = append $rules . -}}
{{- end -}}
{{- end -}}
{{- toYaml $rules -}}
{{- end }}
