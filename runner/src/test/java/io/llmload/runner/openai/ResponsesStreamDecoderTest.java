package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /v1/responses streams as vLLM writes them (event line + JSON data with the same type, sequence numbers, no
 * [DONE]): text deltas are content, response.completed carries usage and ends the request; failures, missing final
 * events and malformed JSON become one error each.
 */
class ResponsesStreamDecoderTest {

    private static final class Recorder implements StreamListener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onTokens(long nanos, TokenDelta delta) {
            String text = delta.answer() != null ? delta.answer()
                    : delta.reasoning() != null ? delta.reasoning() : delta.toolCallText();
            calls.add("content@" + nanos + ":" + text);
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
            calls.add("error:" + error.kind() + ":" + error.message());
        }
    }

    private static String event(String type, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":0" + fields + "}\n\n";
    }

    private static final String OPENING = event("response.created", ",\"response\":{\"id\":\"resp_1\","
            + "\"status\":\"in_progress\",\"output\":[],\"usage\":null}")
            + event("response.output_item.added", ",\"output_index\":0,\"item\":{\"type\":\"message\"}")
            + event("response.content_part.added", ",\"part\":{\"type\":\"output_text\",\"text\":\"\"}");
    private static final String DELTAS = event("response.output_text.delta", ",\"item_id\":\"m\",\"delta\":\"Hello\"")
            + event("response.output_text.delta", ",\"item_id\":\"m\",\"delta\":\" w\\u00f6rld\"");
    private static final String COMPLETED = event("response.output_text.done", ",\"text\":\"Hello w\u00f6rld\"")
            + event("response.completed", ",\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"error\":null,"
                    + "\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hello\"}]}],"
                    + "\"usage\":{\"input_tokens\":12,\"input_tokens_details\":{\"cached_tokens\":0},"
                    + "\"output_tokens\":2,\"total_tokens\":14}}");

    @Test
    void deltasAreContentAndTheCompletedEventCarriesUsage() {
        Recorder r = new Recorder();
        ResponsesStreamDecoder d = new ResponsesStreamDecoder(r);
        d.feed(Buffer.buffer(OPENING), 1);
        d.feed(Buffer.buffer(DELTAS), 2);
        d.feed(Buffer.buffer(COMPLETED), 3);
        d.end(4);
        assertThat(r.calls).containsExactly("content@2:Hello", "content@2: w\u00f6rld", "usage:12/2",
                "finish:completed", "complete@3");
    }

    @Test
    void readsSplitAnywhereGiveTheSameEvents() {
        String whole = OPENING + DELTAS + COMPLETED;
        Recorder r = new Recorder();
        ResponsesStreamDecoder d = new ResponsesStreamDecoder(r);
        for (int i = 0; i < whole.length(); i += 7) {
            d.feed(Buffer.buffer(whole.substring(i, Math.min(whole.length(), i + 7))), 5);
        }
        d.end(6);
        assertThat(r.calls).containsExactly("content@5:Hello", "content@5: w\u00f6rld", "usage:12/2",
                "finish:completed", "complete@5");
    }

    @Test
    void anIncompleteResponseStillEndsTheRequest() {
        Recorder r = new Recorder();
        ResponsesStreamDecoder d = new ResponsesStreamDecoder(r);
        d.feed(Buffer.buffer(DELTAS + event("response.incomplete", ",\"response\":{\"status\":\"incomplete\","
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}")), 1);
        assertThat(r.calls).containsExactly("content@1:Hello", "content@1: w\u00f6rld", "usage:5/2",
                "finish:incomplete", "complete@1");
    }

    @Test
    void failuresAreServerErrorsAndBrokenStreamsProtocolErrors() {
        Recorder failed = new Recorder();
        new ResponsesStreamDecoder(failed).feed(Buffer.buffer(DELTAS + event("response.failed",
                ",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"engine died\"}}")),
                1);
        assertThat(failed.calls).last().isEqualTo("error:SERVER:engine died");

        Recorder error = new Recorder();
        new ResponsesStreamDecoder(error).feed(Buffer.buffer(event("error", ",\"code\":\"x\",\"message\":\"bad\"")), 1);
        assertThat(error.calls).containsExactly("error:SERVER:bad");

        Recorder cut = new Recorder();
        ResponsesStreamDecoder d = new ResponsesStreamDecoder(cut);
        d.feed(Buffer.buffer(OPENING + DELTAS), 1);
        d.end(2);
        assertThat(cut.calls).last().isEqualTo("error:PROTOCOL:stream ended before response.completed");

        Recorder malformed = new Recorder();
        new ResponsesStreamDecoder(malformed).feed(Buffer.buffer("event: response.output_text.delta\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\n\n"), 1);
        assertThat(malformed.calls).singleElement().asString().startsWith("error:PROTOCOL:stream event is malformed JSON");
    }
}
