package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.IndependentIds.AADHAAR;
import static dev.piigate.jobs.eval.IndependentIds.CF;
import static dev.piigate.jobs.eval.IndependentIds.CPF;
import static dev.piigate.jobs.eval.IndependentIds.CURP;
import static dev.piigate.jobs.eval.IndependentIds.DNI;
import static dev.piigate.jobs.eval.IndependentIds.DOB;
import static dev.piigate.jobs.eval.IndependentIds.IP;
import static dev.piigate.jobs.eval.IndependentIds.ITIN;
import static dev.piigate.jobs.eval.IndependentIds.NIE;
import static dev.piigate.jobs.eval.IndependentIds.NINO;
import static dev.piigate.jobs.eval.IndependentIds.NIR;
import static dev.piigate.jobs.eval.IndependentIds.PAN;
import static dev.piigate.jobs.eval.IndependentIds.SIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.piigate.jobs.eval.Evaluate.RealSet;
import dev.piigate.jobs.eval.IdValues.Written;
import dev.piigate.jobs.eval.Scorer.Found;
import dev.piigate.jobs.eval.Scorer.Result;
import dev.piigate.jobs.eval.Scorer.TypeScore;

import dev.piigate.jobs.testing.CheckDigits;

/**
 * Issue 13's half of the evaluation: its records leave the older and credential records as they
 * were, every label is confirmed by {@link IndependentIds} (whose checks are pinned here to the
 * published examples of python-stdnum's module docs and HMRC, not to the detectors), every type is
 * planted in every written form, language and layout, and the scorer's issue 13 rules hold on a
 * hand-made case.
 */
class EvalIdsTest {
    private static final int RECORDS = 3000;
    private static List<EvalRecord> records;

    @BeforeAll
    static void generate() {
        records = new IdsGenerator("unit").generate(RECORDS);
    }

    @Test
    void checksAgreeWithThePublishedExamples() {
        assertThat(IndependentIds.sin("123-456-782")).isTrue();
        assertThat(IndependentIds.sin("999-999-999")).isFalse();
        assertThat(IndependentIds.sin("823456785")).isFalse(); // 8 is no province
        assertThat(CheckDigits.verhoeffDigit("23412341234")).isEqualTo('6');
        assertThat(IndependentIds.aadhaar("2341 2341 2346")).isTrue();
        assertThat(IndependentIds.aadhaar("234123412347")).isFalse();
        assertThat(IndependentIds.aadhaar("123412341234")).isFalse();
        assertThat(IndependentIds.pan("ACUPA7085R")).isTrue();
        assertThat(IndependentIds.pan("ABMXA3211G")).isFalse();
        assertThat(IndependentIds.pan("ACUPA0000R")).isFalse();
        assertThat(CheckDigits.cpfCheck("390533447")).isEqualTo("05");
        assertThat(IndependentIds.cpf("390.533.447-05")).isTrue();
        assertThat(IndependentIds.cpf("231.002.999-00")).isFalse();
        assertThat(IndependentIds.cpf("111.111.111-11")).isFalse();
        assertThat(IndependentIds.dni("54362315-K")).isTrue();
        assertThat(IndependentIds.dni("54362315Z")).isFalse();
        assertThat(IndependentIds.nie("X-2482300-W")).isTrue();
        assertThat(IndependentIds.nie("X2482300A")).isFalse();
        assertThat(CheckDigits.nirKey("2951099126111")).isEqualTo("93");
        assertThat(IndependentIds.nir("2 95 10 99 126 111 93")).isTrue();
        assertThat(IndependentIds.nir("295109912611199")).isFalse();
        assertThat(IndependentIds.nir("253072B07300470")).isTrue();
        assertThat(IndependentIds.nir("253072A07300443")).isTrue();
        assertThat(IndependentIds.nir("253072C07300443")).isFalse();
        assertThat(CheckDigits.cfCheck("RCCMNL83S18D969")).isEqualTo('H');
        assertThat(IndependentIds.codiceFiscale("RCCMNL83S18D969H")).isTrue();
        assertThat(IndependentIds.codiceFiscale("CNTCHR83T41D969D")).isTrue();
        assertThat(IndependentIds.codiceFiscale("RCCMNL83S18D969A")).isFalse();
        assertThat(CheckDigits.curpCheck("BOXW310820HNERXN0")).isEqualTo('9');
        assertThat(IndependentIds.curp("BOXW310820HNERXN09")).isTrue();
        assertThat(IndependentIds.curp("BOXW310820HNERXN08")).isFalse();
        assertThat(IndependentIds.itin("912-90-3456")).isTrue();
        assertThat(IndependentIds.itin("912 55 3456")).isTrue(); // IRS: 50-65 since 2011
        assertThat(IndependentIds.itin("912-93-4567")).isFalse(); // the ATIN's group
        assertThat(IndependentIds.itin("123-45-6789")).isFalse();
        assertThat(IndependentIds.nino("QQ 12 34 56 C")).isFalse();
        assertThat(IndependentIds.ninoTest("QQ 12 34 56 C")).isTrue();
        assertThat(IndependentIds.nino("AB 12 34 56 C")).isTrue();
        assertThat(IndependentIds.nino("GB123456A")).isFalse();
        assertThat(IndependentIds.nino("AO123456A")).isFalse();
        assertThat(IndependentIds.nino("AB123456E")).isFalse();
    }

