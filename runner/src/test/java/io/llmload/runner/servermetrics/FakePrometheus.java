package io.llmload.runner.servermetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus HTTP API that knows a few series and answers {@code GET /api/v1/query_range} as Prometheus documents
 * it ({@code {"status":"success","data":{"resultType":"matrix","result":[{"metric":{...},"values":[[t,"v"],...]}]}}}),
 * evaluating the plain selectors llmload sends: {@code __name__=~"regex"} (fully anchored) and {@code label="value"}.
 * A query naming a "broken" metric gets Prometheus' error answer.
 */
public final class FakePrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A stored series: its labels (with __name__) and its value at a time (unix seconds). */
    private record Stored(Map<String, String> labels, Function<Double, Double> value) {
    }

    private final FakeHttpServer http = new FakeHttpServer();
    private final List<Stored> series = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();
    private volatile String broken;

    public FakePrometheus() {
        http.route("/api/v1/query_range", this::queryRange);
    }

    /** Adds a series: name, labels as k1, v1, k2, v2..., and its value as a function of unix seconds. */
    public FakePrometheus series(String name, Function<Double, Double> value, String... labels) {
        Map<String, String> all = new HashMap<>();
        all.put("__name__", name);
        for (int i = 0; i < labels.length; i += 2) {
            all.put(labels[i], labels[i + 1]);
        }
        series.add(new Stored(all, value));
        return this;
    }

    /** Queries whose name regex matches this metric name fail with HTTP 422, as Prometheus does on a bad query. */
    public FakePrometheus failQueriesFor(String metricName) {
        this.broken = metricName;
        return this;
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** Every query received: query, start, end, step. */
    public List<Map<String, String>> queries() {
        return queries;
    }

    private FakeHttpServer.Answer queryRange(HttpServerRequest request) {
        Map<String, String> params = new HashMap<>();
        for (String p : List.of("query", "start", "end", "step")) {
            params.put(p, request.getParam(p));
        }
        queries.add(params);
        Map<String, String> equal = new HashMap<>();
        Pattern name = null;
        Matcher m = MATCHER.matcher(params.get("query"));
        while (m.find()) {
            String value = m.group(3).replace("\\\"", "\"").replace("\\\\", "\\");
            if (m.group(1).equals("__name__") && m.group(2).equals("=~")) {
                name = Pattern.compile(value);
            } else {
                equal.put(m.group(1), value);
            }
        }
        if (name == null) {
            return new FakeHttpServer.Answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no name\"}");
        }
        if (broken != null && name.matcher(broken).matches()) {
            return new FakeHttpServer.Answer(422, "{\"status\":\"error\",\"errorType\":\"execution\","
                    + "\"error\":\"query processing would load too many samples into memory\"}");
        }
        double start = Double.parseDouble(params.get("start"));
        double end = Double.parseDouble(params.get("end"));
        double step = Double.parseDouble(params.get("step"));
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        ObjectNode data = body.putObject("data").put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        for (Stored s : series) {
            if (!name.matcher(s.labels().get("__name__")).matches()
                    || !equal.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())))) {
                continue;
            }
            ObjectNode one = result.addObject();
            ObjectNode metric = one.putObject("metric");
            s.labels().forEach(metric::put);
            ArrayNode values = one.putArray("values");
            for (long k = 0; start + k * step <= end + 1e-9; k++) {
                double t = start + k * step;
                values.addArray().add(t).add(format(s.value().apply(t)));
            }
        }
        return new FakeHttpServer.Answer(200, body.toString());
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public void close() {
        http.close();
    }
}
