package io.llmload.runner.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.runner.report.ReportFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode for tests: loads a page from a file with a test-only hook injected
 * ({@code chart-state-hook.js}), lets it run on virtual time, and returns what the page logged to its console and
 * the chart state the hook wrote into the DOM. Offline flags: the pages must not need the network.
 */
public final class HeadlessChromium {

    /** Set to a browser binary to use another one than the first chromium on the PATH. */
    public static final String ENV = "LLMLOAD_CHROMIUM";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final String STATE_START = "<pre id=\"llmload-test-state\">";
    private static final long TIMEOUT_SECONDS = 120;

    private final String binary;

    private HeadlessChromium(String binary) {
        this.binary = binary;
    }

    /** The browser, when one is installed. */
    public static Optional<HeadlessChromium> find() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new HeadlessChromium(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate.toString()));
                }
            }
        }
        return Optional.empty();
    }

    /** What a page did: its console messages (any message fails our pages: they log nothing) and the chart state. */
    public record Page(List<String> console, JsonNode state) {
    }

    public Page load(Path html, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path page = work.resolve(html.getFileName());
        String source = Files.readString(html);
        int head = source.indexOf("<head>") + "<head>".length();
        Files.writeString(page, source.substring(0, head) + "<script>" + hook() + "</script>" + source.substring(head));
        Path stdout = work.resolve("dom.html");
        Path stderr = work.resolve("chromium.log");
        Process browser = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + work.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--window-size=1400,1000", "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + page);
        }
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) {
                console.add(line.substring(line.indexOf(":CONSOLE")));
            }
        }
        String dom = Files.readString(stdout);
        int start = dom.lastIndexOf(STATE_START);
        if (start < 0) {
            throw new IllegalStateException("the page wrote no chart state (did its scripts run?); chromium exit "
                    + browser.exitValue() + ", console " + console + ", log " + stderr);
        }
        String json = dom.substring(start + STATE_START.length(), dom.indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        return new Page(console, ReportFiles.mapper().readTree(json));
    }

    private static String hook() throws IOException {
        try (InputStream in = HeadlessChromium.class.getResourceAsStream("chart-state-hook.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
