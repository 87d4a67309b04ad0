package dev.piigate.detectors.redaction;

import java.util.Set;
import java.util.List;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.ip.IpAddressDetector;

/**
 * The placeholders redaction tools write in place of a value, reported as masked findings of the
 * type they stand for: Presidio's replace operator ({@code <CREDIT_CARD>}, {@code <US_SSN>}...),
 * Dolma ({@code |||EMAIL_ADDRESS|||}), BigCode ({@code <EMAIL>}), generic tags
 * ({@code [PHONE]}, {@code <CARD>}), and every type's own name in any of the three delimiters
 * ({@code <DATE_OF_BIRTH>}, {@code [UK_NATIONAL_INSURANCE_NUMBER]}, {@code |||AWS_ACCESS_KEY_ID|||}).
 * {@link Redactor}'s hash style, {@code <TYPE:xxxxxxxxxxxxxxxx>} (a type's own name, exactly
 * {@link Redactor#HASH_LETTERS} letters a-p), is a masked finding of that type too: so the redacted
 * copy's scan counts what was replaced. A bare {@code [REDACTED]} takes the type of the nearest
 * keyword before it, or is rejected NO_KEYWORD.
 *
 * <p>Names are upper case only: {@code <phone>} and {@code [email]} are XML elements and
 * Markdown links far more often than redactions. Candidates come from {@code indexOf} on the three
 * openers, and an opener not followed by an upper-case letter costs two comparisons.
 */
public final class RedactionTokenDetector implements Detector {
    public static final String ID = "redaction_token_v3";
    public static final DetectorFactory FACTORY =
            DetectorFactory.of(ID, settings -> new RedactionTokenDetector(settings.keywordDistance()));

    /** The type a rejected generic token is filed under: it stands for no type we know. */
    static final EntityType GENERIC = new EntityType("REDACTION_TOKEN");

    private static final double CONFIDENCE_TYPED = 0.9;
    private static final double CONFIDENCE_GENERIC = 0.7;

    /** Keywords per type for generic tokens, tried in this order when two are equally near. */
    private static final List<TypeKeywords> GENERIC_KEYWORDS = List.of(
            new TypeKeywords(EntityType.CREDIT_CARD_NUMBER, Keywords.of("amex", "card", "card number",
                    "credit card", "mastercard", "visa")),
            new TypeKeywords(EntityType.USA_SOCIAL_SECURITY_NUMBER, Keywords.of("social security", "ss#", "ssn")),
            new TypeKeywords(EntityType.IBAN, Keywords.of("bank account", "iban")),
            new TypeKeywords(EntityType.PHONE_NUMBER, Keywords.of("call", "cell", "fax", "mobile", "phone", "tel",
                    "telephone")),
            new TypeKeywords(EntityType.EMAIL_ADDRESS, Keywords.of("e-mail", "email", "mail")),
            new TypeKeywords(IpAddressDetector.TYPE, Keywords.of("ip", "ip address", "ipv4", "ipv6")));

    record TypeKeywords(EntityType type, Keywords keywords) {}

    private final int keywordDistance;

    // Neither this nor the class initialiser may touch TokenTable: its initialiser builds every
    // built-in detector, this one included (see TokenTable.builtInTypes).
    RedactionTokenDetector(int keywordDistance) {
        this.keywordDistance = keywordDistance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return TokenTable.types();
    }

    @Override
    public void scan(ScanText scanText, FindingSink sink) {
        String t = scanText.text();
        // The index pass says which delimiters the text holds: prose has none, and costs no search.
        if (scanText.mayContain(ScanText.LT)) {
            scanOpener(scanText, '<', sink);
        }
        if (scanText.mayContain(ScanText.BRACKET)) {
            scanOpener(scanText, '[', sink);
        }
        // Dolma: |||NAME|||; each token holds two "|||", so step past the closing one.
        int p = scanText.mayContain(ScanText.PIPE) ? t.indexOf("|||") : -1;
        while (p >= 0) {
            int next = p + 3;
            int nameEnd = nameEnd(t, p + 3);
            if (nameEnd > p + 3 && t.startsWith("|||", nameEnd)) {
                report(scanText, p, nameEnd + 3, p + 3, nameEnd, sink);
                next = nameEnd + 3;
            }
            p = t.indexOf("|||", next);
        }
    }

