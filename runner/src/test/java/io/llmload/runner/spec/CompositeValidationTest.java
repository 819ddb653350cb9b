package io.llmload.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.spec.ManifestValidator.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Composite request types: rag, session and chain settings, each only where it applies, with field paths. */
class CompositeValidationTest {

    private static List<Violation> withMix(String mix) throws InvalidManifestException {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  target: {simulator: {profile: tiny}}
                  workload: {mix: %s}
                  load: {model: closed, stages: [{duration: 10s, users: 2}]}
                """.formatted(mix);
        return ManifestValidator.validate(ManifestReader.parse(yaml), Mode.LOCAL);
    }

    @Test
    void compositeTypesWithTheirDefaultsAndFullSettingsAreValid() throws Exception {
        assertThat(withMix("[{name: r, api: rag, prompt: {text: q}}]")).isEmpty();
        assertThat(withMix("[{name: r, api: rag, prompt: {text: q}, rag: {retrievedDocuments: 8, documentTokens: 512,"
                + " embeddingModel: bge}}]")).isEmpty();
        assertThat(withMix("[{name: s, api: chat, prompt: {text: q}, session: {turns: {value: 4}, thinkTime: 2s}}]"))
                .isEmpty();
        assertThat(withMix("[{name: s, api: chat, prompt: {text: q},"
                + " session: {turns: {distribution: uniform, min: 2, max: 8}}}]")).isEmpty();
        assertThat(withMix("[{name: c, api: chat, prompt: {text: q}, chain: {}}]")).isEmpty();
        assertThat(withMix("[{name: c, api: chat, prompt: {text: q}, chain: {steps: 5, carryOutput: false}}]"))
                .isEmpty();
    }

    @Test
    void ragSettingsAreCheckedAndOnlyAllowedWithApiRag() throws Exception {
        assertThat(withMix("[{name: r, api: rag, prompt: {text: q}, rag: {retrievedDocuments: 0,"
                + " documentTokens: 200000, embeddingModel: ' '}}]")).containsExactly(
                new Violation("spec.workload.mix[0].rag.retrievedDocuments", "must be between 1 and 100"),
                new Violation("spec.workload.mix[0].rag.documentTokens", "must be between 1 and 100000"),
                new Violation("spec.workload.mix[0].rag.embeddingModel",
                        "must not be empty: remove it to use target.model"));
        assertThat(withMix("[{name: c, api: chat, prompt: {text: q}, rag: {}}]")).containsExactly(
                new Violation("spec.workload.mix[0].rag", "only api: rag takes rag settings: remove rag or set api: rag"));
        assertThat(withMix("[{name: r, api: rag}]")).extracting(Violation::path)
                .containsExactly("spec.workload.mix[0].prompt");
    }

    @Test
    void sessionsNeedTurnsAndAreChatOnly() throws Exception {
        assertThat(withMix("[{name: s, api: chat, prompt: {text: q}, session: {thinkTime: 1s}}]")).containsExactly(
                new Violation("spec.workload.mix[0].session.turns", "required: turns per session, e.g. {value: 4}"));
        assertThat(withMix("[{name: s, api: chat, prompt: {text: q}, session: {turns: {value: 0}, thinkTime: soon}}]"))
                .extracting(Violation::path)
                .containsExactly("spec.workload.mix[0].session.turns.value", "spec.workload.mix[0].session.thinkTime");
        assertThat(withMix("[{name: s, api: completions, prompt: {text: q}, session: {turns: {value: 2}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].session", "only api: chat has multi-turn sessions"));
    }

    @Test
    void chainsAreChatOnlyWithABoundedStepCountAndNotAlsoSessions() throws Exception {
        assertThat(withMix("[{name: c, api: chat, prompt: {text: q}, chain: {steps: 0}}]")).containsExactly(
                new Violation("spec.workload.mix[0].chain.steps", "must be between 1 and 1000"));
        assertThat(withMix("[{name: c, api: embeddings, prompt: {text: q}, chain: {steps: 2}}]")).containsExactly(
                new Violation("spec.workload.mix[0].chain", "only api: chat has agent chains"));
        assertThat(withMix("[{name: c, api: chat, prompt: {text: q}, chain: {}, session: {turns: {value: 2}}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].chain",
                        "a request type is either a session or a chain: remove one of them"));
    }

    @Test
    void ragCallNamesMayNotCollideWithAnotherRequestType() throws Exception {
        assertThat(withMix("[{name: r, api: rag, prompt: {text: q}}, {name: r.generate, api: chat, prompt: {text: q}}]"))
                .containsExactly(new Violation("spec.workload.mix[0].name", "the RAG calls are reported as "
                        + "'r.retrieve' and 'r.generate': rename the request type that uses one of those names"));
    }

    @Test
    void aRagTypeStreamsSoItSupportsTtftTargets() throws Exception {
        String yaml = """
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  workload: {mix: [{name: r, api: rag, prompt: {text: q}}]}
                  load: {model: closed, stages: [{duration: 10s, users: 2}]}
                  slo: {ttft: {p95: 1s}}
                """;
        assertThat(ManifestValidator.validate(ManifestReader.parse(yaml), Mode.LOCAL)).isEmpty();
    }
}
