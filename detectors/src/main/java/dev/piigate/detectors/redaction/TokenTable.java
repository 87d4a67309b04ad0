package dev.piigate.detectors.redaction;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.ip.IpAddressDetector;

/**
 * Names redaction tools write between delimiters, and the type each stands for. One table for
 * the three delimiter styles ({@code <NAME>}, {@code [NAME]}, {@code |||NAME|||}): a tool's name in
 * another tool's delimiters still means the same thing. Sources: Presidio's entity names (replace
 * operator default {@code <ENTITY_TYPE>}), Dolma's {@code |||EMAIL_ADDRESS|||},
 * {@code |||PHONE_NUMBER|||} and {@code |||IP_ADDRESS|||}, BigCode's {@code <EMAIL>} and
 * {@code <IP_ADDRESS>}, and common generic tags.
 */
final class TokenTable {
    private TokenTable() {}

    /** @param type null for a generic token, whose type comes from a keyword nearby */
    record Entry(String name, EntityType type) {}

    private static final EntityType CARD = EntityType.CREDIT_CARD_NUMBER;
    private static final EntityType SSN = EntityType.USA_SOCIAL_SECURITY_NUMBER;
    private static final EntityType IBAN = EntityType.IBAN;
    private static final EntityType PHONE = EntityType.PHONE_NUMBER;
    private static final EntityType EMAIL = EntityType.EMAIL_ADDRESS;
    private static final EntityType IP = IpAddressDetector.TYPE;

    /** Sorted by name. */
    private static final Entry[] ENTRIES = {
        new Entry("CARD", CARD), // generic
        new Entry("CARD_NUMBER", CARD), // generic
        new Entry("CREDIT_CARD", CARD), // Presidio
        new Entry("CREDIT_CARD_NUMBER", CARD), // Macie type name
        new Entry("EMAIL", EMAIL), // BigCode, generic
        new Entry("EMAIL_ADDRESS", EMAIL), // Presidio, Dolma
        new Entry("E_MAIL", EMAIL), // generic
        new Entry("IBAN", IBAN), // generic
        new Entry("IBAN_CODE", IBAN), // Presidio
        new Entry("IP", IP), // generic
        new Entry("IPV4", IP), // generic
        new Entry("IPV6", IP), // generic
        new Entry("IP_ADDR", IP), // generic
        new Entry("IP_ADDRESS", IP), // Presidio, Dolma, BigCode
        new Entry("MASKED", null), // generic
        new Entry("PHONE", PHONE), // generic
        new Entry("PHONE_NUMBER", PHONE), // Presidio, Dolma
        new Entry("REDACTED", null), // generic
        new Entry("REMOVED", null), // generic
        new Entry("SOCIAL_SECURITY_NUMBER", SSN), // generic
        new Entry("SSN", SSN), // generic
        new Entry("TELEPHONE", PHONE), // generic
        new Entry("USA_SOCIAL_SECURITY_NUMBER", SSN), // Macie type name
        new Entry("US_SSN", SSN), // Presidio
    };

    /** The entry named by t[start, end), or null; compares in place, allocates nothing. */
    static Entry lookup(String t, int start, int end) {
        int length = end - start;
        for (Entry e : ENTRIES) {
            if (e.name().length() == length && t.startsWith(e.name(), start)) {
                return e;
            }
        }
        return null;
    }
}
