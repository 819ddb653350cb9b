package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.llmload.runner.compare.KnownReports;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import io.llmload.runner.report.StoredReports;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmload report --cluster} against the Fabric8 mock API (CRUD), with a kubeconfig file as a user has one:
 * the fetched run renders the same report.html, report.csv and report.json as a local render of the same
 * report.json; runs are picked by id or the latest; a deleted test's retained reports are found by label; what cannot
 * be found is one line and exit 2.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterReportTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    private String previousKubeconfig;
    private byte[] passJson;
    private byte[] breachJson;

    @BeforeEach
    void storeTwoRunsAndPointKubeconfigAtTheMockApi() throws Exception {
        passJson = ReportFiles.toJson(KnownReports.a()).getBytes();
        Report breach = ReportFiles.mapper().readValue(passJson, Report.class);
        breachJson = ReportFiles.mapper().writeValueAsBytes(new Report("nightly", breach.startTime(), breach.endTime(),
                "Breach", breach.outcome(), null, breach.run(), breach.overall(), breach.stages(),
                breach.requestTypes(), breach.slo(), breach.server(), breach.capacity(), breach.cost(),
                breach.timeline(), breach.histograms(), breach.userRequests()));
        storeReport("nightly", "20260110-030000", passJson);
        storeReport("nightly", "20260111-030000", breachJson);
        client.genericKubernetesResources(ClusterReportSource.LLMLOADTESTS).inNamespace("models")
                .resource(test("nightly", Map.of(
                        "phase", "Succeeded",
                        "reportRef", StoredReports.configMapName("nightly", "20260111-030000"),
                        "history", List.of(
                                Map.of("id", "20260111-030000", "reportConfigMap",
                                        StoredReports.configMapName("nightly", "20260111-030000")),
                                Map.of("id", "20260110-030000", "reportConfigMap",
                                        StoredReports.configMapName("nightly", "20260110-030000"))))))
                .create();

        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s"}
                users:
                  - name: me
                    user: {token: not-a-secret}
                contexts:
                  - name: mock
                    context: {cluster: mock, user: me, namespace: models}
                current-context: mock
                """.formatted(client.getMasterUrl()));
        previousKubeconfig = System.setProperty("kubeconfig", kubeconfig.toString());
    }

    @AfterEach
    void restoreKubeconfig() {
        if (previousKubeconfig == null) {
            System.clearProperty("kubeconfig");
        } else {
            System.setProperty("kubeconfig", previousKubeconfig);
        }
    }

    @Test
    void aFetchedRunRendersTheSameFilesAsALocalRenderOfItsReport() throws Exception {
        Path out = dir.resolve("cluster");
        CliResult r = CliResult.run("report", "--cluster", "models/nightly", "--run", "20260110-030000", "--out",
                out.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Run 20260110-030000 of models/nightly (ConfigMap nightly-run-20260110-030000)",
                "Written: " + out.resolve("report.html"));

        Path local = dir.resolve("local");
        Files.createDirectories(local);
        Files.write(local.resolve("report.json"), passJson);
        ReportFiles.writeAll(ReportFiles.read(local.resolve("report.json")), dir.resolve("rendered"));
        assertThat(Files.readString(out.resolve("report.html")))
                .isEqualTo(Files.readString(dir.resolve("rendered").resolve("report.html")));
        assertThat(Files.readString(out.resolve("report.csv")))
                .isEqualTo(Files.readString(dir.resolve("rendered").resolve("report.csv")));
        assertThat(Files.readAllBytes(out.resolve("report.json"))).isEqualTo(passJson);
    }

    @Test
    void withoutARunTheLatestIsFetchedInTheKubeconfigsNamespace() throws Exception {
        Path out = dir.resolve("latest");
        CliResult r = CliResult.run("report", "--cluster", "nightly", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BREACH);
        assertThat(r.out()).contains("Run 20260111-030000 of models/nightly");
        assertThat(Files.readAllBytes(out.resolve("report.json"))).isEqualTo(breachJson);
    }

    @Test
    void aDeletedTestsRetainedReportsAreFoundByTheirLabels() throws Exception {
        client.genericKubernetesResources(ClusterReportSource.LLMLOADTESTS).inNamespace("models").withName("nightly")
                .delete();
        CliResult latest = CliResult.run("report", "--cluster", "models/nightly", "--out",
                dir.resolve("a").toString());
        assertThat(latest.exitCode()).as(latest.err()).isEqualTo(ExitCodes.BREACH);
        assertThat(latest.out()).contains("Run 20260111-030000 of models/nightly");

        CliResult older = CliResult.run("report", "--cluster", "models/nightly", "--run", "20260110-030000", "--out",
                dir.resolve("b").toString());
        assertThat(older.exitCode()).as(older.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(dir.resolve("b").resolve("report.json"))).isEqualTo(passJson);
    }

    @Test
    void aStoredGzipReportRendersLikeALocalOneWithOut() throws Exception {
        // What the report sink pod runs on the mounted report ConfigMap (spec.report.pvc).
        Path gz = dir.resolve("report.json.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(passJson);
        }
        Path out = dir.resolve("sink").resolve("nightly").resolve("20260110-030000");
        CliResult r = CliResult.run("report", gz.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(out.resolve("report.json"))).isEqualTo(passJson);
        ReportFiles.writeAll(ReportFiles.mapper().readValue(passJson, Report.class), dir.resolve("rendered"));
        assertThat(Files.readString(out.resolve("report.html")))
                .isEqualTo(Files.readString(dir.resolve("rendered").resolve("report.html")));
    }

    @Test
    void whatCannotBeFoundIsOneLineAndExitTwo() {
        CliResult unknownRun = CliResult.run("report", "--cluster", "models/nightly", "--run", "20200101-000000");
        assertThat(unknownRun.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknownRun.err().strip()).isEqualTo("error: run 20200101-000000 of models/nightly not found (runs "
                + "kept: 20260111-030000, 20260110-030000)");

        CliResult noTest = CliResult.run("report", "--cluster", "models/other");
        assertThat(noTest.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noTest.err().strip()).isEqualTo("error: no LlmLoadTest models/other, and no reports of it kept");

        CliResult both = CliResult.run("report", "report.json", "--cluster", "nightly");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err().strip()).isEqualTo("error: give a report file or --cluster [NAMESPACE/]NAME (not both)");
        assertThat(CliResult.run("report", "x.json", "--run", "1").err().strip())
                .isEqualTo("error: --run applies to --cluster");
    }

    private void storeReport(String test, String runId, byte[] json) throws Exception {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(json);
        }
        client.configMaps().inNamespace("models").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(StoredReports.configMapName(test, runId))
                .withLabels(Map.of(StoredReports.TEST_LABEL, test, StoredReports.RUN_LABEL, runId,
                        StoredReports.RETAINED_LABEL, "true"))
                .endMetadata()
                .withBinaryData(Map.of(StoredReports.GZIP_KEY, Base64.getEncoder().encodeToString(gzip.toByteArray())))
                .build()).create();
    }

    private static GenericKubernetesResource test(String name, Map<String, Object> status) {
        GenericKubernetesResource test = Serialization.unmarshal("""
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: %s, namespace: models}
                spec: {}
                """.formatted(name), GenericKubernetesResource.class);
        test.setAdditionalProperty("status", status);
        return test;
    }
}
