package io.llmload.runner.cli;

import io.llmload.runner.engine.Target;
import io.llmload.runner.plan.LoadPlan;
import io.llmload.runner.plan.PlanResolver;
import io.llmload.runner.plan.PlannedStage;
import io.llmload.runner.plan.SearchPlan;
import io.llmload.runner.spec.Ratios;
import io.llmload.runner.spec.LlmLoadTest;
import io.llmload.runner.spec.ManifestValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmload validate FILE...}: checks manifests and prints the resolved plan, without sending anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check manifests and show the stages they expand to. Exit 0 when all are valid, 2 otherwise.")
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "LlmLoadTest manifests.")
    Path[] files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int exit = ExitCodes.OK;
        for (Path file : files) {
            try {
                LlmLoadTest test = ManifestLoader.validated(file);
                ManifestValidator.Mode mode = ManifestLoader.modeFor(test);
                LoadPlan plan = PlanResolver.resolve(test.spec().load(), Target.timeout(test.spec().target()), 1.0);
                out.printf(Locale.ROOT, "%s: valid%s (%s, %s model, %d stages, %.0f s)%n", file,
                        mode == ManifestValidator.Mode.CLUSTER ? " for the operator" : "", test.name(),
                        plan.model().name().toLowerCase(Locale.ROOT), plan.stages().size(), plan.totalNanos() / 1e9);
                if (SearchPlan.isSearch(test.spec().load())) {
                    SearchPlan search = SearchPlan.of(test.spec().load(), Target.timeout(test.spec().target()), 1.0);
                    out.printf(Locale.ROOT, "  capacity search: probes like the one below from %s %s, x%s while the "
                            + "SLO holds, then bisection to %s; at most %d probes (%.0f s of load%s)%n",
                            fmt(search.start()), plan.model().levelUnit(), fmt(search.growth()),
                            Ratios.format(search.precision()), search.maxProbes(),
                            search.maxPlannedDuration().toNanos() / 1e9,
                            search.repeats() > 0 ? ", " + search.repeats() + " of them repeating the edge" : "");
                }
                for (PlannedStage stage : plan.stages()) {
                    out.printf(Locale.ROOT, "  %-12s %6.0f s  %s%s%n", stage.name(), stage.durationSeconds(),
                            stage.fromLevel() == stage.toLevel() ? fmt(stage.toLevel())
                                    : fmt(stage.fromLevel()) + " -> " + fmt(stage.toLevel()),
                            " " + plan.model().levelUnit() + (stage.warmup() ? " (excluded from results)" : ""));
                }
                if (!DatasetCheck.check(test, out, spec.commandLine().getErr())) {
                    exit = ExitCodes.BAD_INPUT;
                }
            } catch (io.llmload.runner.spec.InvalidManifestException e) {
                spec.commandLine().getErr().println(file + ":");
                ErrorHandler.printViolations(spec.commandLine().getErr(), e);
                exit = ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        return exit;
    }

    private static String fmt(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : String.format(Locale.ROOT, "%.2f", level);
    }
}
