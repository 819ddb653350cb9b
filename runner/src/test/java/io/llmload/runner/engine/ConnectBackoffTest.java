package io.llmload.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.runner.metrics.ErrorClass;
import io.llmload.runner.report.Report;
import io.llmload.runner.report.ReportBuilder;
import java.net.ServerSocket;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A closed-model user whose requests cannot connect backs off instead of hammering a dead port. */
class ConnectBackoffTest {

    @Test
    void theWaitDoublesFromTenMillisecondsUpToTwoSecondsAndResetsOnceTheServerIsReached() {
        ConnectBackoff backoff = new ConnectBackoff();
        long[] waits = LongStream.range(0, 10).map(i -> backoff.afterRequest(true)).toArray();
        assertThat(waits).containsExactly(10, 20, 40, 80, 160, 320, 640, 1_280, 2_000, 2_000);
        assertThat(backoff.afterRequest(false)).isZero();
        assertThat(backoff.afterRequest(true)).isEqualTo(10);
    }

    @Test
    void usersAgainstAClosedPortSendAHandfulOfRequestsNotThousands() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        EngineRuns run = EngineRuns.run(EngineRuns.manifest("{model: closed, stages: [{duration: 3s, users: 4}]}",
                "{name: chat, api: chat, prompt: {text: hi}}"), "http://127.0.0.1:" + port, 8);

        // Per user: attempts at 0, 10, 30, 70, 150, 310, 630, 1270 and 2550 ms: at most 9 in 3 s (late timers only
        // make it fewer). Without the backoff it was ~14,000 a second.
        assertThat(run.traces.size()).isBetween(4 * 4, 4 * 9);
        assertThat(run.traces).allSatisfy(t -> {
            assertThat(t.error()).isEqualTo(ErrorClass.CONNECTION);
            assertThat(t.sendNanos()).isZero();
        });
        // Every failure still counts.
        Report report = ReportBuilder.build(run.data, null);
        assertThat(report.overall().requests()).isEqualTo(run.traces.size());
        assertThat(report.overall().errors().connection()).isEqualTo(run.traces.size());
    }
}
