package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams shaped like the public source of real servers emits them — field order, framing, line ends, comments, several
 * events per write, events split across writes — decoded into the token chunks llmload measures. Each fixture names
 * the file its shape comes from.
 */
class ServerStreamShapesTest {

    // --- vLLM: vllm/entrypoints/openai/chat_completion/serving.py (chunk.model_dump_json(exclude_unset=True), one
    // "data: ...\n\n" per chunk, a usage-only chunk with "choices": [] when stream_options.include_usage, then
    // "data: [DONE]"); vllm/entrypoints/openai/engine/protocol.py DeltaMessage (role, content, reasoning, the
    // deprecated reasoning_content copied from reasoning, tool_calls of DeltaToolCall {id, type, index, function}).
    private static final String VLLM_HEAD = "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1767225600,\"model\":\"Qwen/Qwen3-8B\",\"choices\":[{\"index\":0,\"delta\":";
    private static final String VLLM_TAIL = ",\"logprobs\":null,\"finish_reason\":null}]}";

    private static String vllm(String delta) {
        return "data: " + VLLM_HEAD + delta + VLLM_TAIL + "\n\n";
    }

    private static final String[] VLLM_REASONING = {
        "data: " + VLLM_HEAD + "{\"role\":\"assistant\",\"content\":\"\"}" + VLLM_TAIL + "\n\n",
        vllm("{\"reasoning\":\"Let\",\"reasoning_content\":\"Let\"}"),
        vllm("{\"reasoning\":\" me\",\"reasoning_content\":\" me\"}"),
        vllm("{\"reasoning\":\" think\",\"reasoning_content\":\" think\"}"),
        vllm("{\"content\":\"Paris\",\"reasoning_content\":null}"),
        vllm("{\"content\":\".\",\"reasoning_content\":null}"),
        "data: " + VLLM_HEAD + "{\"content\":\"\",\"reasoning_content\":null},\"logprobs\":null,"
            + "\"finish_reason\":\"stop\",\"stop_reason\":null}]}\n\n",
        "data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
            + "\"model\":\"Qwen/Qwen3-8B\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"total_tokens\":15,"
            + "\"completion_tokens\":6}}\n\n",
        "data: [DONE]\n\n",
    };

    @Test
    void vllmReasoningDeltasAreTokensAndCountedOnceWhenBothNamesCarryThem() {
        StreamDecoderTest.Recorder r = decode(Api.CHAT, VLLM_REASONING);
        assertThat(r.calls).containsExactly("tokens@2:reasoning=Let", "tokens@3:reasoning= me",
                "tokens@4:reasoning= think", "content@5:Paris", "content@6:.", "finish:stop", "usage:9/6",
                "complete@9");
    }

    @Test
    void olderVllmReasoningContentOnly() {
        // vLLM before the rename to "reasoning" (and SGLang, llama.cpp) send delta.reasoning_content alone.
        StreamDecoderTest.Recorder r = decode(Api.CHAT, vllm("{\"reasoning_content\":\"hm\"}"),
                vllm("{\"content\":\"ok\"}"), "data: [DONE]\n\n");
        assertThat(r.calls).containsExactly("tokens@1:reasoning=hm", "content@2:ok", "complete@3");
    }

