package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text layer under every detector (issue 11): what reaches the detectors is what the data
 * holds. Scripts written without spaces, invisible characters, overlapping findings, pipe tables,
 * keywords inside identifiers, percent-encoding. Every case runs the real {@link TextScanner} with
 * all built-in detectors and asserts the exact span in the original text.
 */
class TextLayerTest {
    private static final TextScanner SCANNER =
            TextScanner.create(DetectorSettings.defaults().withPhoneRegions(List.of("US", "GB")));

    private static final String CARD = "4550112159504165";
    private static final String SSN = "287-65-4321";
    private static final String IBAN = "DE89370400440532013000";
    private static final String PHONE = "+1 415 555 2671";
    private static final String EMAIL = "jane.doe@mailbox.org";

    /** A value, its type, and the text it sits in; the value must be found exactly there. */
    record Case(String name, String text, int start, int end, EntityType type) {
        static Case of(String name, String before, String value, String after, EntityType type) {
            return new Case(name, before + value + after, before.length(), before.length() + value.length(), type);
        }

        @Override
        public String toString() {
            return name + ": " + text.replace("\n", "\\n");
        }
    }

    /** The unmasked findings of the whole scanner, as "TYPE[start,end)". */
    private static List<String> unmasked(String text) {
        List<String> out = new ArrayList<>();
        for (Finding f : SCANNER.scan(text)) {
            if (f.isUnmasked()) {
                out.add(f.type().name() + "[" + f.start() + "," + f.end() + ")");
            }
        }
        return out;
    }

    private static void assertFound(Case c) {
        assertThat(unmasked(c.text())).as("%s", c).contains(c.type().name() + "[" + c.start() + "," + c.end() + ")");
    }

    /** Each value inside a sentence, at the start and at the end of the text. */
    private static void positions(List<Case> out, String name, String before, String value, String after,
            EntityType type) {
        out.add(Case.of(name + " inside", before, value, after, type));
        out.add(Case.of(name + " at start", "", value, after, type));
        out.add(Case.of(name + " at end", before, value, "", type));
    }

    private static final String[][] VALUES = {
        {CARD, "CREDIT_CARD_NUMBER"}, {SSN, "USA_SOCIAL_SECURITY_NUMBER"}, {IBAN, "IBAN"}, {PHONE, "PHONE_NUMBER"},
        {EMAIL, "EMAIL_ADDRESS"},
    };

    // --- 1. scripts written without spaces: a change of script is a token boundary