    private void scanOpener(ScanText scanText, char opener, FindingSink sink) {
        String t = scanText.text();
        char closer = opener == '<' ? '>' : ']';
        int p = t.indexOf(opener);
        while (p >= 0) {
            int nameEnd = nameEnd(t, p + 1);
            if (nameEnd > p + 1 && nameEnd < t.length()) {
                char c = t.charAt(nameEnd);
                if (c == closer) {
                    report(scanText, p, nameEnd + 1, p + 1, nameEnd, sink);
                } else if (c == ':' && opener == '<' && isHash(t, nameEnd + 1)) {
                    reportHashed(t, p, nameEnd + 2 + Redactor.HASH_LETTERS, p + 1, nameEnd, sink);
                }
            }
            p = t.indexOf(opener, p + 1);
        }
    }

    /** Exactly {@link Redactor#HASH_LETTERS} letters a-p from {@code from}, then '>'. */
    private static boolean isHash(String t, int from) {
        int end = from + Redactor.HASH_LETTERS;
        if (end >= t.length() || t.charAt(end) != '>') {
            return false;
        }
        for (int k = from; k < end; k++) {
            if ((char) (t.charAt(k) - 'a') >= 16) {
                return false;
            }
        }
        return true;
    }

    /** Only a type's own name takes a hash: that is all {@link Redactor} writes. */
    private static void reportHashed(String t, int start, int end, int nameStart, int nameEnd, FindingSink sink) {
        TokenTable.Entry entry = TokenTable.lookup(t, nameStart, nameEnd);
        if (entry != null && entry.isTypeName()) {
            sink.found(new Finding(entry.type(), start, end, ID, CONFIDENCE_TYPED, true, false));
        }
    }

    /** End of an upper-case name (A-Z, digits, '_') starting at {@code from}; from itself if none. */
    private static int nameEnd(String t, int from) {
        int n = t.length();
        if (from >= n || (char) (t.charAt(from) - 'A') >= 26) {
            return from;
        }
        int k = from + 1;
        int max = TokenTable.MAX_NAME;
        while (k < n && k - from <= max) {
            char c = t.charAt(k);
            if ((char) (c - 'A') < 26 || (char) (c - '0') < 10 || c == '_') {
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    private void report(ScanText scanText, int start, int end, int nameStart, int nameEnd, FindingSink sink) {
        String t = scanText.text();
        TokenTable.Entry entry = TokenTable.lookup(t, nameStart, nameEnd);
        if (entry == null) {
            return; // <KEY>, <NAME>: redactions of types we do not track
        }
        if (entry.type() != null) {
            sink.found(new Finding(entry.type(), start, end, ID, CONFIDENCE_TYPED, true, false));
            return;
        }
        EntityType type = nearestKeywordType(scanText, start);
        if (type == null) {
            sink.rejected(GENERIC, start, end, ID, RejectReason.NO_KEYWORD);
            return;
        }
        sink.found(new Finding(type, start, end, ID, CONFIDENCE_GENERIC, true, false));
    }

    /**
     * The type whose keyword ends closest before {@code start} within the keyword distance, else the
     * type the field name says; null if none.
     */
    private EntityType nearestKeywordType(ScanText scanText, int start) {
        String t = scanText.text();
        EntityType only = null;
        int matches = 0;
        for (TypeKeywords k : GENERIC_KEYWORDS) {
            if (k.keywords().before(t, start, keywordDistance)) {
                only = k.type();
                matches++;
            }
        }
        if (matches > 1) {
            // Rare: widen the distance step by step until one type's keyword falls inside.
            for (int d = 0; d <= keywordDistance; d++) {
                for (TypeKeywords k : GENERIC_KEYWORDS) {
                    if (k.keywords().before(t, start, d)) {
                        return k.type();
                    }
                }
            }
        }
        if (matches == 1) {
            return only;
        }
        for (TypeKeywords k : GENERIC_KEYWORDS) {
            if (k.keywords().inField(scanText.field())) {
                return k.type();
            }
        }
        return null;
    }
}
