package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help renders cleanly: picocli reads descriptions as format strings, so a bare % warns. */
class CliHelpTest {

    @ParameterizedTest
    @ValueSource(strings = { "run", "validate", "report", "compare", "simulate", "worker" })
    void helpPrintsNoPicocliWarning(String command) {
        PrintStream original = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        CliResult r;
        try {
            r = CliResult.run(command, "--help");
        } finally {
            System.setErr(original);
        }
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: llmload " + command);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aPercentSignInADescriptionIsPrintedAsOne() {
        assertThat(CliResult.run("compare", "--help").out()).contains("with the change in % and whether");
    }
}
