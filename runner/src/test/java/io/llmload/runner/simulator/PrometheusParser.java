package io.llmload.runner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strict-enough parser of Prometheus text format 0.0.4 for the tests: fails on any line it does not understand. */
final class PrometheusParser {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{model_name=\"((?:[^\"\\\\]|\\\\.)*)\"\\} (\\S+)$");
    private static final Pattern HELP = Pattern.compile("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter)$");

    private PrometheusParser() {
    }

    /** Sample values by metric name; asserts every sample has HELP and TYPE lines and the expected label. */
    static Map<String, Double> parse(String text, String modelName) {
        Map<String, Double> values = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, String> typed = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                helped.add(m.group(1));
            } else if ((m = TYPE.matcher(line)).matches()) {
                typed.put(m.group(1), m.group(2));
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                assertThat(helped).as("HELP before " + name).contains(name);
                assertThat(typed).as("TYPE before " + name).containsKey(name);
                assertThat(m.group(2)).isEqualTo(modelName);
                if (typed.get(name).equals("counter")) {
                    assertThat(name).endsWith("_total");
                }
                values.put(name, Double.parseDouble(m.group(3)));
            } else {
                throw new AssertionError("not Prometheus text: " + line);
            }
        }
        return values;
    }
}
