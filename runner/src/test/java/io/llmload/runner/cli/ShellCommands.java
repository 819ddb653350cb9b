package io.llmload.runner.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code ./llmload ...} commands of a shell script (a CI step's {@code run:}), as argument lists: words split on
 * blanks with single and double quotes honoured, {@code $VAR} and {@code "$VAR"} replaced from the given
 * environment, each command cut at the first shell operator ({@code && || ; | &}). Enough for the scripts of the
 * examples, not a shell.
 */
final class ShellCommands {

    private ShellCommands() {
    }

    static List<List<String>> llmload(String script, Map<String, String> env) {
        List<List<String>> commands = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            List<String> words = words(line, env);
            int start = words.indexOf("./llmload");
            if (start < 0) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String w : words.subList(start + 1, words.size())) {
                if (List.of("&&", "||", ";", "|", "&").contains(w)) {
                    break;
                }
                args.add(w);
            }
            commands.add(args);
        }
        return commands;
    }

    static List<String> words(String line, Map<String, String> env) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '$' && quote == '"') {
                    i = variable(line, i, env, word);
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else if (c == ';' || c == '|' || c == '&') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                boolean doubled = (c == '|' || c == '&') && i + 1 < line.length() && line.charAt(i + 1) == c;
                words.add(doubled ? "" + c + c : "" + c);
                i += doubled ? 1 : 0;
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '$') {
                    i = variable(line, i, env, word);
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static int variable(String line, int dollar, Map<String, String> env, StringBuilder word) {
        int end = dollar + 1;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        String name = line.substring(dollar + 1, end);
        word.append(env.getOrDefault(name, "$" + name));
        return end - 1;
    }
}
