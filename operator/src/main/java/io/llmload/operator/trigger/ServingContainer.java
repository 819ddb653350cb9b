package io.llmload.operator.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A container of a workload revision: its image and its command line (where the model and its flags are set). */
public record ServingContainer(String name, String image, List<String> args) {

    public ServingContainer {
        args = List.copyOf(args);
    }

    /** The containers of a pod template ({@code spec.template} or an LWS leader/worker template). */
    static List<ServingContainer> ofPodTemplate(JsonNode template, String prefix) {
        List<ServingContainer> containers = new ArrayList<>();
        for (JsonNode c : template.path("spec").path("containers")) {
            containers.add(of(prefix + c.path("name").asText(), c));
        }
        return containers;
    }

    /** A container-shaped node: image, command and args (the command's words first, as the process sees them). */
    static ServingContainer of(String name, JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("command").forEach(a -> args.add(a.asText()));
        container.path("args").forEach(a -> args.add(a.asText()));
        return new ServingContainer(name, ObjectFields.text(container.path("image")), args);
    }

    /**
     * The model this container serves, from the flags servers take: vLLM ({@code vllm serve MODEL} or
     * {@code --model}), SGLang ({@code --model-path}), TGI ({@code --model-id}); null when none is given.
     */
    String model() {
        // A shell script (sh -c "ray start ... && vllm serve MODEL ...") is one argument: look at its words.
        List<String> args = this.args.stream().flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+")))
                .toList();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            for (String flag : List.of("--model", "--model-path", "--model-id", "--model_id")) {
                if (a.equals(flag) && i + 1 < args.size()) {
                    return args.get(i + 1);
                }
                if (a.startsWith(flag + "=")) {
                    return a.substring(flag.length() + 1);
                }
            }
            if (a.equals("serve") && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                return args.get(i + 1);
            }
        }
        return null;
    }
}
