package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmload.runner.cli.Main;
import io.llmload.runner.simulator.Simulator;
import io.llmload.runner.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code llmload worker} in-process: bad input is one line and exit 2; a run ends with exit 0 after linger; a run
 * never started ends with exit 1 at the start deadline.
 */
class WorkerCommandTest {

    private static final Pattern ENDPOINT = Pattern.compile("control endpoint on 127\\.0\\.0\\.2:(\\d+)");

    @TempDir
    Path dir;

    /** Captured output of one in-process run. */
    private static final class Cli {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        int run(String... args) {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        }
    }

    @Test
    void badPlanFileExitsTwoWithOneLine() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"testName\": \"t\", \"runners\": ");
        Cli cli = new Cli();

        assertThat(cli.run("worker", "--plan", plan.toString(), "--bind", "127.0.0.2")).isEqualTo(2);
        assertThat(cli.err.toString().lines()).containsExactly("error: " + plan
                + ": invalid worker plan: not valid JSON at line 1 column 30: Unexpected end-of-input within/between"
                + " Object entries");
        assertThat(cli.out.toString()).isEmpty();
    }

    @Test
    void missingPlanFileExitsTwo() {
        Cli cli = new Cli();
        Path missing = dir.resolve("nope.json");
        assertThat(cli.run("worker", "--plan", missing.toString())).isEqualTo(2);
        assertThat(cli.err.toString().lines()).containsExactly("error: " + missing + ": file not found");
    }

    @Test
    void indexOutOfRangeExitsTwo() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, TestPlans.plan("t", "http://127.0.0.1:1", 3,
                "{model: closed, stages: [{duration: 1s, users: 3}]}", 0).toJson());
        Cli cli = new Cli();

        assertThat(cli.run("worker", "--plan", plan.toString(), "--index", "3", "--bind", "127.0.0.2")).isEqualTo(2);
        assertThat(cli.err.toString().lines()).containsExactly("error: " + plan
                + ": runner index 3 is out of range: the plan has 3 runners (indexes 0 to 2)");
        Cli badLinger = new Cli();
        assertThat(badLinger.run("worker", "--plan", plan.toString(), "--linger", "forever")).isEqualTo(2);
        assertThat(badLinger.err.toString().lines()).containsExactly(
                "error: --linger: 'forever' must be a positive duration like 500ms, 30s, 5m or 1h");
    }

    @Test
    void runsWhenStartedAndExitsZeroWhenTheLingerPassed() throws Exception {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults().withGroundTruth())) {
            Path plan = dir.resolve("plan.json");
            Files.writeString(plan, TestPlans.plan("cmd-run", simulator.baseUrl(), 2,
                    "{model: closed, stages: [{duration: 1s, users: 2}]}", 0).toJson());
            ControlToken token = ControlToken.generate();
            Path tokenFile = Files.writeString(dir.resolve("token"), token.value() + "\n");
            Cli cli = new Cli();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("worker", "--plan",
                    plan.toString(), "--index", "1", "--bind", "127.0.0.2", "--linger", "300ms",
                    "--token-file", tokenFile.toString()));

            Matcher endpoint = ENDPOINT.matcher("");
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.reset(cli.out.toString()).find());
            int port = Integer.parseInt(endpoint.group(1));
            assertThat(new ControlClient("127.0.0.2", port).get("/v1/state").status())
                    .as("the token file is enforced").isEqualTo(401);
            ControlClient client = new ControlClient("127.0.0.2", port, token.authorization());
            assertThat(client.state().index()).isEqualTo(1);
            assertThat(client.start(System.currentTimeMillis()).status()).isEqualTo(202);

            assertThat(exit.get(15, TimeUnit.SECONDS)).as(cli.err.toString()).isZero();
            assertThat(cli.err.toString()).isEmpty();
            // One line per phase change, then the exit.
            assertThat(cli.out.toString().lines().map(l -> l.substring(l.indexOf(' ') + 1)))
                    .hasSize(6)
                    .satisfies(lines -> {
                        assertThat(lines.get(0)).isEqualTo("cmd-run runner 1/2: READY - waiting for the start signal");
                        assertThat(lines.get(1)).startsWith("cmd-run runner 1/2: control endpoint on 127.0.0.2:");
                        assertThat(lines.get(2)).startsWith("cmd-run runner 1/2: SCHEDULED - starts at ");
                        assertThat(lines.get(3)).isEqualTo("cmd-run runner 1/2: RUNNING - running");
                        assertThat(lines.get(4)).matches("cmd-run runner 1/2: FINISHED - finished: \\d+ requests");
                        assertThat(lines.get(5)).isEqualTo("cmd-run runner 1/2: nobody collected the results by "
                                + "the end of the linger time (300ms); exiting");
                    });
            assertThat(simulator.groundTruth().all()).isNotEmpty()
                    .allMatch(truth -> truth.requestId().startsWith("cmd-run-1-"));
            assertThat(cli.out.toString()).as("the token is never printed").doesNotContain(token.value());
        }
    }

    @Test
    void aWorkerNeverToldToStartExitsOneAtThePlansStartDeadlineWithItsReasonInTheTerminationLog() throws Exception {
        long deadline = System.currentTimeMillis() + 1_000;
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, TestPlans.plan("cmd-late", "http://127.0.0.1:1", 1,
                "{model: closed, stages: [{duration: 1s, users: 1}]}", 0).withStartDeadline(deadline).toJson());
        Path terminationLog = Files.createFile(dir.resolve("termination-log"));
        Path tokenFile = Files.writeString(dir.resolve("token"), ControlToken.generate().value());
        Cli cli = new Cli();

        int exit = cli.run("worker", "--plan", plan.toString(), "--bind", "127.0.0.2", "--termination-log",
                terminationLog.toString(), "--token-file", tokenFile.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(deadline);
        String reason = "not started: aborted: no start signal by " + java.time.Instant.ofEpochMilli(deadline)
                + " (the plan's start deadline)";
        assertThat(Files.readString(terminationLog)).isEqualTo(reason);
        assertThat(cli.out.toString().lines().reduce((a, b) -> b).orElseThrow())
                .endsWith("cmd-late runner 0/1: " + reason + "; exiting");
    }

    @Test
    void aMissingOrShortTokenFileExitsTwoBeforeListening() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, TestPlans.plan("t", "http://127.0.0.1:1", 1,
                "{model: closed, stages: [{duration: 1s, users: 1}]}", 0).toJson());
        Path missing = dir.resolve("no-token");
        Cli cli = new Cli();

        assertThat(cli.run("worker", "--plan", plan.toString(), "--bind", "127.0.0.2", "--token-file",
                missing.toString())).isEqualTo(2);
        assertThat(cli.err.toString().lines()).containsExactly("error: --token-file: " + missing + " not found: "
                + "runners accept control calls only with their test's token (the operator mounts it from the "
                + "Secret <test>-runner-token)");
        assertThat(cli.out.toString()).isEmpty();

        Path placeholder = Files.writeString(dir.resolve("short"), "changeme");
        Cli shortToken = new Cli();
        assertThat(shortToken.run("worker", "--plan", plan.toString(), "--bind", "127.0.0.2", "--token-file",
                placeholder.toString())).isEqualTo(2);
        assertThat(shortToken.err.toString().lines()).containsExactly("error: --token-file: " + placeholder
                + ": a control token has at least 32 characters, this one 8");
    }
}
