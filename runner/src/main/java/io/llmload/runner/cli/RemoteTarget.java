package io.llmload.runner.cli;

import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.spec.TargetSpec;
import io.llmload.runner.target.ModelChoice;
import io.llmload.runner.target.ModelListing;
import io.llmload.runner.target.TargetConnection;
import io.llmload.runner.target.TargetSetupException;
import io.llmload.runner.target.TargetUnreachableException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A real server as {@code llmload run} reaches it: its connection settings (TLS, proxy, headers, base path), and
 * one look at {@code GET /v1/models} before any load — to choose the model when none is set, and otherwise to fail
 * fast, on one line, when the server cannot be reached at all (refused, untrusted certificate...). A server that
 * answers with an HTTP error there (a gateway that does not route /models) only gets a notice.
 */
final class RemoteTarget {

    private RemoteTarget() {
    }

    static Target resolve(TargetSpec spec, String apiKey, String modelSource, Map<String, String> env, LoadPlan plan,
            Consumer<String> notice) {
        URI url = URI.create(spec.url().trim());
        if (spec.simulator() != null) {
            notice.accept("spec.target.simulator is ignored: the load goes to " + url);
        }
        try {
            TargetConnection connection = TargetConnection.resolve(url, spec, env);
            Duration timeout = ModelListing.timeout(spec.timeout());
            ModelChoice model;
            if (spec.model() == null || spec.model().isBlank()) {
                model = ModelChoice.resolve(null, null, url, connection, apiKey, timeout);
            } else {
                model = new ModelChoice(spec.model().trim(), modelSource);
                check(url, connection, apiKey, timeout, model.model(), notice);
            }
            if (connection.insecureSkipVerify()) {
                notice.accept("TLS certificate verification is OFF (spec.target.tls.insecureSkipVerify)");
            }
            notice.accept("model " + model.describe());
            return Target.resolve(url, model, apiKey, connection, spec, plan);
        } catch (TargetSetupException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    private static void check(URI url, TargetConnection connection, String apiKey, Duration timeout, String model,
            Consumer<String> notice) {
        ModelListing.Answer answer;
        try {
            answer = ModelListing.fetch(url, connection, apiKey, timeout);
        } catch (TargetUnreachableException e) {
            throw new UserInputException("spec.target.url: the server cannot be reached (" + e.getMessage()
                    + "): check the url, TLS settings and proxy");
        }
        if (!answer.ok()) {
            notice.accept("GET /v1/models answered " + (answer.status() > 0 ? "HTTP " + answer.status() + " " : "")
                    + answer.message() + " (the load goes ahead)");
        } else if (!answer.models().isEmpty() && !answer.models().contains(model)) {
            notice.accept("model " + model + " is not among the server's models (" + String.join(", ",
                    answer.models()) + "): requests may fail with 404");
        }
    }
}
