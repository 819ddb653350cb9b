package io.llmload.runner.engine;

/**
 * How long a closed-model user waits after user requests that could not reach the server (no connection could be
 * opened): {@value #INITIAL_MILLIS} ms after the first, doubling with each further one, at most
 * {@value #MAX_MILLIS} ms; the first request that reaches the server again resets it. Without it, a user whose
 * requests fail at once retries thousands of times a second against a dead port. Every failure is still recorded.
 */
final class ConnectBackoff {

    static final long INITIAL_MILLIS = 10;
    static final long MAX_MILLIS = 2_000;

    private int failures;

    /** The wait before the user's next request, in ms (0: none), after one that ended as described. */
    long afterRequest(boolean unreachable) {
        if (!unreachable) {
            failures = 0;
            return 0;
        }
        failures++;
        int doublings = Math.min(failures - 1, 16);
        return Math.min(MAX_MILLIS, INITIAL_MILLIS << doublings);
    }
}
