package io.llmload.runner.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * TLS towards an https target. The CA bundle and the client certificate come from local files (CLI, relative to the
 * manifest) or, in a cluster, from a Secret or ConfigMap the operator mounts read-only into the runner pods.
 */
public record TlsSpec(
        @JsonPropertyDescription("PEM file of the CA certificates that sign the server's certificate (CLI), instead of "
                + "the JVM's default trust store.") String caFile,
        @JsonPropertyDescription("Secret key holding the CA bundle (PEM), mounted into runner pods (operator).")
        SecretKeyRef caSecretRef,
        @JsonPropertyDescription("ConfigMap key holding the CA bundle (PEM), mounted into runner pods (operator).")
        ConfigMapKeyRef caConfigMapRef,
        @JsonPropertyDescription("PEM client certificate for mutual TLS (CLI; with clientKeyFile).") String clientCertFile,
        @JsonPropertyDescription("PEM private key of the client certificate (CLI; PKCS#8, PKCS#1 or SEC1).")
        String clientKeyFile,
        @JsonPropertyDescription("A kubernetes.io/tls Secret (tls.crt, tls.key) holding the client certificate for "
                + "mutual TLS, mounted into runner pods (operator).") String clientCertSecretName,
        @JsonPropertyDescription("Accept any server certificate and host name (testing only): the report and the "
                + "status say so.") Boolean insecureSkipVerify) {

    public boolean insecure() {
        return Boolean.TRUE.equals(insecureSkipVerify);
    }

    /** The same settings read from local files (how runners see what the operator mounted). */
    public TlsSpec atFiles(String ca, String clientCert, String clientKey) {
        return new TlsSpec(ca, null, null, clientCert, clientKey, null, insecureSkipVerify);
    }
}
