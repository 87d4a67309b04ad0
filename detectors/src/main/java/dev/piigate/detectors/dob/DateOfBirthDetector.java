package dev.piigate.detectors.dob;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Evidence;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.kit.KeywordContext;

/**
 * Dates of birth: a date in any common written form ({@link DateShapes}) that a birth keyword
 * names, or in a field or column named so (Macie's DATE_OF_BIRTH: keyword required). A date
 * without one is rejected NO_KEYWORD: dates are everywhere in logs and documents.
 *
 * <p>Which date a keyword names: the first date after it, if no other date and no label of
 * another date ({@code Date of issue}, {@code expires}, {@code died}) lies between
 * ({@code Date of birth: ___ Date of issue: 2020-01-01} names nothing); or, Macie's rule after the
 * value, the date right before it ({@code 14/03/1987 (DOB)}), unless the keyword has a date of
 * its own right after it or another date lies between.
 *
 * <p>A date followed by a time of day that is no midnight ({@code 2024-02-29 20:01:33},
 * {@code ...T10:11:12.345Z}) is a timestamp, KNOWN_FALSE_POSITIVE unless the field names a birth
 * date: log lines then cost no keyword search. Midnight, also another zone's
 * ({@code 1987-03-14T05:00:00.000Z}), is a date's time.
 *
 * <p>A birth date is a real calendar day from 1900 on and not in the future (INVALID_RANGE):
 * a future date is an appointment or an expiry, never a birth; 1900-01-01 is the placeholder
 * systems write for "unknown" (DEGENERATE). Masked dates ({@code XX/XX/1987}, {@code 1987-XX-XX},
 * {@code **}{@code /**}{@code /****}) are reported masked; a wholly masked one in lower case
 * ({@code xx/xx/xxxx}) only in a short text (see {@link #maskedAtRunStarts}).
 */
