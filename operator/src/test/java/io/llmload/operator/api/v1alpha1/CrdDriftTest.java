package io.llmload.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.llmload.operator.install.JsonDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD committed under crds/ must be the one the Java classes generate. This test generates it with the same
 * Fabric8 generator the extension uses, puts the printer columns in the order users read them (the generator sorts
 * them by JSON path), and compares parsed YAML: formatting and key order do not matter. Run it with
 * {@code -Dcrds.update=true} to rewrite the committed file instead.
 */
class CrdDriftTest {

    static final String CRD_FILE = LlmLoadTest.CRD_NAME + "-v1.yml";
    static final String REGENERATE = "./mvnw -B -am -pl operator test -Dtest=CrdDriftTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcrds.update=true";
    private static final int MAX_REPORTED = 20;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void committedCrdMatchesTheJavaClasses(@TempDir Path out) throws IOException {
        new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1")
                .customResourceClasses(LlmLoadTest.class).generate();
        JsonNode generated = withColumnOrder(YAML.readTree(out.resolve(CRD_FILE).toFile()));
        Path committed = committedCrdDir().resolve(CRD_FILE).normalize();
        if (Boolean.getBoolean("crds.update")) {
            YAML.writerWithDefaultPrettyPrinter().writeValue(committed.toFile(), generated);
            // The Helm chart installs a copy (ChartSourcesTest checks it): keep it in step.
            Path chartCopy = committedCrdDir().resolve("../config/helm/llmload-operator/crds").resolve(CRD_FILE);
            Files.copy(committed, chartCopy.normalize(), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(committed).as("committed CRD; create it with: " + REGENERATE).exists();

        List<String> differences = JsonDiff.differences(YAML.readTree(committed.toFile()), generated, MAX_REPORTED);

        assertThat(differences)
                .withFailMessage("%s is out of date with the Java classes of the custom resource.%n"
                        + "Regenerate it with:%n  %s%nDifferences (committed -> generated), first %d:%n  %s",
                        committed, REGENERATE, MAX_REPORTED, String.join(System.lineSeparator() + "  ", differences))
                .isEmpty();
    }

    /** Printer columns in {@link LlmLoadTest#PRINTER_COLUMNS} order: kubectl shows them as listed. */
    static JsonNode withColumnOrder(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode columns = version.path("additionalPrinterColumns");
            if (columns.isArray()) {
                List<JsonNode> sorted = new ArrayList<>();
                columns.forEach(sorted::add);
                sorted.sort(java.util.Comparator.comparingInt(
                        c -> LlmLoadTest.PRINTER_COLUMNS.indexOf(c.path("name").asText())));
                ((com.fasterxml.jackson.databind.node.ArrayNode) columns).removeAll().addAll(sorted);
            }
        }
        return crd;
    }

    @Test
    void printerColumnsAreInReadingOrder() throws IOException {
        JsonNode committed = YAML.readTree(committedCrdDir().resolve(CRD_FILE).toFile());
        List<String> names = new ArrayList<>();
        committed.path("spec").path("versions").get(0).path("additionalPrinterColumns")
                .forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("Phase", "Verdict", "Progress", "TTFT-P95", "ITL-P95", "RPS", "Errors",
                "Age");
    }

    private static Path committedCrdDir() {
        // Surefire passes the path; an IDE run starts in the module directory.
        return Path.of(System.getProperty("crds.dir", "../crds"));
    }
}