    @Test
    void vllmToolCallDeltasAreTokens() {
        // vllm/entrypoints/openai/engine/protocol.py DeltaToolCall: the first delta names the function (arguments ""),
        // later ones carry argument fragments with only the index.
        StreamDecoderTest.Recorder r = decode(Api.CHAT,
                vllm("{\"role\":\"assistant\",\"content\":\"\"}"),
                vllm("{\"tool_calls\":[{\"id\":\"chatcmpl-tool-1\",\"type\":\"function\",\"index\":0,"
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"),
                vllm("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \"}}]}"),
                vllm("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}"),
                "data: " + VLLM_HEAD + "{\"content\":\"\"},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n",
                "data: [DONE]\n\n");
        assertThat(r.calls).containsExactly("tokens@2:tool=get_weather", "tokens@3:tool={\"city\": ",
                "tokens@4:tool=\"Paris\"}", "finish:tool_calls", "complete@6");
    }

    // --- TGI: router/src/server.rs (axum Sse, Event::default().json_data(chunk): "data: ...\n\n", keep-alive
    // comments from KeepAlive::default(); "data: [DONE]" only since #2221, TGI 2.1.1 — 2.0.x streams end without it),
    // router/src/lib.rs ChatCompletionChunk {object, id, created, model, system_fingerprint, choices, usage} with a
    // role on every delta, router/src/chat.rs (the end-of-sequence token is a chunk with empty content carrying the
    // finish_reason; the usage chunk has "choices": [] and counts that token: usage = text chunks + 1).
    private static String tgi(String content, String finish) {
        return "data: {\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1767225600,"
                + "\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"system_fingerprint\":\"2.0.4-native\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},"
                + "\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}],"
                + "\"usage\":null}\n\n";
    }

    private static final String TGI_USAGE = "data: {\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":"
            + "1767225600,\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"system_fingerprint\":\"2.0.4-native\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n";

    @Test
    void tgiTwoZeroStreamWithoutDoneIsComplete() {
        StreamDecoderTest.Recorder r = decode(Api.CHAT, tgi("Hello", null), ":\n\n", tgi(" there", null),
                tgi("", "stop"), TGI_USAGE);
        assertThat(r.calls).containsExactly("content@1:Hello", "content@3: there", "finish:stop", "usage:7/3",
                "complete@6");
        assertThat(r.errors).isEmpty();
    }

    @Test
    void tgiStreamWithoutUsageOrDoneIsCompleteAfterItsFinishReason() {
        StreamDecoderTest.Recorder r = decode(Api.CHAT, tgi("Hello", null), tgi("", "length"));
        assertThat(r.calls).containsExactly("content@1:Hello", "finish:length", "complete@3");
    }

    @Test
    void aStreamCutBeforeItsFinishReasonStaysAProtocolError() {
        StreamDecoderTest.Recorder r = decode(Api.CHAT, tgi("Hello", null), tgi(" there", null));
        assertThat(r.calls).containsExactly("content@1:Hello", "content@2: there", "error:PROTOCOL");
    }

    @Test
    void aFinishedStreamWhoseUsageDoesNotCoverItsChunksIsNotComplete() {
        String usage = TGI_USAGE.replace("\"completion_tokens\":3", "\"completion_tokens\":1");
        StreamDecoderTest.Recorder r = decode(Api.CHAT, tgi("a", null), tgi("b", null), tgi("", "stop"), usage);
        assertThat(r.calls).endsWith("usage:7/1", "error:PROTOCOL");
        assertThat(r.errors.get(0).message()).contains("does not cover the 2 token chunks");
    }

    @Test
    void aFinishedStreamCutInsideItsUsageChunkIsAProtocolError() {
        StreamDecoderTest.Recorder r = decode(Api.CHAT, tgi("a", null), tgi("", "stop"), TGI_USAGE.substring(0, 60));
        assertThat(r.calls).endsWith("finish:stop", "error:PROTOCOL");
        assertThat(r.errors.get(0).message()).startsWith("stream ended inside an event after finish_reason");
    }

    @Test
    void tgiToolCallAsASingleObject() {
        // router/src/lib.rs before "Making tool_calls a vector" (#3075, TGI 3.2): ToolCallDelta.tool_calls was one
        // DeltaToolCall object, not an array.
        StreamDecoderTest.Recorder r = decode(Api.CHAT,
                "data: {\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1,\"model\":\"m\","
                        + "\"system_fingerprint\":\"2.0.4-native\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                        + "\"assistant\",\"tool_calls\":{\"index\":0,\"id\":\"\",\"type\":\"function\",\"function\":"
                        + "{\"description\":null,\"name\":\"tools\",\"arguments\":\"{\"}}},\"logprobs\":null,"
                        + "\"finish_reason\":null}],\"usage\":null}\n\n",
                "data: [DONE]\n\n");
        assertThat(r.calls).containsExactly("tokens@1:tool=tools{", "complete@2");
    }

    // --- SGLang: python/sglang/srt/entrypoints/openai/serving_chat.py (_generate_chat_stream: a role chunk with
    // empty content, reasoning_content deltas from the reasoning parser, a separate finish chunk with an empty delta
    // and matched_stop, a usage chunk with "choices": [], "data: [DONE]"), sse_utils.py build_sse_content (delta
    // fields reasoning_content, role, content; choice fields index, delta, logprobs, finish_reason, matched_stop).
    private static String sglang(String delta, String finish) {
        return "data: {\"id\":\"5c1f\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":"
                + "\"default\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + ",\"matched_stop\":"
                + (finish == null ? "null" : "151645") + "}]}\n\n";
    }

    @Test
    void sglangReasoningThenAnswerWithEveryEventInItsOwnWriteAndCrlf() {
        String[] reads = {
            sglang("{\"role\":\"assistant\",\"content\":\"\"}", null),
            sglang("{\"reasoning_content\":\"Two\"}", null),
            sglang("{\"reasoning_content\":\" apples\"}", null),
            sglang("{\"content\":\"2\"}", null),
            sglang("{}", "stop"),
            "data: {\"id\":\"5c1f\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":"
                + "\"default\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":16,"
                + "\"completion_tokens\":4,\"prompt_tokens_details\":null,\"reasoning_tokens\":2}}\n\n",
            "data: [DONE]\n\n",
        };
        List<String> expected = List.of("tokens@2:reasoning=Two", "tokens@3:reasoning= apples", "content@4:2",
                "finish:stop", "usage:12/4", "complete@7");
        assertThat(decode(Api.CHAT, reads).calls).isEqualTo(expected);
        String[] crlf = Arrays.stream(reads).map(s -> s.replace("\n", "\r\n")).toArray(String[]::new);
        assertThat(decode(Api.CHAT, crlf).calls).isEqualTo(expected);
    }

    // --- llama.cpp: tools/server/server-common.cpp format_oai_sse (a JSON array becomes several "data: ...\n\n"
    // events in ONE write), tools/server/server-task.cpp to_json_oaicompat_chat_stream (nlohmann json: keys sorted,
    // "choices" first; the final result is the last diffs, a finish chunk with "delta": {}, and with include_usage a
    // usage chunk with "choices": [] and "timings" — all in one write), then "data: [DONE]".
    private static String llama(String delta, String finish) {
        return "data: {\"choices\":[{\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"")
                + ",\"index\":0,\"delta\":" + delta + "}],\"created\":1767225600,\"id\":\"chatcmpl-abc\",\"model\":"
                + "\"gpt-3.5-turbo\",\"system_fingerprint\":\"b6000-1a2b3c4\",\"object\":\"chat.completion.chunk\"}\n\n";
    }

    @Test
    void llamaCppFinalWriteCarriesTheLastTokensFinishAndUsageAtOnce() {
        String finalWrite = llama("{\"content\":\" world\"}", null) + llama("{}", "stop")
                + "data: {\"choices\":[],\"created\":1767225600,\"id\":\"chatcmpl-abc\",\"model\":\"gpt-3.5-turbo\","
                + "\"system_fingerprint\":\"b6000-1a2b3c4\",\"object\":\"chat.completion.chunk\",\"usage\":{"
                + "\"completion_tokens\":3,\"prompt_tokens\":5,\"total_tokens\":8},\"timings\":{\"prompt_n\":5,"
                + "\"prompt_ms\":12.5,\"predicted_n\":3,\"predicted_ms\":30.1}}\n\n";
        StreamDecoderTest.Recorder r = decode(Api.CHAT, llama("{\"role\":\"assistant\",\"content\":null}", null),
                llama("{\"reasoning_content\":\"think\"}", null), llama("{\"content\":\"Hello\"}", null), finalWrite,
                "data: [DONE]\n\n");
        assertThat(r.calls).containsExactly("tokens@2:reasoning=think", "content@3:Hello", "content@4: world",
                "finish:stop", "usage:5/3", "complete@5");
    }

    @Test
    void eventAndIdFieldsAndKeepAliveCommentsAroundChunks() {
        // Proxies and SSE libraries add "event:" / "id:" lines and ":" keep-alives; only data lines carry chunks.
        StreamDecoderTest.Recorder r = decode(Api.CHAT, ": keep-alive\n\n",
                "event: message\nid: 1\n" + vllm("{\"content\":\"a\"}"), "retry: 3000\n\n",
                "id: 2\n" + vllm("{\"content\":\"b\"}").replace("\n\n", "\n: padding\n\n"), "data: [DONE]\n\n");
        assertThat(r.calls).containsExactly("content@2:a", "content@4:b", "complete@5");
    }

    @Test
    void everyServerStreamSplitAtEveryByteGivesTheSameTokens() {
        for (String[] stream : List.of(VLLM_REASONING, new String[] {tgi("x", null), tgi("", "stop"), TGI_USAGE})) {
            byte[] bytes = String.join("", stream).getBytes(StandardCharsets.UTF_8);
            List<String> whole = decodeSplit(bytes, bytes.length);
            for (int split = 0; split < bytes.length; split++) {
                assertThat(decodeSplit(bytes, split)).as("split at %d", split).isEqualTo(whole);
            }
        }
    }

    private static List<String> decodeSplit(byte[] bytes, int split) {
        StreamDecoderTest.Recorder r = new StreamDecoderTest.Recorder();
        StreamDecoder decoder = new StreamDecoder(Api.CHAT, r);
        decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, 0, split)), 1);
        decoder.feed(Buffer.buffer(Arrays.copyOfRange(bytes, split, bytes.length)), 1);
        decoder.end(1);
        return r.calls;
    }

    private static StreamDecoderTest.Recorder decode(Api api, String... reads) {
        return StreamDecoderTest.decode(api, reads);
    }
}
