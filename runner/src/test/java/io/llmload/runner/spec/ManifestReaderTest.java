package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private static final String HEADER = "apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\n";

    private static Violation onlyViolation(String yaml) {
        InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
                () -> ManifestReader.parse(yaml));
        assertThat(e).as("expected the manifest to be rejected").isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0);
    }

    @Test
    void readsAFullManifestIntoTheModel() throws Exception {
        LlmLoadTest test = ManifestReader.parse(HEADER + """
                metadata:
                  name: quick
                  namespace: perf
                spec:
                  target: {url: 'http://vllm:8000', model: llama, timeout: 60s}
                  workload:
                    seed: 7
                    mix:
                      - name: chat-short
                        weight: 70
                        api: chat
                        stream: true
                        prompt: {inputTokens: {distribution: normal, mean: 128, stddev: 32, min: 16}}
                        output: {maxTokens: {value: 64}}
                  load:
                    model: closed
                    warmup: 5s
                    stages:
                      - {name: light, duration: 15s, users: 4}
                      - {duration: 30s, users: 16, ramp: true}
                  slo:
                    ttft: {p95: 500ms}
                    errorRate: 1%
                """);
        assertThat(test.apiVersion()).isEqualTo(LlmLoadTest.API_VERSION);
        assertThat(test.kind()).isEqualTo(LlmLoadTest.KIND);
        assertThat(test.name()).isEqualTo("quick");
        assertThat(test.metadata().namespace()).isEqualTo("perf");
        assertThat(test.spec().target().url()).isEqualTo("http://vllm:8000");
        assertThat(test.spec().target().model()).isEqualTo("llama");
        assertThat(test.spec().workload().seed()).isEqualTo(7L);
        RequestTypeSpec type = test.spec().workload().mix().get(0);
        assertThat(type.name()).isEqualTo("chat-short");
        assertThat(type.weight()).isEqualTo(70.0);
        assertThat(type.stream()).isTrue();
        assertThat(type.prompt().inputTokens())
                .isEqualTo(new DistributionSpec("normal", null, 16.0, null, 128.0, 32.0));
        assertThat(type.output().maxTokens().value()).isEqualTo(64.0);
        assertThat(test.spec().load().stages()).containsExactly(
                new StageSpec("light", "15s", 4, null, null),
                new StageSpec(null, "30s", 16, null, true));
        assertThat(test.spec().load().warmup()).isEqualTo("5s");
        assertThat(test.spec().slo().ttft().p95()).isEqualTo("500ms");
        assertThat(test.spec().slo().errorRate()).isEqualTo("1%");
    }

    @Test
    void takesTheOneLlmLoadTestDocumentOfAMultiDocumentFile() throws Exception {
        LlmLoadTest test = ManifestReader.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: sim}
                spec: {replicas: 1, template: {spec: {containers: [{name: sim, image: llmload}]}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: sim}
                spec: {ports: [{port: 8000}]}
                ---
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: the-test}
                spec:
                  load: {stages: [{duration: 10s, users: 2}]}
                ---
                """);
        assertThat(test.name()).isEqualTo("the-test");
        assertThat(test.spec().load().stages()).containsExactly(new StageSpec(null, "10s", 2, null, null));
    }

    @Test
    void aFileWithoutAnLlmLoadTestDocumentIsRejectedWithTheHeaderToAdd() {
        Violation v = onlyViolation("""
                apiVersion: v1
                kind: Service
                metadata: {name: sim}
                """);
        assertThat(v.path()).isEqualTo("kind");
        assertThat(v.message()).contains("no document of kind LlmLoadTest")
                .contains("apiVersion: llmload.io/v1alpha1").contains("kind: LlmLoadTest");
    }

    @Test
    void anEmptyFileHasNoLlmLoadTest() {
        assertThat(onlyViolation("").path()).isEqualTo("kind");
        assertThat(onlyViolation("# just a comment\n").message()).contains("no document of kind LlmLoadTest");
    }

    @Test
    void twoLlmLoadTestDocumentsAreRejected() {
        Violation v = onlyViolation(HEADER + "metadata: {name: a}\n---\n" + HEADER + "metadata: {name: b}\n");
        assertThat(v.path()).isEqualTo("kind");
        assertThat(v.message()).contains("found 2 documents of kind LlmLoadTest").contains("one test per file");
    }

    @Test
    void invalidYamlNamesTheLineOfTheError() {
        Violation v = onlyViolation("""
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                spec:
                  target: {}
                 workload: {}
                """);
        assertThat(v.path()).isEqualTo("(yaml)");
        assertThat(v.message()).startsWith("not valid YAML at line 5");
    }

    @Test
    void anUnclosedFlowSequenceIsInvalidYamlWithALine() {
        Violation v = onlyViolation(HEADER + "spec:\n  load:\n    stages: [{duration: 10s, users: 2}\n  slo: {}\n");
        assertThat(v.path()).isEqualTo("(yaml)");
        assertThat(v.message()).containsPattern("not valid YAML at line \\d+");
    }

    @Test
    void anUnknownFieldIsNamedByItsPathWithTheKnownFields() {
        Violation v = onlyViolation(HEADER + """
                spec:
                  load:
                    model: closed
                    stagez:
                      - {duration: 10s, users: 2}
                """);
        assertThat(v.path()).isEqualTo("spec.load.stagez");
        assertThat(v.message()).isEqualTo(
                "unknown field 'stagez' (known: arrival, gracefulStop, model, shape, stages, thinkTime, warmup)");
    }

    @Test
    void anUnknownFieldInsideAListItemIsNamedWithItsIndex() {
        Violation v = onlyViolation(HEADER + """
                spec:
                  load:
                    stages:
                      - {duration: 10s, users: 2}
                      - {duration: 10s, user: 4}
                """);
        assertThat(v.path()).isEqualTo("spec.load.stages[1].user");
        assertThat(v.message()).startsWith("unknown field 'user'").contains("users").contains("duration");
    }

    @Test
    void aWordWhereANumberBelongsIsNotAValidNumber() {
        Violation v = onlyViolation(HEADER + """
                spec:
                  load:
                    stages:
                      - duration: 10s
                        users: many
                """);
        assertThat(v.path()).isEqualTo("spec.load.stages[0].users");
        assertThat(v.message()).isEqualTo("'many' is not a valid number");
    }

    @Test
    void aWordWhereABooleanBelongsSaysTrueOrFalse() {
        Violation v = onlyViolation(HEADER + "spec:\n  workload: {mix: [{name: a, stream: maybe}]}\n");
        assertThat(v.path()).isEqualTo("spec.workload.mix[0].stream");
        assertThat(v.message()).isEqualTo("'maybe' is not a valid boolean (true or false)");
    }

    @Test
    void aScalarWhereASectionBelongsAsksForAnObject() {
        Violation v = onlyViolation(HEADER + "spec:\n  load: fast\n");
        assertThat(v.path()).isEqualTo("spec.load");
        assertThat(v.message()).isEqualTo("expected object (Load fields)");
    }

    @Test
    void aMappingWhereAListBelongsAsksForAList() {
        Violation v = onlyViolation(HEADER + "spec:\n  load: {stages: {users: 2}}\n");
        assertThat(v.path()).isEqualTo("spec.load.stages");
        assertThat(v.message()).isEqualTo("expected list");
    }

    @Test
    void operatorOnlySectionsAndExtraMetadataAreAcceptedAndIgnored() throws Exception {
        LlmLoadTest test = ManifestReader.parse(HEADER + """
                metadata: {name: x, uid: abc, annotations: {a: b}}
                spec:
                  runners: {count: 3}
                  cleanup: {ttl: 1h}
                  trigger: {schedule: '0 * * * *'}
                  autoscaling: {}
                  load: {stages: [{duration: 10s, users: 2}]}
                """);
        assertThat(test.name()).isEqualTo("x");
        assertThat(test.spec().load().stages()).hasSize(1);
    }

    @Test
    void aManifestWithoutMetadataIsNamedLlmload() throws Exception {
        assertThat(ManifestReader.parse(HEADER + "spec: {}\n").name()).isEqualTo("llmload");
    }

    @Test
    void readingAMissingFileSaysFileNotFound(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        InvalidManifestException e = catchThrowableOfType(InvalidManifestException.class,
                () -> ManifestReader.read(missing));
        assertThat(e.violations()).containsExactly(new Violation(missing.toString(), "file not found"));
    }

    @Test
    void readsAManifestFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, HEADER + "metadata: {name: from-file}\n");
        assertThat(ManifestReader.read(file).name()).isEqualTo("from-file");
    }

    @Test
    void theExceptionMessageListsEveryViolation() {
        InvalidManifestException e = new InvalidManifestException(List.of(new Violation("a.b", "bad"),
                new Violation("c", "worse")));
        assertThat(e.getMessage()).isEqualTo("a.b: bad; c: worse");
    }

    // --- strictness: typos must not silently change a test (LoadTestSpec's contract) ---

    @Test
    void aFractionalUserCountIsRejectedNotTruncated() {
        Violation v = onlyViolation(HEADER + "spec:\n  load: {stages: [{duration: 10s, users: 1.5}]}\n");
        assertThat(v.path()).isEqualTo("spec.load.stages[0].users");
    }

    @Test
    void aDuplicateKeyIsRejectedNotSilentlyOverwritten() {
        Violation v = onlyViolation(HEADER + """
                spec:
                  load:
                    stages: [{duration: 10m, users: 64}]
                    stages: [{duration: 10s, users: 1}]
                """);
        assertThat(v.message()).contains("stages");
    }
}
