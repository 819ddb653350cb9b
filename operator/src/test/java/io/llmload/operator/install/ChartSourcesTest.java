package io.llmload.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.operator.rbac.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart carries copies of files whose source lives elsewhere in the repository (Helm reads nothing outside a
 * chart's directory): the CRD, the operator's rules and the Grafana dashboard. Each copy must equal its source byte
 * for byte; run with {@code -Dchart.sync=true} to refresh them. (CrdDriftTest's -Dcrds.update=true refreshes the CRD
 * copy too.)
 */
class ChartSourcesTest {

    static final String SYNC = "./mvnw -B -q -am -pl operator test -Dtest=ChartSourcesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dchart.sync=true";

    /** source (from the repository root) → copy (in the chart). */
    private record Copy(String source, String copy, boolean sourceMayBeAbsent) {
    }

    static final String CRD_COPY = "crds/llmloadtests.llmload.io-v1.yml";

    private static final List<Copy> COPIES = List.of(
            new Copy("crds/llmloadtests.llmload.io-v1.yml", CRD_COPY, false),
            new Copy("config/rbac/cluster_role.yaml", "files/cluster_role.yaml", false),
            // Added with the operator's live metrics; until then the chart has no dashboard to install.
            new Copy("config/grafana/llmload.json", "files/grafana/llmload.json", true));

    private final Path root = RepoFiles.root();

    @Test
    void chartCopiesEqualTheirSources() throws IOException {
        for (Copy copy : COPIES) {
            Path source = root.resolve(copy.source());
            Path target = HelmChart.SOURCE.resolve(copy.copy());
            if (Boolean.getBoolean("chart.sync")) {
                sync(source, target);
            }
            if (!Files.exists(source)) {
                assertThat(copy.sourceMayBeAbsent()).as(source + " exists").isTrue();
                assertThat(target).as("a copy of the missing " + copy.source() + "; delete it or run " + SYNC)
                        .doesNotExist();
                continue;
            }
            assertThat(target).as("the chart's copy of " + copy.source() + "; create it with: " + SYNC).exists();
            assertThat(Files.readAllBytes(target))
                    .withFailMessage("%s differs from %s; refresh the chart's copies with:%n  %s", target, source,
                            SYNC)
                    .isEqualTo(Files.readAllBytes(source));
        }
    }

    /** Helm installs every file in crds/: only the LlmLoadTest CRD may be there. */
    @Test
    void chartInstallsOnlyTheLlmLoadTestCrd() throws IOException {
        try (Stream<Path> files = Files.list(HelmChart.SOURCE.resolve("crds"))) {
            assertThat(files.map(f -> "crds/" + f.getFileName())).containsExactly(CRD_COPY);
        }
    }

    private static void sync(Path source, Path target) throws IOException {
        if (Files.exists(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(target);
        }
    }
}