    static Stream<Case> scripts() {
        String[][] contexts = {
            {"Japanese", "お客様の番号は", "です。"},
            {"Chinese", "我的号码是", "，谢谢"},
            {"Korean", "번호는", "입니다"},
            {"Thai", "หมายเลข", "ครับ"},
            {"Arabic", "الرقم", "شكرا"},
            {"Cyrillic", "номер", "спасибо"},
            {"Hebrew", "מספר", "תודה"},
            {"Katakana prolonged mark", "カードナンバー", "ー"},
        };
        List<Case> out = new ArrayList<>();
        for (String[] c : contexts) {
            for (String[] v : VALUES) {
                positions(out, c[0] + " " + v[1], c[1], v[0], c[2], new EntityType(v[1]));
            }
        }
        out.add(Case.of("issue card", "お客様のカード番号は", CARD, "です。", EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("issue card zh", "我的信用卡号是", CARD, "，", EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("issue e-mail", "メールは", EMAIL, "です", EntityType.EMAIL_ADDRESS));
        out.add(Case.of("Cyrillic e-mail", "почта:", "иван@почта.рф", "です", EntityType.EMAIL_ADDRESS));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void aChangeOfScriptIsATokenBoundary(Case c) {
        assertFound(c);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ab4550112159504165", "4550112159504165xy", "café4550112159504165", "Ü4550112159504165",
        "x287-65-4321", "287-65-4321é", "a4155552671"})
    void latinLettersStillGlue(String text) {
        assertThat(unmasked(text)).isEmpty();
    }

    @Test
    void charsTellScriptsApart() {
        assertThat(Chars.isWordChar('a')).isTrue();
        assertThat(Chars.isWordChar('é')).isTrue();
        assertThat(Chars.isWordChar('_')).isTrue();
        assertThat(Chars.isWordChar('で')).isFalse();
        assertThat(Chars.isWordChar('Ж')).isFalse();
        assertThat(Chars.glues('で', 'す')).isTrue();
        assertThat(Chars.glues('カ', '番')).isTrue(); // Katakana and Han: one Japanese word
        assertThat(Chars.glues('で', '4')).isFalse();
        assertThat(Chars.glues('a', '+')).isTrue(); // next to a '+' or '(' that starts a value: as ASCII
        assertThat(Chars.isScriptChange('ф', 'c')).isTrue();
        assertThat(Chars.isStandalone("は4550です", 1, 5)).isTrue();
        assertThat(Chars.isStandalone("x4550", 1, 5)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cjkKeywords")
    void keywordsInScriptsWithoutSpacesAreFoundAsSubstrings(String text, boolean expected) {
        Keywords k = Keywords.of("カード番号", "信用卡", "номер карты");
        int at = text.indexOf("4550");
        assertThat(k.near(text, at, at + 4, 30)).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> cjkKeywords() {
        return Stream.of(
                Arguments.of("お客様のカード番号は4550です", true),
                Arguments.of("カード番号4550", true),
                Arguments.of("4550はカード番号です", true),
                Arguments.of("我的信用卡号是4550", true),
                Arguments.of("VISAカード番号:4550", true),
                Arguments.of("Номер карты: 4550", true),
                Arguments.of("НОМЕР КАРТЫ 4550", true),
                Arguments.of("сномер карты 4550", false), // a Cyrillic keyword glued to Cyrillic letters
                Arguments.of("ポイントカード 4550", false));
    }

    // --- 2. invisible characters are removed, offsets kept

    static Stream<Case> invisibles() {
        String[] invisible = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200E", "\u200F",
            "\u202A", "\u202C", "\u202E", "\u2066", "\u2069", "\u061C", "\u180E", "\uFE0F", "\u034F",
            "\uDB40\uDC20", "\u200B\u2060\u00AD"};
        List<Case> out = new ArrayList<>();
        for (String z : invisible) {
            String name = String.format("U+%04X", z.codePointAt(0));
            out.add(Case.of(name + " card", "Paid with ", "4550" + z + "1121" + z + "5950" + z + "4165", " today.",
                    EntityType.CREDIT_CARD_NUMBER));
            out.add(Case.of(name + " card, spaced", "Paid with ", "4550 " + z + "1121" + z + " 5950 4165", ".",
                    EntityType.CREDIT_CARD_NUMBER));
            out.add(Case.of(name + " ssn", "SSN ", "287-6" + z + "5-" + z + "4321", ".",
                    EntityType.USA_SOCIAL_SECURITY_NUMBER));
            out.add(Case.of(name + " ssn keyword", "s" + z + "sn: ", "287" + z + "654321", "",
                    EntityType.USA_SOCIAL_SECURITY_NUMBER));
            out.add(Case.of(name + " iban", "IBAN ", "DE8937" + z + "04004405" + z + "32013000", ".", EntityType.IBAN));
            out.add(Case.of(name + " iban letter-digit", "IBAN ", "DE" + z + "89370400440532013000", ".",
                    EntityType.IBAN));
            out.add(Case.of(name + " phone", "call ", "+1 415" + z + " 555 " + z + "2671", ".",
                    EntityType.PHONE_NUMBER));
            out.add(Case.of(name + " email", "mail ", "jane" + z + ".doe@mail" + z + "box.org", ".",
                    EntityType.EMAIL_ADDRESS));
            out.add(Case.of(name + " around", z, CARD, z, EntityType.CREDIT_CARD_NUMBER));
            out.add(Case.of(name + " after a word", "card" + z, CARD, z + "ok", EntityType.CREDIT_CARD_NUMBER));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invisibles")
    void invisibleCharactersDoNotSplitAValue(Case c) {
        assertFound(c);
    }

    @Test
    void invisiblesAreRemovedWithTheOffsetMapKept() {
        String s = "a\u200B4550\u00AD11";
        ScanText t = ScanText.of(s);
        assertThat(t.text()).isEqualTo("a\u200B455011"); // kept between a letter and a digit: a boundary
        assertThat(t.toOriginal(2)).isEqualTo(2);
        assertThat(t.toOriginal(6)).isEqualTo(7);
        assertThat(t.toOriginalEnd(8)).isEqualTo(s.length());
        assertThat(t.alternate().text()).isEqualTo("a455011");
        assertThat(ScanText.of("plain 4550 text").alternate()).isNull();
    }

    // --- 3. overlap resolution never hides what counts more

    private static Finding f(EntityType type, int start, int end, double confidence, boolean masked, boolean test) {
        return new Finding(type, start, end, "d", confidence, masked, test);
    }

    @Test
    void aMaskedFindingNeverHidesAnUnmaskedOne() {
        Finding maskedEmail = f(EntityType.EMAIL_ADDRESS, 0, 28, 0.99, true, false);
        Finding card = f(EntityType.CREDIT_CARD_NUMBER, 0, 16, 0.5, false, false);
        assertThat(TextScanner.resolveOverlaps(List.of(maskedEmail, card))).containsExactly(card);
    }

    @Test
    void aTestValueNeverHidesARealOneAndBeatsAMaskedOne() {
        Finding testCard = f(EntityType.CREDIT_CARD_NUMBER, 0, 16, 0.95, false, true);
        Finding phone = f(EntityType.PHONE_NUMBER, 4, 16, 0.5, false, false);
        Finding maskedPhone = f(EntityType.PHONE_NUMBER, 2, 14, 0.99, true, false);
        assertThat(TextScanner.resolveOverlaps(List.of(testCard, phone))).containsExactly(phone);
        assertThat(TextScanner.resolveOverlaps(List.of(testCard, maskedPhone))).containsExactly(testCard);
        Finding realCard = f(EntityType.CREDIT_CARD_NUMBER, 0, 16, 0.5, false, false);
        assertThat(TextScanner.resolveOverlaps(List.of(testCard, realCard))).containsExactly(realCard);
    }

    @Test
    void unmaskedFindingsOfDifferentTypesAreBothKept() {
        Finding card = f(EntityType.CREDIT_CARD_NUMBER, 0, 15, 0.8, false, false);
        Finding phone = f(EntityType.PHONE_NUMBER, 0, 15, 0.95, false, false);
        assertThat(TextScanner.resolveOverlaps(List.of(phone, card))).containsExactlyInAnyOrder(card, phone);
    }

    @Test
    void aFindingThatLosesTakesNothingDownWithIt() {
        Finding a = f(EntityType.CREDIT_CARD_NUMBER, 0, 10, 0.8, false, false);
        Finding b = f(EntityType.CREDIT_CARD_NUMBER, 5, 20, 0.9, false, false);
        Finding c = f(EntityType.CREDIT_CARD_NUMBER, 15, 30, 0.95, false, false);
        assertThat(TextScanner.resolveOverlaps(List.of(a, b, c))).containsExactly(a, c);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4550112159504165@example.com", "mail 4550112159504165@example.org now",
        "4550112159504165@gmail.com", "<4550112159504165@test>", "4550112159504165@mailbox.org"})
    void aCardInsideAnEmailAddressIsReported(String text) {
        int at = text.indexOf(CARD);
        assertFound(new Case("card in address", text, at, at + CARD.length(), EntityType.CREDIT_CARD_NUMBER));
    }

    // --- 4. pipe-delimited tables: every cell is a token

    static Stream<Case> pipes() {
        List<Case> out = new ArrayList<>();
        String[][] layouts = {{"|", "|"}, {" | ", " |"}, {"| ", " |"}, {" |", "| "}};
        for (String[] l : layouts) {
            for (String[] v : VALUES) {
                String name = "'" + l[0] + "' " + v[1];
                // The value between other cells, first and last in its row, and next to each other value.
                out.add(Case.of(name + " middle", "1" + l[0] + "Jane" + l[0], v[0], l[0] + "x" + l[1],
                        new EntityType(v[1])));
                out.add(Case.of(name + " first", l[1].strip(), v[0], l[0] + "Jane", new EntityType(v[1])));
                out.add(Case.of(name + " last", "Jane" + l[0], v[0], l[1].strip(), new EntityType(v[1])));
                for (String[] w : VALUES) {
                    out.add(Case.of(name + " before " + w[1], "", v[0], l[0] + w[0], new EntityType(v[1])));
                    out.add(Case.of(name + " after " + w[1], w[0] + l[0], v[0], "", new EntityType(v[1])));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipes")
    void everyValueBetweenPipesIsAToken(Case c) {
        assertFound(c);
    }

    @Test
    void aWholePsqlAndMarkdownTableIsFoundCellByCell() {
        String psql = """
                 id | name | ssn         | email                | card                | phone           | iban
                ----+------+-------------+----------------------+---------------------+-----------------+-------
                  1 | Jane | 287-65-4321 | jane.doe@mailbox.org | 4550 1121 5950 4165 | (415) 555-2671  | DE89 3704 0044 0532 0130 00
                """;
        assertThat(unmasked(psql)).hasSize(5);
        String markdown = "| ssn | email |\n|---|:---:|\n|287-65-4321|jane.doe@mailbox.org|\n";
        assertThat(unmasked(markdown)).hasSize(2);
    }

    static Stream<Arguments> headers() {
        String far = " | customer_name | customer_billing_address_line | ";
        return Stream.of(
                Arguments.of("id" + far + "ssn\n1 | Jane Doe | 12 Long Street, Springfield, IL | 287654321", true),
                Arguments.of("| id" + far + "ssn |\n|---|---|---|---|\n| 1 | Jane | 12 Long Street, Springfield | "
                        + "287654321 |", true),
                Arguments.of(" id" + far + "SSN\n----+------+------+-----\n  1 | Jane | 12 Long Street, Springfield | "
                        + "287654321", true),
                Arguments.of("id|name|address|social_security_number\n1|Jane Doe|12 Long Street, Springfield, IL|"
                        + "287654321\n2|John Roe|14 Long Street, Springfield, IL|287654321", true),
                Arguments.of("id" + far + "order_no\n1 | Jane Doe | 12 Long Street, Springfield, IL | 287654321", false),
                Arguments.of("ssn" + far + "order_no\n1 | Jane Doe | 12 Long Street, Springfield, IL | 287654321", false),
                // no header: the first row is data, and a blank line ends a table
                Arguments.of("ssn\n\nid" + far + "x\n1 | Jane Doe | 12 Long Street, Springfield, IL | 287654321", false),
                // CSV rows pasted into a text: commas inside quotes are no cell borders
                Arguments.of("id,name,address,ssn,note\n1001,\"Doe, Jane\",\"12 Long Street, Springfield, IL\",287654321,ok\n"
                        + "1002,\"Roe, John\",\"14 Long Street, Springfield, IL\",536221047,ok", true),
                Arguments.of("id,name,address,order_no,note\n1001,\"Doe, Jane\",\"12 Long Street\",287654321,ok", false),
                // a quoted cell is not a column of its own, and a sentence above is no header
                Arguments.of("id,name,ssn\n1000,\"Roe of 14 Long Street in Springfield\",x\n1001,\"Doe, 287654321\",x", false),
                Arguments.of("We asked for the ssn, the name, and the order number, then wrote it down\n"
                        + "a,b,287654321", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void aHeaderCellNamesTheValuesInItsColumn(String table, boolean ssn) {
        List<String> found = unmasked(table);
        assertThat(found.stream().anyMatch(s -> s.startsWith("USA_SOCIAL_SECURITY_NUMBER"))).as(table).isEqualTo(ssn);
    }

    // --- 5. keywords inside identifiers

    static Stream<Case> identifiers() {
        List<Case> out = new ArrayList<>();
        EntityType ssn = EntityType.USA_SOCIAL_SECURITY_NUMBER;
        EntityType phone = EntityType.PHONE_NUMBER;
        // Nine bare digits are an SSN only next to a keyword; ten a phone number only next to one.
        out.add(Case.of("camelCase", "taxpayerSsn = \"", "287654321", "\";", ssn));
        out.add(Case.of("camelCase acronym", "{\"taxpayerSSN\": \"", "287654321", "\"}", ssn));
        out.add(Case.of("acronym then word", "SSNValue=", "287654321", "", ssn));
        out.add(Case.of("two words camelCase", "socialSecurityNumber: ", "287654321", "", ssn));
        out.add(Case.of("two words snake", "social_security_number: ", "287654321", "", ssn));
        out.add(Case.of("query string", "social+security=", "287654321", "", ssn));
        out.add(Case.of("dotted", "user.ssn=", "287654321", "", ssn));
        out.add(Case.of("sigil", "$ssn = ", "287654321", ";", ssn));
        out.add(Case.of("SCREAMING_SNAKE", "TAXPAYER_SSN=", "287654321", "", ssn));
        out.add(Case.of("snake phone", "String customer_phone = \"", "4155552671", "\";", phone));
        out.add(Case.of("camel phone", "mobilePhone: ", "4155552671", "", phone));
        out.add(Case.of("camel phone number", "customerPhoneNumber=", "4155552671", "", phone));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifiers")
    void aKeywordInsideAnIdentifierNamesTheValue(Case c) {
        assertFound(c);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cardNumber: 4550112159504165", "CARD_NO=4550112159504165", "ccNum 4550112159504165",
        "payment_card=4550112159504165"})
    void aCardKeywordInsideAnIdentifierRaisesTheConfidence(String text) {
        assertThat(SCANNER.scan(text)).singleElement().satisfies(f -> assertThat(f.confidence()).isGreaterThanOrEqualTo(0.9));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lessness 287654321", "LESSNESS 287654321", "classNumber 287654321", "Issn 287654321",
        "ISSN 287654321", "passNo 287654321", "grassnake 287654321", "compassNumber=287654321"})
    void aKeywordIsNotFoundInsideOrdinaryWords(String text) {
        assertThat(unmasked(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Jane Doe PhD, 4155552671", "Jane Doe, PhD 4155552671"})
    void aTitleIsNoKeyword(String text) {
        // "ph" is a phone keyword; "PhD" is not "Ph" + "D": ten bare digits with no keyword are no phone number.
        assertThat(unmasked(text)).isEmpty();
    }

    // --- 6. percent-encoding (and '+' between digits) decoded as a second view

    static Stream<Case> encoded() {
        List<Case> out = new ArrayList<>();
        out.add(Case.of("card %20", "GET /pay?q=", "4550%201121%205950%204165", "&x=1 HTTP/1.1",
                EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("card lower hex", "q=", "4550%2d1121%2d5950%2d4165", "", EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("card +", "q=", "4550+1121+5950+4165", "&page=2", EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("card fullwidth UTF-8", "card=", "%EF%BC%94550112159504165", "",
                EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("card zero-width UTF-8", "c=", "4550%E2%80%8B1121%E2%80%8B5950%E2%80%8B4165", "",
                EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("card at start", "", "4550%201121%205950%204165", "", EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("ssn keyword %20", "q=SSN%20", "287-65-4321", "", EntityType.USA_SOCIAL_SECURITY_NUMBER));
        out.add(Case.of("bare ssn keyword %3A", "q=SSN%3A", "287654321", "&x", EntityType.USA_SOCIAL_SECURITY_NUMBER));
        out.add(Case.of("phone %2B", "tel=", "%2B1%20415%20555%202671", "", EntityType.PHONE_NUMBER));
        out.add(Case.of("phone GB", "tel=", "%2B44%2020%207123%204567", "&y=1", EntityType.PHONE_NUMBER));
        out.add(Case.of("email %40", "to=", "jane.doe%40mailbox.org", "&x=1", EntityType.EMAIL_ADDRESS));
        out.add(Case.of("email at end", "mailto:", "jane.doe%40mailbox.org", "", EntityType.EMAIL_ADDRESS));
        out.add(Case.of("iban %20", "iban=", "DE89%203704%200044%200532%200130%2000", "", EntityType.IBAN));
        out.add(Case.of("raw view kept", "rate 5%", CARD, " ok", EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("email encoded twice", "redirect=%2Fmail%3Fto%3D", "jane.doe%2540mailbox.org", "",
                EntityType.EMAIL_ADDRESS));
        out.add(Case.of("card encoded twice", "q%3D", "4550%25201121%25205950%25204165", "",
                EntityType.CREDIT_CARD_NUMBER));
        out.add(Case.of("card encoded three times", "", "4550%2525201121%2525205950%2525204165", "",
                EntityType.CREDIT_CARD_NUMBER));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoded")
    void percentEncodedValuesAreFoundAtTheirEncodedSpan(Case c) {
        assertFound(c);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100%25 sure, 50% off", "%zz%4 %", "%C3%28 %E2%82 %F5%80%80%80 %C0%AF", "1+1=2 and 3+4=7"})
    void harmlessOrBrokenEscapesFindNothing(String text) {
        assertThat(SCANNER.scan(text)).isEmpty();
    }

    @Test
    void theDecodedViewMapsEveryCharBackToItsEscape() {
        String s = "a%20b%E2%82%ACc+1+2";
        ScanText t = ScanText.of(s);
        assertThat(t.text()).isEqualTo(s);
        ScanText d = t.alternate();
        assertThat(d.text()).isEqualTo("a b\u20ACc+1 2");
        assertThat(d.toOriginal(1)).isEqualTo(1);
        assertThat(d.toOriginalEnd(2)).isEqualTo(4);
        assertThat(d.toOriginal(3)).isEqualTo(5);
        assertThat(d.toOriginalEnd(4)).isEqualTo(14);
        assertThat(d.toString()).doesNotContain("b");
    }

    @Test
    void fingerprintsIgnoreEncodingAndInvisibles() {
        String plain = Fingerprinter.canonical("4550 1121 5950 4165", false);
        assertThat(Fingerprinter.canonical("4550%201121%205950%204165", false)).isEqualTo(plain);
        assertThat(Fingerprinter.canonical("4550\u200B1121\u200B5950\u200B4165", false)).isEqualTo(plain);
        assertThat(Fingerprinter.canonical("jane.doe%40mailbox.org", true)).isEqualTo("jane.doe@mailbox.org");
        assertThat(Fingerprinter.canonical("jane.doe%2540mailbox.org", true)).isEqualTo("jane.doe@mailbox.org");
        assertThat(Fingerprinter.canonical("jane\u200B.doe@mailbox.org", true)).isEqualTo("jane.doe@mailbox.org");
    }
}
