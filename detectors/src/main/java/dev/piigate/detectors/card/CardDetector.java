package dev.piigate.detectors.card;

import java.util.Set;
import java.util.ArrayList;
import java.util.List;

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
import dev.piigate.detectors.kit.Boundary;
import dev.piigate.detectors.kit.Checks;
import dev.piigate.detectors.kit.KeywordContext;

/**
 * Payment card numbers (PANs): 13-19 digits, unseparated or in a printed grouping with one
 * consistent separator, Luhn-valid, with a known issuer prefix and a length that issuer uses.
 * Masked cards ({@code **** **** **** 1234}, {@code 411111******1111}) are reported as masked;
 * published test numbers as test values. A keyword or field name raises the confidence, the way
 * Macie splits CREDIT_CARD_NUMBER from CREDIT_CARD_NUMBER_(NO_KEYWORD); the value is reported
 * either way.
 *
 * <p>Work is driven by the digit-run index of {@link ScanText}. Runs joined by a single space or
 * dash form a cluster; a cluster of fewer than 13 digits costs a few char reads (a look for an
 * adjacent mask character) and nothing else. A cluster is judged as a whole, so a card inside a
 * longer number, an IBAN or a GUID is not reported. The exceptions, each a clear token boundary:
 * an edge group bound to a date, time or decimal ({@code 4539 1488 0343 6467 12/25}) is dropped;
 * in a cluster mixing spaces and dashes, dash-joined groups are one token and space separates
 * tokens ({@code 2024-01-15 4539 1488 0343 6467}); in a space-separated list, an unseparated run
 * of 13 or more digits is a token of its own ({@code 123456 4539148803436467}), since no printed
 * grouping has such a group apart from 6-13, which is checked first.
 *
 * <p>Fully masked numbers ({@code **** **** **** ****}) have no digit run and are not seen.
 */
