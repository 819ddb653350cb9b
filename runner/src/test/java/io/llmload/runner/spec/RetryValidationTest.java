package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.workload.retry and spec.target.simulator.tokensPerChunk: read strictly, checked with their field paths. */
class RetryValidationTest {

    private static String manifest(String retry, String simulator) {
        return """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  target: {simulator: %s}
                  workload:
                    mix: [{name: chat, api: chat, prompt: {text: Hello}}]
                    retry: %s
                  load: {model: closed, stages: [{duration: 10s, users: 2}]}
                """.formatted(simulator, retry);
    }

    private static List<Violation> withRetry(String retry) throws InvalidManifestException {
        return ManifestValidator.validate(ManifestReader.parse(manifest(retry, "{profile: tiny}")), Mode.LOCAL);
    }

    @Test
    void aFullPolicyIsReadAndValid() throws Exception {
        LlmLoadTest test = ManifestReader.parse(manifest("{maxRetries: 3, initialBackoff: 200ms, maxBackoff: 10s, "
                + "honorRetryAfter: false, errors: [rateLimited, server, timeout]}", "{profile: tiny, tokensPerChunk: 4}"));
        assertThat(ManifestValidator.validate(test, Mode.LOCAL)).isEmpty();
        assertThat(test.spec().workload().retry()).isEqualTo(new RetrySpec(3, "200ms", "10s", false,
                List.of("rateLimited", "server", "timeout")));
        assertThat(test.spec().target().simulator().tokensPerChunk()).isEqualTo(4);
        assertThat(withRetry("{maxRetries: 0}")).isEmpty();
        assertThat(withRetry("{}")).isEmpty();
    }

    @Test
    void badValuesAreNamedByTheirPath() throws Exception {
        assertThat(withRetry("{maxRetries: -1}")).extracting(Violation::path)
                .containsExactly("spec.workload.retry.maxRetries");
        assertThat(withRetry("{maxRetries: 1000}")).extracting(Violation::path)
                .containsExactly("spec.workload.retry.maxRetries");
        assertThat(withRetry("{maxRetries: 2, initialBackoff: soon}")).extracting(Violation::path)
                .containsExactly("spec.workload.retry.initialBackoff");
        assertThat(withRetry("{maxRetries: 2, initialBackoff: 5s, maxBackoff: 1s}")).extracting(Violation::path)
                .containsExactly("spec.workload.retry.maxBackoff");
        assertThat(withRetry("{maxRetries: 2, maxBackoff: 100ms}")).extracting(Violation::path)
                .as("below the default initialBackoff of 500ms").containsExactly("spec.workload.retry.maxBackoff");
        assertThat(withRetry("{maxRetries: 2, errors: []}")).extracting(Violation::path)
                .containsExactly("spec.workload.retry.errors");
        List<Violation> unknownClass = withRetry("{maxRetries: 2, errors: [server, 5xx]}");
        assertThat(unknownClass).extracting(Violation::path).containsExactly("spec.workload.retry.errors[1]");
        assertThat(unknownClass.get(0).message()).contains("5xx", "rateLimited", "protocol");
    }

    @Test
    void unknownRetryFieldsAreErrors() {
        InvalidManifestException e = catchThrowableOfType(
                () -> ManifestReader.parse(manifest("{maxRetry: 2}", "{profile: tiny}")),
                InvalidManifestException.class);
        assertThat(e.violations()).extracting(Violation::path).containsExactly("spec.workload.retry.maxRetry");
    }

    @Test
    void tokensPerChunkIsAtLeastOne() throws Exception {
        for (String bad : List.of("0", "65")) {
            List<Violation> v = ManifestValidator.validate(ManifestReader.parse(manifest("{}",
                    "{profile: tiny, tokensPerChunk: " + bad + "}")), Mode.LOCAL);
            assertThat(v).extracting(Violation::path).containsExactly("spec.target.simulator.tokensPerChunk");
        }
    }
}
