package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KeywordPresence} never says a list cannot occur where {@link Keywords} finds one of its
 * keywords: in the text ({@link Keywords#nearestAfter} over the whole text), in a table header cell
 * ({@link Keywords#inColumnHeader} at every position) or in any cell-like piece of the text
 * ({@link Keywords#inField} on every span between delimiters, which is what a header cell is). On
 * random texts made of keyword pieces, case changes, camelCase, the separators either route
 * accepts, table delimiters and line breaks, digits, other scripts and the Kelvin sign; the lists
 * are every built-in detector's required lists and random ones. It also says "cannot occur" often
 * enough on texts without keywords to be worth its pass.
 */
class KeywordPresenceTest {
    private static final String[] PIECES = {
        "date", "Date", "DATE", "of", "Of", "birth", "Birth", "dob", "DOB", "D.O.B.", "born", "bday", "b-day",
        "né", "Née", "le", "nº", "n°", "número", "numero", "de", "seguridad", "sécurité", "sociale", "social",
        "Social", "insurance", "Insurance", "number", "Number", "no", "No", "ni", "NI", "nin", "nino", "sin",
        "SIN", "sin#", "#", "nas", "cf", "CF", "c.f.", "codice", "fiscale", "cod.", "fisc.", "tax", "Tax", "id",
        "ID", "itin", "ITIN", "taxpayer", "pan", "PAN", "uid", "aadhaar", "आधार", "cpf", "CPF", "curp", "dni", "DNI",
        "nie", "nif", "nir", "insee", "geb.", "geburtsdatum", "fecha", "nacimiento", "nascimento", "data",
        "生年月日", "出生日期", "생년월일", "s\u212Aip", "\u212A", "\u212Aelvin", "ß", "é", "ж", "x", "X", "a", "aB",
        "dateOfBirth", "DateOfBirth", "DOBValue", "taxId", "taxID", "socialInsuranceNumber", "niNumber", "panCard",
        "lessness", "nice", "since", "single", "panel", "dobby", "unborn", "nasty",
    };
    private static final String[] JOINERS = {" ", " ", " ", "", "", "_", "-", ".", "+", "\t", "  ", ": ", "\n", "\n",
        "/", "=", "|", "|", ",", ",", " | ", "(", ") ", "'", "’", "\u00A0", "\u3000", "*", "#"};
    private static final String[] POOL = {
        "card number", "ssn", "ss#", "social security", "a b", "ab", "né le", "nº", "número de cuenta", "カード番号",
        "電話", "आधार", "skip", "\u212Aelvin", "ß", "é", "x", "n o", "s", "1st", "€uro", "pan card", "d.o.b.",
    };

    private static List<Keywords> builtInRequiredLists() {
        List<Keywords> lists = new ArrayList<>();
        for (Detector d : DetectorRegistry.load().create(DetectorSettings.defaults())) {
            lists.addAll(d.requiredKeywords());
        }
        return lists;
    }

    static IntStream seeds() {
        return IntStream.range(0, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void neverSaysNoWhereKeywordsFindOne(int seed) {
        Random random = new Random(seed);
        List<Keywords> lists = new ArrayList<>(builtInRequiredLists());
        for (int k = 0; k < 6; k++) {
            List<String> words = new ArrayList<>();
            for (int w = 1 + random.nextInt(5); w > 0; w--) {
                words.add(random.nextBoolean() ? POOL[random.nextInt(POOL.length)] : PIECES[random.nextInt(PIECES.length)]);
            }
            lists.add(Keywords.of(words));
        }
        KeywordPresence presence = KeywordPresence.of(lists);
        long all = allBits(presence, lists);
        int found = 0;
        int foundLatin1 = 0;
        for (int round = 0; round < 20; round++) {
            String t = text(random, lists);
            found += check(presence, lists, all, t, false, seed, round);
            // The Latin-1 pass on the text without its wider chars, moved across the 64-char steps
            // and the 4096-char chunks the pass reads by (a filler line before it).
            String latin1 = t.replaceAll("[^\\x00-\\xFF]", "");
            int shift = random.nextBoolean() ? random.nextInt(140) : 3960 + random.nextInt(140);
            String moved = "zq ".repeat(shift / 3 + 1).substring(0, shift) + (shift > 0 && random.nextBoolean() ? "\n" : "")
                    + latin1;
            foundLatin1 += check(presence, lists, all, latin1, true, seed, round);
            foundLatin1 += check(presence, lists, all, moved, true, seed, round);
        }
        assertThat(found).as("texts holding a keyword, to check against").isGreaterThan(20);
        assertThat(foundLatin1).as("Latin-1 texts holding a keyword, to check against").isGreaterThan(20);
    }

    /** Asserts the look's answer on {@code t} for every list; returns how many lists Keywords finds in it. */
    private static int check(KeywordPresence presence, List<Keywords> lists, long all, String t, boolean latin1,
            int seed, int round) {
        long may = latin1 ? presence.mayOccur(t, true, all) : presence.mayOccur(t, all);
        if (!latin1) {
            assertThat(presence.mayOccur(t, false, all)).isEqualTo(may);
        }
        int found = 0;
        for (Keywords list : lists) {
            if (list.nearestAfter(t, 0, t.length()) != null || inSomeCell(list, t)) {
                found++;
                if ((may & presence.bit(list)) == 0) {
                    String where = String.format("seed %d round %d, %s pass, list %s, text \"%s\"", seed, round,
                            latin1 ? "Latin-1" : "char", list.words(), t.replace("\n", "\\n"));
                    assertThat(may & presence.bit(list)).as("in the text or a cell: %s", where).isNotZero();
                }
            }
        }
        return found;
    }

    /** A header cell or any span between delimiters (a line break, '|', ',') names the type. */
    private static boolean inSomeCell(Keywords list, String t) {
        for (int s = 0; s <= t.length(); s++) {
            if (s > 0 && s < t.length() && list.inColumnHeader(t, s)) {
                return true;
            }
            if (s == 0 || "\n|,".indexOf(t.charAt(s - 1)) >= 0) {
                for (int e = s; e <= t.length(); e++) {
                    if ((e == t.length() || "\n\r|,".indexOf(t.charAt(e)) >= 0) && list.inField(t.substring(s, e))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Every list's bit. */
    private static long allBits(KeywordPresence presence, List<Keywords> lists) {
        long all = 0;
        for (Keywords list : lists) {
            all |= presence.bit(list);
        }
        return all;
    }

    /** The date-of-birth detector's keyword list. */
    private static Keywords dateOfBirthList() {
        for (Detector d : DetectorRegistry.load().create(DetectorSettings.defaults())) {
            if (d.id().startsWith("date_of_birth")) {
                return d.requiredKeywords().get(0);
            }
        }
        throw new AssertionError("no date-of-birth detector");
    }

    @Test
    void saysNoOnTextsWithoutKeywordsAndYesWhereOneIs() {
        List<Keywords> lists = builtInRequiredLists();
        KeywordPresence presence = KeywordPresence.of(lists);
        long all = allBits(presence, lists);
        String log = "2024-03-01T00:17:47.719Z DEBUG [http-nio-8080-exec-40] o.a.kafka.clients.NetworkClient - "
                + "request_id=04da50bf span_id=77 latency_ms=69 client=10.247.207.118 user since 2019, nice panel\n"
                + "808957671,683856,SKU-95456,7,19.60,137.20,2024-02-29 20:02:49,26,22774\n";
        assertThat(presence.mayOccur(log, all)).as("a log without keywords").isZero();
        assertThat(presence.mayOccur(log, true, all)).as("a log without keywords, Latin-1 pass").isZero();
        long dob = presence.bit(dateOfBirthList());
        assertThat(dob).isNotZero();
        assertThat(presence.mayOccur(log + "patient dateOfBirth 1987-03-14", all) & dob).isNotZero();
        assertThat(presence.mayOccur("name,DOB\nA,1987-03-14", all) & dob).isNotZero();
        assertThat(presence.mayOccur("born_on 1987", all) & dob).isNotZero();
        assertThat(presence.mayOccur("unborn 1987", all) & dob).as("glued into a word").isZero();
        for (String t : List.of(log + "patient dateOfBirth 1987-03-14", "name,DOB\nA,1987-03-14", "born_on 1987")) {
            assertThat(presence.mayOccur(t, true, all) & dob).as("Latin-1 pass: %s", t).isNotZero();
        }
        assertThat(presence.mayOccur("unborn 1987", true, all) & dob).as("glued into a word, Latin-1 pass").isZero();
        // The scanner's entry: the view says the text is Latin-1, and the same answers come back.
        assertThat(ScanText.of(log).latin1()).isTrue();
        assertThat(presence.mayOccur(ScanText.of(log), all)).isZero();
        assertThat(presence.mayOccur(ScanText.of("name,DOB\nA,1987-03-14"), all) & dob).isNotZero();
        assertThat(ScanText.of("生年月日 1987-03-14").latin1()).isFalse();
        assertThat(presence.mayOccur(ScanText.of("生年月日 1987-03-14"), all) & dob).isNotZero();
    }

    /** A header cell whose keyword starts at a camelCase step, at every offset of the eight-char steps. */
    @Test
    void keywordsAtACamelCaseStepAreSeenByBothPasses() {
        List<Keywords> lists = builtInRequiredLists();
        KeywordPresence presence = KeywordPresence.of(lists);
        long all = allBits(presence, lists);
        Keywords dobList = dateOfBirthList();
        long dob = presence.bit(dobList);
        for (int k = 1; k < 20; k++) {
            for (String cell : List.of("patientDob", "patientDateOfBirth", "patientBirthDate")) {
                String t = "x".repeat(k) + cell + ",zq\n1987-03-14,zq";
                assertThat(inSomeCell(dobList, t)).as("Keywords' own answer: %s", t).isTrue();
                assertThat(presence.mayOccur(t, all) & dob).as("char pass: %s", t).isNotZero();
                assertThat(presence.mayOccur(t, true, all) & dob).as("Latin-1 pass: %s", t).isNotZero();
            }
        }
    }

    @Test
    void listsPastSixtyFourAreAlwaysSaidToOccur() {
        List<Keywords> lists = new ArrayList<>();
        for (int k = 0; k < 70; k++) {
            lists.add(Keywords.of("word" + k));
        }
        KeywordPresence presence = KeywordPresence.of(lists);
        assertThat(presence.bit(lists.get(63))).isEqualTo(1L << 63);
        assertThat(presence.bit(lists.get(64))).as("no bit: never gated").isZero();
    }

    /**
     * Pieces, some recased, with joiners, digit runs, now and then letters glued on, and keywords
     * of the lists written with any joiner (or a camelCase step) for their spaces.
     */
    private static String text(Random random, List<Keywords> lists) {
        StringBuilder sb = new StringBuilder();
        int length = 5 + random.nextInt(random.nextInt(5) == 0 ? 400 : 60);
        while (sb.length() < length) {
            int kind = random.nextInt(12);
            if (kind >= 10) {
                List<String> words = lists.get(random.nextInt(lists.size())).words();
                String[] parts = words.get(random.nextInt(words.size())).split(" ", -1);
                for (int k = 0; k < parts.length; k++) {
                    String part = parts[k];
                    boolean camel = k > 0 && random.nextInt(4) == 0 && !part.isEmpty();
                    if (k > 0 && !camel) {
                        sb.append(JOINERS[random.nextInt(JOINERS.length)]);
                    }
                    sb.append(camel ? Character.toUpperCase(part.charAt(0)) + part.substring(1)
                            : random.nextInt(5) == 0 ? part.toUpperCase(Locale.ROOT) : part);
                }
            } else if (kind < 5) {
                String f = PIECES[random.nextInt(PIECES.length)];
                int recase = random.nextInt(6);
                sb.append(recase == 0 ? f.toUpperCase(Locale.ROOT)
                        : recase == 1 ? Character.toUpperCase(f.charAt(0)) + f.substring(1) : f);
            } else if (kind < 8) {
                sb.append(JOINERS[random.nextInt(JOINERS.length)]);
            } else if (kind == 8) {
                for (int d = 1 + random.nextInt(9); d > 0; d--) {
                    sb.append((char) ('0' + random.nextInt(10)));
                }
            } else {
                sb.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
            }
        }
        return sb.toString();
    }
}
