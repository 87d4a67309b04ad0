package dev.piigate.detectors.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPlaceholderTest {

    @ParameterizedTest
    @ValueSource(strings = {"${DB_PASSWORD}", "${DB_PASS:-x}", "$PASSWORD", "$DB_PASS2", "$password", "$dbPass", "$(cat pw)",
        "{{ token }}", "{{.Values.password}}", "{password}", "<password>", "<your password>", "[REDACTED]",
        "%DB_PASSWORD%", "****", "xxxx", "XXXXXXXX", "\u2022\u2022\u2022", "...", "\u2026", "password", "PASSWORD",
        "changeme", "change_me", "secret", "pass", "your-password"})
    void placeholders(String value) {
        assertThat(SecretPlaceholder.is(value, 0, value.length())).as(value).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$uperS3cret", "Xk29slQp7vRt", "p@ss", "xx", "{}", "<>", "[]", "{{}}", "${", "<unclosed",
        "passwords", "secret1", "x*x1", "%40abc", "%DB", "..x"})
    void notPlaceholders(String value) {
        assertThat(SecretPlaceholder.is(value, 0, value.length())).as(value).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${A}@host", "<pw>@host", "{{ pw }}@host", "****@host"})
    void endStopsAtTheClosingChar(String text) {
        assertThat(SecretPlaceholder.end(text, 0)).as(text).isEqualTo(text.indexOf('@'));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"YOUR_API_KEY_HERE", "your-token", "INSERT_KEY_HERE",
        "replace_me", "your_db_password"})
    void instructionsWrittenWhereTheValueGoesArePlaceholders(String value) {
        org.assertj.core.api.Assertions.assertThat(SecretPlaceholder.is(value, 0, value.length())).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Tr0ub4dor&3", "yourself", "sphere", "s3cr3t-here9"})
    void passwordsThatMerelyLookLikeWordsAreNot(String value) {
        org.assertj.core.api.Assertions.assertThat(SecretPlaceholder.is(value, 0, value.length())).isFalse();
    }
}
