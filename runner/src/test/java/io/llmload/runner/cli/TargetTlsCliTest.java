package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.simulator.ServerTls;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import io.llmload.runner.target.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https targets with a private CA (certificates generated at test time): the CA bundle makes the run and the scrape
 * of the server's /metrics work; a wrong CA is one clear line and exit 2, not a stack trace; insecureSkipVerify
 * works and is flagged; a server that requires client certificates accepts llmload's and refuses a run without one.
 */
class TargetTlsCliTest {

    private static final TestCertificates CERTS = TestCertificates.get();

    @TempDir
    Path dir;

    @Test
    void aPrivateCaBundleIsTrustedForTheLoadAndTheMetricsScrape() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults(), serverTls(false))) {
            CliResult result = CliResult.run("run", manifest(sim, "{caFile: '" + CERTS.caCert + "'}").toString(),
                    "--out", dir.resolve("out").toString(), "--scrape-interval", "200ms");
            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode report = report();
            assertThat(report.get("overall").get("requests").asLong()).isPositive();
            assertThat(report.get("overall").get("errors").get("total").asLong()).isZero();
            assertThat(report.get("run").get("target").asText()).startsWith("https://127.0.0.1:");
            assertThat(report.get("run").get("tls").get("verify").asBoolean()).isTrue();
            assertThat(report.get("run").get("tls").get("insecureSkipVerify").asBoolean()).isFalse();
            assertThat(report.get("server").get("source").asText()).startsWith("https://127.0.0.1:");
            assertThat(report.get("server").get("scrapes").asInt()).isPositive();
        }
    }

    @Test
    void theWrongCaIsOneClearConnectionLineAndExitTwo() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults(), serverTls(false))) {
            CliResult result = CliResult.run("run",
                    manifest(sim, "{caFile: '" + CERTS.otherCaCert + "'}", "model: llmload-sim").toString(),
                    "--out", dir.resolve("out").toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip()).startsWith("error: spec.target.url: the server cannot be reached (GET "
                    + sim.baseUrl() + "/v1/models: TLS handshake failed: the server's certificate is not trusted")
                    .doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(dir.resolve("out")).doesNotExist();
        }
    }

    @Test
    void withoutAModelTheWrongCaSaysTheModelsCannotBeListed() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults(), serverTls(false))) {
            CliResult result = CliResult.run("run", manifest(sim, "{caFile: '" + CERTS.otherCaCert + "'}").toString(),
                    "--out", dir.resolve("out").toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().strip()).startsWith("error: spec.target.model: not set, and the server's models "
                    + "cannot be listed (GET " + sim.baseUrl() + "/v1/models: TLS handshake failed: the server's "
                    + "certificate is not trusted").doesNotContain("\tat ");
        }
    }

    @Test
    void insecureSkipVerifyRunsAndIsFlaggedInTheReportAndOnTheConsole() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults(), serverTls(false))) {
            CliResult result = CliResult.run("run", manifest(sim, "{insecureSkipVerify: true}").toString(),
                    "--out", dir.resolve("out").toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("target: TLS certificate verification is OFF");
            JsonNode tls = report().get("run").get("tls");
            assertThat(tls.get("insecureSkipVerify").asBoolean()).isTrue();
            assertThat(tls.get("verify").asBoolean()).isFalse();
        }
    }

    @Test
    void mutualTlsIsAcceptedWithTheClientCertificateAndRefusedWithout() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults(), serverTls(true))) {
            CliResult accepted = CliResult.run("run", manifest(sim, "{caFile: '" + CERTS.caCert
                    + "', clientCertFile: '" + CERTS.clientCert + "', clientKeyFile: '" + CERTS.clientKey + "'}")
                    .toString(), "--out", dir.resolve("out").toString());
            assertThat(accepted.exitCode()).as(accepted.err()).isZero();
            JsonNode report = report();
            assertThat(report.get("overall").get("errors").get("total").asLong()).isZero();
            assertThat(report.get("run").get("tls").get("clientCertificate").asBoolean()).isTrue();

            CliResult refused = CliResult.run("run", manifest(sim, "{caFile: '" + CERTS.caCert + "'}").toString(),
                    "--out", dir.resolve("refused").toString());
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err().strip()).startsWith("error: spec.target.model: not set, and the server's "
                    + "models cannot be listed (GET " + sim.baseUrl() + "/v1/models: ")
                    .doesNotContain("\tat ");
            assertThat(dir.resolve("refused")).doesNotExist();
        }
    }

    @Test
    void aCaFileThatIsNotPemNamesTheField() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        Path file = Files.writeString(dir.resolve("t.yaml"), yaml("https://127.0.0.1:9", "{caFile: junk.pem}", ""));
        CliResult result = CliResult.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("error: spec.target.tls.caFile: " + junk + " is not usable PEM")
                .doesNotContain("\tat ");
    }

    private static ServerTls serverTls(boolean requireClientCertificate) {
        return new ServerTls(CERTS.serverCert.toString(), CERTS.serverKey.toString(),
                requireClientCertificate ? CERTS.caCert.toString() : null);
    }

    private Path manifest(Simulator sim, String tls) throws Exception {
        return manifest(sim, tls, "");
    }

    private Path manifest(Simulator sim, String tls, String model) throws Exception {
        return Files.writeString(dir.resolve("tls.yaml"), yaml(sim.baseUrl(), tls, model));
    }

    private static String yaml(String url, String tls, String model) {
        return "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: tls}\nspec:\n"
                + "  target:\n    url: " + url + "\n    tls: " + tls + "\n" + (model.isEmpty() ? "" : "    " + model + "\n")
                + "  workload: {mix: [{name: chat, api: chat, prompt: {text: hello}, output: {maxTokens: {value: 4}}}]}\n"
                + "  load: {model: closed, stages: [{duration: 1s, users: 1}]}\n";
    }

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("out").resolve("report.json").toFile());
    }
}
