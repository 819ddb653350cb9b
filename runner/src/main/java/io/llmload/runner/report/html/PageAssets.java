package io.llmload.runner.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What every page inlines, read once from the classpath: uPlot's script and stylesheet from its webjar
 * ({@code org.webjars.npm:uplot}, version from the webjar's own pom.properties), and our stylesheet and chart code.
 * Inlined, not linked, so a report is one file that opens offline and survives being mailed or archived.
 */
final class PageAssets {

    private static final String WEBJAR = "/META-INF/resources/webjars/uplot/";
    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    static final String UPLOT_VERSION = webjarVersion();
    static final String UPLOT_JS = read(WEBJAR + UPLOT_VERSION + "/dist/uPlot.iife.min.js");
    static final String UPLOT_CSS = read(WEBJAR + UPLOT_VERSION + "/dist/uPlot.min.css");
    static final String PAGE_CSS = read("page.css");
    static final String CHARTS_JS = read("charts.js");

    private PageAssets() {
    }

    private static String webjarVersion() {
        try (InputStream in = PageAssets.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot webjar is not on the classpath (" + WEBJAR_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
