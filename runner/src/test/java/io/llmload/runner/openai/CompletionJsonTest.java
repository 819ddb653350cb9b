package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written chunk reader accepts exactly the JSON objects Jackson accepts, and reads the fields it keeps. */
class CompletionJsonTest {

    private static final List<String> VALID = List.of(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1718000000,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\\u00e9 \\\"q\\\" \\n\\/\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"total_tokens\":16,\"completion_tokens\":4,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":[1,"
                    + "-2.5e-3,true,false,null]}\"}}]}}]}",
            " {\"a\" : [ {} , [] , \"\" , 0 , -0.0 , 1E+2 ] }\r\n",
            "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":500}}");

    @Test
    void readsTheFieldsItKeeps() {
        CompletionJson json = new CompletionJson();
        byte[] b = VALID.get(0).getBytes(StandardCharsets.UTF_8);
        assertThat(json.read(b, 0, b.length)).isNull();
        assertThat(json.messageContent).isEqualTo("caf\u00e9 \"q\" \n/");
        assertThat(json.hasChoice).isTrue();
        assertThat(json.hasUsage).isFalse();
        b = VALID.get(1).getBytes(StandardCharsets.UTF_8);
        assertThat(json.read(b, 0, b.length)).isNull();
        assertThat(json.hasChoice).isFalse();
        assertThat(json.promptTokens).isEqualTo(12);
        assertThat(json.completionTokens).isEqualTo(4);
        b = VALID.get(2).getBytes(StandardCharsets.UTF_8);
        assertThat(json.read(b, 0, b.length)).isNull();
        assertThat(json.hasToolCalls).isTrue();
        assertThat(json.toolCallText).isEqualTo("{\"a\":[1,-2.5e-3,true,false,null]}");
        b = VALID.get(4).getBytes(StandardCharsets.UTF_8);
        assertThat(json.read(b, 0, b.length)).isNull();
        assertThat(json.serverError).isEqualTo("boom");
    }

    @Test
    void escapedFieldNamesStillNameTheirField() {
        CompletionJson json = new CompletionJson();
        byte[] b = "{\"choices\":[{\"delta\":{\"\\u0063ontent\":\"x\"}}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(json.read(b, 0, b.length)).isNull();
        assertThat(json.messageContent).isEqualTo("x");
    }

    @Test
    void agreesWithJacksonOnEveryTruncationAndAsciiMutation() {
        Random random = new Random(13);
        byte[] alphabet = "{}[]\":,\\ 0123456789.-+eEtrufalsn\n\t\u0001xu".getBytes(StandardCharsets.ISO_8859_1);
        int checked = 0;
        for (String valid : VALID) {
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut <= bytes.length; cut++) {
                agree(bytes, cut);
                checked++;
            }
            for (int i = 0; i < 3000; i++) {
                byte[] mutated = bytes.clone();
                int at = random.nextInt(mutated.length);
                if (mutated[at] < 0) {
                    continue; // keep UTF-8 sequences intact: byte-level UTF-8 validation is not the reader's job
                }
                mutated[at] = alphabet[random.nextInt(alphabet.length)];
                agree(mutated, mutated.length);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15_000);
    }

    private static void agree(byte[] bytes, int length) {
        CompletionJson json = new CompletionJson();
        boolean ours = json.read(bytes, 0, length) == null;
        assertThat(ours).as("%s", new String(bytes, 0, length, StandardCharsets.UTF_8)).isEqualTo(jackson(bytes, length));
    }

    /** Jackson reads one whole JSON object and nothing after it. */
    private static boolean jackson(byte[] bytes, int length) {
        try (JsonParser p = Json.FACTORY.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
