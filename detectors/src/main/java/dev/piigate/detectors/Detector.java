package dev.piigate.detectors;

import java.util.List;
import java.util.Set;

/**
 * Finds one kind of sensitive value in a text. Implementations are stateless after construction
 * (thread-safe), do bounded work per candidate, and never keep or print the text they scan.
 *
 * <p>A detector reads {@link ScanText#text()} (normalised: fullwidth and other non-ASCII digits
 * folded to ASCII, invisible characters removed) and uses the shared candidate index of
 * {@link ScanText} (digit runs, '@' positions) instead of walking the whole text itself, so the
 * cost of a scan follows the number of candidates, not the text length. {@link TextScanner} also
 * hands it the text's {@link ScanText#alternate() alternate views} (percent-encoding decoded):
 * a detector needs no decoding of its own.
 */
public interface Detector {
    /**
     * Versioned id, such as {@code card_luhn_v2}. Bump the version whenever the findings change (a
     * span, type, state or confidence on any text), so reports and configurations made with the old
     * id stay readable; name the old id in {@code DetectorRegistry.RETIRED}. For built-ins the
     * detectors module's {@code DetectorFindingsTest} holds this: each id has a golden of its findings
     * on every test vector, and a change under the same id fails until the version is bumped.
     */
    String id();

    /**
     * Every type this detector may report a finding of (masked and test findings included). The
     * configuration checks {@code policy.perType} keys against the union of these, so a typo in a
     * type name is an error before any data is read, not a threshold that never applies.
     */
    Set<EntityType> entityTypes();

    /** Reports findings and rejections with offsets in {@code text.text()}. */
    void scan(ScanText text, FindingSink sink);

    /**
     * The keyword lists of which every finding of this detector needs one: near the value, in its
     * field's name or in its table column's header (Macie's rule, as a {@code KeywordContext} looks
     * for it). Empty, the default, when a finding may stand without a keyword. {@link TextScanner}
     * does not run the detector on a text in which none of these lists can occur and whose field
     * names none ({@link KeywordPresence}): it would only reject there, and the scanner reports no
     * rejections. {@code RequiredKeywordsTest} holds each built-in's claim on every test vector.
     */
    default List<Keywords> requiredKeywords() {
        return List.of();
    }

    /**
     * The fixed prefixes of which every finding of this detector starts with one ({@code ghp_},
     * {@code xoxb-}), found at a word start inside a token run ({@link TokenRuns#wordStart}) as the
     * kit's {@code Prefixes} finds them for a sink that wants no rejections. Empty, the default, when
     * a finding may start elsewhere. {@link TextScanner} does not run the detector on a text none of
     * whose token-run word starts begins with a prefix's first letter: there it would find nothing.
     * A detector with a prefix that does not start with an ASCII letter is run on every text.
     * {@code RequiredKeywordsTest} holds each built-in's claim on every test vector (gated against
     * ungated scanners), {@code RequiredPrefixesTest} that the skip happens.
     */
    default List<String> requiredPrefixes() {
        return List.of();
    }
}