    @Test
    void ipParserReadsEveryTextFormAndTheTestRanges() {
        assertThat(IndependentIds.testRange(IndependentIds.ip("2001:db8::1"))).isTrue();
        assertThat(IndependentIds.testRange(IndependentIds.ip("::1"))).isTrue();
        assertThat(IndependentIds.testRange(IndependentIds.ip("fe80::1:2"))).isTrue();
        assertThat(IndependentIds.testRange(IndependentIds.ip("FD12:3456::1"))).isTrue();
        assertThat(IndependentIds.testRange(IndependentIds.ip("100.64.0.1"))).isTrue();
        assertThat(IndependentIds.testRange(IndependentIds.ip("100.128.0.1"))).isFalse();
        assertThat(IndependentIds.testRange(IndependentIds.ip("81.2.69.142"))).isFalse();
        assertThat(IndependentIds.publicAddress(IndependentIds.ip("2a01:4f8:0:0:0:0:0:1"))).isTrue();
        assertThat(IndependentIds.ip("2a01:04f8:0000:0000:0000:0000:0000:0001"))
                .isEqualTo(IndependentIds.ip("2a01:4f8::1"));
        assertThat(IndependentIds.ip("::ffff:192.0.2.1")).isNotNull();
        assertThat(IndependentIds.ip("1:2:3:4:5:6:7:8:9")).isNull();
        assertThat(IndependentIds.ip("1::2::3")).isNull();
        assertThat(IndependentIds.ip("1:2:3:4:5:6:7")).isNull();
        assertThat(IndependentIds.ip("256.1.1.1")).isNull();
        assertThat(IndependentIds.ip("01.2.3.4")).isNull();
        assertThat(IdValues.v6Canonical(new int[] {0x2a01, 0x4f8, 0, 0, 1, 0, 0, 0})).isEqualTo("2a01:4f8:0:0:1::");
        assertThat(IdValues.v6Canonical(new int[] {0x2a01, 0, 0, 0x1, 0, 0, 0, 5})).isEqualTo("2a01:0:0:1::5");
        assertThat(IdValues.v6Canonical(new int[] {0x2a01, 0, 1, 0, 1, 0, 1, 0})).isEqualTo("2a01:0:1:0:1:0:1:0");
    }

