package io.llmload.runner.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.WorkloadSpec;
import io.llmload.runner.workload.dataset.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt sources and output lengths as they end up in request bodies. */
class RequestFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tokenizer CL100K = Tokenizer.defaultTokenizer();

    @TempDir
    Path dir;

    private static WorkloadSpec workload(String yaml) throws Exception {
        return ManifestReader.parse("apiVersion: llmload.io/v1alpha1\nkind: LlmLoadTest\nmetadata: {name: t}\n"
                + "spec:\n  workload: " + yaml + "\n").spec().workload();
    }

    private static JsonNode body(PreparedRequest request) throws Exception {
        return JSON.readTree(request.body().getBytes());
    }

    private static String userMessage(JsonNode chatBody) {
        JsonNode messages = chatBody.get("messages");
        return messages.get(messages.size() - 1).get("content").asText();
    }

    @Test
    void inlinePromptsAreChosenInProportionToTheirWeights() throws Exception {
        WorkloadSpec spec = workload("{mix: [{name: faq, api: chat, prompt: {prompts: [{text: 'How do I reset it?', "
                + "weight: 1}, {text: 'Where is my order?', weight: 3}, {text: 'Talk to a person'}]}}]}");
        Map<String, Integer> counts = new HashMap<>();
        int draws = 10_000;
        try (RequestFactory factory = new RequestFactory(spec, "m", 3)) {
            for (int i = 0; i < draws; i++) {
                PreparedRequest request = factory.next();
                String text = userMessage(body(request));
                counts.merge(text, 1, Integer::sum);
                assertThat(request.promptTokens()).isEqualTo(CL100K.count(text));
            }
        }
        // Weights 1 : 3 : 1 (the default); 4 standard deviations of a binomial at n = 10 000 is under 0.02.
        assertThat(counts.get("How do I reset it?") / (double) draws).isCloseTo(0.2, within(0.02));
        assertThat(counts.get("Where is my order?") / (double) draws).isCloseTo(0.6, within(0.02));
        assertThat(counts.get("Talk to a person") / (double) draws).isCloseTo(0.2, within(0.02));
    }

    @Test
    void aSharedPrefixIsIdenticalAcrossRequestsAndRunnersAndCountedExactly() throws Exception {
        WorkloadSpec spec = workload("{mix: [{name: cached, api: chat, prompt: {sharedPrefixTokens: 300, "
                + "systemPrompt: 'You are helpful.', inputTokens: {distribution: uniform, min: 10, max: 50}}}]}");
        String prefix = null;
        for (long seed : new long[] { 1, 2 }) { // two runners: seeds differ
            try (RequestFactory factory = new RequestFactory(spec, "m", seed)) {
                for (int i = 0; i < 50; i++) {
                    PreparedRequest request = factory.next();
                    String user = userMessage(body(request));
                    int cut = user.indexOf("\n\n");
                    prefix = prefix == null ? user.substring(0, cut) : prefix;
                    assertThat(user.substring(0, cut)).isEqualTo(prefix);
                    int suffixTokens = CL100K.count(user.substring(cut + 2));
                    assertThat(suffixTokens).isBetween(10, 50);
                    assertThat(request.promptTokens()).isEqualTo(CL100K.count(user)
                            + CL100K.count("You are helpful.")).isEqualTo(300 + 1 + suffixTokens + 4);
                }
            }
        }
        assertThat(CL100K.count(prefix)).isEqualTo(300);
    }

    @Test
    void aDatasetSetsPromptSystemMessageAndOutputLengthCappedByMaxTokens() throws Exception {
        Path file = dir.resolve("d.jsonl");
        String longReply = "word ".repeat(600).strip();
        Files.writeString(file, String.join("\n",
                "{\"conversations\": [{\"from\": \"system\", \"value\": \"Answer in French.\"}, "
                        + "{\"from\": \"human\", \"value\": \"Say hello\"}, {\"from\": \"gpt\", \"value\": \"Bonjour à tous\"}]}",
                "{\"conversations\": [{\"from\": \"human\", \"value\": \"Write an essay\"}, "
                        + "{\"from\": \"gpt\", \"value\": \"" + longReply + "\"}]}",
                "{\"prompt\": \"No reply recorded\"}"));
        WorkloadSpec spec = workload("{mix: [{name: sharegpt, api: chat, prompt: {dataset: {path: '" + file + "'}}, "
                + "output: {maxTokens: {distribution: uniform, min: 7, max: 512}}}]}");
        try (RequestFactory factory = new RequestFactory(spec, "m", 1)) {
            JsonNode first = body(factory.next());
            assertThat(first.get("messages").get(0).get("content").asText()).isEqualTo("Answer in French.");
            assertThat(userMessage(first)).isEqualTo("Say hello");
            assertThat(first.get("max_tokens").asInt()).isEqualTo(CL100K.count("Bonjour à tous"));
            PreparedRequest second = factory.next();
            assertThat(body(second).get("max_tokens").asInt()).isEqualTo(512); // 600, capped by max
            assertThat(second.promptTokens()).isEqualTo(CL100K.count("Write an essay"));
            assertThat(body(factory.next()).get("max_tokens").asInt()).isBetween(7, 512); // drawn
            assertThat(factory.datasetUsage()).hasSize(1);
            assertThat(factory.datasetUsage().get(0).usableEntries()).isEqualTo(3);
        }
        WorkloadSpec drawn = workload("{mix: [{name: sharegpt, api: completions, prompt: {dataset: {path: '" + file
                + "', useDatasetOutputLength: false}}, output: {maxTokens: {value: 9}}}]}");
        try (RequestFactory factory = new RequestFactory(drawn, "m", 1)) {
            JsonNode completion = body(factory.next());
            assertThat(completion.get("prompt").asText()).isEqualTo("Say hello");
            assertThat(completion.get("max_tokens").asInt()).isEqualTo(9);
        }
    }

    @Test
    void anUnusableDatasetFailsNamingTheFieldAndTheFile() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\": 1}\n");
        WorkloadSpec spec = workload("{mix: [{name: a, api: chat, prompt: {text: hi}}, {name: b, api: chat, "
                + "prompt: {dataset: {path: '" + file + "'}}}]}");
        assertThatThrownBy(() -> new RequestFactory(spec, "m", 1, RunnerShare.SOLE))
                .isInstanceOf(DatasetException.class)
                .hasMessage("spec.workload.mix[1].prompt.dataset: " + file + ": no usable entry; first problem: "
                        + "line 1: has neither \"conversations\" (ShareGPT) nor \"prompt\" (plain JSONL)");
    }

    @Test
    void samplingParametersAndExtraBodyReachTheRequest() throws Exception {
        WorkloadSpec spec = workload("{mix: [{name: a, api: chat, prompt: {text: hi}, output: {maxTokens: "
                + "{value: 32}, minTokens: 64, ignoreEos: true, temperature: 0.2, topP: 0.95, topK: 50, seed: 1234, "
                + "stop: ['###', 'END'], frequencyPenalty: 0.1, presencePenalty: 0.3, extraBody: "
                + "{repetition_penalty: 1.05, chat_template_kwargs: {enable_thinking: false}, logprobs: [1, 2]}}}]}");
        try (RequestFactory factory = new RequestFactory(spec, "m", 1)) {
            JsonNode body = body(factory.next());
            assertThat(body.get("max_tokens").asInt()).isEqualTo(32);
            assertThat(body.get("min_tokens").asInt()).isEqualTo(32); // capped: vLLM refuses min > max
            assertThat(body.get("ignore_eos").asBoolean()).isTrue();
            assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.get("top_p").asDouble()).isEqualTo(0.95);
            assertThat(body.get("top_k").asInt()).isEqualTo(50);
            assertThat(body.get("seed").asLong()).isEqualTo(1234);
            assertThat(body.get("stop")).hasSize(2);
            assertThat(body.get("stop").get(1).asText()).isEqualTo("END");
            assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(0.1);
            assertThat(body.get("presence_penalty").asDouble()).isEqualTo(0.3);
            assertThat(body.get("repetition_penalty").asDouble()).isEqualTo(1.05);
            assertThat(body.get("chat_template_kwargs").get("enable_thinking").isBoolean()).isTrue();
            assertThat(body.get("logprobs").get(1).asInt()).isEqualTo(2);
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double offset) {
        return org.assertj.core.data.Offset.offset(offset);
    }
}
