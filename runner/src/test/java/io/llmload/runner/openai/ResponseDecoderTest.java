package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.openai.ResponseDecoder.Completion;
import io.llmload.runner.openai.ResponseDecoder.Embeddings;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class ResponseDecoderTest {

    private static Buffer body(String json) {
        return Buffer.buffer(json);
    }

    @Test
    void chatWithUsage() throws Exception {
        Completion c = ResponseDecoder.decodeCompletion(Api.CHAT, body("{\"id\":\"chatcmpl-1\","
                + "\"object\":\"chat.completion\",\"created\":1718000000,\"model\":\"llama\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello \\\"caf\u00e9\\\"\\n\",\"tool_calls\":[]},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":12,\"total_tokens\":16,\"completion_tokens\":4},"
                + "\"prompt_logprobs\":null}"));
        assertThat(c).isEqualTo(new Completion("Hello \"caf\u00e9\"\n", 12, 4, "stop"));
    }

    @Test
    void chatWithoutUsage() throws Exception {
        Completion c = ResponseDecoder.decodeCompletion(Api.CHAT,
                body("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"length\"}]}"));
        assertThat(c).isEqualTo(new Completion("Hi", -1, -1, "length"));

        Completion nullUsage = ResponseDecoder.decodeCompletion(Api.CHAT,
                body("{\"choices\":[{\"message\":{\"content\":\"Hi\"}}],\"usage\":null}"));
        assertThat(nullUsage).isEqualTo(new Completion("Hi", -1, -1, null));
    }

    @Test
    void chatWithNullContentDecodesAsEmpty() throws Exception {
        Completion c = ResponseDecoder.decodeCompletion(Api.CHAT, body("{\"choices\":[{\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t\"}]},\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9}}"));
        assertThat(c).isEqualTo(new Completion("", 3, 9, "tool_calls"));
    }

    @Test
    void completionsWithAndWithoutUsage() throws Exception {
        Completion c = ResponseDecoder.decodeCompletion(Api.COMPLETIONS, body("{\"id\":\"cmpl-1\","
                + "\"object\":\"text_completion\",\"model\":\"llama\",\"choices\":[{\"index\":0,\"text\":\" upon a time\","
                + "\"logprobs\":null,\"finish_reason\":\"length\"},{\"index\":1,\"text\":\"other\"}],"
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":6,\"completion_tokens\":4}}"));
        assertThat(c).isEqualTo(new Completion(" upon a time", 2, 4, "length"));

        Completion noUsage = ResponseDecoder.decodeCompletion(Api.COMPLETIONS,
                body("{\"choices\":[{\"text\":\"\",\"finish_reason\":\"stop\"}]}"));
        assertThat(noUsage).isEqualTo(new Completion("", -1, -1, "stop"));
    }

    @Test
    void completionShapeErrors() {
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT, body("{\"choices\":[]}")))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("response has no choices");
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT, body("{\"id\":\"x\"}")))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("response has no choices");
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT, body("{\"choices\":[{\"text\":\"a\"}]}")))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("choices[0] has no message");
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.COMPLETIONS,
                body("{\"choices\":[{\"message\":{\"content\":\"a\"}}]}")))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("choices[0] has no text");
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT, body("[1]")))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("response is not a JSON object");
    }

    @Test
    void errorObjectInA200IsAProtocolException() {
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT,
                body("{\"object\":\"error\",\"message\":\"boom\",\"type\":\"InternalServerError\",\"code\":500}")))
                .isInstanceOf(ProtocolException.class).hasMessage("server error: boom");
        assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(body("{\"error\":{\"message\":\"bad input\"}}")))
                .isInstanceOf(ProtocolException.class).hasMessage("server error: bad input");
    }

    @Test
    void garbageIsAProtocolException() {
        for (String garbage : new String[] {"", "not json", "<html><body>502 Bad Gateway</body></html>",
                "{\"choices\":[{\"message\":{\"content\":\"cut", "{\"choices\":[]}trailing", "{\"a\":1}{\"b\":2}"}) {
            assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT, body(garbage)))
                    .as(garbage).isInstanceOf(ProtocolException.class);
            assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(body(garbage)))
                    .as(garbage).isInstanceOf(ProtocolException.class);
        }
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.CHAT, body("not json")))
                .hasMessageStartingWith("malformed JSON response (").hasMessageEndingWith("): not json");
    }

    @Test
    void embeddings() throws Exception {
        Embeddings e = ResponseDecoder.decodeEmbeddings(body("{\"id\":\"embd-1\",\"object\":\"list\",\"created\":1,"
                + "\"model\":\"bge\",\"data\":[{\"index\":0,\"object\":\"embedding\",\"embedding\":[0.1,-0.2,3e-4,1]},"
                + "{\"index\":1,\"object\":\"embedding\",\"embedding\":[0.5,0.6,0.7,0.8]}],"
                + "\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7,\"completion_tokens\":0}}"));
        assertThat(e).isEqualTo(new Embeddings(2, 4, 7));
    }

    @Test
    void embeddingsWithoutUsageAndEmptyData() throws Exception {
        assertThat(ResponseDecoder.decodeEmbeddings(body("{\"data\":[{\"embedding\":[1,2,3]}]}")))
                .isEqualTo(new Embeddings(1, 3, -1));
        assertThat(ResponseDecoder.decodeEmbeddings(body("{\"data\":[],\"usage\":{\"prompt_tokens\":0}}")))
                .isEqualTo(new Embeddings(0, 0, 0));
    }

    @Test
    void embeddingsShapeErrors() {
        assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(body("{\"object\":\"list\"}")))
                .isInstanceOf(ProtocolException.class).hasMessageStartingWith("response has no data array");
        assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(
                body("{\"data\":[{\"embedding\":[1,2]},{\"embedding\":[1,2,3]}]}")))
                .isInstanceOf(ProtocolException.class).hasMessage("data[1] has 3 dimensions, data[0] has 2");
        assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(body("{\"data\":[{\"embedding\":\"AAAA\"}]}")))
                .isInstanceOf(ProtocolException.class).hasMessage("data[0].embedding is not an array");
        assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(body("{\"data\":[{\"index\":0}]}")))
                .isInstanceOf(ProtocolException.class).hasMessage("data[0] has no embedding");
        assertThatThrownBy(() -> ResponseDecoder.decodeEmbeddings(body("{\"data\":[{\"embedding\":[1,\"x\"]}]}")))
                .isInstanceOf(ProtocolException.class).hasMessage("data[0].embedding holds a non-number");
    }

    @Test
    void errorMessageFromOpenAiShape() {
        assertThat(ResponseDecoder.errorMessage(body("{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")))
                .isEqualTo("Rate limit reached");
        assertThat(ResponseDecoder.errorMessage(body("{\"error\":{\"type\":\"overloaded\"}}")))
                .isEqualTo("overloaded");
        assertThat(ResponseDecoder.errorMessage(body("{\"error\":\"Model is overloaded\",\"error_type\":\"x\"}")))
                .isEqualTo("Model is overloaded");
    }

    @Test
    void errorMessageFromVllmShapes() {
        assertThat(ResponseDecoder.errorMessage(body("{\"object\":\"error\",\"message\":\"This model's maximum "
                + "context length is 2048 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}")))
                .isEqualTo("This model's maximum context length is 2048 tokens.");
        // newer vLLM nests it like OpenAI
        assertThat(ResponseDecoder.errorMessage(body("{\"error\":{\"message\":\"The model `x` does not exist.\","
                + "\"type\":\"NotFoundError\",\"param\":null,\"code\":404}}")))
                .isEqualTo("The model `x` does not exist.");
        // FastAPI's default for unknown routes
        assertThat(ResponseDecoder.errorMessage(body("{\"detail\":\"Not Found\"}"))).isEqualTo("Not Found");
    }

    @Test
    void errorMessageFallsBackToTheBody() {
        assertThat(ResponseDecoder.errorMessage(body("  upstream connect error\r\nor disconnect  ")))
                .isEqualTo("upstream connect error  or disconnect");
        String html = "<html>" + "x".repeat(500) + "</html>";
        assertThat(ResponseDecoder.errorMessage(body(html))).hasSize(200).startsWith("<html>xxx");
        assertThat(ResponseDecoder.errorMessage(body("{\"status\":\"down\"}"))).isEqualTo("{\"status\":\"down\"}");
        assertThat(ResponseDecoder.errorMessage(body("{\"error\":{\"message\":\"cut"))).isEqualTo("{\"error\":{\"message\":\"cut");
        assertThat(ResponseDecoder.errorMessage(body(""))).isEmpty();
        assertThat(ResponseDecoder.errorMessage(null)).isEmpty();
        assertThat(ResponseDecoder.errorMessage(Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'})))
                .endsWith("a");
    }

    @Test
    void errorMessagePreviewDoesNotSplitSurrogatePairs() {
        String text = "x".repeat(199) + "\ud83d\ude80" + "tail";
        assertThat(ResponseDecoder.errorMessage(body(text))).isEqualTo("x".repeat(199));
    }

    @Test
    void embeddingsApiIsNotACompletion() {
        assertThatThrownBy(() -> ResponseDecoder.decodeCompletion(Api.EMBEDDINGS, body("{}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
