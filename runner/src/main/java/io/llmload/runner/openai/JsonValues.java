package io.llmload.runner.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/** Writes the plain values a YAML or JSON manifest binds to (maps, lists, strings, numbers, booleans, null). */
final class JsonValues {

    private JsonValues() {
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Boolean flag) {
            g.writeBoolean(flag);
        } else if (value instanceof BigDecimal decimal) {
            g.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            g.writeNumber(integer);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("extraBody holds " + d + ", which JSON cannot carry");
            }
            g.writeNumber(d);
        } else if (value instanceof Number number) {
            g.writeNumber(number.longValue());
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (var field : map.entrySet()) {
                g.writeFieldName(String.valueOf(field.getKey()));
                write(g, field.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            g.writeString(value.toString());
        }
    }
}
