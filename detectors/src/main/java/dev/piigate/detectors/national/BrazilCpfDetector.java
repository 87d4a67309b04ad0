package dev.piigate.detectors.national;

import java.util.List;
import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.KeywordGate;

/**
 * Brazil's CPF (Cadastro de Pessoas Físicas): 11 digits, the last two mod-11 check digits
 * (python-stdnum {@code br.cpf}), written {@code 123.456.789-09}, bare {@code 12345678909} or
 * {@code 123456789-09}. Like Macie's BRAZIL_CPF_NUMBER it counts only with a keyword near or a
 * field named so. One digit repeated eleven times passes the check and is a placeholder
 * (DEGENERATE). Masked forms ({@code ***.***.***-09}, {@code *******8909}) are masked findings.
 *
 * <p>Candidates come from the digit-run index: a run of 3 that starts the dotted form, a run of
 * 11, a run of 9 before {@code -dd}, or a short run ending a masked form.
 */
public final class BrazilCpfDetector implements Detector {
    public static final String ID = "brazil_cpf_v1";
    public static final EntityType TYPE = new EntityType("BRAZIL_CPF_NUMBER");
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, s -> new BrazilCpfDetector(s.keywordDistance()));

    /**
     * The list (Macie's CPF keywords) and their spellings without accents, which forms
     * and exports often use.
     */
    static final Keywords KEYWORDS = Keywords.of(
            "cpf", "cpf/mf", "cpf nº", "cpf no",
            "cadastro de pessoas físicas", "cadastro de pessoa física",
            "cadastro de pessoas fisicas", "cadastro de pessoa fisica");

    static final WrittenForm DOTTED = new WrittenForm("ddd.ddd.ddd-dd");
    static final WrittenForm BARE = new WrittenForm("ddddddddddd");
    static final WrittenForm DASHED = new WrittenForm("ddddddddd-dd");
    private static final WrittenForm[] FORMS = {DOTTED, BARE, DASHED};

    private static final int[] FIRST_WEIGHTS = {10, 9, 8, 7, 6, 5, 4, 3, 2};
    private static final int[] SECOND_WEIGHTS = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2};

    static final double CONFIDENCE = 0.95;
    static final double CONFIDENCE_MASKED = 0.85;
    private static final KeywordGate GATE =
            KeywordGate.of(TYPE, ID, KEYWORDS, Boundary.IDENTIFIER, CONFIDENCE, CONFIDENCE_MASKED);
    private static final WrittenForms WALK =
            new WrittenForms(GATE, BrazilCpfDetector::invalid, BrazilCpfDetector::form, new int[] {3, 9, 11}, FORMS);

    private final int keywordDistance;

    BrazilCpfDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Keywords> requiredKeywords() {
        return List.of(KEYWORDS);
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        WALK.scan(text, sink, keywordDistance);
    }

    /** The form whose first digit group is the run at s: the dotted form's 3, the bare 11, the dashed form's 9. */
    static WrittenForm form(String t, int s, int length) {
        if (length == 3 && DOTTED.matches(t, s)) {
            return DOTTED;
        } else if (length == 11) {
            return BARE;
        } else if (length == 9 && DASHED.matches(t, s)) {
            return DASHED;
        }
        return null;
    }

    /** Why the 11 digits of [start, end) (separators skipped) are no CPF, or null. */
    static RejectReason invalid(CharSequence t, int start, int end) {
        char first = t.charAt(start);
        boolean same = true;
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            same &= !Chars.isDigit(c) || c == first;
        }
        if (same) {
            return RejectReason.DEGENERATE;
        }
        int d1 = Checks.mod11Digit(t, start, end, FIRST_WEIGHTS);
        int d2 = Checks.mod11Digit(t, start, end, SECOND_WEIGHTS);
        if (t.charAt(end - 2) - '0' != d1 || t.charAt(end - 1) - '0' != d2) {
            return RejectReason.INVALID_CHECKSUM;
        }
        return null;
    }
}
