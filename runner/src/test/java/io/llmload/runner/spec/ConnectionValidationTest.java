package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.target.basePath, tls, headers and proxy: what each mode accepts, and no credential written inline. */
class ConnectionValidationTest {

    private static List<Violation> target(String target, Mode mode) throws Exception {
        return ManifestValidator.validate(ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n"
                + "metadata: {name: t}\nspec:\n  target: " + target + "\n"
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hi}}]}\n"
                + "  load: {model: closed, stages: [{duration: 10s, users: 1}]}\n"), mode);
    }

    @Test
    void aFullyConfiguredGatewayTargetIsValidInBothModes() throws Exception {
        assertThat(target("{url: 'https://gw.corp', basePath: /openai/v1, tls: {caFile: ca.pem, clientCertFile: c.pem, "
                + "clientKeyFile: k.pem}, headers: [{name: X-Tenant, value: a}, {name: Api-Key, valueFromEnv: KEY}], "
                + "proxy: {url: 'http://proxy:3128', noProxy: [.svc]}}", Mode.LOCAL)).isEmpty();
        assertThat(target("{url: 'https://gw.corp', tls: {caSecretRef: {name: ca, key: ca.crt}, clientCertSecretName: "
                + "mtls}, headers: [{name: Api-Key, secretKeyRef: {name: gw, key: token}}]}", Mode.CLUSTER)).isEmpty();
    }

    @Test
    void aCredentialWrittenInlineIsRejectedWithTheFix() throws Exception {
        assertThat(target("{url: 'http://h', headers: [{name: Ocp-Apim-Subscription-Key, value: abc}]}", Mode.CLUSTER))
                .containsExactly(new Violation("spec.target.headers[0].value", "'Ocp-Apim-Subscription-Key' looks "
                        + "like a credential: inline values are stored in the manifest and the plan; use valueFromEnv "
                        + "or secretKeyRef instead"));
    }

    @Test
    void clusterReferencesAreRejectedLocallyAndLocalFilesInACluster() throws Exception {
        assertThat(target("{url: 'https://h', tls: {caSecretRef: {name: ca, key: ca.crt}}, headers: [{name: X-K, "
                + "secretKeyRef: {name: s, key: k}}]}", Mode.LOCAL)).extracting(Violation::path).containsExactly(
                "spec.target.tls.caSecretRef", "spec.target.headers[0].secretKeyRef");
        assertThat(target("{url: 'https://h', tls: {caFile: ca.pem}}", Mode.CLUSTER)).containsExactly(new Violation(
                "spec.target.tls.caFile", "a local file is not visible to runner pods: use tls.caSecretRef or "
                        + "tls.caConfigMapRef"));
    }

    @Test
    void mistakesAreNamed() throws Exception {
        assertThat(target("{url: 'http://h', tls: {insecureSkipVerify: true}}", Mode.LOCAL)).containsExactly(
                new Violation("spec.target.tls", "applies to https targets only: use an https:// url, or remove tls"));
        assertThat(target("{url: 'https://h', tls: {clientCertFile: c.pem}}", Mode.LOCAL)).containsExactly(
                new Violation("spec.target.tls.clientKeyFile", "mutual TLS needs both clientCertFile and clientKeyFile"));
        assertThat(target("{url: 'http://h', headers: [{name: Content-Type, value: x}, {name: X-A, value: 1, "
                + "valueFromEnv: A}]}", Mode.LOCAL)).containsExactly(
                new Violation("spec.target.headers[0].name", "'Content-Type' is set by llmload itself and cannot be "
                        + "replaced"),
                new Violation("spec.target.headers[1]", "set exactly one of value, valueFromEnv or secretKeyRef"));
        assertThat(target("{url: 'http://h', proxy: {url: 'http://u:p@proxy:3128'}}", Mode.LOCAL)).containsExactly(
                new Violation("spec.target.proxy.url", "must not carry credentials (they would be stored in the "
                        + "manifest): put them in the HTTPS_PROXY environment variable instead"));
        assertThat(target("{url: 'http://h', basePath: openai}", Mode.LOCAL)).containsExactly(new Violation(
                "spec.target.basePath", "must be a path starting with '/', e.g. /v1 or /openai/v1"));
    }
}
