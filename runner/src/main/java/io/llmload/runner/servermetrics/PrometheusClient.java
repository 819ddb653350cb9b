package io.llmload.runner.servermetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
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
 * naming what went wrong (HTTP status, Prometheus' own error), never with the response body's secrets.
 */
public final class PrometheusClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of a range query: its labels (with {@code __name__}) and its points, oldest first. */
    public record Series(Map<String, String> labels, List<Point> points) {
    }

    public record Point(Instant at, double value) {
    }

    private final WebClient web;
    private final String queryRangeUrl;

    public PrometheusClient(Vertx vertx, URI baseUrl) {
        this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) TIMEOUT.toMillis())
                .setKeepAlive(true));
        String base = baseUrl.toString();
        this.queryRangeUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/query_range";
    }

    public Future<List<Series>> queryRange(String promql, Instant start, Instant end, Duration step) {
        return web.getAbs(queryRangeUrl)
                .addQueryParam("query", promql)
                .addQueryParam("start", seconds(start))
                .addQueryParam("end", seconds(end))
                .addQueryParam("step", seconds(step.toMillis()))
                .timeout(TIMEOUT.toMillis())
                .send()
                .compose(response -> {
                    try {
                        JsonNode body = response.body() == null ? null : JSON.readTree(response.body().getBytes());
                        if (response.statusCode() != 200 || body == null || !"success".equals(text(body, "status"))) {
                            String error = body == null ? null : text(body, "error");
                            return Future.failedFuture("Prometheus answered HTTP " + response.statusCode()
                                    + (error == null ? "" : ": " + error));
                        }
                        return Future.succeededFuture(matrix(body.path("data")));
                    } catch (Exception e) {
                        return Future.failedFuture("Prometheus answered something that is not its JSON API ("
                                + e.getClass().getSimpleName() + ")");
                    }
                });
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
        web.close();
    }
}