    @Test
    void datesAndMaskedFormsAreReadAsWritten() {
        LocalDate d = LocalDate.of(1987, 3, 14);
        assertThat(IndependentIds.date("text-es", "14 de marzo de 1987")).isEqualTo(d);
        assertThat(IndependentIds.date("text-de", "14. März 1987")).isEqualTo(d);
        assertThat(IndependentIds.date("text-en-mdy", "March 14, 1987")).isEqualTo(d);
        assertThat(IndependentIds.date("text-fr", "14 mars 1987")).isEqualTo(d);
        assertThat(IndependentIds.date("mdy-slash", "03/14/1987")).isEqualTo(d);
        assertThat(IndependentIds.date("dmy-slash", "31/02/1987")).isNull();
        for (String lang : IdValues.DATE_FORMS.keySet()) {
            for (String form : IdValues.DATE_FORMS.get(lang)) {
                assertThat(IndependentIds.date(form, IdValues.date(form, d))).as(lang + " " + form).isEqualTo(d);
            }
        }
        assertThat(IndependentIds.masked(SIN, "*** *** 782")).isTrue();
        assertThat(IndependentIds.masked(SIN, "*** 456 782")).isFalse();
        assertThat(IndependentIds.masked(AADHAAR, "XXXX XXXX 1234")).isTrue();
        assertThat(IndependentIds.masked(CPF, "***.***.***-09")).isTrue();
        assertThat(IndependentIds.masked(NINO, "XX XX XX XX C")).isTrue();
        assertThat(IndependentIds.masked(NINO, "XX 12 34 56 C")).isFalse();
        assertThat(IndependentIds.maskedDate("XX/XX/1987")).isTrue();
        assertThat(IndependentIds.maskedDate("**/**/****")).isTrue();
        assertThat(IndependentIds.maskedDate("14/XX/1987")).isFalse();
    }

    /**
     * Property over many generated values (seeded): each valid value in each form passes; a changed
     * digit fails where the check catches every single-digit change (Luhn, Verhoeff, mod 23, mod 97,
     * the codice fiscale's table), and a changed last digit fails for the CPF and the CURP (whose
     * weighted sums let some other changes through); every bad-check value fails.
     */
    @Test
    void everyGeneratedValuePassesAndAChangedDigitFails() {
        IdValues v = new IdValues(new Random(13));
        Set<String> everyDigit = Set.of(SIN, AADHAAR, DNI, NIE, NIR, CF);
        for (String type : IndependentIds.NATIONAL) {
            for (int i = 0; i < 400; i++) {
                Written w = v.value(type);
                assertThat(IndependentIds.valid(type, w.text())).as(type + " " + w.form() + " " + i).isTrue();
                assertThat(IndependentIds.valid(type, v.bad(type).text())).as(type + " bad " + i).isFalse();
                assertThat(IndependentIds.masked(type, v.masked(type).text())).as(type + " masked " + i).isTrue();
                String t = w.text();
                for (int at = 0; at < t.length(); at++) {
                    char c = t.charAt(at);
                    boolean last = at == t.length() - 1;
                    if (c < '0' || c > '9' || !(everyDigit.contains(type) || last && (type.equals(CPF) || type.equals(CURP)))) {
                        continue;
                    }
                    String changed = t.substring(0, at) + (char) ('0' + (c - '0' + 1 + i % 9) % 10) + t.substring(at + 1);
                    assertThat(IndependentIds.valid(type, changed)).as(type + " changed at " + at).isFalse();
                }
            }
        }
    }

    @Test
    void idsRecordsLeaveEveryEarlierRecordAsItWas() {
        List<EvalRecord> without = Evaluate.corpus("unit", 120, 50, 0, null);
        List<EvalRecord> with = Evaluate.corpus("unit", 120, 50, 40, null);
        assertThat(with.subList(0, 170)).isEqualTo(without);
        assertThat(Evaluate.corpus("unit", 120, 50, null)).isEqualTo(without);
        assertThat(with.subList(170, 210)).allMatch(r -> IdsGenerator.isIdsLayout(r.layout()))
                .isEqualTo(new IdsGenerator("unit").generate(40));
    }

    @Test
    void sameSeedSameRecordsOtherSeedOther() {
        assertThat(new IdsGenerator("unit").generate(100)).isEqualTo(records.subList(0, 100));
        assertThat(new IdsGenerator("other").generate(3).get(0).text()).isNotEqualTo(records.get(0).text());
    }

