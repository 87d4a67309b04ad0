package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The bad-character rules of a decoded text ({@link Inputs.CheckedReader}) judge as a plain
 * char-by-char statement of them does: at most {@link TextEncoding#MAX_BAD_PER_WINDOW} bad chars
 * per window of {@link TextEncoding#WINDOW_CHARS} (windows from the first char), no burst of more
 * than {@link TextEncoding#BURST_BAD} within {@link TextEncoding#BURST_SPAN}. Texts with bad chars
 * sparse, crowded and in bursts, at window edges, read in pieces of every size: the same failure
 * (message and all) at the same char, or none, and the same split flags.
 */
class CheckedReaderTest {
    @Test
    void judgesAsTheCharByCharRule() throws IOException {
        Random random = new Random(5);
        int failed = 0;
        int passed = 0;
        for (int t = 0; t < 400; t++) {
            String text = text(random);
            String expected = reference(text);
            boolean split = random.nextBoolean();
            Inputs.CheckedReader reader = new Inputs.CheckedReader(new StringReader(text), "UTF-8");
            if (split) {
                reader.watchForSplit();
            }
            String actual = readAll(reader, random);
            assertThat(actual).as("text %d", t).isEqualTo(expected);
            if (split && expected.startsWith("ok")) {
                Flags flags = referenceFlags(text);
                assertThat(reader.badNearStart).as("near start, text %d", t).isEqualTo(flags.nearStart);
                assertThat(reader.crowdedWindow).as("crowded, text %d", t).isEqualTo(flags.crowded);
                assertThat(reader.badNearEnd()).as("near end, text %d", t).isEqualTo(flags.nearEnd);
            }
            failed += expected.startsWith("ok") ? 0 : 1;
            passed += expected.startsWith("ok") ? 1 : 0;
        }
        assertThat(failed).isGreaterThan(50);
        assertThat(passed).isGreaterThan(50);
    }

    /** Reads in pieces of random sizes; "ok N" with the chars read, or the failure's message. */
    private static String readAll(Reader reader, Random random) {
        char[] buf = new char[9000];
        long total = 0;
        try {
            while (true) {
                int off = random.nextInt(8);
                int n = reader.read(buf, off, 1 + random.nextInt(buf.length - off - 1));
                if (n < 0) {
                    return "ok " + total;
                }
                total += n;
            }
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** The rule char by char, as the reader applied it before it counted a window's chars at once. */
    private static String reference(String text) {
        long[] recent = new long[TextEncoding.BURST_BAD];
        long badSeen = 0;
        int windowChars = 0;
        int windowBad = 0;
        for (int at = 0; at < text.length(); at++) {
            if (TextEncoding.isBad(text.charAt(at))) {
                int slot = (int) (badSeen % recent.length);
                long oldest = recent[slot];
                recent[slot] = at;
                badSeen++;
                if (badSeen > recent.length && at - oldest < TextEncoding.BURST_SPAN) {
                    return "not text as UTF-8: a run of " + (recent.length + 1) + " undecodable or control characters within "
                            + TextEncoding.BURST_SPAN + " at character " + oldest
                            + " (binary or compressed data, or another encoding)";
                }
                if (++windowBad > TextEncoding.MAX_BAD_PER_WINDOW) {
                    return "not text as UTF-8: more than " + TextEncoding.MAX_BAD_PER_WINDOW + " of "
                            + TextEncoding.WINDOW_CHARS + " characters from character " + (at - windowChars)
                            + " undecodable or control characters (binary or compressed data, or another encoding)";
                }
            }
            if (++windowChars == TextEncoding.WINDOW_CHARS) {
                windowChars = 0;
                windowBad = 0;
            }
        }
        return "ok " + text.length();
    }

    private record Flags(boolean nearStart, boolean crowded, boolean nearEnd) {}

    private static Flags referenceFlags(String text) {
        java.util.List<Integer> bad = new java.util.ArrayList<>();
        for (int at = 0; at < text.length(); at++) {
            if (TextEncoding.isBad(text.charAt(at))) {
                bad.add(at);
            }
        }
        boolean crowded = false;
        int m = TextEncoding.MAX_BAD_PER_WINDOW;
        for (int k = m; k < bad.size(); k++) {
            crowded |= bad.get(k) - bad.get(k - m) < TextEncoding.WINDOW_CHARS;
        }
        boolean nearStart = !bad.isEmpty() && bad.get(0) < TextEncoding.WINDOW_CHARS;
        boolean nearEnd = !bad.isEmpty() && text.length() - bad.get(bad.size() - 1) <= TextEncoding.WINDOW_CHARS;
        return new Flags(nearStart, crowded, nearEnd);
    }

    /** Up to five windows of text; bad chars (U+FFFD, NUL, C1) sparse, crowded or in bursts, often at window edges. */
    private static String text(Random random) {
        int length = random.nextInt(5 * TextEncoding.WINDOW_CHARS);
        StringBuilder sb = new StringBuilder(length);
        int mode = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            int inWindow = i % TextEncoding.WINDOW_CHARS;
            boolean edge = inWindow < 30 || inWindow > TextEncoding.WINDOW_CHARS - 30;
            int odds = switch (mode) {
                case 0 -> 2000; // sparse: passes
                case 1 -> 90; // about the window limit
                case 2 -> edge ? 3 : 400; // crowded at the edges
                default -> 60;
            };
            if (random.nextInt(odds) == 0) {
                sb.append("\uFFFD\u0000\u0085".charAt(random.nextInt(3)));
                if (mode == 3 && random.nextInt(40) == 0) {
                    sb.append("\u0001".repeat(random.nextInt(12))); // a burst, maybe too long
                }
            } else {
                sb.append(random.nextInt(50) == 0 ? '\n' : (char) ('a' + random.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
