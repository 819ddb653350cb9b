package io.llmload.operator.observe;

import io.llmload.runner.report.RunData;
import io.llmload.runner.report.RunDataMerger;
import io.llmload.runner.worker.WorkerPhase;
import io.llmload.runner.worker.WorkerProgress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Operations on all runners of one test at once, built on {@link RunnerClient}. */
@ApplicationScoped
public class RunnerFleet {

    private static final Logger LOG = Logger.getLogger(RunnerFleet.class);

    private final RunnerClient client;

    public RunnerFleet(RunnerClient client) {
        this.client = client;
    }

    /** Sends the common start time to runners still waiting for it (idempotent: a runner accepts one time only). */
    public void start(List<RunnerPod> waiting, long startAtEpochMillis) {
        for (RunnerPod pod : waiting) {
            client.start(pod, startAtEpochMillis);
        }
    }

    /** Cumulative progress of every runner; a runner that does not answer is reported as missing. */
    public Snapshot progress(List<RunnerPod> pods) {
        List<RunData> data = new ArrayList<>();
        Map<Integer, RunData> byRunner = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        List<RunnerPod> waiting = new ArrayList<>();
        String abortReason = null;
        int finished = 0;
        int failed = 0;
        for (RunnerPod pod : pods) {
            try {
                WorkerProgress progress = client.progress(pod);
                if (progress.data() != null) {
                    data.add(progress.data());
                    byRunner.put(pod.index(), progress.data());
                }
                if (progress.phase() == WorkerPhase.READY) {
                    waiting.add(pod);
                } else if (progress.phase() == WorkerPhase.FINISHED || progress.phase() == WorkerPhase.ABORTED) {
                    finished++;
                    if (progress.phase() == WorkerPhase.ABORTED && abortReason == null && progress.data() != null) {
                        abortReason = progress.data().abortReason();
                    }
                } else if (progress.phase() == WorkerPhase.FAILED) {
                    failed++;
                }
            } catch (RunnerClient.RunnerCallException e) {
                unreachable.add(e.getMessage());
            }
        }
        Optional<RunData> merged = data.isEmpty() ? Optional.empty() : Optional.of(RunDataMerger.merge(data));
        return new Snapshot(merged, waiting, finished, failed, unreachable, Optional.ofNullable(abortReason),
                byRunner);
    }

    /** Final results of every runner that has them (partial results of the others are kept by the caller). */
    public Optional<RunData> results(List<RunnerPod> pods) {
        List<RunData> data = new ArrayList<>();
        for (RunnerPod pod : pods) {
            try {
                data.add(client.result(pod));
            } catch (RunnerClient.RunnerCallException e) {
                LOG.warnf("no final results from %s", e.getMessage());
            }
        }
        return data.isEmpty() ? Optional.empty() : Optional.of(RunDataMerger.merge(data));
    }

    /** Stops the load on every reachable runner; best effort, never throws. */
    public void abortAll(List<RunnerPod> pods, String reason) {
        for (RunnerPod pod : pods) {
            try {
                client.abort(pod, reason);
            } catch (RuntimeException e) {
                LOG.debugf("abort of runner %d: %s", pod.index(), e.getMessage());
            }
        }
    }

    /** Lets every runner exit (their Job then completes); best effort. */
    public void releaseAll(List<RunnerPod> pods) {
        for (RunnerPod pod : pods) {
            try {
                client.release(pod);
            } catch (RuntimeException e) {
                LOG.debugf("release of runner %d: %s", pod.index(), e.getMessage());
            }
        }
    }

    /**
     * What all runners said in one poll.
     *
     * @param abortReason why a runner stopped early (e.g. a guardrail it judged on its share), if one did
     * @param byRunner each answering runner's cumulative data, by runner index (for guardrails on the merged stream)
     */
    public record Snapshot(Optional<RunData> merged, List<RunnerPod> waitingForStart, int finished, int failed,
            List<String> unreachable, Optional<String> abortReason, Map<Integer, RunData> byRunner) {
    }
}
