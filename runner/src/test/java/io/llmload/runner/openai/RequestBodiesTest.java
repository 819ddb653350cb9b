package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(Buffer body) throws Exception {
        return MAPPER.readTree(body.getBytes());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void streamedChatWithAllFields() throws Exception {
        JsonNode body = json(RequestBodies.chat("llama-3-8b", "You are terse.", "Hi", 128, true,
                SamplingParams.of(true, 0.7)));
        assertThat(fieldNames(body)).containsExactly("model", "messages", "max_tokens", "stream", "stream_options",
                "ignore_eos", "temperature");
        assertThat(body.get("model").asText()).isEqualTo("llama-3-8b");
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("You are terse.");
        assertThat(body.get("messages").get(1).get("role").asText()).isEqualTo("user");
        assertThat(body.get("messages").get(1).get("content").asText()).isEqualTo("Hi");
        assertThat(body.get("max_tokens").isInt()).isTrue();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(128);
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
        assertThat(body.get("ignore_eos").isBoolean()).isTrue();
        assertThat(body.get("ignore_eos").asBoolean()).isTrue();
        assertThat(body.get("temperature").isNumber()).isTrue();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
    }

    @Test
    void nonStreamedChatOmitsStreamOptionsAndNullFields() throws Exception {
        JsonNode body = json(RequestBodies.chat("m", null, "Hi", 16, false, SamplingParams.NONE));
        assertThat(fieldNames(body)).containsExactly("model", "messages", "max_tokens", "stream");
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
    }

    @Test
    void falseIgnoreEosAndZeroTemperatureAreWritten() throws Exception {
        JsonNode body = json(RequestBodies.chat("m", null, "Hi", 16, true, SamplingParams.of(false, 0.0)));
        assertThat(body.get("ignore_eos").asBoolean()).isFalse();
        assertThat(body.get("temperature").asDouble()).isZero();
    }

    @Test
    void promptsAreEscaped() throws Exception {
        String tricky = "say \"hi\"\nand \\ back\tslash \u00e9 \u65e5\u672c \ud83d\ude80 \u0001 </script>";
        Buffer chat = RequestBodies.chat("m\"x", tricky, tricky, 1, true, SamplingParams.NONE);
        JsonNode body = json(chat);
        assertThat(body.get("model").asText()).isEqualTo("m\"x");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo(tricky);
        assertThat(body.get("messages").get(1).get("content").asText()).isEqualTo(tricky);
        // raw UTF-8 on the wire, control characters escaped
        String wire = chat.toString(StandardCharsets.UTF_8);
        assertThat(wire).contains("\u65e5\u672c").contains("\\n").contains("\\\"").contains("\\u0001")
                .doesNotContain("\n");

        JsonNode completions = json(RequestBodies.completions("m", tricky, 1, false, SamplingParams.NONE));
        assertThat(completions.get("prompt").asText()).isEqualTo(tricky);
    }

    @Test
    void completionsBody() throws Exception {
        JsonNode body = json(RequestBodies.completions("gpt2", "Once upon", 64, true, SamplingParams.of(true, 1.0)));
        assertThat(fieldNames(body)).containsExactly("model", "prompt", "max_tokens", "stream", "stream_options",
                "ignore_eos", "temperature");
        assertThat(body.get("prompt").asText()).isEqualTo("Once upon");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
        assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);

        JsonNode plain = json(RequestBodies.completions("gpt2", "Once upon", 64, false, SamplingParams.NONE));
        assertThat(fieldNames(plain)).containsExactly("model", "prompt", "max_tokens", "stream");
    }

    @Test
    void embeddingsBody() throws Exception {
        JsonNode body = json(RequestBodies.embeddings("bge", List.of("first \"one\"", "second\n", "")));
        assertThat(fieldNames(body)).containsExactly("model", "input");
        assertThat(body.get("model").asText()).isEqualTo("bge");
        assertThat(body.get("input").isArray()).isTrue();
        assertThat(body.get("input")).extracting(JsonNode::asText).containsExactly("first \"one\"", "second\n", "");
        assertThat(json(RequestBodies.embeddings("bge", List.of("x"))).get("input")).hasSize(1);
    }

    @Test
    void largePromptRoundTrips() throws Exception {
        String prompt = "word ".repeat(50_000);
        assertThat(json(RequestBodies.completions("m", prompt, 1, false, SamplingParams.NONE)).get("prompt").asText())
                .isEqualTo(prompt);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> RequestBodies.chat("m", null, "x", 1, false, SamplingParams.of(null, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> RequestBodies.completions("m", "x", 1, false,
                SamplingParams.of(null, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestBodies.chat(null, null, "x", 1, false, SamplingParams.NONE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RequestBodies.chat("m", null, null, 1, false, SamplingParams.NONE))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void samplingParametersAreWrittenInOrderAndExtraBodyLast() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("repetition_penalty", 1.1);
        extra.put("guided_choice", List.of("yes", "no"));
        SamplingParams sampling = new SamplingParams(false, 4, 0.0, 1.0, -1, 99L, List.of("\n\n"), -0.5, 2.0, extra);
        JsonNode body = json(RequestBodies.completions("m", "Once", 16, false, sampling));
        assertThat(fieldNames(body)).containsExactly("model", "prompt", "max_tokens", "stream", "ignore_eos",
                "min_tokens", "temperature", "top_p", "top_k", "seed", "stop", "frequency_penalty",
                "presence_penalty", "repetition_penalty", "guided_choice");
        assertThat(body.get("min_tokens").asInt()).isEqualTo(4);
        assertThat(body.get("top_k").asInt()).isEqualTo(-1);
        assertThat(body.get("stop").get(0).asText()).isEqualTo("\n\n");
        assertThat(body.get("guided_choice").get(1).asText()).isEqualTo("no");
        assertThat(fieldNames(json(RequestBodies.completions("m", "Once", 16, false, SamplingParams.NONE))))
                .containsExactly("model", "prompt", "max_tokens", "stream");
        assertThatThrownBy(() -> RequestBodies.chat("m", null, "x", 1, false, new SamplingParams(null, null, null,
                Double.NaN, null, null, null, null, null, null))).hasMessageContaining("top_p must be a finite number");
    }
}
