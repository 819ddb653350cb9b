package io.llmload.runner.workload.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.runner.plan.RunnerShare;
import io.llmload.runner.report.DatasetUsage;
import io.llmload.runner.workload.Tokenizer;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    private static final Tokenizer CL100K = Tokenizer.defaultTokenizer();

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static String conversation(String id, String... turns) {
        StringBuilder json = new StringBuilder("{\"id\": \"" + id + "\", \"conversations\": [");
        for (int i = 0; i < turns.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"from\": \"").append(i % 2 == 0 ? "human" : "gpt")
                    .append("\", \"value\": \"").append(turns[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static DatasetReader open(Path file) {
        return DatasetReader.open(file, null, true, RunnerShare.SOLE, CL100K);
    }

    private static List<String> ids(DatasetReader reader, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(reader.next().id());
        }
        return ids;
    }

    @Test
    void shareGptLinesYieldEveryTurnWithItsReplyLengthThenStartOver() throws Exception {
        Path file = write("chat.jsonl", String.join("\n",
                "{\"id\": \"a\", \"conversations\": [{\"from\": \"system\", \"value\": \"Be brief.\"}, "
                        + "{\"from\": \"human\", \"value\": \"What is a token?\"}, "
                        + "{\"from\": \"gpt\", \"value\": \"A piece of text a model reads.\"}, "
                        + "{\"from\": \"human\", \"value\": \"And a batch?\"}]}",
                "",
                conversation("b", "Hello there", "hello world"))
                + "\n");
        try (DatasetReader reader = open(file)) {
            DatasetEntry a = reader.next();
            assertThat(a.id()).isEqualTo("a");
            assertThat(a.systemPrompt()).isEqualTo("Be brief.");
            assertThat(a.turns()).containsExactly(
                    new ConversationTurn("What is a token?", CL100K.count("A piece of text a model reads.")),
                    new ConversationTurn("And a batch?", -1));
            assertThat(a.firstPrompt()).isEqualTo("What is a token?");
            assertThat(a.firstReplyTokens()).isEqualTo(8);
            DatasetEntry b = reader.next();
            assertThat(b.firstReplyTokens()).isEqualTo(2);
            assertThat(b.systemPrompt()).isNull();
            // The file starts over at its end.
            assertThat(ids(reader, 3)).containsExactly("a", "b", "a");
            assertThat(reader.usage("chat")).isEqualTo(new DatasetUsage("chat", file.toString(), 2, 0, List.of(),
                    true));
        }
    }

    @Test
    void plainJsonLinesGivePromptAndMaxTokens() throws Exception {
        Path file = write("plain.jsonl", "{\"prompt\": \"Write a haiku\", \"max_tokens\": 40}\n"
                + "{\"prompt\": \"Name three rivers\"}\n");
        try (DatasetReader reader = open(file)) {
            DatasetEntry first = reader.next();
            assertThat(first.firstPrompt()).isEqualTo("Write a haiku");
            assertThat(first.firstReplyTokens()).isEqualTo(40);
            assertThat(first.id()).isEqualTo("line 1");
            assertThat(reader.next().firstReplyTokens()).isEqualTo(-1);
        }
    }

    @Test
    void brokenLinesAreSkippedAndReportedWithTheirLineNumbers() throws Exception {
        Path file = write("broken.jsonl", String.join("\n",
                conversation("ok-1", "one", "two"),
                "{\"id\": \"cut\", \"conversations\": [",
                "[1, 2]",
                "{\"conversations\": [{\"from\": \"gpt\", \"value\": \"no question\"}]}",
                "{\"conversations\": [{\"from\": \"robot\", \"value\": \"x\"}]}",
                "{\"prompt\": \"\"}",
                "{\"text\": \"neither\"}",
                "{\"prompt\": \"p\", \"max_tokens\": -3}",
                conversation("ok-2", "three", "four")));
        try (DatasetReader reader = open(file)) {
            assertThat(ids(reader, 3)).containsExactly("ok-1", "ok-2", "ok-1");
            DatasetUsage usage = reader.usage("chat");
            assertThat(usage.usableEntries()).isEqualTo(2);
            assertThat(usage.skippedEntries()).isEqualTo(7);
            assertThat(usage.readCompletely()).isTrue();
            assertThat(usage.problems()).hasSize(5).containsExactly(
                    "line 2: not valid JSON (column 33): Unexpected end-of-input: expected close marker for Array",
                    "line 3: expected a JSON object",
                    "line 4: the conversation has no human message",
                    "line 5: conversations[0] is from 'robot': expected human, gpt or system",
                    "line 6: \"prompt\" must be a non-empty string");
        }
    }

    @Test
    void aJsonArrayIsStreamedElementByElement() throws Exception {
        // 2000 conversations, then garbage: a reader that parsed the whole file first could not return any entry.
        Path file = dir.resolve("big.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("[\n");
            for (int i = 0; i < 2_000; i++) {
                out.write(conversation("c" + i, "question " + i, "answer"));
                out.write(",\n");
            }
            out.write("{\"id\": \"broken\", \"conversations\": [}\n");
        }
        try (DatasetReader reader = open(file)) {
            assertThat(ids(reader, 3)).containsExactly("c0", "c1", "c2");
            assertThat(reader.usage("a").readCompletely()).isFalse();
            List<String> rest = ids(reader, 1_997);
            assertThat(rest.get(rest.size() - 1)).isEqualTo("c1999");
            // The syntax error ends the file: its problem names the element and line, then the file starts over.
            assertThat(reader.next().id()).isEqualTo("c0");
            DatasetUsage usage = reader.usage("a");
            assertThat(usage.usableEntries()).isEqualTo(2_000);
            assertThat(usage.skippedEntries()).isEqualTo(1);
            assertThat(usage.problems().get(0)).startsWith("entry [2000] (line 2002): not valid JSON (column ")
                    .endsWith("the rest of the file cannot be read");
        }
    }

    @Test
    void runnersTakeDisjointEntriesThatTogetherCoverTheFile() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            lines.append(i == 4 ? "not json" : conversation("e" + i, "q" + i)).append('\n');
        }
        Path file = write("shared.jsonl", lines.toString());
        Set<String> seen = new HashSet<>();
        for (int runner = 0; runner < 3; runner++) {
            try (DatasetReader reader = DatasetReader.open(file, "sharegpt", true, new RunnerShare(runner, 3),
                    CL100K)) {
                // 9 usable entries: 3 each, repeating after a pass.
                List<String> mine = ids(reader, 6);
                assertThat(mine.subList(3, 6)).isEqualTo(mine.subList(0, 3));
                assertThat(seen.addAll(mine.subList(0, 3))).isTrue();
                assertThat(mine.subList(0, 3)).doesNotHaveDuplicates();
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e5", "e6", "e7", "e8", "e9");
    }

    @Test
    void aFileWithoutUsableEntriesFailsNamingTheFileAndTheFirstProblem() throws Exception {
        Path file = write("bad.jsonl", "{\"prompt\": 42}\nnope\n");
        assertThatThrownBy(() -> open(file)).isInstanceOf(DatasetException.class)
                .hasMessage(file + ": no usable entry; first problem: line 1: \"prompt\" must be a non-empty string");
        Path empty = write("empty.jsonl", "\n  \n");
        assertThatThrownBy(() -> open(empty)).hasMessage(empty + ": the file is empty");
        Path text = write("notes.txt", "hello\n");
        assertThatThrownBy(() -> open(text)).hasMessageStartingWith(text + ": not a dataset: expected a JSON array");
        assertThatThrownBy(() -> open(dir.resolve("missing.json"))).hasMessageEndingWith("missing.json: file not found");
    }

    @Test
    void fewerEntriesThanRunnersIsAClearError() throws Exception {
        Path file = write("two.jsonl", conversation("a", "x") + "\n" + conversation("b", "y") + "\n");
        assertThatThrownBy(() -> DatasetReader.open(file, null, true, new RunnerShare(2, 3), CL100K))
                .hasMessage(file + ": 2 usable entries, fewer than the 3 runners sharing it: each runner needs at "
                        + "least one");
    }

    @Test
    void withoutSkipInvalidTheWholeFileIsCheckedFirst() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append(conversation("e" + i, "q")).append('\n');
        }
        lines.append("{\"conversations\": \"oops\"}\n");
        Path file = write("strict.jsonl", lines.toString());
        assertThatThrownBy(() -> DatasetReader.open(file, null, false, RunnerShare.SOLE, CL100K))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ": line 51: \"conversations\" must be a list of {\"from\", \"value\"} messages "
                        + "(skipInvalid is false: fix the entry, or set skipInvalid: true to skip broken entries)");
    }

    @Test
    void anExplicitFormatRejectsEntriesOfTheOtherKind() throws Exception {
        Path file = write("mixed.jsonl", conversation("c", "q", "a") + "\n{\"prompt\": \"p\"}\n");
        try (DatasetReader reader = DatasetReader.open(file, "jsonl", true, RunnerShare.SOLE, CL100K)) {
            assertThat(reader.next().firstPrompt()).isEqualTo("p");
            assertThat(reader.usage("x").problems()).containsExactly(
                    "line 1: \"prompt\" must be a non-empty string");
        }
        DatasetScan scan = DatasetScan.of(file, null);
        assertThat(scan.usableEntries()).isEqualTo(2);
        assertThat(scan.skippedEntries()).isZero();
    }
}
