package io.llmload.runner.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.cli.RepoFiles;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.spec.DatasetSpec;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import io.llmload.runner.spec.RequestTypeSpec;
import io.llmload.runner.workload.dataset.DatasetScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example manifest parses and validates; the *-k8s ones as the operator would check them. Datasets the
 * examples read are shipped whole (examples/sharegpt.yaml runs end to end in DatasetCliTest).
 */
class ExamplesValidateTest {

    static Stream<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(RepoFiles.root().resolve("examples"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleValidates(Path file) throws Exception {
        LlmLoadTest test = ManifestReader.read(file);
        ManifestValidator.Mode mode = file.getFileName().toString().endsWith("-k8s.yaml")
                ? ManifestValidator.Mode.CLUSTER : ManifestValidator.Mode.LOCAL;
        assertThat(ManifestValidator.validate(test, mode)).as(file.toString()).isEmpty();
        assertThat(PlanResolver.resolve(test.spec().load(), 1.0).measuredStages()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyLocalDatasetOfAnExampleIsThereAndHasNoBrokenEntry(Path file) throws Exception {
        LlmLoadTest test = ManifestReader.read(file);
        for (RequestTypeSpec type : test.spec().workload().mix()) {
            DatasetSpec dataset = type.prompt().dataset();
            if (dataset != null && dataset.path() != null) {
                DatasetScan scan = DatasetScan.of(file.getParent().resolve(dataset.path()), dataset.format());
                assertThat(scan.problems()).as(file + ": " + dataset.path()).isEmpty();
                assertThat(scan.usableEntries()).isPositive();
            }
        }
    }
}
