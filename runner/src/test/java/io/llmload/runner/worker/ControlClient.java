package io.llmload.runner.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.runner.metrics.CellData;
import io.llmload.runner.metrics.Histograms;
import io.llmload.runner.report.RunData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/** The operator's side of the control API, as tests need it: plain HTTP, every response body kept for checks. */
final class ControlClient {

    /** Strict (unknown fields fail): responses must read back into the contract's records exactly. */
    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body) {
        <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + type.getSimpleName() + " from " + body, e);
            }
        }

        String message() {
            try {
                return JSON.readTree(body).get("message").asText();
            } catch (IOException | NullPointerException e) {
                throw new AssertionError("no {\"message\"} in " + body, e);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    /** The Authorization header every call carries, or null. */
    private final String authorization;
    final List<String> bodies = new CopyOnWriteArrayList<>();

    ControlClient(String host, int port) {
        this(host, port, null);
    }

    ControlClient(String host, int port, String authorization) {
        this.base = "http://" + host + ":" + port;
        this.authorization = authorization;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response start(long startAtEpochMillis) {
        return post("/v1/start", "{\"startAtEpochMillis\": " + startAtEpochMillis + "}");
    }

    WorkerStatus state() {
        return get("/v1/state").as(WorkerStatus.class);
    }

    WorkerProgress progress() {
        Response response = get("/v1/progress");
        if (response.status() != 200) {
            throw new AssertionError("progress: " + response);
        }
        return response.as(WorkerProgress.class);
    }

    RunData result() {
        Response response = get("/v1/result");
        if (response.status() != 200) {
            throw new AssertionError("result: " + response);
        }
        return response.as(RunData.class);
    }

    private Response send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            bodies.add(response.body());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The cells with each histogram re-encoded from a fresh histogram: the same recorded values then read back the
     * same, however the histograms were built (a sum of interval histograms may have grown differently).
     */
    static List<CellData> normalized(List<CellData> cells) {
        return cells.stream().map(c -> new CellData(c.stage(), c.requestType(), c.requests(), c.succeeded(),
                c.interrupted(), c.errors(), c.inputTokens(), c.outputTokens(), c.usageReported(),
                c.usageMismatches(), c.retryAfterSecondsSum(), c.retryAfterCount(), normalized(c.histograms()),
                c.streamsWithUsage(), c.multiTokenChunkStreams(), c.goodRequests(), c.retries(), c.userRequests(),
                c.staleConnectionRetries(), c.window()))
                .toList();
    }

    private static Map<String, String> normalized(Map<String, String> histograms) {
        Map<String, String> same = new TreeMap<>();
        histograms.forEach((metric, encoded) -> {
            Histogram fresh = Histograms.create();
            fresh.add(Histograms.decode(encoded));
            same.put(metric, Histograms.encode(fresh));
        });
        return same;
    }

    static long requests(RunData data) {
        return data.cells().stream().mapToLong(CellData::requests).sum();
    }
}
