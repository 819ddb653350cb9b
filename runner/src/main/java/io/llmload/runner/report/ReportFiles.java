package io.llmload.runner.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes report.json, and writes its CSV and HTML renderings next to it. Reading also takes a gzip-compressed
 * report.json (what the operator stores in the report ConfigMap), recognised by its first bytes.
 */
public final class ReportFiles {

    public static final String JSON = "report.json";
    public static final String CSV = "report.csv";
    public static final String HTML = "report.html";

    // Unknown fields are ignored so that reports written by other llmload versions still read (and compare).
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

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
        return read(Files.readAllBytes(file));
    }

    /** A report from its JSON, plain or gzip-compressed. */
    public static Report read(byte[] bytes) throws IOException {
        return MAPPER.readValue(json(bytes), Report.class);
    }

    /**
     * report.json's bytes as stored: decompressed when they start with gzip's magic number, else as they are. The one
     * place that tells a stored report's encoding (files, the operator's report ConfigMaps).
     */
    public static byte[] json(byte[] stored) throws IOException {
        boolean gzip = stored.length >= 2 && (stored[0] & 0xff) == 0x1f && (stored[1] & 0xff) == 0x8b;
        if (!gzip) {
            return stored;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    /** The report's JSON (compact), gzip-compressed. */
    public static byte[] gzip(JsonNode report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            COMPACT.writeValue(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    public static String toJson(Report report) throws IOException {
        return MAPPER.writeValueAsString(report);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
