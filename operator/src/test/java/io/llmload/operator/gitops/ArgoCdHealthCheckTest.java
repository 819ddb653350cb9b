package io.llmload.operator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.llmload.operator.rbac.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * config/argocd: the LlmLoadTest health check, run with luaj on every status fixture listed in health_test.yaml (the
 * layout of argoproj/argo-cd's resource_customizations, whose own test runner reads the same file); every fixture is
 * listed, every health state is covered, and the argocd-cm snippet carries the script unchanged.
 */
class ArgoCdHealthCheckTest {

    static final Path DIR = RepoFiles.root().resolve("config/argocd/llmload.io/LlmLoadTest");
    static final Path ARGOCD_CM = RepoFiles.root().resolve("config/argocd/argocd-cm.yaml");
    static final String SYNC = "./mvnw -B -q -am -pl operator test -Dtest=ArgoCdHealthCheckTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dargocd.sync=true";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Case(String inputPath, String status, String message) {
        @Override
        public String toString() {
            return inputPath + " -> " + status;
        }
    }

    static List<Case> cases() throws IOException {
        Map<String, List<Map<String, Object>>> file = YAML.readValue(DIR.resolve("health_test.yaml").toFile(),
                new TypeReference<>() { });
        return file.get("tests").stream().map(t -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) t.get("healthStatus");
            return new Case((String) t.get("inputPath"), (String) health.get("status"),
                    (String) health.get("message"));
        }).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScriptGivesTheExpectedHealthForEachStatus(Case c) throws IOException {
        Map<String, Object> object = YAML.readValue(DIR.resolve(c.inputPath()).toFile(), new TypeReference<>() { });
        LuaHealthCheck.Health health = new LuaHealthCheck(DIR.resolve("health.lua")).evaluate(object);
        assertThat(health.status()).as(c.inputPath()).isEqualTo(c.status());
        assertThat(health.message()).as(c.inputPath()).isEqualTo(c.message());
        // Argo CD's convention: the file name starts with the state it shows.
        assertThat(Path.of(c.inputPath()).getFileName().toString()).startsWith(c.status().toLowerCase());
    }

    @Test
    void everyFixtureIsTestedAndEveryStateHasOne() throws IOException {
        Set<String> listed = cases().stream().map(Case::inputPath).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR.resolve("testdata"))) {
            assertThat(files.map(f -> "testdata/" + f.getFileName()).collect(Collectors.toSet()))
                    .isEqualTo(listed);
        }
        assertThat(cases().stream().map(Case::status).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Progressing", "Healthy", "Degraded");
        Set<String> phases = new HashSet<>();
        for (Case c : cases()) {
            Map<String, Object> object = YAML.readValue(DIR.resolve(c.inputPath()).toFile(), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) object.get("status");
            phases.add(status == null ? "(none)" : String.valueOf(status.get("phase")));
        }
        assertThat(phases).contains("Pending", "Starting", "Running", "Succeeded", "Failed", "Aborted");
    }

    @Test
    void theScriptStaysWithinLua51AndTheSandbox() throws IOException {
        String script = Files.readString(DIR.resolve("health.lua"));
        // gopher-lua is Lua 5.1: no goto, no integer division, no bitwise operators, no os/io in Argo CD's sandbox.
        assertThat(script).doesNotContain("goto ", "//", "os.", "io.", "require(", "utf8.", "<<", ">>", "&", "~ ");
    }

    @Test
    void theArgoCdConfigMapSnippetCarriesTheScriptUnchanged() throws IOException {
        String expected = argocdCm(Files.readString(DIR.resolve("health.lua")));
        if (Boolean.getBoolean("argocd.sync")) {
            Files.writeString(ARGOCD_CM, expected);
        }
        assertThat(ARGOCD_CM).as("create it with: " + SYNC).exists();
        assertThat(Files.readString(ARGOCD_CM)).withFailMessage("%s differs from health.lua; refresh it with:%n  %s",
                ARGOCD_CM, SYNC).isEqualTo(expected);
        Map<String, Object> cm = YAML.readValue(ARGOCD_CM.toFile(), new TypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) cm.get("data");
        assertThat(data.get("resource.customizations.health.llmload.io_LlmLoadTest"))
                .isEqualTo(Files.readString(DIR.resolve("health.lua")));
    }

    static String argocdCm(String script) {
        String indented = script.lines().map(l -> l.isEmpty() ? "" : "    " + l)
                .collect(Collectors.joining("\n")) + "\n";
        return "# Argo CD health check for LlmLoadTest: merge into the argocd-cm ConfigMap of your Argo CD install,\n"
                + "# e.g. kubectl -n argocd patch configmap argocd-cm --patch-file config/argocd/argocd-cm.yaml\n"
                + "# Generated from config/argocd/llmload.io/LlmLoadTest/health.lua by ArgoCdHealthCheckTest; edit\n"
                + "# health.lua, not this file. See docs/gitops.md.\n"
                + "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata:\n"
                + "  name: argocd-cm\n"
                + "  namespace: argocd\n"
                + "  labels:\n"
                + "    app.kubernetes.io/name: argocd-cm\n"
                + "    app.kubernetes.io/part-of: argocd\n"
                + "data:\n"
                + "  resource.customizations.health.llmload.io_LlmLoadTest: |\n"
                + indented;
    }
}
