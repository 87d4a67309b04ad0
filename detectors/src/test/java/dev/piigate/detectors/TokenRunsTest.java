package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * The credential prefilter: the index pass records a token run wherever a written secret can be,
 * and next to nothing in prose.
 */
class TokenRunsTest {

    static List<String> runs(String text) {
        ScanText s = ScanText.of(text);
        TokenRuns r = s.tokenRuns();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.count(); i++) {
            out.add(s.text().substring(r.start(i), r.end(i)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AKIAQWERTYUIOPASDFGH",
        "ghp_R2d2C3poBb8Luke5Leia0Han4Solo9Yoda1x",
        "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
        "-----BEGIN",
        "postgres://app:s3cret@db.internal:5432/orders",
        "dXNlcjpwYXNzd29yZA==",
        "glpat-x9Fq2LmZ8pKd4TbW1cRv",
        "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx",
        "sk_live_abcdefghijklmnopqrstuvwx",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
        "PuTTY-User-Key-File-2:",
    })
    void aSecretInTextIsARun(String secret) {
        for (String text : List.of(secret, "key " + secret + " here", "\"" + secret + "\",", "x=" + secret)) {
            assertThat(runs(text)).as(text).anySatisfy(r -> assertThat(r).contains(secret.substring(0, 6)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The committee reviewed the proposal and approved the budget for the coming year.",
        "Note: the meeting starts at noon; as follows: first the agenda, then questions.",
        "A well-known, state-of-the-art approach. It works. Really.",
        "Internationalization and telecommunications are long words.",
        "In 2019 about 40 percent of 1,200 respondents said yes.",
    })
    void proseHasNoRuns(String prose) {
        assertThat(runs(prose)).isEmpty();
    }

    @Property(tries = 300)
    void everyRecordedRunQualifiesAndIsMaximal(@ForAll @StringLength(max = 200)
            @Chars({'a', 'b', 'Z', 'Q', '0', '7', '_', '-', '.', ':', '/', '=', '@', ' ', ',', '!'}) String text) {
        ScanText s = ScanText.of(text);
        TokenRuns r = s.tokenRuns();
        TokenRuns reference = TokenRuns.of(text);
        for (int i = 0; i < r.count(); i++) {
            int a = r.start(i);
            int b = r.end(i);
            assertThat(a == 0 || TokenRuns.charClass(text.charAt(a - 1)) == 0).as("maximal at start").isTrue();
            assertThat(b == text.length() || TokenRuns.charClass(text.charAt(b)) == 0).as("maximal at end").isTrue();
            int marks = 0;
            int capitals = 0;
            for (int k = a; k < b; k++) {
                marks |= TokenRuns.charClass(text.charAt(k));
                capitals += text.charAt(k) >= 'A' && text.charAt(k) <= 'Z' ? 1 : 0;
            }
            assertThat(TokenRuns.qualifies(b - a, marks, capitals)).isEqualTo(1);
        }
        // Every qualifying run with a trigger (a capital after a letter or digit, or _ = / + @ ~ %) is recorded.
        for (int i = 0; i < reference.count(); i++) {
            String run = text.substring(reference.start(i), reference.end(i));
            if (hasTrigger(run)) {
                assertThat(runs(text)).as(text).contains(run);
            }
        }
    }

    @Property(tries = 200)
    void aBase62TokenOfSixteenOrMoreIsAlwaysARun(@ForAll @StringLength(min = 16, max = 60)
            @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z') @CharRange(from = '0', to = '9') String token) {
        if (!hasTrigger(token)) {
            return; // all lower case, or capitals only at the start: no secret format is written so
        }
        assertThat(runs("token " + token + " end")).contains(token);
    }

    private static boolean hasTrigger(String run) {
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            if ("_=/+@~%".indexOf(c) >= 0) {
                return true;
            }
            if (k > 0 && c >= 'A' && c <= 'Z' && dev.piigate.detectors.Chars.isAsciiLetterOrDigit(run.charAt(k - 1))) {
                return true;
            }
        }
        return false;
    }
}
