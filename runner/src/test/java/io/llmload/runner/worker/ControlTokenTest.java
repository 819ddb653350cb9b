package io.llmload.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlTokenTest {

    @Test
    void generatedTokensAre256RandomBitsInUrlSafeBase64() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String value = ControlToken.generate().value();
            assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
            seen.add(value);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void admitsOnlyItsOwnBearerHeader() {
        ControlToken token = ControlToken.generate();
        assertThat(token.admits(token.authorization())).isTrue();
        assertThat(token.admits("bearer " + token.value() + " ")).isTrue();
        assertThat(token.admits(null)).isFalse();
        assertThat(token.admits("")).isFalse();
        assertThat(token.admits(token.value())).isFalse();
        assertThat(token.admits("Basic " + token.value())).isFalse();
        assertThat(token.admits("Bearer " + token.value() + "x")).isFalse();
        assertThat(token.admits("Bearer ")).isFalse();
        assertThat(token.admits(ControlToken.generate().authorization())).isFalse();
        // Read back from the Secret or the mounted file (trailing newline included), it is the same token.
        assertThat(ControlToken.of(token.value() + "\n").admits(token.authorization())).isTrue();
    }

    @Test
    void neverShowsItsValueAndRefusesPlaceholders() {
        ControlToken token = ControlToken.generate();
        assertThat(token.toString()).isEqualTo("ControlToken[redacted]").doesNotContain(token.value());
        assertThatThrownBy(() -> ControlToken.of("changeme")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a control token has at least 32 characters, this one 8");
        assertThatThrownBy(() -> ControlToken.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
