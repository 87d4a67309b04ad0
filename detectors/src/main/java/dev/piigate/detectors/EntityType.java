package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

/**
 * The kind of sensitive value a finding is. The names are part of the report format and follow
 * Amazon Macie's managed data identifier names where one exists. A record rather than an enum so
 * that custom identifiers and detectors from other jars can name their own types.
 */
public record EntityType(String name) {
    public static final EntityType CREDIT_CARD_NUMBER = new EntityType("CREDIT_CARD_NUMBER");
    public static final EntityType USA_SOCIAL_SECURITY_NUMBER = new EntityType("USA_SOCIAL_SECURITY_NUMBER");
    public static final EntityType IBAN = new EntityType("IBAN");
    public static final EntityType PHONE_NUMBER = new EntityType("PHONE_NUMBER");
    public static final EntityType EMAIL_ADDRESS = new EntityType("EMAIL_ADDRESS");

    public EntityType {
        requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("entity type name must be 1-64 characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '(' || c == ')')) {
                throw new IllegalArgumentException(
                        "entity type name may hold only A-Z, 0-9, '_', '(' and ')': '" + name + "'");
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
