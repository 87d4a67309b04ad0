package dev.piigate.jobs.macie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.macie.MacieObject.Detection;
import dev.piigate.jobs.macie.MacieObject.Location;
import dev.piigate.jobs.macie.Reconciliation.Disagreement;
import dev.piigate.jobs.macie.Reconciliation.Outcome;
import dev.piigate.jobs.macie.Reconciliation.Ours;
import dev.piigate.jobs.macie.Reconciliation.Scanned;
import dev.piigate.jobs.macie.Reconciliation.TypeResult;

/** The reconciliation as a table: one object, our findings, Macie's records, the expected outcome. */
class ReconciliationTest {
    static final TypeMapping MAPPING = new TypeMapping(Map.of("4f3c2b1a-uuid", "EMAIL_ADDRESS"));
    static final String CARD = "CREDIT_CARD_NUMBER";
    static final String SSN = "USA_SOCIAL_SECURITY_NUMBER";
    static final String PHONE = "PHONE_NUMBER";

    static Scanned scanned(long size, String etag, Map<String, Long> unmasked) {
        return new Scanned("file:/data/x", size, etag, true, unmasked);
    }

    static Ours ours(long record, String field, String type) {
        return new Ours(record, field, 0, 10, type, false, false, true);
    }

    static Ours noKeyword(long record, String field, String type) {
        return new Ours(record, field, 0, 10, type, false, false, false);
    }

    static Ours test(long record, String field, String type) {
        return new Ours(record, field, 0, 10, type, false, true, true);
    }

    static Ours masked(long record, String field, String type) {
        return new Ours(record, field, 0, 10, type, true, false, true);
    }

    static Location at(long record, String field) {
        return new Location(record, record, field, "record " + record);
    }

    static Detection det(String type, Location... at) {
        return new Detection(type, null, null, at.length, false, List.of(at));
    }

    static MacieObject result(long size, String etag, Detection... d) {
        return new MacieObject(MacieObject.RESULT, "r1", "job", "2025-06-03T01:16:05Z", "b", "k", etag, size, "COMPLETE",
                null, null, List.of(d));
    }

    static MacieObject finding(long size, Detection... d) {
        return new MacieObject(MacieObject.FINDING, "f1", "job", "2025-06-03T01:17:42.518Z", "b", "k", null, size,
                "COMPLETE", null, null, List.of(d));
    }

    /** category + type + record + reason, the part of a disagreement the table checks. */
    static List<String> brief(Outcome o) {
        List<String> out = new ArrayList<>();
        for (Disagreement d : o.disagreements()) {
            out.add(d.category() + " " + d.type() + " " + d.record() + (d.reason() == null ? "" : " " + d.reason()));
        }
        return out;
    }

