package io.llmload.runner.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test client: JDK HttpClient over HTTP/1.1, SSE lines timestamped with System.nanoTime() on arrival. */
final class SimHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;

    SimHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) {
        return join(client.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> post(String path, String body, String requestId) {
        return join(client.sendAsync(request(path, body, requestId), HttpResponse.BodyHandlers.ofString()));
    }

    /** Streams a request; completes when the body ended. */
    CompletableFuture<Sse> streamAsync(String path, String body, String requestId) {
        long sent = System.nanoTime();
        TimedLines lines = new TimedLines();
        return client.sendAsync(request(path, body, requestId),
                        HttpResponse.BodyHandlers.fromLineSubscriber(lines, l -> l, "\n"))
                .thenApply(r -> new Sse(r.statusCode(), r.headers().firstValue("content-type").orElse(""),
                        r.headers().firstValue("retry-after").orElse(null), sent, lines.lines, lines.nanos));
    }

    Sse stream(String path, String body, String requestId) {
        return join(streamAsync(path, body, requestId));
    }

    private HttpRequest request(String path, String body, String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            b.header("x-request-id", requestId);
        }
        return b.build();
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String chatBody(String prompt, int maxTokens, boolean stream, boolean includeUsage) {
        return "{\"model\":\"llmload-sim\",\"messages\":[{\"role\":\"user\",\"content\":" + quote(prompt)
                + "}],\"max_tokens\":" + maxTokens + ",\"stream\":" + stream
                + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"temperature\":0.7,\"top_p\":0.9}";
    }

    static String completionBody(String prompt, int maxTokens, boolean stream) {
        return "{\"model\":\"llmload-sim\",\"prompt\":" + quote(prompt) + ",\"max_tokens\":" + maxTokens
                + ",\"stream\":" + stream + "}";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Words that are one token each, with or without a leading space, under every llmload tokenizer. */
    private static final String[] ONE_TOKEN_WORDS = {"time", "year", "way", "day", "thing", "world", "life", "hand",
        "part", "place"};

    /** n space-separated words: exactly n tokens (cl100k_base, as the simulator counts). */
    static String words(int n) {
        StringBuilder sb = new StringBuilder(n * 6);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(ONE_TOKEN_WORDS[i % ONE_TOKEN_WORDS.length]);
        }
        return sb.toString();
    }

    /** A finished SSE response: every line as received, and its arrival time. */
    record Sse(int status, String contentType, String retryAfter, long sentNanos, List<String> lines,
            List<Long> lineNanos) {

        /** Payloads of "data: " lines, in order. */
        List<String> data() {
            List<String> out = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("data: ")) {
                    out.add(l.substring(6));
                }
            }
            return out;
        }

        /** Arrival times of data lines that carry generated text (delta.content or text non-empty). */
        List<Long> contentNanos() {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("data: {") && hasText(l.substring(6))) {
                    out.add(lineNanos.get(i));
                }
            }
            return out;
        }

        boolean endsWithDone() {
            List<String> d = data();
            return !d.isEmpty() && d.get(d.size() - 1).equals("[DONE]");
        }

        private static boolean hasText(String json) {
            try {
                JsonNode choices = JSON.readTree(json).path("choices");
                if (choices.isEmpty()) {
                    return false;
                }
                JsonNode c = choices.get(0);
                String text = c.has("delta") ? c.path("delta").path("content").asText("") : c.path("text").asText("");
                return !text.isEmpty();
            } catch (IOException e) {
                return false; // the malformed fault's broken chunk
            }
        }
    }

    private static final class TimedLines implements Flow.Subscriber<String> {
        final List<String> lines = new ArrayList<>();
        final List<Long> nanos = new ArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            long now = System.nanoTime();
            synchronized (this) {
                lines.add(item);
                nanos.add(now);
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
