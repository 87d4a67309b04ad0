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
        "glptt-a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9",
        "glpat-abcdefghij-klmnopqrs",
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
    @ValueSource(strings = {"ghp_****", "hf_\u2022\u2022\u2022\u2022", "AKIA****************", "sk-proj-****", "xoxb-\u2022\u2022\u2022\u2022"})
    void theShortPrefixOfAMaskedTokenIsARun(String masked) {
        String prefix = masked.substring(0, masked.length() - masked.replaceAll("^[A-Za-z_-]+", "").length());
        assertThat(runs("my token is " + masked + " ok")).containsExactly(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "The committee reviewed the proposal and approved the budget for the coming year.",
        "Note: the meeting starts at noon; as follows: first the agenda, then questions.",
        "A well-known, state-of-the-art approach. It works. Really.",
        "Internationalization and telecommunications are long words.",
        "In 2019 about 40 percent of 1,200 respondents said yes, on pages 10 to 12.",
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
        // Every qualifying run with a trigger (hasTrigger's rule) is recorded.
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
        if (token.chars().noneMatch(Character::isDigit) && token.chars().filter(Character::isUpperCase).count() < 2) {
            return; // letters with one capital ("aaaaaaaaaaaaaaaA"): a word, by the class's rule, not a run
        }
        assertThat(runs("token " + token + " end")).contains(token);
    }

    @Property(tries = 300)
    void theIndexPassFindsTheRunsOfThePlainRuleThatHoldATrigger(@ForAll long seed,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 9000) int length, @ForAll boolean wide) {
        java.util.Random r = new java.util.Random(seed);
        // Without a char past U+00FF the index pass reads the text eight chars at a time; with one, by the char.
        String chars = "aaaaaeeeiioouu        bcdfghklmnrstABCDEZ0123456789_-.:/=+@%~,;\"'()\u00e9\n" + (wide ? "\u4e2d" : "");
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        String text = sb.toString();
        List<String> expected = plainRule(text).stream().filter(TokenRunsTest::hasTrigger).toList();
        assertThat(runs(text)).isEqualTo(expected);
        TokenRuns plain = TokenRuns.of(text);
        List<String> viaOf = new ArrayList<>();
        for (int i = 0; i < plain.count(); i++) {
            viaOf.add(text.substring(plain.start(i), plain.end(i)));
        }
        assertThat(viaOf).isEqualTo(expected);
        // Word starts: a letter with no letter, digit or '_' right before it, inside the runs.
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < plain.count(); i++) {
            for (int k = plain.start(i); k < plain.end(i); k++) {
                char c = text.charAt(k);
                char before = k == plain.start(i) ? ' ' : text.charAt(k - 1);
                if (dev.piigate.detectors.Chars.isAsciiLetter(c) && !(dev.piigate.detectors.Chars.isAsciiLetterOrDigit(before) || before == '_')) {
                    starts.add(k);
                }
            }
        }
        for (TokenRuns found : List.of(plain, ScanText.of(text).tokenRuns())) {
            List<Integer> got = new ArrayList<>();
            for (int k = 0; k < found.wordStartCount(); k++) {
                got.add(found.wordStart(k));
            }
            assertThat(got).isEqualTo(starts);
            assertThat(byFirstChar(found)).isEqualTo(byFirstChar(text, starts));
        }
    }

    /** Every char's bucket of word starts ({@link TokenRuns#wordStartsFrom}), in text order, keyed by char. */
    private static java.util.Map<Character, List<Integer>> byFirstChar(TokenRuns runs) {
        java.util.Map<Character, List<Integer>> out = new java.util.TreeMap<>();
        for (char c : (ALL_ASCII + "\u00e9\u4e2d\uffff").toCharArray()) {
            List<Integer> bucket = new ArrayList<>();
            for (int k = runs.wordStartsFrom(c); k < runs.wordStartsTo(c); k++) {
                bucket.add(runs.wordStartByFirst(k));
            }
            if (!bucket.isEmpty()) {
                out.put(c, bucket);
            }
        }
        return out;
    }

    /** The same from the plain list of word starts. */
    private static java.util.Map<Character, List<Integer>> byFirstChar(String text, List<Integer> starts) {
        java.util.Map<Character, List<Integer>> out = new java.util.TreeMap<>();
        for (int at : starts) {
            out.computeIfAbsent(text.charAt(at), c -> new ArrayList<>()).add(at);
        }
        return out;
    }

    private static final String ALL_ASCII;

    static {
        StringBuilder sb = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            sb.append(c);
        }
        ALL_ASCII = sb.toString();
    }

    @org.junit.jupiter.api.Test
    void aRunAcrossTheIndexChunkBorderAndOneAtTheEndAreKept() {
        String text = "x".repeat(4090) + " " + "abC-deF-ghi-jkl" + " word " + "tail_1234567";
        assertThat(runs(text)).containsExactly("abC-deF-ghi-jkl", "tail_1234567");
        assertThat(runs("")).isEmpty();
        ScanText s = ScanText.of("token=ghp_R2d2C3poBb8Luke5Leia0Han4Solo9Yoda1x and AKIAQWERTYUIOPASDFGH");
        List<String> starts = new ArrayList<>();
        for (int k = 0; k < s.tokenRuns().wordStartCount(); k++) {
            starts.add(s.text().substring(s.tokenRuns().wordStart(k), s.tokenRuns().wordStart(k) + 4));
        }
        assertThat(starts).containsExactly("toke", "ghp_", "AKIA");
    }

    /** The run rule as the class comment states it, one char at a time. */
    private static List<String> plainRule(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            boolean mark = false;
            boolean colon = false;
            int capitals = 0;
            while (j < text.length() && isTokenChar(text.charAt(j))) {
                char c = text.charAt(j);
                mark |= !Character.isLetter(c);
                colon |= c == ':';
                capitals += c >= 'A' && c <= 'Z' ? 1 : 0;
                j++;
            }
            int len = j - i;
            if (len >= TokenRuns.MIN_LENGTH && (mark || capitals >= 2) || len >= TokenRuns.MIN_COLON_LENGTH && colon) {
                out.add(text.substring(i, j));
            }
            i = j;
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "+/=_-.:@%~".indexOf(c) >= 0);
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
            if (k > 0 && (c >= '0' && c <= '9' || c == '.') && run.charAt(k - 1) == '-') {
                return true;
            }
            if (k > 0 && c == '-' && dev.piigate.detectors.Chars.isAsciiLetterOrDigit(run.charAt(k - 1))
                    && run.substring(k + 1).matches("[A-Za-z0-9_-]{16}.*")) {
                return true;
            }
        }
        return false;
    }
}
