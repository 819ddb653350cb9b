package io.llmload.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.simulator.GroundTruth;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `llmload simulate` records its ground truth only when --truth-out asks for it (recording costs memory on a long
 * run): bench/run.sh holds every tool against that file, so an empty truth would make the accuracy table blank.
 */
class SimulateCommandTest {

    @Test
    void truthOutTurnsTheGroundTruthRecordOn() {
        assertThat(parse("--truth-out", "truth.json").config(null).groundTruthCapacity())
                .isEqualTo(GroundTruth.DEFAULT_CAPACITY);
    }

    @Test
    void withoutTruthOutNothingIsRecorded() {
        assertThat(parse().config(null).groundTruthCapacity()).isZero();
    }

    private static SimulateCommand parse(String... args) {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
