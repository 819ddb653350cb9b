package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {

    /**
     * Every callback, in order, as text: "content@3:Hello" (a chunk of answer text only), "tokens@4:reasoning=hmm"
     * (any other token chunk, its kinds joined by "|"), "usage:12/4", "finish:length", "complete@9", "error:..".
     */
    static final class Recorder implements StreamListener {
        final List<String> calls = new ArrayList<>();
        final List<StreamError> errors = new ArrayList<>();

        @Override
        public void onTokens(long nanos, TokenDelta delta) {
            if (delta.hasAnswer() && delta.reasoning() == null && !delta.hasToolCall()) {
                calls.add("content@" + nanos + ":" + delta.answer());
                return;
            }
            List<String> kinds = new ArrayList<>();
            if (delta.reasoning() != null) {
                kinds.add("reasoning=" + delta.reasoning());
            }
            if (delta.hasToolCall()) {
                kinds.add("tool=" + delta.toolCallText());
            }
            if (delta.hasAnswer()) {
                kinds.add("content=" + delta.answer());
            }
            calls.add("tokens@" + nanos + ":" + String.join("|", kinds));
        }

        @Override
        public void onUsage(int promptTokens, int completionTokens) {
            calls.add("usage:" + promptTokens + "/" + completionTokens);
        }

        @Override
        public void onFinish(String finishReason) {
            calls.add("finish:" + finishReason);
        }

        @Override
        public void onComplete(long nanos) {
            calls.add("complete@" + nanos);
        }

        @Override
        public void onError(StreamError error) {
            errors.add(error);
            calls.add("error:" + error.kind());
        }
    }

    // A vLLM (0.6+) chat stream with stream_options.include_usage, max_tokens 4.
    private static final String CHAT_ROLE = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1718000000,\"model\":\"llama\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
            + "\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    private static final String[] CHAT_CONTENT = {
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1718000000,\"model\":\"llama\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1718000000,\"model\":\"llama\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" caf\u00e9\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1718000000,\"model\":\"llama\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" \\\"\u65e5\u672c\\\"\\n\"},\"logprobs\":null,"
            + "\"finish_reason\":null}]}\n\n",
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1718000000,\"model\":\"llama\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" \ud83d\ude80\"},\"logprobs\":null,"
            + "\"finish_reason\":\"length\",\"stop_reason\":null}]}\n\n",
    };
    private static final String CHAT_USAGE = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1718000000,\"model\":\"llama\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
            + "\"total_tokens\":16,\"completion_tokens\":4}}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private static final List<String> CHAT_CALLS = List.of(
            "content@2:Hello", "content@3: caf\u00e9", "content@4: \"\u65e5\u672c\"\n", "content@5: \ud83d\ude80",
            "finish:length", "usage:12/4", "complete@7");

    /** Decodes {@code reads}, one network read each, the i-th arriving at nanos i + 1; end at reads + 1. */
    static Recorder decode(Api api, String... reads) {
        Recorder recorder = new Recorder();
        StreamDecoder decoder = new StreamDecoder(api, recorder);
        long nanos = 1;
        for (String read : reads) {
            decoder.feed(Buffer.buffer(read), nanos++);
        }
        decoder.end(nanos);
        return recorder;
    }

    private static String[] chatStream() {
        List<String> reads = new ArrayList<>();
        reads.add(CHAT_ROLE);
        reads.addAll(Arrays.asList(CHAT_CONTENT));
        reads.add(CHAT_USAGE);
        reads.add(DONE);
        return reads.toArray(String[]::new);
    }

    @Test
    void vllmChatStream() {
        Recorder recorder = decode(Api.CHAT, chatStream());
        assertThat(recorder.calls).isEqualTo(CHAT_CALLS);
        assertThat(recorder.errors).isEmpty();
    }

    @Test
    void roleChunkAndEmptyOrNullContentAreNotTokens() {
        Recorder recorder = decode(Api.CHAT, CHAT_ROLE,
                "data: {\"choices\":[{\"delta\":{\"content\":null}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n",
                "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"},\"finish_reason\":null}]}\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("tokens@5:reasoning=hmm", "content@6:x", "complete@7");
    }

    @Test
    void completionsStream() {
        Recorder recorder = decode(Api.COMPLETIONS,
                "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1718000000,\"model\":\"llama\","
                        + "\"choices\":[{\"index\":0,\"text\":\" The\",\"logprobs\":null,\"finish_reason\":null,"
                        + "\"stop_reason\":null}]}\n\n",
                "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1718000000,\"model\":\"llama\","
                        + "\"choices\":[{\"index\":0,\"text\":\"\",\"logprobs\":null,\"finish_reason\":null}]}\n\n",
                "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1718000000,\"model\":\"llama\","
                        + "\"choices\":[{\"index\":0,\"text\":\" end\",\"logprobs\":null,\"finish_reason\":\"stop\","
                        + "\"stop_reason\":null}]}\n\n",
                "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1718000000,\"model\":\"llama\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"total_tokens\":7,\"completion_tokens\":2}}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("content@1: The", "content@3: end", "finish:stop", "usage:5/2",
                "complete@5");
    }

    @Test
    void chatDecoderReadsDeltaNotText() {
        Recorder recorder = decode(Api.COMPLETIONS, CHAT_CONTENT[0], DONE);
        assertThat(recorder.calls).containsExactly("complete@2");
    }

    @Test
    void mergedReadsShareTheReadTime() {
        Recorder recorder = decode(Api.CHAT, String.join("", chatStream()));
        assertThat(recorder.calls).containsExactly("content@1:Hello", "content@1: caf\u00e9",
                "content@1: \"\u65e5\u672c\"\n", "content@1: \ud83d\ude80", "finish:length", "usage:12/4",
                "complete@1");
    }

    @Test
    void splitAtEveryByteOffsetGivesTheSameCallbacks() {
        byte[] bytes = String.join("", chatStream()).getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            Recorder recorder = new Recorder();
            StreamDecoder decoder = new StreamDecoder(Api.CHAT, recorder);
            decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, 0, split)), 1);
            decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, split, bytes.length)), 2);
            decoder.end(3);
            List<String> texts = recorder.calls.stream().map(c -> c.replaceFirst("@\\d+", "")).toList();
            assertThat(texts).as("split at %d", split).containsExactly("content:Hello", "content: caf\u00e9",
                    "content: \"\u65e5\u672c\"\n", "content: \ud83d\ude80", "finish:length", "usage:12/4", "complete");
        }
    }

    @Test
    void crlfStream() {
        String[] reads = Arrays.stream(chatStream()).map(r -> r.replace("\n", "\r\n")).toArray(String[]::new);
        assertThat(decode(Api.CHAT, reads).calls).isEqualTo(CHAT_CALLS);
    }

    @Test
    void usageOnEveryChunkIsReportedEachTime() {
        Recorder recorder = decode(Api.CHAT,
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":3,"
                        + "\"completion_tokens\":1}}\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n",
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("content@1:a", "usage:3/1", "content@2:b", "finish:stop",
                "usage:3/2", "usage:3/2", "complete@4");
    }

    @Test
    void usageNullAndPartialUsage() {
        Recorder recorder = decode(Api.CHAT,
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":null}\n\n",
                "data: {\"choices\":[],\"usage\":{\"completion_tokens\":1}}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("content@1:a", "usage:-1/1", "complete@3");
    }

    @Test
    void onlyTheFirstFinishReasonIsReported() {
        Recorder recorder = decode(Api.CHAT,
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}\n\n",
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("content@1:a", "finish:stop", "complete@3");
    }

    @Test
    void onlyTheFirstChoiceIsMeasured() {
        Recorder recorder = decode(Api.CHAT,
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},"
                        + "{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("content@1:a", "complete@2");
    }

    @Test
    void commentsAndEmptyEventsAreTolerated() {
        Recorder recorder = decode(Api.CHAT, ": ping\n\n", "data:\n\n", "data: \n\n", CHAT_CONTENT[0], DONE);
        assertThat(recorder.calls).containsExactly("content@4:Hello", "complete@5");
    }

    @Test
    void malformedJsonIsOneProtocolErrorAndNothingAfter() {
        Recorder recorder = decode(Api.CHAT, CHAT_CONTENT[0],
                "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}\n\n",
                CHAT_CONTENT[1], CHAT_USAGE, DONE);
        assertThat(recorder.calls).containsExactly("content@1:Hello", "error:PROTOCOL");
        assertThat(recorder.errors.get(0).message()).startsWith("malformed JSON in stream event")
                .contains("{\"choices\":[{\"delta\"");
    }

    @Test
    void malformedJsonVariants() {
        for (String bad : List.of("data: {oops}\n\n", "data: {\"a\":1} {\"b\":2}\n\n", "data: {\"a\":1}}\n\n",
                "data: {\"choices\":[\n\n", "data: hello\n\n", "data: {\"a\":tru}\n\n")) {
            Recorder recorder = decode(Api.CHAT, bad, DONE);
            assertThat(recorder.calls).as(bad).containsExactly("error:PROTOCOL");
        }
    }

    @Test
    void jsonThatIsNotAnObjectIsAProtocolError() {
        for (String bad : List.of("data: [1,2]\n\n", "data: \"text\"\n\n", "data: 42\n\n", "data: null\n\n")) {
            Recorder recorder = decode(Api.CHAT, bad, DONE);
            assertThat(recorder.calls).as(bad).containsExactly("error:PROTOCOL");
            assertThat(recorder.errors.get(0).message()).as(bad).startsWith("stream event is not a JSON object");
        }
    }

    @Test
    void truncatedStreamIsAProtocolError() {
        Recorder recorder = decode(Api.CHAT, CHAT_ROLE, CHAT_CONTENT[0], CHAT_CONTENT[1]);
        assertThat(recorder.calls).containsExactly("content@2:Hello", "content@3: caf\u00e9", "error:PROTOCOL");
        assertThat(recorder.errors).containsExactly(new StreamError(StreamError.Kind.PROTOCOL,
                "stream ended before [DONE] and before any finish_reason"));
    }

    @Test
    void emptyBodyIsAProtocolError() {
        Recorder recorder = decode(Api.CHAT);
        assertThat(recorder.errors).containsExactly(new StreamError(StreamError.Kind.PROTOCOL,
                "stream ended before [DONE] and before any finish_reason"));
    }

    @Test
    void streamCutInsideAnEventIsOneProtocolError() {
        String half = CHAT_CONTENT[1].substring(0, 40);
        Recorder recorder = decode(Api.CHAT, CHAT_CONTENT[0], half);
        assertThat(recorder.calls).containsExactly("content@1:Hello", "error:PROTOCOL");
        assertThat(recorder.errors.get(0).message())
                .startsWith("stream ended inside an event before [DONE] (incomplete trailing event: "
                        + "{\"id\":\"chatcmpl-1\"");
    }

    @Test
    void doneWithoutItsBlankLineIsIncomplete() {
        Recorder recorder = decode(Api.CHAT, CHAT_CONTENT[0], "data: [DONE]\n");
        assertThat(recorder.calls).containsExactly("content@1:Hello", "error:PROTOCOL");
    }

    @Test
    void openAiErrorObjectInStreamIsAServerError() {
        Recorder recorder = decode(Api.CHAT, CHAT_CONTENT[0],
                "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":null}}\n\n",
                CHAT_CONTENT[1], DONE);
        assertThat(recorder.calls).containsExactly("content@1:Hello", "error:SERVER");
        assertThat(recorder.errors).containsExactly(
                new StreamError(StreamError.Kind.SERVER, "The server had an error"));
    }

    @Test
    void vllmErrorObjectInStreamIsAServerError() {
        Recorder recorder = decode(Api.COMPLETIONS,
                "data: {\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens.\","
                        + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}\n\n",
                DONE);
        assertThat(recorder.errors).containsExactly(new StreamError(StreamError.Kind.SERVER,
                "This model's maximum context length is 4096 tokens."));
        assertThat(recorder.calls).containsExactly("error:SERVER");
    }

    @Test
    void stringErrorInStreamIsAServerError() {
        Recorder recorder = decode(Api.CHAT, "data: {\"error\":\"Input validation error\",\"error_type\":\"validation\"}\n\n");
        assertThat(recorder.errors).containsExactly(
                new StreamError(StreamError.Kind.SERVER, "Input validation error"));
    }

    @Test
    void nullErrorFieldIsNotAnError() {
        Recorder recorder = decode(Api.CHAT, "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"error\":null}\n\n",
                DONE);
        assertThat(recorder.calls).containsExactly("content@1:a", "complete@2");
    }

    @Test
    void eventsAfterDoneAreIgnored() {
        Recorder recorder = decode(Api.CHAT, CHAT_CONTENT[0], DONE + CHAT_CONTENT[1] + "data: {broken\n\n" + DONE,
                CHAT_USAGE, "data: {\"error\":{\"message\":\"late\"}}\n\n", "data: trailing garbage");
        assertThat(recorder.calls).containsExactly("content@1:Hello", "complete@2");
    }

    @Test
    void endAfterErrorReportsNothingMore() {
        Recorder recorder = new Recorder();
        StreamDecoder decoder = new StreamDecoder(Api.CHAT, recorder);
        decoder.feed(Buffer.buffer("data: {bad\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"), 1);
        decoder.feed(Buffer.buffer(CHAT_CONTENT[0]), 2);
        decoder.end(3);
        decoder.end(4);
        assertThat(recorder.calls).containsExactly("error:PROTOCOL");
    }

    @Test
    void endIsIdempotentAfterDone() {
        Recorder recorder = new Recorder();
        StreamDecoder decoder = new StreamDecoder(Api.CHAT, recorder);
        decoder.feed(Buffer.buffer(DONE), 5);
        decoder.end(6);
        decoder.end(7);
        decoder.feed(Buffer.buffer(CHAT_CONTENT[0]), 8);
        assertThat(recorder.calls).containsExactly("complete@5");
    }

    @Test
    void countsOutsideTheIntRangeAreAbsentNotACrash() {
        Recorder recorder = decode(Api.CHAT,
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":99999999999999999999,"
                        + "\"completion_tokens\":-3000000000}}\n\n", DONE);
        assertThat(recorder.calls).containsExactly("usage:-1/-1", "complete@2");
    }

    @Test
    void embeddingsCannotBeStreamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StreamDecoder(Api.EMBEDDINGS, new Recorder()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
