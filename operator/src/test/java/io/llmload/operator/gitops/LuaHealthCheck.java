package io.llmload.operator.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs an Argo CD health.lua the way Argo CD does: the object as the global {@code obj} (a table converted from its
 * YAML/JSON), the script's returned table read as {status, message}. Only the libraries Argo CD's gopher-lua sandbox
 * opens (base, package, table, string, math) are loaded: a script that reaches for os or io fails here too.
 */
final class LuaHealthCheck {

    record Health(String status, String message) {
    }

    private final String script;

    LuaHealthCheck(Path script) throws IOException {
        this.script = Files.readString(script);
    }

    Health evaluate(Map<String, Object> object) {
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.set("obj", toLua(object));
        LuaValue result = globals.load(script, "health.lua").call();
        return new Health(result.get("status").optjstring(null), result.get("message").optjstring(null));
    }

    @SuppressWarnings("unchecked")
    static LuaValue toLua(Object value) {
        if (value == null) {
            return LuaValue.NIL;
        }
        if (value instanceof Map<?, ?> map) {
            LuaTable table = new LuaTable();
            ((Map<String, Object>) map).forEach((k, v) -> table.set(k, toLua(v)));
            return table;
        }
        if (value instanceof List<?> list) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                table.set(i + 1, toLua(list.get(i)));
            }
            return table;
        }
        if (value instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        if (value instanceof Number n) {
            return n instanceof Integer || n instanceof Long ? LuaValue.valueOf(n.longValue()) : LuaValue.valueOf(
                    n.doubleValue());
        }
        return LuaValue.valueOf(value.toString());
    }
}
