package io.llmload.operator.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which revision of a workload is rolled out: the {@link #fingerprint} of its pod template (what tells one revision
 * from the next: a scale-out keeps it, an image or flag change makes a new one), plus what people recognise — the
 * workload's own revision name, generation, images, model and command lines — to say what changed.
 *
 * @param name the workload's own revision name when it has one (Deployment revision number, StatefulSet
 *     updateRevision, KServe latestReadyRevision), else null
 * @param model the model served (a --model flag, vllm serve's argument, an InferenceService's storageUri), or null
 */
public record WorkloadRevision(String fingerprint, Long generation, String name, List<ServingContainer> containers,
        String model) {

    /** Command lines are cut in descriptions: the status has a size budget. */
    static final int MAX_ARGS_TEXT = 160;

    public WorkloadRevision {
        containers = List.copyOf(containers);
    }

    /** A revision whose model is the first one its containers' command lines name. */
    static WorkloadRevision of(String fingerprint, Long generation, String name, List<ServingContainer> containers) {
        return new WorkloadRevision(fingerprint, generation, name, containers, containers.stream()
                .map(ServingContainer::model).filter(Objects::nonNull).findFirst().orElse(null));
    }

    public boolean sameAs(WorkloadRevision other) {
        return other != null && fingerprint.equals(other.fingerprint);
    }

    /** For messages: "revision 4", "generation 7" or the fingerprint. */
    public String label() {
        if (name != null) {
            return "revision " + name;
        }
        return generation != null ? "generation " + generation : "revision " + fingerprint;
    }

    /** Images of all containers, e.g. {@code vllm=vllm/vllm-openai:v0.6.3}. */
    public List<String> images() {
        return containers.stream().filter(c -> c.image() != null).map(c -> c.name() + "=" + c.image()).toList();
    }

    /**
     * What changed from {@code before} to this revision, one line per change: images, model, flags per container,
     * containers added or removed — or, when none of those moved, that other fields of the pod template did (a
     * restart annotation, resources, env).
     */
    public List<String> changesFrom(WorkloadRevision before) {
        List<String> changes = new ArrayList<>();
        if (before == null || sameAs(before)) {
            return changes;
        }
        if (!Objects.equals(before.model, model)) {
            changes.add("model: " + orNone(before.model) + " -> " + orNone(model));
        }
        Map<String, ServingContainer> old = byName(before.containers);
        Map<String, ServingContainer> now = byName(containers);
        for (ServingContainer c : containers) {
            ServingContainer o = old.get(c.name());
            if (o == null) {
                changes.add("container " + c.name() + " added (" + orNone(c.image()) + ")");
                continue;
            }
            if (!Objects.equals(o.image(), c.image())) {
                changes.add("image " + c.name() + ": " + orNone(o.image()) + " -> " + orNone(c.image()));
            }
            String flags = ArgsDiff.describe(o.args(), c.args());
            if (!flags.isEmpty()) {
                changes.add("args " + c.name() + ": " + cut(flags));
            }
        }
        for (ServingContainer o : before.containers) {
            if (!now.containsKey(o.name())) {
                changes.add("container " + o.name() + " removed");
            }
        }
        if (changes.isEmpty()) {
            changes.add("pod template: fields other than images and args");
        }
        return changes;
    }

    private static Map<String, ServingContainer> byName(List<ServingContainer> containers) {
        Map<String, ServingContainer> map = new LinkedHashMap<>();
        containers.forEach(c -> map.put(c.name(), c));
        return map;
    }

    private static String orNone(String s) {
        return s == null ? "(none)" : s;
    }

    private static String cut(String s) {
        return s.length() <= MAX_ARGS_TEXT ? s : s.substring(0, MAX_ARGS_TEXT - 3) + "...";
    }
}
