package io.llmload.operator.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.llmload.operator.rbac.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The chart under config/helm/llmload-operator, rendered by Helm itself (helm-java runs Helm's Go code in-process):
 * {@code helm template llmload-operator CHART --namespace NS -f values.yaml}, as a user would.
 */
final class HelmChart {

    static final Path SOURCE = RepoFiles.root().resolve("config/helm/llmload-operator");
    static final String RELEASE = "llmload-operator";

    private final Path dir;

    private HelmChart(Path dir) {
        this.dir = dir;
    }

    static HelmChart source() {
        return new HelmChart(SOURCE);
    }

    /** A copy of the chart in {@code target}, for tests that add files to it. */
    static HelmChart copyTo(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(SOURCE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return new HelmChart(target);
    }

    Path dir() {
        return dir;
    }

    LintResult lint() {
        return new Helm(dir).lint().strict().call();
    }

    List<ObjectNode> render(String namespace, String valuesYaml) {
        return K8sYaml.parse(template(namespace, valuesYaml));
    }

    /** The error Helm reports for these values (a template's fail, a schema violation); fails if it renders. */
    String failure(String namespace, String valuesYaml) {
        try {
            template(namespace, valuesYaml);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("the chart rendered with values:\n" + valuesYaml);
    }

    private String template(String namespace, String valuesYaml) {
        TemplateCommand command = new Helm(dir).template().withName(RELEASE).withNamespace(namespace);
        if (valuesYaml == null || valuesYaml.isBlank()) {
            return command.call();
        }
        Path values = null;
        try {
            values = Files.createTempFile("llmload-values", ".yaml");
            Files.writeString(values, valuesYaml);
            return command.withValuesFile(values).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (values != null) {
                values.toFile().delete();
            }
        }
    }
}