public final class CardDetector implements Detector {
    public static final String ID = "card_luhn_v2";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, s -> new CardDetector(s.keywordDistance()));

    /**
     * Words that say "card" (English, the main European languages, Japanese, Chinese in both
     * scripts, Korean) and the card schemes by name, regional ones included: with one of these
     * naming it, a Luhn-valid number in a card grouping is a card even if its issuer is in no
     * table of ours. German, Dutch and Scandinavian compounds are listed whole: a keyword matches
     * on word boundaries, so "karte" is not found inside "Kreditkartennummer".
     */
    static final List<String> CARD_WORDS = List.of(
            // English, and Macie's CREDIT_CARD_NUMBER keywords
            "american express", "amex", "bank card", "card", "card no", "card number", "cardholder", "cardnumber",
            "cards", "cc#", "ccn", "check card", "cvc", "cvv", "diners", "discover", "jcb", "maestro", "master card",
            "mastercard", "pan", "unionpay", "visa",
            // regional schemes (see IssuerPrefixes): named, they say "card" in any language
            "bc card", "borica", "elo", "humo", "interac", "mir", "napas", "rupay", "troy", "uzcard", "verve",
            // French, German, Spanish, Italian, Portuguese, Dutch, Scandinavian, Polish, Turkish, Russian
            "carte", "carte bancaire", "carte de crédit", "numéro de carte", "numero de carte",
            "karte", "kartennummer", "kreditkarte", "kreditkartennummer", "kartennr",
            "tarjeta", "número de tarjeta", "numero de tarjeta",
            "carta di credito", "numero di carta", "numero carta",
            "cartão", "cartao", "número do cartão", "numero do cartao",
            "creditcard", "creditcardnummer", "kaartnummer", "bankpas",
            "kortnummer", "kreditkort", "betalkort",
            "karta", "karty", "numer karty", "kart numarası", "kredi kartı",
            "карта", "карты", "номер карты",
            // Japanese, Chinese (simplified, traditional), Korean
            "カード", "カード番号", "クレジットカード", "デビットカード",
            "信用卡", "信用卡号", "信用卡號", "卡号", "卡號", "银行卡", "銀行卡", "借记卡", "簽帳卡",
            "카드", "카드번호", "신용카드", "체크카드");

    /** Words about money that make a card likely without saying "card": confidence only. */
    private static final List<String> PAYMENT_WORDS = List.of(
            "billing", "cc", "credit", "debit", "exp", "expiration", "expiry", "payment");

    static final Keywords KEYWORDS = Keywords.of(concat(CARD_WORDS, PAYMENT_WORDS));
    static final Keywords NAMES_A_CARD = Keywords.of(CARD_WORDS);
    /**
     * Other numbers that pass Luhn and sit next to the word "card": SIM cards (ICCID, 19-20 digits,
     * MII 89), IMEIs (15 digits), book and product codes.
     */
    static final Keywords NAMES_ANOTHER_NUMBER = Keywords.of(
            "ean", "gtin", "iccid", "imei", "imsi", "isbn", "issn", "meid", "sim", "upc");
    /** ISO/IEC 7812 major industry identifier 89: telecommunications (ICCIDs), never a payment card. */
    private static final int TELECOM_PREFIX = 89;

    static final double CONFIDENCE_KEYWORD = 0.95;
    static final double CONFIDENCE_NO_KEYWORD = 0.8;
    private static final Set<Evidence> KEYWORD_AND_CHECKSUM = Set.of(Evidence.KEYWORD, Evidence.CHECKSUM);
    private static final Set<Evidence> CHECKSUM_ONLY = Set.of(Evidence.CHECKSUM);
    /** An issuer in no table, named a card by a keyword or field: 0.9, still "with keyword" for Macie. */
    static final double CONFIDENCE_UNKNOWN_ISSUER = 0.9;

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;
    /** Longest masked shape: 19 characters and 4 separators. */
    static final int MAX_MASKED_SPAN = MAX_DIGITS + CardGroupings.MAX_GROUPS - 1;
    /** How far a masked shape is followed before it is too long to judge (a bit past the longest). */
    static final int MASKED_SCAN_LIMIT = 2 * MAX_MASKED_SPAN;
    /** PCI DSS: at most the first six and last four digits of a masked PAN may be shown. */
    static final int MAX_LEADING_CLEAR = 6;
    static final int MAX_TRAILING_CLEAR = 4;

    private final int keywordDistance;

    CardDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EntityType.CREDIT_CARD_NUMBER);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String s = text.text();
        int runs = text.digitRunCount();
        Pass pass = null; // allocated at the first real candidate: most texts have none
        int maskedEnd = 0;
        int i = 0;
        while (i < runs) {
            int j = i;
            int digits = text.digitRunEnd(i) - text.digitRunStart(i);
            while (j + 1 < runs) {
                int end = text.digitRunEnd(j);
                if (text.digitRunStart(j + 1) != end + 1 || !isSeparator(s.charAt(end))) {
                    break;
                }
                j++;
                digits += text.digitRunEnd(j) - text.digitRunStart(j);
            }
            if (digits >= MIN_DIGITS) {
                if (pass == null) {
                    pass = new Pass(text, sink);
                }
                pass.cluster(i, j);
            } else if (text.digitRunStart(i) >= maskedEnd && (text.maskNear(i) || text.maskNear(j))
                    && nextToMask(s, text.digitRunStart(i), text.digitRunEnd(j))) {
                if (pass == null) {
                    pass = new Pass(text, sink);
                }
                maskedEnd = pass.masked(text.digitRunStart(i), text.digitRunEnd(j));
            }
            i = j + 1;
        }
    }

    static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }

    private static boolean isMaskedGroupChar(char c) {
        return Chars.isDigit(c) || Chars.isMaskChar(c);
    }

    /** A mask character right before or after [start, end), or one separator away. */
    private static boolean nextToMask(String s, int start, int end) {
        if (start > 0) {
            char c = s.charAt(start - 1);
            if (Chars.isMaskChar(c) || (isSeparator(c) && start > 1 && Chars.isMaskChar(s.charAt(start - 2)))) {
                return true;
            }
        }
        if (end < s.length()) {
            char c = s.charAt(end);
            return Chars.isMaskChar(c)
                    || (isSeparator(c) && end + 1 < s.length() && Chars.isMaskChar(s.charAt(end + 1)));
        }
        return false;
    }

    /**
     * A letter or digit next to the span makes it part of a longer token, and so do a hyphenated
     * word or GUID ({@code 11d3-...}) and a decimal, version, date or time ({@code 1.}, {@code 12/},
     * {@code 10:}); a dot before a letter is the end of a sentence.
     */
    static final Boundary BOUNDARY = Boundary.NUMBER;

    /**
     * Luhn over the ASCII digits of [start, end), skipping separators ({@link Checks#luhn}). Public
     * for the readers that check a number outside a detector (jobs' UnverifiableNumbers).
     */
    public static boolean luhn(String s, int start, int end) {
        return Checks.luhn(s, start, end);
    }

    /** The state of one scan: created only when a text has a candidate. */
    private final class Pass {
        private final ScanText text;
        private final String s;
        private final FindingSink sink;
        /** Card and payment words: the confidence. */
        private final KeywordContext payment;
        /** Words that name a card: an issuer in no table still counts. */
        private final KeywordContext namesCard;
        /** Words for other numbers that pass Luhn (IMEI, ICCID...): they take the card word. */
        private final KeywordContext namesOther;

        Pass(ScanText text, FindingSink sink) {
            this.text = text;
            this.s = text.text();
            this.sink = sink;
            this.payment = new KeywordContext(KEYWORDS, text, keywordDistance);
            this.namesCard = new KeywordContext(NAMES_A_CARD, text, keywordDistance);
            this.namesOther = new KeywordContext(NAMES_ANOTHER_NUMBER, text, keywordDistance);
        }

        private int start(int run) {
            return text.digitRunStart(run);
        }

        private int end(int run) {
            return text.digitRunEnd(run);
        }

        private int digits(int first, int last) {
            int d = 0;
            for (int k = first; k <= last; k++) {
                d += end(k) - start(k);
            }
            return d;
        }

        /** A cluster of runs first..last joined by single separators, with 13 digits or more. */
        void cluster(int first, int last) {
            boolean dash = false;
            boolean space = false;
            for (int k = first; k < last; k++) {
                if (s.charAt(end(k)) == '-') {
                    dash = true;
                } else {
                    space = true;
                }
            }
            if (dash && space) {
                mixed(first, last);
            } else {
                uniform(first, last);
            }
        }

        /**
         * Dash-joined groups are one token, spaces separate tokens: judge each dash-joined token and
         * each space-separated sequence of plain groups. If none is a card, the cluster is rejected.
         */
        private void mixed(int first, int last) {
            boolean found = false;
            int spaced = -1; // first run of the current sequence of space-separated plain runs
            int k = first;
            while (k <= last) {
                int m = k;
                while (m < last && s.charAt(end(m)) == '-') {
                    m++;
                }
                if (m > k) {
                    if (spaced >= 0 && digits(spaced, k - 1) >= MIN_DIGITS) {
                        found |= uniform(spaced, k - 1);
                    }
                    spaced = -1;
                    if (digits(k, m) >= MIN_DIGITS) {
                        found |= uniform(k, m);
                    }
                } else if (spaced < 0) {
                    spaced = k;
                }
                k = m + 1;
            }
            if (spaced >= 0 && digits(spaced, last) >= MIN_DIGITS) {
                found |= uniform(spaced, last);
            }
            if (!found) {
                int from = start(first);
                int to = end(last);
                reject(from, to, !BOUNDARY.standalone(s, from, to)
                        ? RejectReason.TOKEN_BOUNDARY : RejectReason.INVALID_GROUPING);
            }
        }

        /** Runs first..last joined by one kind of separator. Returns whether a card was reported. */
        private boolean uniform(int first, int last) {
            if (first < last && boundToNumber(start(first) - 1, start(first) - 2)) {
                first++; // "12/25 4539 ...", "10:30 4539 ...": the edge group belongs to a date or time
            }
            if (first < last && boundToNumber(end(last), end(last) + 1)) {
                last--;
            }
            if (first == last) {
                return end(first) - start(first) >= MIN_DIGITS && judge(first, last);
            }
            int digits = digits(first, last);
            if (digits < MIN_DIGITS) {
                return false;
            }
            if (s.charAt(end(first)) == ' ' && !isCardGrouping(first, last, digits)) {
                boolean found = false;
                for (int k = first; k <= last; k++) {
                    if (end(k) - start(k) >= MIN_DIGITS) {
                        found |= judge(k, k);
                    }
                }
                if (found) {
                    return true;
                }
            }
            return judge(first, last);
        }

        /** At {@code at} a '/', ':' or '.' and at {@code beyond} a digit. */
        private boolean boundToNumber(int at, int beyond) {
            if (at < 0 || beyond < 0 || beyond >= s.length()) {
                return false;
            }
            char c = s.charAt(at);
            return (c == '/' || c == ':' || c == '.') && Chars.isDigit(s.charAt(beyond));
        }

        private boolean isCardGrouping(int first, int last, int digits) {
            int groups = last - first + 1;
            if (groups > CardGroupings.MAX_GROUPS) {
                return false;
            }
            int code = 0;
            for (int k = first; k <= last; k++) {
                code = CardGroupings.push(code, end(k) - start(k));
            }
            return CardGroupings.isCardGrouping(code, groups, digits);
        }

        /** Judges runs first..last as one candidate; reports it or says why not. */
        private boolean judge(int first, int last) {
            int from = start(first);
            int to = end(last);
            if (first < last && s.charAt(end(first)) == ' ' && followsIbanHead(first)) {
                return reject(from, to, RejectReason.INVALID_GROUPING);
            }
            if (!BOUNDARY.standalone(s, from, to)) {
                return reject(from, to, RejectReason.TOKEN_BOUNDARY);
            }
            int digits = digits(first, last);
            if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
                return reject(from, to, RejectReason.INVALID_LENGTH);
            }
            if (!isCardGrouping(first, last, digits)) {
                return reject(from, to, RejectReason.INVALID_GROUPING);
            }
            if (sameDigit(from, to)) {
                return reject(from, to, RejectReason.DEGENERATE);
            }
            if (!Checks.luhn(s, from, to)) {
                return reject(from, to, RejectReason.INVALID_CHECKSUM);
            }
            long value = 0;
            int first6 = 0;
            int seen = 0;
            for (int p = from; p < to; p++) {
                char c = s.charAt(p);
                if (Chars.isDigit(c)) {
                    value = value * 10 + (c - '0'); // unsigned: 19 digits fit in 64 bits
                    if (seen++ < 6) {
                        first6 = first6 * 10 + (c - '0');
                    }
                }
            }
            if (!IssuerPrefixes.isKnown(first6, digits)) {
                // A scheme missing from the table (or a length it is not listed with) still counts
                // when the text or the field calls the number a card: fail closed on regional schemes.
                if (first6 / 10_000 == TELECOM_PREFIX || !namedACard(from, to)) {
                    return reject(from, to, RejectReason.UNKNOWN_PREFIX);
                }
                sink.found(new Finding(EntityType.CREDIT_CARD_NUMBER, from, to, ID, CONFIDENCE_UNKNOWN_ISSUER, false,
                        TestCardNumbers.isPublished(value), Set.of(Evidence.KEYWORD, Evidence.CHECKSUM)));
                return true;
            }
            boolean keyword = payment.near(from, to); // asked once: the confidence and the evidence both say it
            sink.found(new Finding(EntityType.CREDIT_CARD_NUMBER, from, to, ID,
                    keyword ? CONFIDENCE_KEYWORD : CONFIDENCE_NO_KEYWORD, false, TestCardNumbers.isPublished(value),
                    keyword ? KEYWORD_AND_CHECKSUM : CHECKSUM_ONLY));
            return true;
        }

        private boolean sameDigit(int from, int to) {
            char d = s.charAt(from);
            for (int p = from + 1; p < to; p++) {
                char c = s.charAt(p);
                if (c != d && Chars.isDigit(c)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The digits of a printed IBAN: the cluster opens with the check digits right after the
         * two country letters ({@code DE89 3704 ...}), or follows, one space after each, one or two
         * four-character groups the first of which is letters-letters-digit-digit
         * ({@code GB29 NWBK 6016 ...}).
         */
        private boolean followsIbanHead(int first) {
            int from = start(first);
            if (end(first) - from == 2 && from >= 2 && isUpper(s.charAt(from - 1)) && isUpper(s.charAt(from - 2))
                    && (from == 2 || !Chars.isWordChar(s.charAt(from - 3)))) {
                return true;
            }
            int pos = from;
            for (int group = 0; group < 2; group++) {
                int gs = pos - 5;
                if (gs < 0 || s.charAt(pos - 1) != ' ' || (gs > 0 && Chars.isWordChar(s.charAt(gs - 1)))) {
                    return false;
                }
                for (int p = gs; p < gs + 4; p++) {
                    if (!Chars.isAsciiLetterOrDigit(s.charAt(p))) {
                        return false;
                    }
                }
                if (isUpper(s.charAt(gs)) && isUpper(s.charAt(gs + 1)) && Chars.isDigit(s.charAt(gs + 2))
                        && Chars.isDigit(s.charAt(gs + 3))) {
                    return true;
                }
                pos = gs;
            }
            return false;
        }

        /**
         * A masked card around the digits [from, to), which have a mask character next to them.
         * Returns where the masked shape ends, so the runs inside it are not looked at again.
         */
        int masked(int from, int to) {
            int ts = from;
            int te = to;
            while (ts > 0 && te - ts <= MASKED_SCAN_LIMIT) {
                char c = s.charAt(ts - 1);
                if (isMaskedGroupChar(c)) {
                    ts--;
                } else if (isSeparator(c) && ts >= 2 && isMaskedGroupChar(s.charAt(ts - 2))
                        && !groupGluedBefore(ts - 2) && !loneX(ts - 2)) {
                    ts--;
                } else {
                    break;
                }
            }
            while (te < s.length() && te - ts <= MASKED_SCAN_LIMIT) {
                char c = s.charAt(te);
                if (isMaskedGroupChar(c)) {
                    te++;
                } else if (isSeparator(c) && te + 1 < s.length() && isMaskedGroupChar(s.charAt(te + 1))
                        && !groupGluedAfter(te + 1) && !loneX(te + 1)) {
                    te++;
                } else {
                    break;
                }
            }
            if (te - ts > MASKED_SCAN_LIMIT) {
                return te; // a long run of digits and x-es or stars: not a card shape
            }
            int total = 0;
            int groups = 1;
            int groupLength = 0;
            int code = 0;
            char separator = 0;
            boolean mixed = false;
            for (int p = ts; p < te; p++) {
                char c = s.charAt(p);
                if (isSeparator(c)) {
                    code = CardGroupings.push(code, groupLength);
                    groupLength = 0;
                    groups++;
                    mixed |= separator != 0 && separator != c;
                    separator = c;
                } else {
                    total++;
                    groupLength++;
                }
            }
            code = CardGroupings.push(code, groupLength);
            if (total < MIN_DIGITS) {
                return te; // too short to be a card: not a candidate
            }
            if (!BOUNDARY.standalone(s, ts, te)) {
                reject(ts, te, RejectReason.TOKEN_BOUNDARY);
                return te;
            }
            if (total > MAX_DIGITS) {
                reject(ts, te, RejectReason.INVALID_LENGTH);
                return te;
            }
            if (mixed || !CardGroupings.isCardGrouping(code, groups, total)) {
                reject(ts, te, RejectReason.INVALID_GROUPING);
                return te;
            }
            int index = 0;
            int leading = 0;
            int leadingCount = 0;
            boolean inLeading = true;
            for (int p = ts; p < te; p++) {
                char c = s.charAt(p);
                if (isSeparator(c)) {
                    continue;
                }
                if (Chars.isDigit(c)) {
                    if (index >= MAX_LEADING_CLEAR && index < total - MAX_TRAILING_CLEAR) {
                        reject(ts, te, RejectReason.INVALID_PATTERN); // more in clear than PCI allows
                        return te;
                    }
                    if (inLeading) {
                        leading = leading * 10 + (c - '0');
                        leadingCount++;
                    }
                } else {
                    inLeading = false;
                }
                index++;
            }
            if (leadingCount > 0 && !IssuerPrefixes.couldBeKnown(leading, leadingCount, total)
                    && ((leadingCount >= 2 && leading / pow10(leadingCount - 2) == TELECOM_PREFIX)
                            || !namedACard(ts, te))) {
                reject(ts, te, RejectReason.UNKNOWN_PREFIX);
                return te;
            }
            sink.found(new Finding(EntityType.CREDIT_CARD_NUMBER, ts, te, ID, confidence(ts, te), true, false,
                    Evidence.keywordIf(payment.near(ts, te))));
            return te;
        }

        /**
         * Whether the group of digits and mask characters ending at {@code last} is glued to a
         * letter before it: {@code Amex XXXX ...} or {@code Box XXXX ...} must not pull the word's
         * final x into the masked shape.
         */
        private boolean groupGluedBefore(int last) {
            int p = last;
            while (p >= 0 && last - p <= MASKED_SCAN_LIMIT && isMaskedGroupChar(s.charAt(p))) {
                p--;
            }
            return p >= 0 && Chars.isWordChar(s.charAt(p));
        }

        private boolean groupGluedAfter(int first) {
            int p = first;
            while (p < s.length() && p - first <= MASKED_SCAN_LIMIT && isMaskedGroupChar(s.charAt(p))) {
                p++;
            }
            return p < s.length() && Chars.isWordChar(s.charAt(p));
        }

        /** A lone x between separators is the word or the multiplication sign ("2 x 3"), not a masked digit. */
        private boolean loneX(int at) {
            char c = s.charAt(at);
            return (c == 'x' || c == 'X')
                    && (at == 0 || !isMaskedGroupChar(s.charAt(at - 1)))
                    && (at + 1 >= s.length() || !isMaskedGroupChar(s.charAt(at + 1)));
        }

        /**
         * Whether a card word names the value [from, to), as a label names what it stands next to:
         * the field name says card, or a card word stands before the value with no other number
         * (three digits or more) and no word for another kind of number (IMEI, ICCID...) in between,
         * or after it with none of those between and no number following it within the distance.
         * In "card 4111 ..., order 1234567890123452" the word names the first number only.
         */
        private boolean namedACard(int from, int to) {
            if (namesCard.inField() && !namesOther.inField()) {
                return true;
            }
            Keywords.Hit before = namesCard.nearestBefore(from);
            if (before != null && !hasNumber(before.end(), from)
                    && namesOther.nearestAfter(before.end(), from - before.end()) == null) {
                return true;
            }
            Keywords.Hit after = namesCard.nearestAfter(to);
            return after != null && !hasNumber(to, after.start())
                    && !hasNumber(after.end(), Math.min(s.length(), after.end() + keywordDistance))
                    && namesOther.nearestAfter(to, after.start() - to) == null;
        }

        /** Whether a run of three or more digits lies in [from, to): a char loop over a short window. */
        private boolean hasNumber(int from, int to) {
            int run = 0;
            for (int p = from; p < to; p++) {
                run = Chars.isDigit(s.charAt(p)) ? run + 1 : 0;
                if (run >= 3) {
                    return true;
                }
            }
            return false;
        }

        private double confidence(int from, int to) {
            return payment.near(from, to) ? CONFIDENCE_KEYWORD : CONFIDENCE_NO_KEYWORD;
        }

        private boolean reject(int from, int to, RejectReason reason) {
            sink.rejected(EntityType.CREDIT_CARD_NUMBER, from, to, ID, reason);
            return false;
        }
    }

    private static int pow10(int n) {
        int p = 1;
        for (int k = 0; k < n; k++) {
            p *= 10;
        }
        return p;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