    static Stream<Arguments> occurrences() {
        return Stream.of(
                Arguments.of("same record, same field", List.of(ours(0, "ssn", SSN)),
                        result(100, null, det(SSN, at(0, "ssn"))), List.of(), 1L, 0L, 0L),
                Arguments.of("Macie only", List.of(),
                        result(100, null, det("UK_PHONE_NUMBER", at(1, "phone"))), List.of("MACIE_ONLY PHONE_NUMBER 1"),
                        0L, 1L, 0L),
                Arguments.of("ours only, no keyword", List.of(noKeyword(1, "notes", SSN)), result(100, null),
                        List.of("OURS_ONLY USA_SOCIAL_SECURITY_NUMBER 1 NO_KEYWORD"), 0L, 0L, 1L),
                Arguments.of("ours only, with a keyword: reason unknown", List.of(ours(1, "notes", SSN)),
                        result(100, null), List.of("OURS_ONLY USA_SOCIAL_SECURITY_NUMBER 1"), 0L, 0L, 1L),
                Arguments.of("ours only, a test number Macie suppresses", List.of(test(3, "card", CARD)),
                        result(100, null), List.of("OURS_ONLY CREDIT_CARD_NUMBER 3 TEST_VALUE"), 0L, 0L, 1L),
                Arguments.of("ours only, a type Macie has no identifier for", List.of(ours(2, "email", "EMAIL_ADDRESS")),
                        result(100, null), List.of(), 0L, 0L, 0L),
                Arguments.of("different record", List.of(ours(4, "ssn", SSN)), result(100, null, det(SSN, at(5, "ssn"))),
                        List.of("MACIE_ONLY USA_SOCIAL_SECURITY_NUMBER 5", "OURS_ONLY USA_SOCIAL_SECURITY_NUMBER 4"), 0L,
                        1L, 1L),
                Arguments.of("same record, other field", List.of(ours(0, "$.a", CARD)),
                        result(100, null, det(CARD, at(0, "$.b"))),
                        List.of("MACIE_ONLY CREDIT_CARD_NUMBER 0", "OURS_ONLY CREDIT_CARD_NUMBER 0"), 0L, 1L, 1L),
                Arguments.of("missing jsonPath matches by record", List.of(ours(1, "$.messages[0].text", "IBAN")),
                        result(100, null, det("GERMANY_BANK_ACCOUNT_NUMBER", at(1, null))), List.of(), 1L, 0L, 0L),
                Arguments.of("truncated jsonPath matches the paths it begins", List.of(ours(1, "$.messages[0].text", CARD)),
                        result(100, null, det(CARD, at(1, "$.messages[0]..."))), List.of(), 1L, 0L, 0L),
                Arguments.of("no-keyword card id is our card type", List.of(noKeyword(3, "$.t", CARD)),
                        result(100, null, det("CREDIT_CARD_NUMBER_(NO_KEYWORD)", at(3, "$.t"))), List.of(), 1L, 0L, 0L),
                Arguments.of("Macie at a value we call masked", List.of(masked(2, "ssn", SSN)),
                        result(100, null, det(SSN, at(2, "ssn"))),
                        List.of("MACIE_ONLY USA_SOCIAL_SECURITY_NUMBER 2 OURS_MASKED"), 0L, 1L, 0L),
                Arguments.of("our masked values Macie does not list are no disagreement",
                        List.of(masked(2, "ssn", SSN)), result(100, null), List.of(), 0L, 0L, 0L),
                Arguments.of("a line range spanning two lines", List.of(ours(31, "content", PHONE)),
                        result(100, null, new Detection(PHONE, null, null, 1, false,
                                List.of(new Location(30, 31, null, "lines 31-32")))), List.of(), 1L, 0L, 0L),
                Arguments.of("a located finding is not taken by a location without a field",
                        List.of(ours(0, "ssn", SSN), ours(0, "notes", SSN)),
                        result(100, null, det(SSN, at(0, null), at(0, "ssn"))), List.of(), 2L, 0L, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("occurrences")
    void occurrences(String name, List<Ours> ours, MacieObject macie, List<String> disagreements, long agree,
            long macieOnly, long oursOnly) {
        Outcome o = Reconciliation.reconcile(scanned(100, null, Map.of()), ours, List.of(macie), MAPPING, false);
        assertThat(o.category()).isEqualTo(Reconciliation.COMPARED);
        List<String> expected = new ArrayList<>(disagreements);
        if (name.contains("type Macie has no identifier")) {
            // EMAIL_ADDRESS is mapped in this table (custom id): use a mapping without it
            o = Reconciliation.reconcile(scanned(100, null, Map.of()), ours, List.of(macie), new TypeMapping(Map.of()),
                    false);
            expected = List.of("OURS_ONLY EMAIL_ADDRESS 2 TYPE_NOT_CONFIGURED");
            oursOnly = 1;
        }
        assertThat(brief(o)).containsExactlyInAnyOrderElementsOf(expected);
        long a = 0;
        long m = 0;
        long u = 0;
        for (TypeResult t : o.types().values()) {
            assertThat(t.level()).isEqualTo(Reconciliation.OCCURRENCE);
            a += t.agree();
            m += t.macieOnly();
            u += t.oursOnly();
        }
        assertThat(new long[] {a, m, u}).containsExactly(agree, macieOnly, oursOnly);
    }

    @Test
    void objectCategories() {
        Scanned s = scanned(100, "\"abc\"", Map.of(SSN, 1L));
        List<Ours> ours = List.of(ours(0, "ssn", SSN));
        assertThat(Reconciliation.reconcile(s, ours, List.of(), MAPPING, false).category())
                .isEqualTo(Reconciliation.NOT_IN_MACIE);
        assertThat(Reconciliation.reconcile(s, ours, List.of(result(99, "abc")), MAPPING, false).category())
                .as("size differs").isEqualTo(Reconciliation.STALE);
        assertThat(Reconciliation.reconcile(s, ours, List.of(result(100, "def")), MAPPING, false).category())
                .as("ETag differs").isEqualTo(Reconciliation.STALE);
        assertThat(Reconciliation.reconcile(s, ours, List.of(result(100, "ABC")), MAPPING, false).category())
                .as("ETag compared without quotes and case").isEqualTo(Reconciliation.COMPARED);
        assertThat(Reconciliation.reconcile(scanned(100, null, Map.of()), ours, List.of(result(100, "abc")), MAPPING,
                false).category()).as("no ETag of ours (a local copy): size decides").isEqualTo(Reconciliation.COMPARED);
        MacieObject skipped = new MacieObject(MacieObject.RESULT, "r2", "job", "2025-06-04T00:00:00Z", "b", "k", "abc",
                100, "SKIPPED", "PERMISSION_DENIED", null, List.of());
        Outcome o = Reconciliation.reconcile(s, ours, List.of(result(99, "old"), skipped), MAPPING, false);
        assertThat(o.category()).isEqualTo(Reconciliation.MACIE_SKIPPED);
        assertThat(o.macieReason()).isEqualTo("PERMISSION_DENIED");
        assertThat(o.types()).isEmpty();
    }

    @Test
    void aCurrentResultWinsOverAStaleOneAndOverAFinding() {
        Scanned s = scanned(100, null, Map.of(SSN, 1L));
        Outcome o = Reconciliation.reconcile(s, List.of(ours(0, "ssn", SSN)), List.of(
                finding(100, det(SSN, at(0, "ssn"), at(1, "ssn"))), result(50, null, det(SSN)),
                result(100, null, det(SSN, at(0, "ssn")))), MAPPING, false);
        assertThat(o.source()).isEqualTo(MacieObject.RESULT);
        assertThat(o.types().get(SSN).agree()).isEqualTo(1);
        assertThat(o.disagreements()).isEmpty();
    }

    @Test
    void aFindingAloneIsComparedByCounts() {
        Scanned s = scanned(100, null, Map.of(SSN, 1L, CARD, 2L));
        Outcome o = Reconciliation.reconcile(s, List.of(), List.of(finding(100,
                new Detection(SSN, null, null, 40, true, List.of(at(0, "ssn"))), det(CARD, at(3, "c")))), MAPPING, false);
        assertThat(o.types().get(SSN)).isEqualTo(new TypeResult(Reconciliation.OBJECT, 40, 1, 1, 39, 0, true, 39, null));
        assertThat(o.types().get(CARD)).isEqualTo(new TypeResult(Reconciliation.OBJECT, 1, 2, 1, 0, 1, false, 0, null));
        assertThat(o.disagreements()).isEmpty();
    }

    @Test
    void ourFindingsCutAtTheLimitAreComparedByCounts() {
        Scanned s = new Scanned("file:/x", 100, null, false, Map.of(SSN, 5L));
        Outcome o = Reconciliation.reconcile(s, List.of(ours(0, "ssn", SSN)), List.of(result(100, null,
                det(SSN, at(0, "ssn"), at(9, "ssn")))), MAPPING, false);
        assertThat(o.types().get(SSN).level()).isEqualTo(Reconciliation.OBJECT);
        assertThat(o.types().get(SSN).oursOnly()).isEqualTo(3);
    }

    @Test
    void macieListCutAtItsLimit() {
        // Macie counted 5 and listed 2 (both ours); we have 2 more unlisted, and Macie 1 more than that.
        Scanned s = scanned(100, null, Map.of(SSN, 4L));
        List<Ours> ours = List.of(ours(0, "ssn", SSN), ours(1, "ssn", SSN), ours(2, "ssn", SSN), ours(3, "ssn", SSN));
        Outcome o = Reconciliation.reconcile(s, ours, List.of(result(100, null, new Detection(SSN, null, null, 5, true,
                List.of(at(0, "ssn"), at(1, "ssn"))))), MAPPING, false);
        TypeResult t = o.types().get(SSN);
        assertThat(t).isEqualTo(new TypeResult(Reconciliation.OCCURRENCE, 5, 4, 4, 1, 0, true, 1, null));
        assertThat(brief(o)).containsExactly("OURS_ONLY USA_SOCIAL_SECURITY_NUMBER 2 MACIE_LOCATIONS_TRUNCATED",
                "OURS_ONLY USA_SOCIAL_SECURITY_NUMBER 3 MACIE_LOCATIONS_TRUNCATED");
    }

    @Test
    void macieOnlyRecordsLeaveOutRecordsWeAlreadyCount() {
        // Two Macie-only phones: one in a record where we already count a phone, one in a clean record.
        Scanned s = scanned(100, null, Map.of(PHONE, 1L));
        Outcome o = Reconciliation.reconcile(s, List.of(ours(0, "a", PHONE)), List.of(result(100, null,
                det(PHONE, at(0, "a"), at(0, "b"), at(4, "a")))), MAPPING, false);
        assertThat(o.types().get(PHONE).macieOnly()).isEqualTo(2);
        assertThat(o.types().get(PHONE).macieOnlyRecords()).isEqualTo(1);
    }

    @Test
    void unmappedMacieTypesAreReportedNotCompared() {
        Outcome o = Reconciliation.reconcile(scanned(100, null, Map.of()), List.of(), List.of(result(100, null,
                det("NAME", at(0, null)), det("BANK_ACCOUNT_NUMBER", at(1, null)),
                new Detection(null, "other-uuid", "employee-id", 2, false, List.of()),
                new Detection(null, "4f3c2b1a-uuid", "email", 1, false, List.of(at(2, "email"))))), MAPPING, false);
        assertThat(o.unmapped()).containsExactlyInAnyOrderEntriesOf(Map.of("NAME", 1L, "BANK_ACCOUNT_NUMBER", 1L,
                "custom:employee-id", 2L));
        assertThat(brief(o)).containsExactly("MACIE_ONLY EMAIL_ADDRESS 2");
    }

    @Test
    void typeMapping() {
        TypeMapping m = new TypeMapping(Map.of("employee-id", "EMPLOYEE_ID"));
        assertThat(m.ourType("CREDIT_CARD_NUMBER_(NO_KEYWORD)", null, null)).isEqualTo(CARD);
        assertThat(m.ourType("GERMANY_BANK_ACCOUNT_NUMBER", null, null)).isEqualTo("IBAN");
        assertThat(m.ourType("UK_BANK_ACCOUNT_NUMBER", null, null)).isEqualTo("IBAN");
        assertThat(m.ourType("BANK_ACCOUNT_NUMBER", null, null)).isNull();
        assertThat(m.ourType("USA_PHONE_NUMBER", null, null)).isEqualTo(PHONE);
        assertThat(m.ourType("USA_SOCIAL_SECURITY_NUMBER", null, null)).isEqualTo(SSN);
        for (String credential : List.of("AWS_CREDENTIALS", "GCP_API_KEY", "HTTP_BASIC_AUTH_HEADER", "JSON_WEB_TOKEN",
                "OPENSSH_PRIVATE_KEY", "PGP_PRIVATE_KEY", "PKCS", "PUTTY_PRIVATE_KEY", "STRIPE_CREDENTIALS")) {
            assertThat(m.ourType(credential, null, null)).as(credential).isEqualTo(credential);
            assertThat(m.coveredTypes()).contains(credential);
        }
        for (String id : List.of("UK_NATIONAL_INSURANCE_NUMBER", "CANADA_SOCIAL_INSURANCE_NUMBER", "INDIA_AADHAAR_NUMBER",
                "INDIA_PERMANENT_ACCOUNT_NUMBER", "BRAZIL_CPF_NUMBER", "SPAIN_DNI_NUMBER", "SPAIN_NIE_NUMBER",
                "FRANCE_NATIONAL_IDENTIFICATION_NUMBER", "ITALY_NATIONAL_IDENTIFICATION_NUMBER", "MEXICO_CURP_NUMBER",
                "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "DATE_OF_BIRTH")) {
            assertThat(m.ourType(id, null, null)).as(id).isEqualTo(id);
            assertThat(TypeMapping.keywordRequired(id)).as(id).isTrue();
            assertThat(m.coveredTypes()).contains(id);
        }
        assertThat(m.ourType("SPAIN_NIF_NUMBER", null, null)).isEqualTo("SPAIN_DNI_NUMBER");
        assertThat(m.coveredTypes()).doesNotContain("IP_ADDRESS");
        assertThat(m.ourType("NAME", null, null)).isNull();
        assertThat(m.ourType(null, "some-uuid", "employee-id")).isEqualTo("EMPLOYEE_ID");
        assertThat(m.ourType(null, "some-uuid", "other")).isNull();
        assertThat(m.coveredTypes()).contains("EMPLOYEE_ID").doesNotContain("EMAIL_ADDRESS");
    }
}
