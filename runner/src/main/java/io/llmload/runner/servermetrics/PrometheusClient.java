package io.llmload.runner.servermetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one call llmload makes to Prometheus' HTTP API: {@code GET /api/v1/query_range} (a {@code matrix} of series,
 * each with its labels and {@code [unixSeconds, "value"]} points). Non-blocking; the futures fail with a message
 * naming what went wrong (HTTP status, Prometheus' own error), never with the response body's secrets. Uses the Vert.x
 * core HTTP client, like the engine: one HTTP stack.
 */
public final class PrometheusClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of a range query: its labels (with {@code __name__}) and its points, oldest first. */
    public record Series(Map<String, String> labels, List<Point> points) {
    }

    public record Point(Instant at, double value) {
    }

    private final HttpClient http;
    private final String queryRangeUrl;

    public PrometheusClient(Vertx vertx, URI baseUrl) {
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT.toMillis())
                .setKeepAlive(true));
        String base = baseUrl.toString();
        this.queryRangeUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/query_range";
    }

    public Future<List<Series>> queryRange(String promql, Instant start, Instant end, Duration step) {
        String url = queryRangeUrl + "?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step=" + seconds(step.toMillis());
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setIdleTimeout(TIMEOUT.toMillis());
        return http.request(request)
                .compose(r -> r.send().compose(response -> response.body()
                        .map(body -> parse(response.statusCode(), body))))
                .compose(answer -> answer);
    }

    private static Future<List<Series>> parse(int status, Buffer bytes) {
        try {
            JsonNode body = bytes == null || bytes.length() == 0 ? null : JSON.readTree(bytes.getBytes());
            if (status != 200 || body == null || !"success".equals(text(body, "status"))) {
                String error = body == null ? null : text(body, "error");
                return Future.failedFuture("Prometheus answered HTTP " + status + (error == null ? "" : ": " + error));
            }
            return Future.succeededFuture(matrix(body.path("data")));
        } catch (Exception e) {
            return Future.failedFuture("Prometheus answered something that is not its JSON API ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static List<Series> matrix(JsonNode data) {
        if (!"matrix".equals(text(data, "resultType"))) {
            throw new IllegalArgumentException("expected resultType matrix, got " + text(data, "resultType"));
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode s : data.path("result")) {
            Map<String, String> labels = new HashMap<>();
            s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<Point> points = new ArrayList<>();
            for (JsonNode p : s.path("values")) {
                long millis = Math.round(p.get(0).asDouble() * 1000);
                points.add(new Point(Instant.ofEpochMilli(millis), value(p.get(1).asText())));
            }
            series.add(new Series(labels, points));
        }
        return series;
    }

    /** Prometheus writes values as strings, with Go's spellings of the special values. */
    static double value(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf", "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String seconds(Instant t) {
        return seconds(t.toEpochMilli());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    @Override
    public void close() {
        http.close();
    }
}
