package io.llmload.runner.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void parsesNamesCaseInsensitively() {
        assertThat(Api.parse("chat")).isEqualTo(Api.CHAT);
        assertThat(Api.parse("Completions")).isEqualTo(Api.COMPLETIONS);
        assertThat(Api.parse("EMBEDDINGS")).isEqualTo(Api.EMBEDDINGS);
        assertThat(Api.parse(" chat ")).isEqualTo(Api.CHAT);
    }

    @Test
    void rejectsUnknownNames() {
        assertThatThrownBy(() -> Api.parse("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown api 'x': use chat, completions or embeddings");
        assertThatThrownBy(() -> Api.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Api.parse("chat/completions")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathsAndStreaming() {
        assertThat(Api.CHAT.path()).isEqualTo("/v1/chat/completions");
        assertThat(Api.COMPLETIONS.path()).isEqualTo("/v1/completions");
        assertThat(Api.EMBEDDINGS.path()).isEqualTo("/v1/embeddings");
        assertThat(Api.CHAT.streams()).isTrue();
        assertThat(Api.COMPLETIONS.streams()).isTrue();
        assertThat(Api.EMBEDDINGS.streams()).isFalse();
    }
}
