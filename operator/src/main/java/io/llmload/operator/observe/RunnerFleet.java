package io.llmload.operator.observe;

import io.llmload.operator.metrics.OperatorMetrics;
import io.llmload.runner.report.RunData;
import io.llmload.runner.report.RunDataMerger;
import io.llmload.runner.worker.ProbeCommand;
import io.llmload.runner.worker.ProbeState;
import io.llmload.runner.worker.StartRequest;
import io.llmload.runner.worker.WorkerPhase;
import io.llmload.runner.worker.WorkerProgress;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Operations on all runners of one test at once, built on {@link RunnerClient}: every call goes to every runner at
 * the same time and the reconcile thread waits once, for the slowest answer or the call timeout — never runner after
 * runner.
 */
@ApplicationScoped
public class RunnerFleet {

    private static final Logger LOG = Logger.getLogger(RunnerFleet.class);

    private final RunnerClient client;
    private final RunnerProgress progress;
    private final OperatorMetrics metrics;

    public RunnerFleet(RunnerClient client, RunnerProgress progress, OperatorMetrics metrics) {
        this.client = client;
        this.progress = progress;
        this.metrics = metrics;
    }

    /** One runner's answer to one call: a value, or why there is none. */
    record Answer<T>(RunnerPod pod, T value, String error) {
    }

    /**
     * Every runner's cumulative progress, each asked only for what changed since its last answer in this run.
     *
     * @param run identifies the run (the held copies belong to it; see {@link RunnerProgress#forget})
     */
    public Snapshot poll(String run, List<RunnerPod> pods) {
        List<Answer<WorkerProgress>> answers = askAll(pods, pod -> client.progress(pod, progress.cursor(run, pod)));
        Map<Integer, RunData> byRunner = new LinkedHashMap<>();
        Map<Integer, List<ProbeState>> probes = new LinkedHashMap<>();
        Map<Integer, String> unfinished = new LinkedHashMap<>();
        List<RunnerPod> waiting = new ArrayList<>();
        String abortReason = null;
        int finished = 0;
        int failed = 0;
        for (Answer<WorkerProgress> answer : answers) {
            RunnerPod pod = answer.pod();
            if (answer.error() != null) {
                unfinished.put(pod.index(), answer.error());
                metrics.pollFailed();
                continue;
            }
            WorkerProgress p = answer.value();
            RunData data = progress.apply(run, pod, p);
            byRunner.put(pod.index(), data);
            if (p.probes() != null) {
                probes.put(pod.index(), p.probes());
            }
            if (p.phase() == WorkerPhase.FINISHED || p.phase() == WorkerPhase.ABORTED) {
                finished++;
                if (p.phase() == WorkerPhase.ABORTED && abortReason == null) {
                    abortReason = data.abortReason();
                }
                continue;
            }
            if (p.phase() == WorkerPhase.READY) {
                waiting.add(pod);
            } else if (p.phase() == WorkerPhase.FAILED) {
                failed++;
            }
            unfinished.put(pod.index(), "runner " + pod.index() + " (pod " + pod.name() + "): " + p.phase());
        }
        Optional<RunData> merged = byRunner.isEmpty() ? Optional.empty()
                : Optional.of(RunDataMerger.merge(List.copyOf(byRunner.values())));
        return new Snapshot(merged, waiting, finished, failed, unfinished, Optional.ofNullable(abortReason),
                byRunner, probes);
    }

    /**
     * Sends the common start time to these runners (idempotent: a runner accepts one start time only).
     *
     * @return why the runners that did not accept it did not
     */
    public List<String> start(List<RunnerPod> pods, StartRequest start) {
        return askAll(pods, pod -> client.start(pod, start)).stream().map(Answer::error)
                .filter(e -> e != null).toList();
    }

    /**
     * Sends a capacity search's probe command to these runners (idempotent: the same command again changes nothing).
     *
     * @return why the runners that did not take it did not
     */
    public List<String> probe(List<RunnerPod> pods, ProbeCommand command) {
        return askAll(pods, pod -> client.probe(pod, command)).stream().map(Answer::error)
                .filter(e -> e != null).toList();
    }

    /** Final results of every runner that has them, by runner index (the caller keeps the others' progress). */
    public Map<Integer, RunData> results(List<RunnerPod> pods) {
        Map<Integer, RunData> byRunner = new LinkedHashMap<>();
        for (Answer<RunData> answer : askAll(pods, client::result)) {
            if (answer.error() == null) {
                byRunner.put(answer.pod().index(), answer.value());
            } else {
                LOG.warnf("no final results from %s", answer.error());
            }
        }
        return byRunner;
    }

    /** Stops the load on every runner; best effort, never throws. */
    public void abortAll(List<RunnerPod> pods, String reason) {
        askAll(pods, pod -> client.abort(pod, reason)).stream().filter(a -> a.error() != null)
                .forEach(a -> LOG.debugf("abort: %s", a.error()));
    }

    /** Lets every runner exit (their Job then completes); best effort. */
    public void releaseAll(List<RunnerPod> pods) {
        askAll(pods, client::release).stream().filter(a -> a.error() != null)
                .forEach(a -> LOG.debugf("release: %s", a.error()));
    }

    /** Drops what is held about a run's runners. */
    public void forget(String run) {
        progress.forget(run);
    }

    /**
     * One call to every runner with an address, all at once, and one wait for all of them: each call has the call
     * timeout, so the wait ends after the slowest answer or that timeout.
     */
    private <T> List<Answer<T>> askAll(List<RunnerPod> pods, Function<RunnerPod, Future<T>> call) {
        List<RunnerPod> addressed = pods.stream().filter(p -> p.ip() != null).toList();
        List<Future<T>> calls = addressed.stream().map(call).toList();
        try {
            Future.join(calls).toCompletionStage().toCompletableFuture()
                    .get(client.roundTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Some failed or are late: read each one below.
        }
        List<Answer<T>> answers = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Future<T> f = calls.get(i);
            RunnerPod pod = addressed.get(i);
            if (f.succeeded()) {
                answers.add(new Answer<>(pod, f.result(), null));
            } else {
                answers.add(new Answer<>(pod, null, f.failed() ? f.cause().getMessage()
                        : "runner " + pod.index() + " (pod " + pod.name() + "): no answer in time"));
            }
        }
        return answers;
    }

    /**
     * What all runners said in one poll.
     *
     * @param waitingForStart runners still waiting for the start signal
     * @param finished how many ended their run (FINISHED or ABORTED)
     * @param notFinished per runner index that has not finished, what it said or why it did not answer
     * @param abortReason why a runner stopped early (e.g. a guardrail it judged on its share), if one did
     * @param byRunner each answering runner's cumulative data, by runner index (for guardrails on the merged stream)
     * @param probes a capacity search's probes as each answering runner reports them, by runner index (empty: not
     *     a search)
     */
    public record Snapshot(Optional<RunData> merged, List<RunnerPod> waitingForStart, int finished, int failed,
            Map<Integer, String> notFinished, Optional<String> abortReason, Map<Integer, RunData> byRunner,
            Map<Integer, List<ProbeState>> probes) {

        /** Why each runner that did not answer did not. */
        public List<String> unreachable() {
            return notFinished.entrySet().stream().filter(e -> !byRunner.containsKey(e.getKey()))
                    .map(Map.Entry::getValue).toList();
        }
    }
}
