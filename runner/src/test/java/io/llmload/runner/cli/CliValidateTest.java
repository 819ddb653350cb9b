package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `llmload validate examples/*.yaml` accepts every example, the Kubernetes ones as the operator checks them. */
class CliValidateTest {

    @Test
    void everyExampleValidatesFromTheCommandLine() throws Exception {
        String[] files;
        try (Stream<Path> list = Files.list(RepoFiles.root().resolve("examples"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().map(Path::toString)
                    .toArray(String[]::new);
        }
        String[] args = Stream.concat(Stream.of("validate"), Stream.of(files)).toArray(String[]::new);
        CliResult result = CliResult.run(args);
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().filter(l -> l.contains(": valid"))).hasSize(files.length);
        assertThat(result.out()).contains("quickstart-k8s.yaml: valid for the operator");
        assertThat(result.out()).contains("quickstart.yaml: valid (quickstart, closed model, 4 stages, 50 s)");
    }
}
