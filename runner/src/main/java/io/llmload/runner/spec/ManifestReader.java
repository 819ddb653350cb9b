package io.llmload.runner.spec;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code LlmLoadTest} from YAML or JSON. A file may hold several documents (a simulator Deployment, a
 * Service and the test, as in the Kubernetes examples): the one document of kind LlmLoadTest is taken. Every
 * structural error becomes a violation of an {@link InvalidManifestException} whose path names the field.
 */
public final class ManifestReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // users: 1.5 must be an error, not silently 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ManifestReader() {
    }

    public static LlmLoadTest read(Path file) throws InvalidManifestException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidManifestException(file.toString(), "file not found");
        } catch (IOException e) {
            throw new InvalidManifestException(file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text);
    }

    public static LlmLoadTest parse(String text) throws InvalidManifestException {
        List<JsonNode> tests = new ArrayList<>();
        // A key given twice would silently drop the first value (e.g. a second `stages:`).
        YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (var parser = factory.createParser(text)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNextValue()) {
                JsonNode doc = documents.nextValue();
                if (doc != null && doc.isObject() && LlmLoadTest.KIND.equals(doc.path("kind").asText())) {
                    tests.add(doc);
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("(yaml)", "not valid YAML"
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "")
                    + ": " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new InvalidManifestException("(yaml)", "not valid YAML: " + e.getMessage());
        }
        if (tests.isEmpty()) {
            throw new InvalidManifestException("kind", "no document of kind " + LlmLoadTest.KIND
                    + " found: start the manifest with 'apiVersion: " + LlmLoadTest.API_VERSION + "' and 'kind: "
                    + LlmLoadTest.KIND + "'");
        }
        if (tests.size() > 1) {
            throw new InvalidManifestException("kind", "found " + tests.size() + " documents of kind "
                    + LlmLoadTest.KIND + ": keep one test per file");
        }
        return fromTree(tests.get(0));
    }

    /**
     * Binds an already-parsed tree (also used by the operator for the CR's spec). Every structural problem is
     * collected, not only the first; when the manifest could still be bound, the exception carries what was read.
     */
    public static LlmLoadTest fromTree(JsonNode tree) throws InvalidManifestException {
        ReadProblems problems = new ReadProblems();
        LlmLoadTest test;
        try {
            test = YAML.readerFor(LlmLoadTest.class).withHandler(problems).readValue(tree);
        } catch (JsonMappingException e) {
            List<Violation> all = new ArrayList<>(problems.violations());
            all.add(new Violation(path(e), describe(e)));
            throw new InvalidManifestException(all);
        } catch (IOException e) {
            throw new InvalidManifestException("(manifest)", e.getMessage());
        }
        if (!problems.violations().isEmpty()) {
            throw new InvalidManifestException(problems.violations(), test);
        }
        return test;
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(manifest)" : path.toString();
    }

    /** What the problem handler could not get past (it collects the others). */
    private static String describe(JsonMappingException e) {
        if (e instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not a valid " + ReadProblems.typeName(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "expected " + ReadProblems.typeName(mismatched.getTargetType());
        }
        return e.getOriginalMessage();
    }
}
