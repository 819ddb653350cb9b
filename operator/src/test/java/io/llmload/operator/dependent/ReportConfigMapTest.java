package io.llmload.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportFiles;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The report ConfigMap's content: gzip under the size limit, trimmed in a fixed order only as far as needed. */
class ReportConfigMapTest {

    /** A small report with every section, as report.json has them. */
    private static ObjectNode report() throws Exception {
        return (ObjectNode) ReportFiles.mapper().readTree("{\"name\": \"t\", \"verdict\": \"Pass\","
                + " \"outcome\": \"completed\", \"overall\": {\"name\": \"overall\", \"requests\": 10},"
                + " \"stages\": [{\"name\": \"s0\", \"requests\": 10}],"
                + " \"requestTypes\": [{\"name\": \"chat\", \"requests\": 10}],"
                + " \"slo\": [{\"scope\": \"overall\", \"metric\": \"ttft.p95\", \"met\": true},"
                + "   {\"scope\": \"stage:s0\", \"metric\": \"ttft.p95\", \"met\": true}],"
                + " \"server\": {\"source\": \"pods\", \"timeline\": []}, \"cost\": {\"stages\": []},"
                + " \"timeline\": [], \"histograms\": [], \"userRequests\": []}");
    }

    /** Random base64: incompressible, like encoded histograms. */
    private static String noise(Random random, int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    private static JsonNode unpack(byte[] gzip) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return ReportFiles.mapper().readTree(in);
        }
    }

    @Test
    void aReportThatFitsIsStoredWholeAndReadsBack() throws Exception {
        ObjectNode tree = report();
        ReportConfigMap.Packed packed = ReportConfigMap.pack(tree.deepCopy());
        assertThat(packed.dropped()).isEmpty();
        assertThat(unpack(packed.gzip())).isEqualTo(tree);
        Report read = ReportFiles.read(packed.gzip());
        assertThat(read.overall().requests()).isEqualTo(10);
        assertThat(read.stages()).hasSize(1);
    }

    @Test
    void bigHistogramsAreDroppedAfterTheTimelineAndTheRestIsKept() throws Exception {
        ObjectNode tree = report();
        Random random = new Random(7);
        ArrayNode histograms = tree.putArray("histograms");
        for (int i = 0; i < 40; i++) {
            histograms.addObject().put("stage", "s0").put("ttft", noise(random, 30_000));
        }
        ReportConfigMap.Packed packed = ReportConfigMap.pack(tree);
        assertThat(packed.dropped()).containsExactly("timeline", "histograms");
        assertThat(packed.gzip().length).isLessThan(ReportConfigMap.MAX_BYTES);
        JsonNode stored = unpack(packed.gzip());
        assertThat(stored.has("histograms")).isFalse();
        assertThat(stored.has("timeline")).isFalse();
        assertThat(stored.path("server").has("timeline")).isFalse();
        assertThat(stored.path("server").path("source").asText()).isEqualTo("pods");
        assertThat(stored.get("stages")).hasSize(1);
        assertThat(stored.get("requestTypes")).hasSize(1);
    }

    @Test
    void asALastResortOnlyTheWholeRunIsKeptAndStillReadsAsAReport() throws Exception {
        ObjectNode tree = report();
        Random random = new Random(8);
        ArrayNode stages = tree.putArray("stages");
        for (int i = 0; i < 40; i++) {
            stages.addObject().put("name", "s" + i).put("note", noise(random, 30_000));
        }
        ReportConfigMap.Packed packed = ReportConfigMap.pack(tree);
        assertThat(packed.dropped()).containsExactly("timeline", "histograms", "requestTypes", "stages");
        JsonNode stored = unpack(packed.gzip());
        assertThat(stored.get("stages")).isEmpty();
        assertThat(stored.get("slo")).singleElement()
                .satisfies(r -> assertThat(r.path("scope").asText()).isEqualTo("overall"));
        assertThat(stored.path("overall").path("requests").asLong()).isEqualTo(10);
        assertThat(stored.has("server")).isFalse();
        Report read = ReportFiles.read(packed.gzip());
        assertThat(read.verdict()).isEqualTo("Pass");
        assertThat(read.stages()).isEmpty();
    }

    @Test
    void theAutoscalingSectionAndItsExpectationRowsSurviveTheLastResortItsTimelineGoesFirst() throws Exception {
        ObjectNode tree = report();
        tree.put("verdict", "Breach");
        ((ArrayNode) tree.get("slo")).addObject().put("scope", "autoscaling").put("metric", "scaleUpWithin")
                .put("met", false).put("detail", "never scaled up: 1 desired, 1 Ready throughout the run");
        ((ArrayNode) tree.get("slo")).addObject().put("scope", "autoscaling:steady").put("metric", "ttft.p95")
                .put("met", true);
        ObjectNode autoscaling = tree.putObject("autoscaling");
        autoscaling.put("summary", "did not scale: 1 replica throughout");
        autoscaling.putArray("events");
        ArrayNode readings = autoscaling.putArray("timeline");
        Random random = new Random(9);
        for (int i = 0; i < 40; i++) {
            readings.addObject().put("offsetSeconds", i).put("source", noise(random, 30_000));
        }
        ArrayNode stages = tree.putArray("stages");
        for (int i = 0; i < 40; i++) {
            stages.addObject().put("name", "s" + i).put("note", noise(random, 30_000));
        }
        ReportConfigMap.Packed packed = ReportConfigMap.pack(tree);
        assertThat(packed.dropped()).containsExactly("timeline", "histograms", "requestTypes", "stages");
        JsonNode stored = unpack(packed.gzip());
        assertThat(stored.path("autoscaling").has("timeline")).isFalse();
        assertThat(stored.path("autoscaling").path("summary").asText()).isEqualTo("did not scale: 1 replica throughout");
        assertThat(stored.get("slo")).extracting(r -> r.path("scope").asText() + " " + r.path("metric").asText())
                .containsExactly("overall ttft.p95", "autoscaling scaleUpWithin");
        assertThat(ReportFiles.read(packed.gzip()).verdict()).isEqualTo("Breach");
    }
}
