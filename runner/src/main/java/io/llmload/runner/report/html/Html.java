package io.llmload.runner.report.html;

/** Text into HTML: the one escaping function of report.html and compare.html. */
public final class Html {

    private Html() {
    }

    /** Escapes text for element content and double-quoted attributes; null becomes empty. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
