package io.llmload.runner.target;

import io.llmload.runner.spec.HeaderSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The extra headers of every request to the target, with their values resolved: inline, from the environment
 * variable {@code valueFromEnv}, or — for a Secret key — from the variable the operator injects into the runner pod
 * ({@link #secretEnv(int)}). Values are kept here only; {@link #names()} is what reports show.
 */
public final class RequestHeaders {

    private static final String SECRET_ENV_PREFIX = "LLMLOAD_HEADER_";

    private final List<String> names;
    private final List<String> values;
    private final List<String> sources;

    private RequestHeaders(List<String> names, List<String> values, List<String> sources) {
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
        this.sources = List.copyOf(sources);
    }

    public static final RequestHeaders NONE = new RequestHeaders(List.of(), List.of(), List.of());

    /** The environment variable that carries header {@code index}'s Secret value into a runner pod. */
    public static String secretEnv(int index) {
        return SECRET_ENV_PREFIX + index;
    }

    /** @throws TargetSetupException when a value's environment variable is not set */
    public static RequestHeaders resolve(List<HeaderSpec> specs, Map<String, String> env) {
        if (specs == null || specs.isEmpty()) {
            return NONE;
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            HeaderSpec h = specs.get(i);
            String at = "spec.target.headers[" + i + "]";
            String value;
            if (h.valueFromEnv() != null) {
                value = required(env, h.valueFromEnv(), at + ".valueFromEnv: environment variable "
                        + h.valueFromEnv() + " is not set: export it, or remove the header");
            } else if (h.secretKeyRef() != null) {
                value = required(env, secretEnv(i), at + ".secretKeyRef: the Secret's value is not in this runner's "
                        + "environment (" + secretEnv(i) + "): Secrets are read only in runner pods");
            } else {
                value = h.value() == null ? "" : h.value();
            }
            names.add(h.name().trim());
            values.add(value);
            sources.add(h.source());
        }
        return new RequestHeaders(names, values, sources);
    }

    /** Puts every header on a request. */
    public void addTo(BiConsumer<String, String> put) {
        for (int i = 0; i < names.size(); i++) {
            put.accept(names.get(i), values.get(i));
        }
    }

    /** "Name (source)" for each header, as reports and logs show them: never a value. */
    public List<String> names() {
        List<String> shown = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            shown.add(names.get(i) + " (" + sources.get(i) + ")");
        }
        return shown;
    }

    /** The values to mask in any message (all of them: an inline value may still be a credential). */
    List<String> values() {
        return values;
    }

    private static String required(Map<String, String> env, String variable, String problem) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new TargetSetupException(problem);
        }
        return value;
    }

    @Override
    public String toString() {
        return "RequestHeaders" + names();
    }
}
