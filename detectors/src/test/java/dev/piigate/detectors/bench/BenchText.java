package dev.piigate.detectors.bench;

import java.nio.charset.StandardCharsets;

/**
 * The three benchmark texts, generated in code from fixed seeds (nothing big is committed). The
 * JMH {@code text} parameter takes the lower-case names: {@code prose}, {@code logs}, {@code pii}.
 */
public enum BenchText {
    PROSE("prose", "clean English prose"),
    LOGS("logs", "digit-heavy logs/CSV"),
    PII("pii", "PII-dense chat");

    /** About 2 MB each: large enough to swamp per-call overhead, small enough to stay in L3-ish memory. */
    static final int TARGET_CHARS = 2_000_000;

    private static final long SEED = 0x5EED_BE4C_0001L;

    private final String param;
    private final String description;

    BenchText(String param, String description) {
        this.param = param;
        this.description = description;
    }

    String param() {
        return param;
    }

    String description() {
        return description;
    }

    public String generate() {
        switch (this) {
            case PROSE:
                return ProseText.generate(SEED, TARGET_CHARS);
            case LOGS:
                return LogText.generate(SEED + 1, TARGET_CHARS);
            default:
                return pii().text();
        }
    }

    /** For the PII text, what the generator planted by kind (to compare with findings); else empty. */
    String planted() {
        return this == PII ? pii().planted().toString() : "";
    }

    /** The PII text with what was planted in it. */
    static PiiText.Generated pii() {
        return PiiText.generate(SEED + 2, TARGET_CHARS);
    }

    static int utf8Bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static BenchText fromParam(String param) {
        for (BenchText t : values()) {
            if (t.param.equals(param)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown text '" + param + "'; known: prose, logs, pii");
    }
}
