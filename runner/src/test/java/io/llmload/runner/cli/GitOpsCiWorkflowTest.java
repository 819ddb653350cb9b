package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.llmload.runner.regression.LimitParser;
import io.llmload.runner.spec.ManifestReader;
import io.llmload.runner.spec.ManifestValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * examples/gitops/github-actions.yaml: every {@code ./llmload} command of the workflow is real CLI syntax (parsed by
 * the CLI's own command line), its manifest is valid, its --fail-on limits read, and its run + compare steps do what
 * the workflow expects when executed here (the run on the embedded simulator, compressed).
 */
class GitOpsCiWorkflowTest {

    private static final Path WORKFLOW = RepoFiles.root().resolve("examples/gitops/github-actions.yaml");

    @TempDir
    Path dir;

    @Test
    void everyLlmloadCommandOfTheWorkflowParses() throws Exception {
        List<List<String>> commands = commands();
        assertThat(commands).extracting(c -> c.get(0)).containsExactly("simulate", "run", "compare");
        for (List<String> args : commands) {
            CommandLine cli = Main.commandLine();
            // parseArgs throws on an unknown option, a missing parameter or a bad value.
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as(String.join(" ", args)).isTrue();
        }
        List<String> compare = commands.get(2);
        String failOn = compare.get(compare.indexOf("--fail-on") + 1);
        assertThat(LimitParser.parseList(failOn)).hasSize(4);
    }

    @Test
    void theManifestTheWorkflowRunsIsValid() throws Exception {
        List<String> run = commands().get(1);
        Path manifest = RepoFiles.root().resolve(run.get(1));
        assertThat(ManifestValidator.validate(ManifestReader.read(manifest), ManifestValidator.Mode.LOCAL)).isEmpty();
    }

    @Test
    void theRunAndGateStepsWorkAsTheWorkflowUsesThem() throws Exception {
        List<List<String>> commands = commands();
        // Two runs of the workflow's manifest on the embedded simulator stand for main and the pull request.
        for (String side : List.of("baseline", "current")) {
            List<String> run = new ArrayList<>(commands.get(1));
            run.set(1, RepoFiles.root().resolve(run.get(1)).toString());
            run.set(run.indexOf("--target") + 1, "embedded");
            run.set(run.indexOf("--out") + 1, dir.resolve(side).toString());
            run.addAll(List.of("--duration-scale", "0.1"));
            CliResult r = CliResult.run(run.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.BREACH);
        }
        List<String> compare = new ArrayList<>(commands.get(2));
        // The workflow's directories (relative to its checkout) moved under this test's directory.
        for (int i = 1; i < compare.size(); i++) {
            if (List.of("baseline", "current").contains(compare.get(i)) || compare.get(i - 1).equals("--out")) {
                compare.set(i, dir.resolve(compare.get(i)).toString());
            }
        }
        CliResult gate = CliResult.run(compare.toArray(String[]::new));

        // Two runs of one build may or may not differ by 10 %: the gate judges (0 or 1), it never fails to read.
        assertThat(gate.exitCode()).as(gate.err()).isIn(ExitCodes.OK, ExitCodes.BREACH);
        assertThat(gate.out()).contains("Regression check (B against A)", "TTFT p95", "req/s", "error rate",
                "capacity");
        assertThat(dir.resolve("compare").resolve("regression.json")).exists();
    }

    private static List<List<String>> commands() throws Exception {
        JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        JsonNode job = workflow.path("jobs").path("load-test");
        Map<String, String> env = new HashMap<>();
        job.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        List<List<String>> commands = new ArrayList<>();
        for (JsonNode step : job.path("steps")) {
            if (step.has("run")) {
                commands.addAll(ShellCommands.llmload(step.path("run").asText(), env));
            }
        }
        return commands;
    }

    @Test
    void theShellWordSplitterHonoursQuotesVariablesAndOperators() {
        assertThat(ShellCommands.llmload("./llmload run a.yaml --target \"$URL\" --quiet || true", Map.of("URL",
                "http://x:1"))).containsExactly(List.of("run", "a.yaml", "--target", "http://x:1", "--quiet"));
        assertThat(ShellCommands.llmload("if x; then ./llmload compare a b --fail-on 'ttft.p95>+10%, rps<-5%'; fi",
                Map.of())).containsExactly(List.of("compare", "a", "b", "--fail-on", "ttft.p95>+10%, rps<-5%"));
        assertThat(ShellCommands.llmload("./llmload simulate --port 8000 &\necho done", Map.of()))
                .containsExactly(List.of("simulate", "--port", "8000"));
        assertThat(Files.exists(WORKFLOW)).isTrue();
    }
}
