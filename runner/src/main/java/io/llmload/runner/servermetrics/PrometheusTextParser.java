package io.llmload.runner.servermetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parser of the Prometheus text exposition format 0.0.4. Lenient by line: a line it cannot read is skipped and
 * counted, never thrown, because one odd line in a real server's output must not cost the whole scrape.
 * Histogram and summary series ({@code _bucket}, {@code _sum}, {@code _count}) come out as plain samples.
 */
public final class PrometheusTextParser {

    /** The samples of one scrape, in order, and how many non-blank lines could not be read. */
    public record Parsed(List<Sample> samples, int malformedLines) {
        public Parsed {
            samples = List.copyOf(samples);
        }
    }

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusTextParser() {
    }

    public static Parsed parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int malformed = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end; // CRLF
            try {
                Sample s = new Line(text.substring(start, lineEnd)).parse();
                if (s != null) {
                    samples.add(s);
                }
            } catch (Malformed e) {
                malformed++;
            }
            start = end + 1;
        }
        return new Parsed(samples, malformed);
    }

    /** Control flow for "this line is bad"; no stack trace, it is expected on odd input. */
    private static final class Malformed extends RuntimeException {
        private static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }

    /** A cursor over one line. */
    private static final class Line {
        private final String s;
        private int pos;

        Line(String s) {
            this.s = s;
        }

        /** The sample on this line, or null for a blank or comment line. */
        Sample parse() {
            skipBlanks();
            if (atEnd()) {
                return null;
            }
            if (s.charAt(pos) == '#') {
                comment();
                return null;
            }
            String name = name(true);
            boolean separated = skipBlanks();
            Map<String, String> labels = Map.of();
            if (!atEnd() && s.charAt(pos) == '{') {
                pos++;
                labels = labels();
                separated = skipBlanks();
            }
            if (!separated) {
                throw Malformed.INSTANCE; // the value must be separated from the name or '}'
            }
            double value = value(token());
            skipBlanks();
            if (!atEnd()) {
                timestamp(token());
                skipBlanks();
                if (!atEnd()) {
                    throw Malformed.INSTANCE;
                }
            }
            return new Sample(name, labels, value);
        }

        /** HELP and TYPE must be well-formed; any other comment is free text. */
        private void comment() {
            String[] words = s.substring(pos + 1).trim().split("[ \t]+", 3);
            if (words[0].equals("HELP")) {
                if (words.length < 2 || !isName(words[1])) {
                    throw Malformed.INSTANCE;
                }
            } else if (words[0].equals("TYPE")) {
                if (words.length != 3 || !isName(words[1]) || !TYPES.contains(words[2])) {
                    throw Malformed.INSTANCE;
                }
            }
        }

        private Map<String, String> labels() {
            Map<String, String> labels = new HashMap<>();
            while (true) {
                skipBlanks();
                if (next() == '}') { // empty set, or a trailing comma
                    pos++;
                    return labels;
                }
                String label = name(false);
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                if (labels.put(label, labelValue()) != null) {
                    throw Malformed.INSTANCE; // duplicate label name
                }
                skipBlanks();
                char c = next();
                pos++;
                if (c == '}') {
                    return labels;
                }
                if (c != ',') {
                    throw Malformed.INSTANCE;
                }
            }
        }

        /** Reads up to the closing quote, undoing the three escapes the format defines. */
        private String labelValue() {
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                pos++;
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                pos++;
                switch (e) {
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    case 'n' -> sb.append('\n');
                    default -> throw Malformed.INSTANCE;
                }
            }
        }

        private String name(boolean metric) {
            int start = pos;
            while (!atEnd() && isNameChar(s.charAt(pos), pos == start, metric)) {
                pos++;
            }
            if (pos == start) {
                throw Malformed.INSTANCE;
            }
            return s.substring(start, pos);
        }

        private String token() {
            int start = pos;
            while (!atEnd() && !isBlank(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** Go's ParseFloat spellings (what Prometheus itself accepts), not Java's: no "1d", no hex. */
        private static double value(String token) {
            switch (token.toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            boolean digit = false;
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                    throw Malformed.INSTANCE;
                }
            }
            if (!digit) {
                throw Malformed.INSTANCE;
            }
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw Malformed.INSTANCE;
            }
        }

        /** Milliseconds since the epoch; validated, then dropped. */
        private static void timestamp(String token) {
            try {
                Long.parseLong(token);
            } catch (NumberFormatException e) {
                throw Malformed.INSTANCE;
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw Malformed.INSTANCE;
            }
            pos++;
        }

        /** The current character; running off the end of the line is malformed wherever this is called. */
        private char next() {
            if (atEnd()) {
                throw Malformed.INSTANCE;
            }
            return s.charAt(pos);
        }

        /** Skips spaces and tabs; true if it skipped any. */
        private boolean skipBlanks() {
            int start = pos;
            while (!atEnd() && isBlank(s.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isName(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (!isNameChar(name.charAt(i), i == 0, true)) {
                    return false;
                }
            }
            return true;
        }

        /** Metric names may contain ':' (vLLM's "vllm:" prefix); label names may not. */
        private static boolean isNameChar(char c, boolean first, boolean metric) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':')
                    || (!first && c >= '0' && c <= '9');
        }
    }
}
