package io.llmload.operator.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Where two JSON trees differ, as "path: left -> right" lines, so a failing comparison points at the field. */
public final class JsonDiff {

    private JsonDiff() {
    }

    public static List<String> differences(JsonNode left, JsonNode right, int max) {
        List<String> out = new ArrayList<>();
        compare("", left, right, out, max);
        return out;
    }

    private static void compare(String path, JsonNode left, JsonNode right, List<String> out, int max) {
        if (out.size() >= max || left.equals(right)) {
            return;
        }
        if (left.isObject() && right.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            left.fieldNames().forEachRemaining(keys::add);
            right.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                compare(path + "." + key, orMissing(left.get(key)), orMissing(right.get(key)), out, max);
            }
        } else if (left.isArray() && right.isArray() && left.size() == right.size()) {
            Iterator<JsonNode> l = left.elements();
            Iterator<JsonNode> r = right.elements();
            for (int i = 0; l.hasNext(); i++) {
                compare(path + "[" + i + "]", l.next(), r.next(), out, max);
            }
        } else {
            out.add(path + ": " + left + " -> " + right);
        }
    }

    private static JsonNode orMissing(JsonNode node) {
        return node == null ? MissingNode.getInstance() : node;
    }
}