public final class DateOfBirthDetector implements Detector {
    public static final String ID = "date_of_birth_v1";
    public static final EntityType TYPE = new EntityType("DATE_OF_BIRTH");
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID,
            settings -> new DateOfBirthDetector(settings.keywordDistance(), LocalDate.now(ZoneOffset.UTC)));

    /**
     * Macie's DATE_OF_BIRTH keywords (bday, b-day, birth date, birthday, date of birth, dob), the
     * usual English variants, and the words for it in French, German, Spanish, Portuguese and
     * Italian (with the unaccented and abbreviated spellings forms use: geb., fecha nac., dt. nasc.),
     * Japanese, Chinese and Korean. The spaced forms match field names too ({@code birthDate},
     * {@code fecha_nacimiento}). Not "birth" alone: "place of birth" names a town. Not
     * "nascimento" or "nacimiento" alone: both are common surnames ({@code 2024-01-19  Victor Do
     * Nascimento <...>} in a ChangeLog); their multi-word forms stay, and alone they name a field
     * or a column ({@link #FIELD_ONLY}).
     */
    static final Keywords KEYWORDS = Keywords.of(
            "date of birth", "dob", "d.o.b.", "d.o.b", "born", "born on", "birthday", "birth date", "birthdate",
            "bday", "b-day", "date born",
            "date de naissance", "date naissance", "naissance", "né le", "née le", "né(e) le", "né à", "née à",
            "né(e) à",
            "geburtsdatum", "geburtstag", "geboren", "geboren am", "geb.", "geb.-datum", "geb. datum",
            "fecha de nacimiento", "fecha nacimiento", "fecha de nac.", "fecha nac.", "f. nac.",
            "nacido el", "nacida el", "nacido en", "nacida en",
            "data de nascimento", "data nascimento", "data de nasc.", "dt. nasc.", "dt nasc",
            "nascido em", "nascida em", "nascido a", "nascida a",
            "data di nascita", "data nascita", "nascita", "nato il", "nata il", "nato a", "nata a",
            "生年月日", "出生日期", "出生年月日", "생년월일");

    /**
     * Birth words that are also surnames: a field or column named so ({@code nascimento},
     * {@code dt_nascimento}) names a birth date, the word in running text does not.
     */
    static final Keywords FIELD_ONLY = Keywords.of("nascimento", "nacimiento");

    /**
     * Labels of other dates on forms and records: a date after one of these is that date, not the
     * birth date a keyword further back names. In the same languages as {@link #KEYWORDS}.
     */
    static final Keywords OTHER_DATES = Keywords.of(
            "date of issue", "issue date", "issued", "issued on", "date of expiry", "expiry date", "expiry",
            "expires", "expiration", "expiration date", "valid until", "valid from", "valid thru",
            "date of death", "died", "deceased", "admission date", "admitted", "discharge date", "discharged",
            "visit date", "date of visit", "appointment", "date signed", "signed on",
            "date de délivrance", "délivré le", "délivrée le", "date d'expiration", "expire le",
            "valable jusqu'au", "date de décès", "décédé", "décédée",
            "ausstellungsdatum", "ausgestellt", "ausgestellt am", "gültig bis", "ablaufdatum", "sterbedatum",
            "gestorben",
            "fecha de expedición", "fecha de emisión", "fecha de caducidad", "fecha de vencimiento",
            "válido hasta", "fecha de defunción", "fallecido", "fallecida",
            "data de emissão", "data de validade", "válido até", "data de óbito", "falecido", "falecida",
            "data di rilascio", "data di scadenza", "rilasciato", "scadenza", "valido fino", "data di morte",
            "deceduto", "deceduta");

    /**
     * Both at least 0.9: the Macie cross-check reads "a keyword was near" from a confidence of 0.9
     * or more (KeywordEvidence), and a keyword after the date is near by Macie's rule too.
     */
    static final double CONFIDENCE_NAMED = 0.95;
    static final double CONFIDENCE_AFTER = 0.9;
    /**
     * Texts this short without digits are walked char by char for a wholly masked date, which has
     * no digit to index (lower-case {@code xx/xx/xxxx} too); longer ones are read at mask-run starts.
     */
    static final int MAX_MASKED_TEXT = 40;

    private final int keywordDistance;
    private final DateShapes shapes;

    /** @param today the day the scan runs; no birth date lies after it (see {@link BirthCalendar}) */
    DateOfBirthDetector(int keywordDistance, LocalDate today) {
        this.keywordDistance = keywordDistance;
        this.shapes = new DateShapes(new BirthCalendar(today));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Keywords> requiredKeywords() {
        return List.of(KEYWORDS, FIELD_ONLY);
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String t = text.text();
        int runs = text.digitRunCount();
        if (runs == 0 && t.length() <= MAX_MASKED_TEXT) {
            whollyMasked(text, t, sink);
            return;
        }
        List<Candidate> dates = maskedAtRunStarts(text, t); // made on the first candidate: most texts have none
        boolean masked = dates != null;
        // Only the lengths a date's first run can have (DateShapes.at: 1, 2, 4, 8), in run order.
        int skipBefore = 0; // runs before this one are a judged date's
        for (int r : text.runsOf(DateShapes.FIRST_RUN_LENGTHS, false)) {
            if (r < skipBefore) {
                continue;
            }
            Candidate c = shapes.at(text, t, r);
            if (c != null) {
                if (dates == null) {
                    dates = new ArrayList<>(4);
                }
                dates.add(c);
                if (c.isDate()) {
                    // Its runs are read. A piece of a longer token is not: a date may start inside it
                    // (10.14.03.1987 holds no date at 10, and 14.03.1987 is judged next, glued to 10.).
                    skipBefore = text.firstDigitRunAtOrAfter(c.end());
                }
            }
        }
        if (dates == null) {
            return;
        }
        if (masked) {
            dates.sort(Comparator.comparingInt(Candidate::start)); // "which date" reads them in order
        }
        KeywordContext context = new KeywordContext(KEYWORDS, text, keywordDistance);
        boolean field = context.inField() || FIELD_ONLY.inField(text.field());
        for (int i = 0; i < dates.size(); i++) {
            Candidate c = dates.get(i);
            if (c.reason() != null) {
                sink.rejected(TYPE, c.start(), c.end(), ID, c.reason());
                continue;
            }
            if (c.timestamp() && !field) {
                sink.rejected(TYPE, c.start(), c.end(), ID, RejectReason.KNOWN_FALSE_POSITIVE);
                continue;
            }
            double confidence = field ? CONFIDENCE_NAMED : named(t, dates, i, context);
            if (confidence == 0) {
                sink.rejected(TYPE, c.start(), c.end(), ID, RejectReason.NO_KEYWORD);
            } else {
                sink.found(new Finding(TYPE, c.start(), c.end(), ID, confidence, c.masked(), false,
                        Set.of(field ? Evidence.FIELD_NAME : Evidence.KEYWORD)));
            }
        }
    }

    /**
     * How surely a keyword or the field names date i as a birth date: {@link #CONFIDENCE_NAMED} by
     * the field, a column header or a keyword before it, {@link #CONFIDENCE_AFTER} by a keyword
     * after it; 0 if nothing names it.
     */
    private double named(String t, List<Candidate> dates, int i, KeywordContext context) {
        Candidate c = dates.get(i);
        if (context.inField()) {
            return CONFIDENCE_NAMED;
        }
        Candidate previous = null;
        for (int k = i - 1; k >= 0 && previous == null; k--) {
            previous = dates.get(k).isDate() ? dates.get(k) : null;
        }
        int previousEnd = previous == null ? -1 : previous.end();
        Keywords.Hit before = context.nearestBefore(c.start());
        if (before != null && before.start() < previousEnd) {
            before = null; // it names an earlier date
        }
        // Another date's label after the birth keyword (and after any date before this one) claims
        // the date; looked up only when a keyword is near, the rare case.
        Keywords.Hit label = null;
        if (before != null) {
            label = OTHER_DATES.nearestBefore(t, c.start(), keywordDistance);
            if (label != null && label.start() >= before.end()) {
                return 0;
            }
            if (previous == null || !namesEarlier(t, before, previousEnd, c.start())) {
                return CONFIDENCE_NAMED;
            }
        }
        if (context.inColumnHeader(c.start()) || FIELD_ONLY.inColumnHeader(t, c.start())) {
            return CONFIDENCE_NAMED;
        }
        Keywords.Hit after = context.nearestAfter(c.end());
        if (after == null) {
            return 0;
        }
        if (before == null) {
            label = OTHER_DATES.nearestBefore(t, c.start(), keywordDistance);
        }
        if (label != null && label.start() >= previousEnd && (before == null || label.start() >= before.end())) {
            return 0;
        }
        Candidate next = null;
        for (int k = i + 1; k < dates.size() && next == null; k++) {
            next = dates.get(k).isDate() ? dates.get(k) : null;
        }
        if (next == null) {
            return CONFIDENCE_AFTER;
        }
        if (next.start() < after.start()) {
            return 0; // another date stands between this one and the keyword
        }
        // The keyword may name the date after it instead, unless another date's label takes that one.
        if (next.start() - after.end() <= keywordDistance && !namesEarlier(t, after, c.end(), next.start())) {
            Keywords.Hit nextLabel = OTHER_DATES.nearestBefore(t, next.start(), keywordDistance);
            if (nextLabel == null || nextLabel.start() < after.end()) {
                return 0;
            }
        }
        return CONFIDENCE_AFTER;
    }

    /**
     * A keyword between two dates names the earlier one ({@code 14/03/1987 (DOB), 01/01/2020})
     * when it is not written as a label ({@code DOB: 14/03/1987}: a ':' or '=' after it names what
     * follows) and stands nearer to it; at equal distance it names the later one.
     */
    static boolean namesEarlier(String t, Keywords.Hit keyword, int earlierEnd, int laterStart) {
        int p = keyword.end();
        while (p < laterStart && (t.charAt(p) == ' ' || t.charAt(p) == '"' || t.charAt(p) == '\'')) {
            p++;
        }
        if (p < laterStart && (t.charAt(p) == ':' || t.charAt(p) == '=')) {
            return false;
        }
        return keyword.start() - earlierEnd < laterStart - keyword.end();
    }

    /**
     * Wholly masked dates ({@code **}{@code /**}{@code /****}, {@code XX/XX/XXXX}, {@code XX.XX.XXXX},
     * {@code ##/##/####}) in any text: nothing of them is in the digit index, so they are read at
     * the kit's mask-run starts ({@link ScanText#maskRunStarts}), and judged with the other dates
     * (a keyword names them by the same rules). Null if there is none. Lower-case
     * {@code xx/xx/xxxx} starts no mask run: it is found in short texts only ({@link #whollyMasked}).
     */
    private static List<Candidate> maskedAtRunStarts(ScanText text, String t) {
        int[] starts = text.maskRunStarts();
        List<Candidate> out = null;
        for (int i : starts) {
            Candidate c = DateShapes.whollyMasked(t, i);
            if (c != null) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(c);
            }
        }
        return out;
    }

    /**
     * A wholly masked date ({@code **}{@code /**}{@code /****}, {@code XX.XX.XXXX}, {@code xx.xx.xxxx})
     * in a short text without digits, a masked finding if the field or a keyword names it: the
     * text of at most {@link #MAX_MASKED_TEXT} chars (a field's value, a cell, a form's line) is
     * walked char by char, so lower-case masks are found here too; longer texts are read at
     * mask-run starts ({@link #maskedAtRunStarts}).
     */
    private void whollyMasked(ScanText text, String t, FindingSink sink) {
        int n = t.length();
        if (n > MAX_MASKED_TEXT || n < 8) {
            return;
        }
        KeywordContext context = null;
        for (int i = 0; i < n; i++) {
            if (!Chars.isMaskChar(t.charAt(i)) || (i > 0 && Chars.isMaskChar(t.charAt(i - 1)))) {
                continue;
            }
            Candidate c = DateShapes.whollyMasked(t, i);
            if (c == null) {
                continue;
            }
            if (context == null) {
                context = new KeywordContext(KEYWORDS, text, keywordDistance);
            }
            if (context.near(c.start(), c.end()) || FIELD_ONLY.inField(text.field())) {
                sink.found(new Finding(TYPE, c.start(), c.end(), ID, CONFIDENCE_NAMED, true, false,
                        Set.of(context.near(c.start(), c.end()) ? Evidence.KEYWORD : Evidence.FIELD_NAME)));
            } else {
                sink.rejected(TYPE, c.start(), c.end(), ID, RejectReason.NO_KEYWORD);
            }
            i = c.end() - 1;
        }
    }
}
