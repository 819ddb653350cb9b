package io.llmload.runner.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

    @Test
    void readsHelpTypeAndSamplesWithColonNames() {
        PrometheusTextParser.Parsed p = PrometheusTextParser.parse("""
                # HELP vllm:num_requests_running Number of requests in model execution batches.
                # TYPE vllm:num_requests_running gauge
                vllm:num_requests_running{model_name="m"} 7.0
                """);
        assertThat(p.malformedLines()).isZero();
        assertThat(p.samples()).containsExactly(new Sample("vllm:num_requests_running", Map.of("model_name", "m"), 7));
    }

    @Test
    void sampleWithoutLabelsAndWithEmptyLabelSet() {
        List<Sample> s = PrometheusTextParser.parse("up 1\nup{} 0\n").samples();
        assertThat(s).containsExactly(new Sample("up", Map.of(), 1), new Sample("up", Map.of(), 0));
    }

    @Test
    void timestampIsAcceptedAndDropped() {
        PrometheusTextParser.Parsed p = PrometheusTextParser.parse(
                "llm_calls_total{route=\"chat\",status=\"429\"} 31 1763900000123\n" + "neg 3 -1\n");
        assertThat(p.malformedLines()).isZero();
        assertThat(p.samples()).containsExactly(
                new Sample("llm_calls_total", Map.of("route", "chat", "status", "429"), 31),
                new Sample("neg", Map.of(), 3));
    }

    @Test
    void specialValuesAndExponents() {
        List<Sample> s = PrometheusTextParser.parse("""
                a NaN
                b +Inf
                c -Inf
                d 1.5e+06
                e -2.5E-3
                f 42
                g .5
                h inf
                """).samples();
        assertThat(s).extracting(Sample::value).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1.5e6, -2.5e-3, 42.0, 0.5, Double.POSITIVE_INFINITY);
    }

    @Test
    void escapedLabelValues() {
        String text = "lora_adapter_loaded{path=\"D:\\\\adapters\\\\sql\","
                + "note=\"first line\\nsays \\\"hi\\\"\"} 2.5e-1\n";
        List<Sample> s = PrometheusTextParser.parse(text).samples();
        assertThat(s).hasSize(1);
        assertThat(s.get(0).labels())
                .containsEntry("path", "D:\\adapters\\sql")
                .containsEntry("note", "first line\nsays \"hi\"");
        assertThat(s.get(0).value()).isEqualTo(0.25);
    }

    @Test
    void labelValuesMayHoldBracesCommasSpacesAndUnicode() {
        List<Sample> s = PrometheusTextParser.parse("x{a=\"}, {b=\\\"c\\\"\",model=\"Llama 3 – 8B\"} 1\n").samples();
        assertThat(s.get(0).labels()).isEqualTo(Map.of("a", "}, {b=\"c\"", "model", "Llama 3 – 8B"));
    }

    @Test
    void blanksTabsTrailingCommaAndCrlf() {
        PrometheusTextParser.Parsed p = PrometheusTextParser.parse(
                "# TYPE a gauge\r\n\r\n   \r\na{ x = \"1\" , y=\"2\", }\t3\t\r\n\n  b 4  \r\n");
        assertThat(p.malformedLines()).isZero();
        assertThat(p.samples()).containsExactly(new Sample("a", Map.of("x", "1", "y", "2"), 3),
                new Sample("b", Map.of(), 4));
    }

    @Test
    void lastLineWithoutNewline() {
        assertThat(PrometheusTextParser.parse("a 1\nb 2").samples()).extracting(Sample::name).containsExactly("a", "b");
    }

    @Test
    void histogramAndSummarySeriesArePlainSamples() {
        List<Sample> s = PrometheusTextParser.parse("""
                # TYPE queue_seconds summary
                queue_seconds{quantile="0.5"} 0.012
                queue_seconds_sum 3.25e+02
                queue_seconds_count 9001
                # TYPE ttft_seconds histogram
                ttft_seconds_bucket{le="0.1"} 3
                ttft_seconds_bucket{le="+Inf"} 5
                ttft_seconds_sum 0.9
                ttft_seconds_count 5
                """).samples();
        assertThat(s).extracting(Sample::name).containsExactly("queue_seconds", "queue_seconds_sum", "queue_seconds_count", "ttft_seconds_bucket", "ttft_seconds_bucket", "ttft_seconds_sum",
                "ttft_seconds_count");
        assertThat(s.get(4).labels()).containsEntry("le", "+Inf");
        assertThat(s.get(4).value()).isEqualTo(5);
    }

    @Test
    void plainCommentsAreNotMalformed() {
        PrometheusTextParser.Parsed p =
                PrometheusTextParser.parse("# just a comment\n#\n# HELP a help with ü and a \\\\n escape\na 1\n");
        assertThat(p.malformedLines()).isZero();
        assertThat(p.samples()).hasSize(1);
    }

    @Test
    void malformedLinesAreSkippedAndCounted() {
        PrometheusTextParser.Parsed p = PrometheusTextParser.parse(String.join("\n",
                "good_before 1",
                "no_value",
                "no_value_labels{a=\"b\"}",
                "bad_value 12abc",
                "java_suffix 1d",
                "hex 0x1p3",
                "empty_sign -",
                "unquoted{a=b} 1",
                "unterminated{a=\"b} 1",
                "unclosed{a=\"b\" 1",
                "bad_escape{a=\"\\t\"} 1",
                "dup{a=\"1\",a=\"2\"} 1",
                "label-dash{a-b=\"1\"} 1",
                "1digitfirst 1",
                "colon_in_label{a:b=\"1\"} 1",
                "no_space_after_brace{a=\"1\"}1",
                "bad_ts 1 12.5",
                "extra 1 2 3",
                "# TYPE",
                "# TYPE x nonsense",
                "# TYPE x gauge extra",
                "# HELP",
                "{a=\"1\"} 1",
                "good_after 2"));
        assertThat(p.malformedLines()).isEqualTo(22);
        assertThat(p.samples()).extracting(Sample::name).containsExactly("good_before", "good_after");
    }

    @Test
    void emptyInput() {
        PrometheusTextParser.Parsed p = PrometheusTextParser.parse("");
        assertThat(p.samples()).isEmpty();
        assertThat(p.malformedLines()).isZero();
    }

    @Test
    void parsesEveryHandWrittenExposition() {
        assertThat(Exposition.parsed("vllm.txt").samples()).hasSize(17);
        assertThat(Exposition.parsed("vllm-v0.txt").samples()).hasSize(9);
        assertThat(Exposition.parsed("nim.txt").samples()).hasSize(10);
        assertThat(Exposition.parsed("dcgm.txt").samples()).hasSize(10);
        assertThat(Exposition.parsed("dcgm.txt").samples().get(2).labels())
                .containsEntry("gpu", "0").containsEntry("Hostname", "gpu-node-a")
                .containsEntry("UUID", "GPU-1b2c3d4e-0000-1111-2222-333344445555")
                .containsEntry("modelName", "NVIDIA H100 80GB HBM3");
    }

    @Test
    void crlfFileParsesLikeLf() {
        String lf = Exposition.text("vllm.txt");
        assertThat(PrometheusTextParser.parse(lf.replace("\n", "\r\n"))).isEqualTo(PrometheusTextParser.parse(lf));
    }

    @Test
    void withLabelAddsALabel() {
        Sample s = new Sample("a", Map.of("x", "1"), 2).withLabel("pod", "p-0");
        assertThat(s.labels()).isEqualTo(Map.of("x", "1", "pod", "p-0"));
    }
}
