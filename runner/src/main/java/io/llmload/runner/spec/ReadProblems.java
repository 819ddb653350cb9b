package io.llmload.runner.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects the structural problems of one manifest while Jackson binds it — unknown fields, words where numbers or
 * booleans belong, scalars where sections or lists belong — instead of stopping at the first: each is recorded with
 * its field path and skipped (a wrong value is left empty), so the rest of the manifest is still read and checked.
 */
final class ReadProblems extends DeserializationProblemHandler {

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
        String list = known == null ? "" : known.stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", "));
        violations.add(new Violation(path(fieldContext(p)),
                "unknown field '" + propertyName + "'" + (list.isEmpty() ? "" : " (known: " + list + ")")));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
            String failureMsg) {
        return notValid(ctxt, targetType, valueToConvert);
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
            String failureMsg) {
        return notValid(ctxt, targetType, valueToConvert);
    }

    /** Records a value of the wrong kind and leaves the field empty. */
    private Object notValid(DeserializationContext ctxt, Class<?> targetType, Object value) {
        violations.add(new Violation(path(ctxt.getParser().getParsingContext()),
                "'" + value + "' is not a valid " + typeName(targetType)));
        return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
            String failureMsg) throws IOException {
        violations.add(new Violation(path(fieldContext(p)), "expected " + typeName(targetType.getRawClass())));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
            ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
        violations.add(new Violation(path(fieldContext(p)), "expected " + typeName(instClass)));
        p.skipChildren();
        return null;
    }

    /** The context naming the field whose value the parser is at: a list or section value opened one of its own. */
    private static JsonStreamContext fieldContext(JsonParser p) {
        JsonToken token = p.currentToken();
        JsonStreamContext context = p.getParsingContext();
        return token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT ? context.getParent() : context;
    }

    /**
     * spec.load.stages[1].users, from the parser's position. A context with a field name contributes the name, an
     * unnamed list its index: records are bound through a token buffer whose contexts name the field but may claim
     * to be lists, and the object cursors under them have already moved on (no name).
     */
    static String path(JsonStreamContext context) {
        LinkedList<String> parts = new LinkedList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.length() == 0 ? "(manifest)" : path.toString();
    }

    static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        return "object (" + type.getSimpleName().replace("Spec", "") + " fields)";
    }
}