    @Test
    void everyLabelIsConfirmedIndependentlyAndNoValueIsPlantedTwice() {
        Map<String, String> planted = new HashMap<>();
        long positives = 0;
        for (EvalRecord r : records) {
            int lastEnd = 0;
            for (Label l : r.labels()) {
                assertThat(Independent.check(r, l)).as(r.id() + " " + l.kind()).isNull();
                assertThat(l.start()).as(r.id() + " labels in order, not overlapping").isGreaterThanOrEqualTo(lastEnd);
                lastEnd = l.end();
                String type = IndependentIds.typeOfKind(l.kind());
                assertThat(type).as(l.kind()).isNotNull();
                boolean unique = IndependentIds.NATIONAL.contains(type) && !Label.MASKED.equals(l.state())
                        && !Label.TEST.equals(l.state()) || type.equals(IP) && l.isLeak();
                if (unique) {
                    String compact = r.covered(l).replaceAll("[ .-]", "");
                    String before = planted.put(compact, r.id() + " " + l.kind());
                    assertThat(before).as("planted twice: " + l.kind() + " and " + before).isNull();
                }
                positives += l.isLeak() ? 1 : 0;
            }
            assertThat(IdsGenerator.ambiguous(r)).as(r.id()).isNull();
        }
        assertThat(positives).isGreaterThan(RECORDS);
    }

    @Test
    void everyTypeIsPlantedInEveryFormLanguageAndLayout() {
        Set<String> seen = new TreeSet<>();
        for (EvalRecord r : records) {
            for (Label l : r.labels()) {
                String type = IndependentIds.typeOfKind(l.kind());
                String ctx = l.kind().substring(l.kind().indexOf('@') + 1);
                String head = l.kind().substring(0, l.kind().indexOf('@') < 0 ? l.kind().length() : l.kind().indexOf('@'));
                String form = head.substring(head.indexOf('.') + 1);
                String what = l.isDecoy() ? (l.kind().endsWith("@no-keyword") ? "no-keyword"
                        : l.kind().endsWith("@other-keyword") ? "other-keyword" : l.kind().contains(".bad-check")
                        ? "bad-check" : "decoy") : l.state();
                seen.add(type + " " + what + " " + form);
                seen.add(type + " " + what);
                if (!l.isDecoy()) {
                    seen.add(type + " in " + r.layout());
                }
                if (type.equals(IP) && l.isDecoy()) {
                    seen.add("ip look-alike " + l.kind());
                }
                if (type.equals(IP) && l.state() != null) {
                    seen.add("ip " + l.state() + " " + (r.covered(l).indexOf(':') >= 0 ? "v6" : "v4") + " @" + ctx);
                    if (Label.MASKED.equals(l.state())) {
                        seen.add("ip placeholder " + r.covered(l));
                    }
                }
                if (!l.isDecoy() && !type.equals(IP)) {
                    String t = r.text().toLowerCase(Locale.ROOT);
                    for (Map.Entry<String, List<String>> lang : IdsGenerator.WORDS.get(type).entrySet()) {
                        for (String kw : lang.getValue()) {
                            int at = t.lastIndexOf(kw.toLowerCase(Locale.ROOT), l.start());
                            if (at >= 0 && l.start() - at - kw.length() <= IndependentIds.KEYWORD_DISTANCE) {
                                seen.add(type + " keyword " + kw + " before");
                            }
                            int after = t.indexOf(kw.toLowerCase(Locale.ROOT), l.end());
                            if (after >= 0 && after - l.end() <= IndependentIds.KEYWORD_DISTANCE) {
                                seen.add(type + " keyword after");
                            }
                        }
                    }
                }
            }
        }
        for (String type : IndependentIds.NATIONAL) {
            for (String form : IdValues.FORMS.get(type)) {
                assertThat(seen).contains(type + " unmasked " + form, type + " no-keyword " + form);
            }
            assertThat(seen).contains(type + " masked", type + " bad-check", type + " keyword after");
            for (String layout : IdsGenerator.ID_LAYOUTS) {
                assertThat(seen).contains(type + " in " + layout);
            }
            IdsGenerator.WORDS.get(type).values().forEach(words -> words.forEach(kw ->
                    assertThat(seen).contains(type + " keyword " + kw + " before")));
        }
        assertThat(seen).contains(NINO + " test");
        for (String ctx : List.of("nginx", "apache", "syslog", "jsonlog", "url")) {
            for (String state : List.of("unmasked", "test")) {
                assertThat(seen).contains("ip " + state + " v4 @" + ctx, "ip " + state + " v6 @" + ctx);
            }
            assertThat(seen).contains(IP + " in ip-" + ctx);
        }
        for (String form : List.of("v6.full", "v6.padded", "v6.upper", "v6.compressed")) {
            assertThat(seen).contains(IP + " unmasked " + form);
        }
        IdValues.IP_PLACEHOLDERS.forEach(p -> assertThat(seen).contains("ip placeholder " + p));
        for (String neg : List.of("version", "oid", "section", "mac", "time", "octet", "cpp")) {
            assertThat(seen).contains("ip look-alike ip.neg." + neg);
        }
        IdValues.DATE_FORMS.values().forEach(forms -> forms.forEach(form ->
                assertThat(seen).contains(DOB + " unmasked " + form, DOB + " other-keyword " + form)));
        assertThat(seen).contains(DOB + " masked", DOB + " keyword after");
        for (String layout : IdsGenerator.DOB_LAYOUTS) {
            assertThat(seen).contains(DOB + " in " + layout);
        }
        IdsGenerator.WORDS.get(DOB).values().forEach(words -> words.forEach(kw ->
                assertThat(seen).contains(DOB + " keyword " + kw + " before")));
    }

