package dev.piigate.jobs.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;

/**
 * Issue 11, per-detector recall: values that went through as PASS because a detector did not know
 * their written form. Each file below holds only values of one such class (regional card schemes,
 * an issuer in no table named a card, card and phone and account words in other languages,
 * messaging verbs, '+' numbers followed by more digits, IBANs in national groupings, the US SSN
 * named in Spanish or Japanese), in a real format (JSON Lines, CSV, text), so a miss leaves its
 * object clean. One real scan must count every value and block; a second scan of hard negatives
 * (Luhn-valid order ids, an ICCID, ISBNs, sort codes, dates, bare numbers after "text") must pass.
 * No planted value may appear in any output, stdout or stderr.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenDetectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static HostileRun hostile;
    private static HostileRun negatives;
    /** Every value planted, as written. */
    private static final List<String> planted = new ArrayList<>();


    @BeforeAll
    static void scan() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        // Regional schemes, no card word anywhere: the issuer table knows them now.
        HostileRun.write(data.resolve("regional-cards.jsonl"),
                json("note", "Lagos branch, ref " + plant("5060 9978 7789 3282")),
                json("note", "Sao Paulo " + plant("5067004701746811")),
                json("note", "Mumbai " + plant("8172-5145-0612-3103")),
                json("note", "Istanbul " + plant("9792 0561 6630 4944")),
                json("note", "Tashkent " + plant("9860 4095 4611 1397")));
        // Issuer in no table, Luhn-valid, named a card by the text or by the field.
        HostileRun.write(data.resolve("unknown-issuer.jsonl"),
                json("note", "Card number: " + plant("9999 9160 1108 4366")),
                json("cardNumber", plant("1234899143301464")),
                json("note", "fleet card " + plant("7000469748212372") + " for diesel"));
        // Card and account words in Japanese, Chinese, Korean, German, as CSV columns and in text.
        HostileRun.write(data.resolve("cjk-words.csv"),
                "カード番号,notes",
                plant("1234 8991 4330 1464") + ",信用卡号 " + plant("9999-9160-1108-4366"),
                plant("3141152758929007") + ",카드번호 " + plant("3141-1527-5892-9007") + " 계좌번호 "
                        + plant("DE89-3704-0044-0532-0130-00"));
        // Messaging verbs and phone words in other languages before a bare national number, and '+'
        // numbers whose cluster libphonenumber rejects as a whole. US numbers: the default region.
        HostileRun.write(data.resolve("phones.txt"),
                "text me at " + plant("4155552671") + " tonight",
                "WhatsApp me on " + plant("2127365000"),
                "電話番号 " + plant("6502530000"),
                "手机：" + plant("3125557890"),
                "Telefonnummer " + plant("7135551234"),
                "London " + plant("+44 20 7123 4567") + " 2024 rows",
                "Mumbai " + plant("+91 9876 543 210") + " 45 at the desk");
        // IBANs in national groupings, dashes or dots, named by a bank word.
        HostileRun.write(data.resolve("accounts.jsonl"),
                json("note", "RIB/IBAN : " + plant("FR76 30006 00001 12345678901 89")),
                json("note", "Kontonummer " + plant("DE89.3704.0044.0532.0130.00")),
                json("note", "口座番号：" + plant("ES91 2100 0418 45 0200051332")));
        HostileRun.write(data.resolve("ssn-named.txt"),
                "Número de Seguro Social: " + plant("536221047"),
                "社会保障番号 " + plant("772315809"));

        Path clean = Files.createDirectories(tmp.resolve("negatives"));
        HostileRun.write(clean.resolve("look-alikes.txt"),
                "Order 1234899143301464 shipped on 2024-01-15",
                "payment reference 9999916011084366, credit note 9999 9160 1108 4366",
                "SIM card 8901211785025517162 and IMEI 490154203237518",
                "gift card for the book, ISBN 9784925899130; library card ISBN 978-3-16-148410-0",
                "Bank sort code 20-00-00, account 55779911, card expiry 12/27",
                "text 4155552671 lines, message 2125550143 sent",
                "ref DE89-3704-0044-0532-0130-00 is an order, +999 123 456 789 is no country");

        spark = SparkTestSession.start();
        hostile = HostileRun.scan(data, tmp.resolve("out-hostile"));
        negatives = HostileRun.scan(clean, tmp.resolve("out-negatives"));
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static String plant(String value) {
        planted.add(value);
        return value;
    }

    private static String json(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }




    /** The object is COMPLETE, every record holds unmasked PII, and each type counts as planned. */
    private static void assertCounted(String file, long records, Map<String, Long> unmaskedByType) {
        JsonNode o = hostile.object(file);
        assertThat(o.get("status").asText()).as(file + ": " + o).isEqualTo("COMPLETE");
        assertThat(o.get("records").asLong()).as(file + ": " + o).isEqualTo(records);
        assertThat(o.get("recordsUnmasked").asLong()).as(file + ": every record counted, " + o).isEqualTo(records);
        for (Map.Entry<String, Long> e : unmaskedByType.entrySet()) {
            assertThat(HostileRun.unmasked(o, e.getKey())).as(file + " " + e.getKey() + ": " + o).isEqualTo(e.getValue());
        }
    }

    @Test
    void theHostileScanBlocks() {
        assertThat(hostile.status()).as(hostile.err()).isEqualTo(Main.BLOCK);
        assertThat(hostile.report().get("verdict").get("decision").asText()).isEqualTo("BLOCK");
    }

    @Test
    void regionalCardSchemesCountWithoutAKeyword() {
        assertCounted("regional-cards.jsonl", 5, Map.of("CREDIT_CARD_NUMBER", 5L));
    }

    @Test
    void anIssuerInNoTableCountsWhenNamedACard() {
        assertCounted("unknown-issuer.jsonl", 3, Map.of("CREDIT_CARD_NUMBER", 3L));
    }

    @Test
    void cardAndAccountWordsInOtherLanguagesCount() {
        // CSV: the header is record 0's "$header" field, data rows are records 0 and 1.
        assertCounted("cjk-words.csv", 2, Map.of("CREDIT_CARD_NUMBER", 4L, "IBAN", 1L));
    }

    @Test
    void messagingVerbsForeignPhoneWordsAndPlusNumbersFollowedByDigitsCount() {
        assertCounted("phones.txt", 7, Map.of("PHONE_NUMBER", 7L));
    }

    @Test
    void ibansInNationalGroupingsCountNextToABankWord() {
        assertCounted("accounts.jsonl", 3, Map.of("IBAN", 3L));
    }

    @Test
    void theUsSsnNamedInSpanishOrJapaneseCounts() {
        assertCounted("ssn-named.txt", 2, Map.of("USA_SOCIAL_SECURITY_NUMBER", 2L));
    }

    @Test
    void hardNegativesStaySilentAndPass() {
        JsonNode o = negatives.object("look-alikes.txt");
        assertThat(o.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(o.get("recordsUnmasked").asLong()).as(o.toString()).isZero();
        assertThat(negatives.status()).as(negatives.out() + negatives.err()).isEqualTo(Main.PASS);
    }

    @Test
    void noPlantedValueLeavesTheScanner() throws IOException {
        String outputs = Leaks.readTree(hostile.outDir()) + Leaks.readTree(negatives.outDir());
        assertThat(outputs).contains("CREDIT_CARD_NUMBER", "PHONE_NUMBER", "IBAN", "USA_SOCIAL_SECURITY_NUMBER");
        List<String> leaks = Leaks.find(Map.of("outputs", outputs, "stdout", hostile.out() + negatives.out(),
                "stderr", hostile.err() + negatives.err()), planted, "[\\s\\-().+/:.]");
        assertThat(planted).hasSizeGreaterThanOrEqualTo(25);
        assertThat(leaks).isEmpty();
    }
}
