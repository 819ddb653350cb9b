package io.llmload.runner.cli;

/** Exit codes (DESIGN.md §6): scripts and CI gate on them. */
public final class ExitCodes {

    /** Verdict Pass or Degraded. */
    public static final int OK = 0;
    /** Verdict Breach, the test was aborted, or ({@code compare --fail-on}) B regressed beyond a limit. */
    public static final int BREACH = 1;
    /** Bad input: manifest, flags, files. */
    public static final int BAD_INPUT = 2;
    /** Something broke inside llmload (a bug: please report it). */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