    @Test
    void wordsTheGeneratorWritesAreKeywordsOfTheirType() {
        for (Map.Entry<String, Map<String, List<String>>> e : IdsGenerator.WORDS.entrySet()) {
            for (List<String> words : e.getValue().values()) {
                for (String kw : words) {
                    String text = kw + ": X";
                    assertThat(IndependentIds.find(text, 0, text.length(), IndependentIds.KEYWORDS.get(e.getKey()), true))
                            .as(e.getKey() + " " + kw).isNotEmpty();
                }
            }
        }
        IdsGenerator.JSON_KEYS.forEach((type, keys) -> keys.forEach(k -> {
            String text = "{\"" + k + "\": \"X\"}";
            assertThat(IndependentIds.keywordNear(text, text.length() - 3, text.length() - 2, type)).as(k).isTrue();
        }));
    }

    /**
     * A detector that reports every label as labelled scores 1 on every issue 13 type (the labels
     * are consistent: no two of a type overlap); one that ignores Macie's keyword rule and reports
     * the values planted without a keyword loses precision on every national type.
     */
    @Test
    void aPerfectDetectorScoresOneAndIgnoringTheKeywordRuleCostsPrecision() {
        List<Found> perfect = new java.util.ArrayList<>();
        List<Found> noRule = new java.util.ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            for (Label l : records.get(i).labels()) {
                if (!l.isDecoy()) {
                    Found f = new Found(i, "$.text", l.start(), l.end(), l.type(), Label.MASKED.equals(l.state()),
                            Label.TEST.equals(l.state()));
                    perfect.add(f);
                    noRule.add(f);
                } else if (l.kind().endsWith("@no-keyword")) {
                    noRule.add(new Found(i, "$.text", l.start(), l.end(), IndependentIds.typeOfKind(l.kind()), false, false));
                }
            }
        }
        Result r = Scorer.score(records, perfect);
        for (String type : IndependentIds.TYPES) {
            assertThat(r.idTypes.get(type).exactF1()).as(type).isCloseTo(1.0, within(1e-9));
            assertThat(r.idTypes.get(type).stateAccuracy()).as(type).isCloseTo(1.0, within(1e-9));
        }
        assertThat(r.recordPrecision()).isCloseTo(1.0, within(1e-9));
        assertThat(r.recordRecall()).isCloseTo(1.0, within(1e-9));
        assertThat(Evaluate.idTargets(r, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isTrue();
        Result loose = Scorer.score(records, noRule);
        for (String type : IndependentIds.NATIONAL) {
            assertThat(loose.noKeyword.get(type)).as(type).isGreaterThan(20);
            assertThat(loose.noKeywordFound.get(type)).as(type).isEqualTo(loose.noKeyword.get(type));
            assertThat(r.noKeywordFound).doesNotContainKey(type);
            assertThat(loose.idTypes.get(type).overlapPrecision()).as(type).isLessThan(0.95);
        }
    }

    /**
     * An ids record "aaaaaaaaa bbbbbbbbb ccccccccc": NINO [0,9) unmasked, a NINO without keyword
     * [10,19), an IP test value [20,29). Findings: NINO exact (right), NINO on the no-keyword value
     * (a false positive), IP test (right), PHONE (an older type on an ids record: counted apart).
     * An older record gets an unmasked IP finding: not scored, counted apart, and it does not make
     * the record a record-level false alarm.
     */
    @Test
    void scorerScoresIssue13TypesOnTheirRecordsAndCountsValuesWithoutKeyword() {
        String text = "aaaaaaaaa bbbbbbbbb ccccccccc";
        EvalRecord ids = new EvalRecord("i", text, List.of(
                new Label(NINO, 0, 9, Label.UNMASKED, "nino.compact@form"),
                new Label(null, 10, 19, null, "nino.compact@no-keyword"),
                new Label(IP, 20, 29, Label.TEST, "ip.v4.test@nginx")), "ids-form");
        EvalRecord older = new EvalRecord("o", text, List.of(new Label(null, 0, 9, null, "neg.ip")), "log");
        Result r = Scorer.score(List.of(ids, older), List.of(
                new Found(0, "$.text", 0, 9, NINO, false, false),
                new Found(0, "$.text", 10, 19, NINO, false, false),
                new Found(0, "$.text", 20, 29, IP, false, true),
                new Found(0, "$.text", 0, 9, Independent.PHONE, false, false),
                new Found(1, "$.text", 0, 9, IP, false, false)));
        TypeScore nino = r.idTypes.get(NINO);
        assertThat(nino.labels).isEqualTo(1);
        assertThat(nino.overlapPrecision()).isCloseTo(0.5, within(1e-9));
        assertThat(nino.overlapRecall()).isCloseTo(1.0, within(1e-9));
        assertThat(r.idTypes.get(IP).stateAccuracy()).isCloseTo(1.0, within(1e-9));
        assertThat(r.idTypes.get(IP).findings).isEqualTo(1);
        assertThat(r.noKeyword.get(NINO)).isEqualTo(1);
        assertThat(r.noKeyword.get(SIN)).isZero();
        assertThat(r.olderTypesOnIds).isEqualTo(1);
        assertThat(r.idTypesElsewhere).isEqualTo(1);
        assertThat(r.types.get(Independent.PHONE).findings).isZero();
        assertThat(r.olderRecords).containsExactly(1, 0, 0, 0); // the IP finding there does not flag the record
        assertThat(r.errors).containsKeys("FP " + NINO + " on nino.compact@no-keyword",
                "FP PHONE_NUMBER on an ids record, on a " + NINO + " label (nino.compact@form)",
                "NOT SCORED IP_ADDRESS unmasked on an older or secrets record, on neg.ip");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Evaluate.idsTable(r, out);
        assertThat(Evaluate.idTargets(r, out)).isFalse();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(r.noKeywordFound).containsExactly(Map.entry(NINO, 1L));
        assertThat(printed).contains(NINO + ": values seen without a keyword: 1 (not findings by Macie's rule);"
                + " reported anyway: 1", SIN + ": values seen without a keyword: 0 (not findings by Macie's rule);"
                + " reported anyway: 0",
                "target span F1 (overlap) " + NINO + " >= 0.98: 0.6667 MISSED",
                "target span F1 (overlap) " + SIN + " >= 0.98: no labels (0 findings), not judged");
    }

    /** 2 MB of real text with one unmasked NINO finding (0.5 per MB: missed) and two IP findings after "from". */
    @Test
    void realTextRatesAndIpContexts() {
        String text = "login from 81.2.69.142 ok; login from 10.0.0.1 ok; NI QQ123456C";
        RealSet set = new RealSet("real text", 2_000_000, List.of(text), List.of("doc@0"), List.of(
                new Found(0, "$.text", 11, 22, IP, false, false),
                new Found(0, "$.text", 38, 46, IP, false, true),
                new Found(0, "$.text", 54, 63, NINO, false, false)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(Evaluate.idsOnRealText(List.of(set), out)).isFalse();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("| type | real text: unmasked | test | masked | unmasked per MB |",
                "| " + NINO + " | 1 | 0 | 0 | 0.500 |", "| " + IP + " | 1 | 1 | 0 | 0.500 |", "| " + CURP + " | 0 | 0 | 0 | 0.000 |",
                "- 1 unmasked v4 after 'from' (real text), e.g. ", "- 1 test v4 after 'from' (real text)",
                "<= 0.1 per MB: 0.500 MISSED");
        assertThat(printed).doesNotContain("81.2.69.142", "QQ123456C");
        assertThat(Evaluate.wordBefore("host = 1.2.3.4", 7)).isEqualTo("host");
        assertThat(Evaluate.wordBefore("1.2.3.4", 0)).isEqualTo("-");
    }

    @Test
    void handLabelledCasesOfIssue13AreScoredWithTheIdsRecords() {
        List<EvalRecord> hand = HardCases.load(java.nio.file.Path.of("..", "samples", "eval"));
        Set<String> types = new TreeSet<>();
        for (EvalRecord r : hand) {
            boolean ids = r.labels().stream().anyMatch(l -> IndependentIds.typeOfKind(l.kind()) != null);
            assertThat(r.layout()).as(r.id()).isEqualTo(ids ? HardCases.IDS_LAYOUT : "hand");
            for (Label l : r.labels()) {
                assertThat(Independent.check(r, l)).as(r.id() + " " + l.kind()).isNull();
                if (!l.isDecoy() && IndependentIds.isType(l.type())) {
                    types.add(l.type());
                }
            }
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(IndependentIds.TYPES);
        assertThat(IdsGenerator.isIdsLayout(HardCases.IDS_LAYOUT)).isTrue();
    }

    @Test
    void independentKeywordRuleIsMaciesDistance() {
        String near = "NINO: " + "AB123456C";
        assertThat(IndependentIds.keywordNear(near, 6, 15, NINO)).isTrue();
        String far = "NINO" + " ".repeat(31) + "AB123456C";
        assertThat(IndependentIds.keywordNear(far, 35, 44, NINO)).isFalse();
        String glued = "casino AB123456C";
        assertThat(IndependentIds.keywordNear(glued, 7, 16, NINO)).isFalse();
        String after = "AB123456C is my national insurance number";
        assertThat(IndependentIds.keywordNear(after, 0, 9, NINO)).isTrue();
        assertThat(IndependentIds.clearOfKeywords("ref AB123456C thanks", 4, 13, NINO)).isTrue();
        assertThat(IndependentIds.clearOfKeywords("insurance: AB123456C", 11, 20, NINO)).isFalse();
        assertThat(IndependentIds.keywordNear("{\"codiceFiscale\": \"X\"}", 19, 20, CF)).isTrue();
        assertThat(IndependentIds.keywordNear("pan_number: X", 12, 13, PAN)).isTrue();
        assertThat(IndependentIds.keywordNear("span: X", 6, 7, PAN)).isFalse();
        assertThat(List.of(DNI, ITIN)).allMatch(IndependentIds::isType);
    }
}
