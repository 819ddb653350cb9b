package io.llmload.runner.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes report.json, and writes its CSV and HTML renderings next to it. */
public final class ReportFiles {

    public static final String JSON = "report.json";
    public static final String CSV = "report.csv";
    public static final String HTML = "report.html";

    // Unknown fields are ignored so that reports written by other llmload versions still read (and compare).
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportFiles() {
    }

    public static void writeAll(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        MAPPER.writeValue(dir.resolve(JSON).toFile(), report);
        writeCsv(report, dir);
        writeHtml(report, dir);
    }

    /** Writes report.csv into an existing directory; returns its path. */
    public static Path writeCsv(Report report, Path dir) throws IOException {
        return Files.writeString(dir.resolve(CSV), CsvReport.render(report));
    }

    /** Writes report.html into an existing directory; returns its path. */
    public static Path writeHtml(Report report, Path dir) throws IOException {
        return Files.writeString(dir.resolve(HTML), HtmlReport.render(report));
    }

    public static Report read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Report.class);
    }

    public static String toJson(Report report) throws IOException {
        return MAPPER.writeValueAsString(report);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
