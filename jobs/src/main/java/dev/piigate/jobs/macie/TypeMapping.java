package dev.piigate.jobs.macie;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Macie identifier ids to our entity types. Managed identifiers by rule:
 * {@code CREDIT_CARD_NUMBER} and {@code CREDIT_CARD_NUMBER_(NO_KEYWORD)}, the SSN, the
 * per-country bank account ids ({@code GERMANY_BANK_ACCOUNT_NUMBER}: Macie's IBAN identifiers,
 * which it also uses for the country's BBAN) and the phone ids ({@code PHONE_NUMBER},
 * {@code UK_PHONE_NUMBER}...), Macie's nine credential ids ({@link #CREDENTIALS}), which our
 * credential types are named after, and the national identifiers and {@code DATE_OF_BIRTH}
 * ({@link #KEYWORD_NAMED}), named after Macie's ids too; {@code SPAIN_NIF_NUMBER} (a person's NIF is
 * the DNI with its letter) maps to {@code SPAIN_DNI_NUMBER}. Macie has no IP address identifier:
 * our IP_ADDRESS findings are reported as a type Macie was not set up for. {@code BANK_ACCOUNT_NUMBER} (US and Canadian accounts, not
 * IBANs) and every other managed id (names, addresses) have no type of ours: they are
 * reported, never compared. Custom identifiers map through {@code macie.typeMapping}, keyed by the
 * identifier's id (Macie's {@code arn} member) or its name.
 */
final class TypeMapping implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String CARD = "CREDIT_CARD_NUMBER";
    static final String SSN = "USA_SOCIAL_SECURITY_NUMBER";
    static final String IBAN = "IBAN";
    static final String PHONE = "PHONE_NUMBER";

    /**
     * Macie's credential identifiers: our types carry the same names. Macie has no counterpart of
     * our AWS_ACCESS_KEY_ID, GITHUB_TOKEN, GITLAB_TOKEN, SLACK_TOKEN, OPENAI_API_KEY,
     * HUGGINGFACE_TOKEN, NPM_TOKEN or URL_CREDENTIALS: those are reported as types Macie was not set up for.
     */
    static final Set<String> CREDENTIALS = Set.of("AWS_CREDENTIALS", "GCP_API_KEY", "HTTP_BASIC_AUTH_HEADER",
            "JSON_WEB_TOKEN", "OPENSSH_PRIVATE_KEY", "PGP_PRIVATE_KEY", "PKCS", "PUTTY_PRIVATE_KEY", "STRIPE_CREDENTIALS");

    /**
     * Macie's keyword-gated identifiers whose names our types carry: the national identifiers of
     * issue 13 and the date of birth. Our detectors report these only with a keyword too.
     */
    static final Set<String> KEYWORD_NAMED = Set.of("UK_NATIONAL_INSURANCE_NUMBER", "CANADA_SOCIAL_INSURANCE_NUMBER",
            "INDIA_AADHAAR_NUMBER", "INDIA_PERMANENT_ACCOUNT_NUMBER", "BRAZIL_CPF_NUMBER", "SPAIN_DNI_NUMBER",
            "SPAIN_NIE_NUMBER", "FRANCE_NATIONAL_IDENTIFICATION_NUMBER", "ITALY_NATIONAL_IDENTIFICATION_NUMBER",
            "MEXICO_CURP_NUMBER", "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER", "DATE_OF_BIRTH");
    static final String SPAIN_NIF = "SPAIN_NIF_NUMBER";

    /** Types Macie reports only with a keyword near the value (its CREDIT_CARD_NUMBER flavour included). */
    static final Set<String> KEYWORD_TYPES = union(Set.of(CARD, SSN, PHONE), KEYWORD_NAMED);

    private final TreeMap<String, String> custom;

    TypeMapping(Map<String, String> custom) {
        this.custom = new TreeMap<>(custom);
    }

    /** Our type for a Macie detection, or null when we have none. */
    String ourType(String macieType, String customId, String customName) {
        if (macieType == null) {
            String byId = customId == null ? null : custom.get(customId);
            return byId != null ? byId : customName == null ? null : custom.get(customName);
        }
        String mapped = custom.get(macieType);
        if (mapped != null) {
            return mapped;
        }
        if (macieType.equals(CARD) || macieType.equals("CREDIT_CARD_NUMBER_(NO_KEYWORD)")) {
            return CARD;
        }
        if (macieType.equals(SSN)) {
            return SSN;
        }
        if (macieType.endsWith("_BANK_ACCOUNT_NUMBER") && !macieType.startsWith("USA_")
                && !macieType.startsWith("CANADA_")) {
            return IBAN;
        }
        if (macieType.equals(PHONE) || macieType.endsWith("_PHONE_NUMBER")) {
            return PHONE;
        }
        if (CREDENTIALS.contains(macieType) || KEYWORD_NAMED.contains(macieType)) {
            return macieType;
        }
        if (macieType.equals(SPAIN_NIF)) {
            return "SPAIN_DNI_NUMBER";
        }
        return null;
    }

    /** Types some Macie identifier maps to: an unmatched finding of any other type is one Macie was not set up for. */
    Set<String> coveredTypes() {
        Set<String> out = new TreeSet<>(Set.of(CARD, SSN, IBAN, PHONE));
        out.addAll(CREDENTIALS);
        out.addAll(KEYWORD_NAMED);
        out.addAll(custom.values());
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** Macie reports this type only with a keyword near it (cards: as CREDIT_CARD_NUMBER). */
    static boolean keywordRequired(String type) {
        return KEYWORD_TYPES.contains(type);
    }
}
