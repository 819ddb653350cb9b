package io.llmload.runner.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.openai.Api;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the factory lays out cells for composite types and how their steps are built, without a server. */
class CompositesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RequestFactory factory(String mix) throws Exception {
        LlmLoadTest test = ManifestReader.parse("""
                apiVersion: llmload.io/v1alpha1
                kind: LlmLoadTest
                metadata: {name: t}
                spec:
                  workload: {seed: 3, mix: %s}
                  load: {model: closed, stages: [{duration: 10s, users: 2}]}
                """.formatted(mix));
        return new RequestFactory(test.spec().workload(), "m", 9);
    }

    @Test
    void ragCallsGetTheirOwnCellsAfterTheMixEntriesAndCompositesReportUserRequests() throws Exception {
        RequestFactory f = factory("[{name: chat, api: chat, prompt: {text: a}}, {name: rag, api: rag, prompt: {text: q}},"
                + " {name: s, api: chat, prompt: {text: a}, session: {turns: {value: 2}}}]");
        assertThat(f.cellNames()).containsExactly("chat", "rag", "s", "rag.retrieve", "rag.generate");
        assertThat(f.requestTypeNames()).containsExactly("chat", "rag.retrieve", "rag.generate", "s");
        assertThat(f.userRequestTypes()).containsExactlyInAnyOrder("rag", "s");
    }

    @Test
    void aRagRequestEmbedsTheQuestionThenAsksWithTheRetrievedDocuments() throws Exception {
        RequestFactory f = factory("[{name: rag, api: rag, prompt: {systemPrompt: 'Use the context.',"
                + " inputTokens: {value: 12}}, output: {maxTokens: {value: 7}},"
                + " rag: {retrievedDocuments: 2, documentTokens: 30, embeddingModel: bge}}]");
        UserRequest rag = f.nextUserRequest();
        PreparedRequest retrieve = rag.first();
        assertThat(retrieve.type().name()).isEqualTo("rag.retrieve");
        assertThat(retrieve.type().api()).isEqualTo(Api.EMBEDDINGS);
        assertThat(retrieve.promptTokens()).isEqualTo(12);
        JsonNode embeddings = JSON.readTree(retrieve.body().getBytes());
        assertThat(embeddings.get("model").asText()).isEqualTo("bge");
        String question = embeddings.get("input").get(0).asText();

        PreparedRequest generate = rag.next("");
        assertThat(generate.type().name()).isEqualTo("rag.generate");
        assertThat(generate.type().index()).isEqualTo(2);
        assertThat(generate.maxTokens()).isEqualTo(7);
        assertThat(generate.keepReply()).isFalse();
        // "Use the context." is 4 tokens; the blank lines between the 2 documents and before the question are one
        // cl100k token each.
        assertThat(generate.promptTokens()).isEqualTo(4 + 2 * 30 + 2 + 12);
        JsonNode chat = JSON.readTree(generate.body().getBytes());
        assertThat(chat.get("model").asText()).isEqualTo("m");
        assertThat(chat.get("messages").get(1).get("content").asText()).endsWith("\n\n" + question);
        assertThat(rag.next("")).isNull();
        assertThat(rag.userRequestCell()).isEqualTo(0);
    }

    @Test
    void equalQuestionsRetrieveEqualContextOfExactDocumentSizes() {
        DocumentCorpus corpus = new DocumentCorpus(5, 40, Tokenizer.defaultTokenizer());
        assertThat(corpus.context("what is a kv cache", 4)).isEqualTo(corpus.context("what is a kv cache", 4));
        assertThat(new DocumentCorpus(5, 40, Tokenizer.defaultTokenizer()).context("what is a kv cache", 4))
                .isEqualTo(corpus.context("what is a kv cache", 4));
        assertThat(corpus.retrieve("what is a kv cache", 4)).hasSize(4)
                .isNotEqualTo(corpus.retrieve("how does batching work", 4));
        assertThat(TokenCounter.count(corpus.context("q", 4))).isEqualTo(4 * 40);
        assertThat(corpus.retrieve("q", 4)).allSatisfy(i -> assertThat(i).isBetween(0, DocumentCorpus.SIZE - 1));
    }

    @Test
    void aConversationResendsItsHistoryWithTheActualRepliesAndKeepsRepliesOnlyWhileTurnsRemain() throws Exception {
        RequestFactory f = factory("[{name: s, api: chat, prompt: {systemPrompt: Hi, inputTokens: {value: 5}},"
                + " session: {turns: {value: 3}, thinkTime: 250ms}}]");
        UserRequest session = f.nextUserRequest();
        assertThat(session.pauseNanos()).isEqualTo(250_000_000L);
        List<PreparedRequest> turns = new ArrayList<>();
        turns.add(session.first());
        turns.add(session.next("first reply words"));
        turns.add(session.next("second reply"));
        assertThat(session.next("third")).isNull();

        assertThat(turns).extracting(PreparedRequest::promptTokens).containsExactly(1 + 5, 1 + 5 + 3 + 5,
                1 + 5 + 3 + 5 + 2 + 5);
        assertThat(turns).extracting(PreparedRequest::keepReply).containsExactly(true, true, false);
        JsonNode last = JSON.readTree(turns.get(2).body().getBytes()).get("messages");
        List<String> roles = new ArrayList<>();
        last.forEach(m -> roles.add(m.get("role").asText()));
        assertThat(roles).containsExactly("system", "user", "assistant", "user", "assistant", "user");
        assertThat(last.get(2).get("content").asText()).isEqualTo("first reply words");
        assertThat(last.get(4).get("content").asText()).isEqualTo("second reply");
    }

    @Test
    void aChainCarriesThePreviousReplyIntoTheNextPromptOnlyWhenAsked() throws Exception {
        RequestFactory f = factory("[{name: c, api: chat, prompt: {text: 'next step'}, chain: {steps: 2}},"
                + " {name: p, api: chat, weight: 0.000001, prompt: {text: 'next step'},"
                + " chain: {steps: 2, carryOutput: false}}]");
        UserRequest chain = f.nextUserRequest();
        PreparedRequest first = chain.first();
        assertThat(first.keepReply()).isTrue();
        PreparedRequest second = chain.next("done with step one");
        assertThat(second.keepReply()).isFalse();
        // The carried reply "done with step one" (4), the blank line (1), then "next step" (2).
        assertThat(second.promptTokens()).isEqualTo(4 + 1 + 2);
        assertThat(JSON.readTree(second.body().getBytes()).get("messages").get(0).get("content").asText())
                .isEqualTo("done with step one\n\nnext step");
        assertThat(chain.next("x")).isNull();
        assertThat(List.of(first.type().index(), second.type().index())).containsExactly(0, 0);
    }
}
