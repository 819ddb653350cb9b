package io.llmload.operator.it;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(...)} query) reads. A small tokenizer, not a
 * full PromQL parser: it skips strings, label matchers ({@code {...}}), ranges ({@code [...]}), numbers, Grafana
 * variables ({@code $x}, {@code ${x}}), keywords and the label lists after {@code by}, {@code without}, {@code on},
 * {@code ignoring}, {@code group_left} and {@code group_right}; every other identifier followed by {@code (} must be a
 * known function, every remaining identifier is a metric name. Unbalanced brackets or an unknown function fail, so
 * a typo cannot hide as "no metric".
 */
final class PromQlNames {

    private static final Set<String> FUNCTIONS = Set.of(
            // Aggregations.
            "sum", "avg", "min", "max", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
            "group",
            // Functions used on dashboards.
            "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs", "ceil", "floor",
            "round", "clamp", "clamp_min", "clamp_max", "vector", "scalar", "time", "absent", "label_replace",
            "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time",
            "quantile_over_time", "last_over_time", "sort", "sort_desc",
            // Grafana's template variable query.
            "label_values");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private PromQlNames() {
    }

    static Set<String> of(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int depth = 0;
        int i = 0;
        boolean labelValues = false;
        boolean firstArgument = false;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipBlock(expr, i, '{', '}');
            } else if (c == '[') {
                i = skipBlock(expr, i, '[', ']');
            } else if (c == '$') {
                i = skipVariable(expr, i);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < expr.length()
                    && Character.isDigit(expr.charAt(i + 1)))) {
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_'
                        || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                boolean call = next < expr.length() && expr.charAt(next) == '('
                        // An aggregation with its grouping first: sum by (le) (...).
                        || FUNCTIONS.contains(word) && startsWithWord(expr, next, "by", "without");
                if (LABEL_LIST_KEYWORDS.contains(word)) {
                    i = call ? skipBlock(expr, next, '(', ')') : i;
                } else if (KEYWORDS.contains(word)) {
                    continue;
                } else if (call) {
                    if (!FUNCTIONS.contains(word)) {
                        throw new IllegalArgumentException("unknown function '" + word + "' in: " + expr);
                    }
                    labelValues = word.equals("label_values");
                    firstArgument = labelValues;
                } else if (labelValues && !firstArgument) {
                    // label_values(metric, LABEL): the second argument is a label name.
                    continue;
                } else {
                    names.add(word);
                    firstArgument = false;
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth < 0) {
                        throw new IllegalArgumentException("unbalanced ')' at " + i + " in: " + expr);
                    }
                } else if (c == ',' && labelValues) {
                    firstArgument = false;
                }
                i++;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '(' in: " + expr);
        }
        return names;
    }

    private static int skipString(String expr, int start) {
        char quote = expr.charAt(start);
        for (int i = start + 1; i < expr.length(); i++) {
            if (expr.charAt(i) == '\\') {
                i++;
            } else if (expr.charAt(i) == quote) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string in: " + expr);
    }

    private static int skipBlock(String expr, int start, char open, char close) {
        int depth = 0;
        for (int i = start; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(expr, i) - 1;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unbalanced '" + open + "' in: " + expr);
    }

    private static int skipVariable(String expr, int start) {
        if (start + 1 < expr.length() && expr.charAt(start + 1) == '{') {
            return skipBlock(expr, start + 1, '{', '}');
        }
        int i = start + 1;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static boolean startsWithWord(String expr, int at, String... words) {
        for (String word : words) {
            int end = at + word.length();
            if (expr.startsWith(word, at) && (end == expr.length() || !Character.isLetterOrDigit(expr.charAt(end))
                    && expr.charAt(end) != '_')) {
                return true;
            }
        }
        return false;
    }

    private static int skipSpaces(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }
}
