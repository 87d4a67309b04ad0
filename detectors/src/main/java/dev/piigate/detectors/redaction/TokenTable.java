package dev.piigate.detectors.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.ip.IpAddressDetector;

/**
 * Names redaction tools write between delimiters, and the type each stands for. One table for
 * the three delimiter styles ({@code <NAME>}, {@code [NAME]}, {@code |||NAME|||}): a tool's name in
 * another tool's delimiters still means the same thing.
 *
 * <p>Every type a built-in detector declares ({@link Detector#entityTypes()}) is a name of its own,
 * taken from the detectors when this class is first used, so a new detector's types are tokens
 * without an edit here: {@link Redactor} writes {@code <TYPE>} for every type a scan reports, and
 * the redacted copy's scan must count each as masked. Beside them, the names other tools write:
 * Presidio's entity names (replace operator default {@code <ENTITY_TYPE>}), Dolma's
 * {@code |||EMAIL_ADDRESS|||}, {@code |||PHONE_NUMBER|||} and {@code |||IP_ADDRESS|||}, BigCode's
 * {@code <EMAIL>} and {@code <IP_ADDRESS>}, and common generic tags.
 */
final class TokenTable {
    private TokenTable() {}

    /** @param type null for a generic token, whose type comes from a keyword nearby */
    record Entry(String name, EntityType type) {
        /** The type's own name, the one {@link Redactor} writes (also in its hashed form). */
        boolean isTypeName() {
            return type != null && name.equals(type.name());
        }
    }

    private static final EntityType CARD = EntityType.CREDIT_CARD_NUMBER;
    private static final EntityType SSN = EntityType.USA_SOCIAL_SECURITY_NUMBER;
    private static final EntityType IBAN = EntityType.IBAN;
    private static final EntityType PHONE = EntityType.PHONE_NUMBER;
    private static final EntityType EMAIL = EntityType.EMAIL_ADDRESS;
    private static final EntityType IP = IpAddressDetector.TYPE;

    /** Other tools' names for our types, and the generic ones; never a type's own name (those come from the detectors). */
    private static final List<Entry> ALIASES = List.of(
            new Entry("CARD", CARD), // generic
            new Entry("CARD_NUMBER", CARD), // generic
            new Entry("CREDIT_CARD", CARD), // Presidio
            new Entry("EMAIL", EMAIL), // BigCode, generic
            new Entry("E_MAIL", EMAIL), // generic
            new Entry("IBAN_CODE", IBAN), // Presidio
            new Entry("IP", IP), // generic
            new Entry("IPV4", IP), // generic
            new Entry("IPV6", IP), // generic
            new Entry("IP_ADDR", IP), // generic
            new Entry("MASKED", null), // generic
            new Entry("PHONE", PHONE), // generic
            new Entry("REDACTED", null), // generic
            new Entry("REMOVED", null), // generic
            new Entry("SOCIAL_SECURITY_NUMBER", SSN), // generic
            new Entry("SSN", SSN), // generic
            new Entry("TELEPHONE", PHONE), // generic
            new Entry("US_SSN", SSN)); // Presidio

    /** Every type a token names. */
    private static final Set<EntityType> TYPES;
    /** Entries by the length of their name: {@code BY_LENGTH[n]} holds the names of n chars. */
    private static final Entry[][] BY_LENGTH;
    /** Length of the longest name: a name scan stops one char past it. */
    static final int MAX_NAME;

    static {
        // A type's own name first, so an alias can never take it over.
        Map<String, Entry> byName = new HashMap<>();
        for (EntityType type : builtInTypes()) {
            // A name the scanner cannot read (a custom type's '(') has no token; the tests hold built-ins to it.
            if (isReadableName(type.name())) {
                byName.put(type.name(), new Entry(type.name(), type));
            }
        }
        for (Entry alias : ALIASES) {
            byName.putIfAbsent(alias.name(), alias);
        }
        Set<EntityType> types = new HashSet<>();
        int max = 0;
        for (Entry e : byName.values()) {
            if (e.type() != null) {
                types.add(e.type());
            }
            max = Math.max(max, e.name().length());
        }
        List<List<Entry>> lists = new ArrayList<>();
        for (int n = 0; n <= max; n++) {
            lists.add(new ArrayList<>());
        }
        byName.values().stream().sorted(Comparator.comparing(Entry::name))
                .forEach(e -> lists.get(e.name().length()).add(e));
        Entry[][] byLength = new Entry[max + 1][];
        for (int n = 0; n <= max; n++) {
            byLength[n] = lists.get(n).toArray(new Entry[0]);
        }
        TYPES = Set.copyOf(types);
        BY_LENGTH = byLength;
        MAX_NAME = max;
    }

    /**
     * The union of the built-in detectors' types, the redaction detector's own left out (it is
     * what is being computed). Runs in this class's initialiser, never in a detector's: the
     * registry's initialiser loads the redaction detector's class, whose initialiser and
     * constructor must therefore not touch this class, or this class would be read half-built.
     */
    private static Set<EntityType> builtInTypes() {
        Set<EntityType> types = new HashSet<>();
        DetectorRegistry registry = DetectorRegistry.load(TokenTable.class.getClassLoader());
        for (Detector d : registry.create(DetectorSettings.defaults())) {
            if (!d.id().equals(RedactionTokenDetector.ID)) {
                types.addAll(d.entityTypes());
            }
        }
        return types;
    }

    /** A name {@code RedactionTokenDetector} can read: an upper-case letter, then A-Z, 0-9 or '_'. */
    private static boolean isReadableName(String name) {
        if (name.isEmpty() || name.charAt(0) < 'A' || name.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Every type some token names: the built-in detectors' types. */
    static Set<EntityType> types() {
        return TYPES;
    }

    /** The entry named by t[start, end), or null; compares in place, allocates nothing. */
    static Entry lookup(String t, int start, int end) {
        int length = end - start;
        if (length > MAX_NAME) {
            return null;
        }
        for (Entry e : BY_LENGTH[length]) {
            if (t.startsWith(e.name(), start)) {
                return e;
            }
        }
        return null;
    }
}
