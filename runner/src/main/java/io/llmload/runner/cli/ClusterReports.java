package io.llmload.runner.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code llmload report --cluster [NAMESPACE/]NAME [--run ID] [--out DIR]}: fetches a run's report with the user's
 * kubeconfig (as kubectl finds it: KUBECONFIG, ~/.kube/config, or in-cluster) and renders every format locally with
 * this version's renderers — the same files {@code llmload run} writes for a local run.
 */
final class ClusterReports {

    private ClusterReports() {
    }

    /** @return the exit code of the run's verdict, like {@code llmload report FILE} */
    static int fetchAndRender(String ref, String runId, Path out, PrintWriter stdout, PrintWriter stderr) {
        ClusterReportSource.Fetched fetched;
        String server = "";
        Config config = Config.autoConfigure(null);
        // A CLI should say "unreachable" in seconds, not retry with backoff for half a minute.
        config.setRequestRetryBackoffLimit(1);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            server = " at " + client.getMasterUrl();
            fetched = ClusterReportSource.fetch(client, ref, runId);
        } catch (KubernetesClientException e) {
            String hint = e.getCode() == 403 ? " (your kubeconfig's user needs get on llmloadtests and configmaps)"
                    : e.getCode() == 0 ? " (is the cluster reachable with your kubeconfig?)" : "";
            throw new UserInputException("cannot read " + ref + " from the cluster" + server + ": "
                    + firstLine(e.getMessage()) + hint);
        }
        Report report;
        try {
            report = ReportFiles.mapper().readValue(fetched.json(), Report.class);
        } catch (IOException e) {
            throw new UserInputException(fetched.namespace() + "/" + fetched.configMap()
                    + ": not an llmload report (" + firstLine(e.getMessage()) + ")");
        }
        Path dir = out != null ? out : Path.of("llmload-results", fetched.test() + "-" + fetched.runId());
        SummaryTable.print(report, stdout);
        stdout.println();
        stdout.println("Run " + fetched.runId() + " of " + fetched.namespace() + "/" + fetched.test() + " (ConfigMap "
                + fetched.configMap() + ")");
        if (fetched.truncated() != null) {
            stderr.println("note: the stored report had to drop " + fetched.truncated() + " to fit in a ConfigMap");
            stderr.flush();
        }
        write(report, fetched.json(), dir, stdout);
        return RunCommand.exitCode(report);
    }

    /**
     * Every format into {@code dir}: report.json as stored (not re-serialized: fields this version does not know are
     * kept), report.csv and report.html rendered by this version.
     */
    static void write(Report report, byte[] json, Path dir, PrintWriter stdout) {
        try {
            ReportFiles.writeAll(report, dir);
            Files.write(dir.resolve(ReportFiles.JSON), json);
        } catch (IOException e) {
            throw new UserInputException("cannot write the report to " + dir + ": " + e.getMessage());
        }
        for (String file : new String[] { ReportFiles.JSON, ReportFiles.CSV, ReportFiles.HTML }) {
            stdout.println("Written: " + dir.resolve(file));
        }
        stdout.flush();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
