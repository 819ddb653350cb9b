package io.llmload.runner.spec;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a target is reached (spec.target.basePath, tls, headers, proxy): local files only from the CLI, Secrets and
 * ConfigMaps only in a cluster, and no credential written inline where it would be stored in the manifest, the
 * custom resource and the runners' plan.
 */
final class ConnectionChecks extends Checks {

    /** Headers the client sets itself; a manifest must not replace them. */
    private static final Set<String> RESERVED = Set.of("host", "content-type", "content-length", "accept",
            "transfer-encoding", "connection", "x-request-id");
    /** Name parts that mark a header value as a credential: it must come from the environment or a Secret. */
    private static final List<String> SENSITIVE = List.of("auth", "key", "token", "secret", "password", "cookie",
            "credential", "signature");

    private final ManifestValidator.Mode mode;

    private ConnectionChecks(ManifestValidator.Mode mode) {
        this.mode = mode;
    }

    static List<Violation> check(TargetSpec target, boolean https, ManifestValidator.Mode mode) {
        ConnectionChecks checks = new ConnectionChecks(mode);
        checks.basePath(target.basePath());
        checks.tls(target.tls(), https);
        checks.headers(target);
        checks.proxy(target.proxy());
        return checks.violations;
    }

    private void basePath(String basePath) {
        if (basePath != null && (!basePath.startsWith("/") || basePath.contains("?") || basePath.contains("#"))) {
            add("spec.target.basePath", "must be a path starting with '/', e.g. /v1 or /openai/v1");
        }
    }

    private void tls(TlsSpec tls, boolean https) {
        String p = "spec.target.tls";
        if (tls == null) {
            return;
        }
        if (!https) {
            add(p, "applies to https targets only: use an https:// url, or remove tls");
        }
        int cas = (tls.caFile() != null ? 1 : 0) + (tls.caSecretRef() != null ? 1 : 0)
                + (tls.caConfigMapRef() != null ? 1 : 0);
        if (cas > 1) {
            add(p, "set at most one of caFile, caSecretRef, caConfigMapRef");
        }
        if (tls.insecure() && cas > 0) {
            add(p + ".insecureSkipVerify", "skips all verification: remove the CA settings, or insecureSkipVerify");
        }
        localFile(p + ".caFile", tls.caFile(), "tls.caSecretRef or tls.caConfigMapRef");
        localFile(p + ".clientCertFile", tls.clientCertFile(), "tls.clientCertSecretName");
        localFile(p + ".clientKeyFile", tls.clientKeyFile(), "tls.clientCertSecretName");
        if ((tls.clientCertFile() == null) != (tls.clientKeyFile() == null)) {
            add(p + (tls.clientCertFile() == null ? ".clientCertFile" : ".clientKeyFile"),
                    "mutual TLS needs both clientCertFile and clientKeyFile");
        }
        if (tls.clientCertSecretName() != null && tls.clientCertFile() != null) {
            add(p + ".clientCertSecretName", "set either clientCertSecretName or clientCertFile/clientKeyFile");
        }
        if (tls.caSecretRef() != null) {
            clusterOnly(p + ".caSecretRef", "a Secret", "tls.caFile");
            reference(p + ".caSecretRef", tls.caSecretRef().name(), tls.caSecretRef().key());
        }
        if (tls.caConfigMapRef() != null) {
            clusterOnly(p + ".caConfigMapRef", "a ConfigMap", "tls.caFile");
            reference(p + ".caConfigMapRef", tls.caConfigMapRef().name(), tls.caConfigMapRef().key());
        }
        if (tls.clientCertSecretName() != null) {
            clusterOnly(p + ".clientCertSecretName", "a Secret", "tls.clientCertFile and tls.clientKeyFile");
            if (blank(tls.clientCertSecretName())) {
                add(p + ".clientCertSecretName", "required: the kubernetes.io/tls Secret's name");
            }
        }
    }

    private void headers(TargetSpec target) {
        List<HeaderSpec> headers = target.headerList();
        Set<String> seen = new HashSet<>();
        boolean bearer = target.apiKeyEnv() != null || target.apiKeySecretRef() != null;
        for (int i = 0; i < headers.size(); i++) {
            HeaderSpec h = headers.get(i);
            String at = "spec.target.headers[" + i + "]";
            if (h == null) {
                add(at, "must be an object {name, value | valueFromEnv | secretKeyRef}");
                continue;
            }
            String name = h.name() == null ? "" : h.name().trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9a-z-]+")) {
                add(at + ".name", "required: a header name (letters, digits and -), e.g. X-Tenant");
            } else if (RESERVED.contains(name)) {
                add(at + ".name", "'" + h.name() + "' is set by llmload itself and cannot be replaced");
            } else if (!seen.add(name)) {
                add(at + ".name", "duplicate header '" + h.name() + "'");
            } else if (name.equals("authorization") && bearer) {
                add(at + ".name", "Authorization comes from apiKeyEnv / apiKeySecretRef already: remove one of them");
            }
            int sources = (h.value() != null ? 1 : 0) + (h.valueFromEnv() != null ? 1 : 0)
                    + (h.secretKeyRef() != null ? 1 : 0);
            if (sources != 1) {
                add(at, "set exactly one of value, valueFromEnv or secretKeyRef");
            }
            if (h.value() != null && sensitive(name)) {
                add(at + ".value", "'" + h.name() + "' looks like a credential: inline values are stored in the "
                        + "manifest and the plan; use valueFromEnv" + (mode == ManifestValidator.Mode.CLUSTER
                                ? " or secretKeyRef" : "") + " instead");
            }
            if (h.valueFromEnv() != null && !h.valueFromEnv().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                add(at + ".valueFromEnv", "must be an environment variable name, e.g. GATEWAY_KEY");
            }
            if (h.secretKeyRef() != null) {
                clusterOnly(at + ".secretKeyRef", "a Secret", "valueFromEnv");
                reference(at + ".secretKeyRef", h.secretKeyRef().name(), h.secretKeyRef().key());
            }
        }
    }

    private void proxy(ProxySpec proxy) {
        if (proxy == null || proxy.url() == null) {
            return;
        }
        String p = "spec.target.proxy.url";
        try {
            URI uri = new URI(proxy.url().contains("://") ? proxy.url().trim() : "http://" + proxy.url().trim());
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                add(p, "must be an http proxy URL like http://proxy.corp:3128");
            } else if (uri.getRawUserInfo() != null) {
                add(p, "must not carry credentials (they would be stored in the manifest): put them in the "
                        + "HTTPS_PROXY environment variable instead");
            }
        } catch (Exception e) {
            add(p, "must be an http proxy URL like http://proxy.corp:3128");
        }
    }

    static boolean sensitive(String lowerCaseName) {
        return SENSITIVE.stream().anyMatch(lowerCaseName::contains);
    }

    private void localFile(String path, String file, String clusterAlternative) {
        if (file == null) {
            return;
        }
        if (file.isBlank()) {
            add(path, "required: a PEM file");
        } else if (mode == ManifestValidator.Mode.CLUSTER) {
            add(path, "a local file is not visible to runner pods: use " + clusterAlternative);
        }
    }

    private void clusterOnly(String path, String what, String localAlternative) {
        if (mode == ManifestValidator.Mode.LOCAL) {
            add(path, what + " is read only by runner pods (operator): use " + localAlternative + " with the CLI");
        }
    }

    private void reference(String path, String name, String key) {
        if (blank(name) || blank(key)) {
            add(path, "needs both name and key");
        }
    }
}
