package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.metrics.RequestTrace;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The engine against raw loopback servers that stream what real servers (and broken ones) send. */
class StreamEdgesEngineTest {

    private static final String ONE_REQUEST = "{model: open, arrival: constant, stages: [{duration: 1s, rate: 1}]}";
    private static final String CHAT = "{name: chat, api: chat, prompt: {text: 'Why?'}, output: {maxTokens: {value: 8}}}";

    private static String chunk(String delta, String finish) {
        return "data: {\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}],\"usage\":null}\n\n";
    }

    private static void send(OutputStream out, String text) throws java.io.IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTwentyMegabyteLineEndsTheRequestAsAProtocolErrorPromptly() throws Exception {
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        try (RawSseServer server = new RawSseServer(out -> {
            send(out, chunk("{\"content\":\"Hi\"}", null) + "data: {\"choices\":[{\"delta\":{\"content\":\"");
            for (int i = 0; i < 20 * 16; i++) {
                out.write(block, 0, block.length); // 20 MiB without a line end
            }
            send(out, "\"}}]}\n\ndata: [DONE]\n\n");
        })) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(ONE_REQUEST, CHAT), server.baseUrl(), 2);

            assertThat(run.traces).hasSize(1);
            RequestTrace trace = run.traces.get(0);
            assertThat(trace.error()).isEqualTo(ErrorClass.PROTOCOL); // not a timeout, no OutOfMemoryError
            assertThat(trace.errorMessage()).contains("longer than 1048576 bytes");
            assertThat(trace.chunks()).isEqualTo(1);
            // ~0.3 s on a quiet machine; the bound only says "long before the 30 s request timeout"
            assertThat(trace.endNanos() - trace.sendNanos()).isLessThan(15_000_000_000L);
            // The client hung up once it held 1 MiB: the server could not push the 20 MiB through.
            assertThat(server.bytesWritten.get()).isLessThan(20L * 1024 * 1024);
        }
    }

    @Test
    void aReasoningStreamWithoutDoneIsMeasuredOverEveryToken() throws Exception {
        // TGI 2.0-like framing (no [DONE], the body ends at close) carrying a vLLM-style reasoning delta stream:
        // three reasoning tokens 20 ms apart, then two answer tokens, the EOS token in the finish chunk, usage = 6.
        try (RawSseServer server = new RawSseServer(out -> {
            send(out, chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
            for (String word : new String[] {"Let", " me", " think"}) {
                send(out, chunk("{\"reasoning\":\"" + word + "\"}", null));
                Thread.sleep(20);
            }
            send(out, chunk("{\"content\":\"Because\"}", null));
            Thread.sleep(20);
            send(out, chunk("{\"content\":\".\"}", null) + chunk("{\"content\":\"\"}", "stop"));
            send(out, "data: {\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6,\"total_tokens\":11}}\n\n");
        })) {
            EngineRuns run = EngineRuns.run(EngineRuns.manifest(ONE_REQUEST, CHAT), server.baseUrl(), 2);

            assertThat(run.traces).hasSize(1);
            RequestTrace trace = run.traces.get(0);
            assertThat(trace.error()).as(trace.errorMessage()).isNull();
            assertThat(trace.chunks()).isEqualTo(5); // 3 reasoning + 2 answer chunks: every token arrival
            assertThat(trace.outputTokens()).isEqualTo(6);
            // The server slept 3 x 20 ms after the first reasoning token before the first answer token: the answer
            // cannot arrive sooner after the send (a strict bound; the gap between two arrivals is not one on a busy
            // machine, where the first one may be read late).
            assertThat(trace.firstAnswerNanos() - trace.sendNanos()).isGreaterThanOrEqualTo(60_000_000L);
            assertThat(trace.firstAnswerNanos()).isGreaterThan(trace.firstTokenNanos());
            assertThat(trace.chunkNanos(3)).isEqualTo(trace.firstAnswerNanos());

            Report report = ReportBuilder.build(run.data, null);
            assertThat(report.overall().errors().total()).isZero();
            assertThat(report.overall().multiTokenChunkRate()).isZero(); // usage = chunks + the EOS token
            assertThat(report.overall().ttfaMs()).isNotNull();
            assertThat(report.overall().ttfaMs().p50()).isGreaterThanOrEqualTo(59.9)
                    .isGreaterThan(report.overall().ttftMs().p50());
            // ITL over all 5 tokens: 4 samples, the reasoning gaps at least the server's 20 ms sleeps
            assertThat(report.overall().itlMs().count()).isEqualTo(4);
        }
    }
}
