package dev.piigate.detectors.custom;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

import dev.piigate.detectors.BoundedRegex;
import dev.piigate.detectors.CustomIdentifier;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;

/**
 * Runs one Macie-style custom data identifier. Its regex is bounded (see {@link BoundedRegex}):
 * hostile text makes the record fail closed, never the scan hang.
 */
public final class CustomIdentifierDetector implements Detector {
    private static final double CONFIDENCE = 0.8;
    private final CustomIdentifier identifier;
    private final BoundedRegex regex;
    private final Keywords keywords;
    private final Set<String> ignoreWords;

    public CustomIdentifierDetector(CustomIdentifier identifier) {
        this.identifier = requireNonNull(identifier, "identifier");
        this.regex = BoundedRegex.compile(identifier.regex(), "customIdentifiers." + identifier.name() + ".regex");
        this.keywords = Keywords.of(identifier.keywords());
        Set<String> ignore = new HashSet<>();
        for (String w : identifier.ignoreWords()) {
            ignore.add(w.toLowerCase(Locale.ROOT));
        }
        this.ignoreWords = Set.copyOf(ignore);
    }

    @Override
    public String id() {
        return identifier.detectorId();
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(identifier.type());
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        Matcher m = regex.matcher(text.text(), id());
        String t = text.text();
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (end == start) {
                continue;
            }
            if (!ignoreWords.isEmpty() && ignoreWords.contains(t.substring(start, end).toLowerCase(Locale.ROOT))) {
                sink.rejected(identifier.type(), start, end, id(), RejectReason.IGNORE_WORD);
                continue;
            }
            if (!keywords.isEmpty() && !keywords.before(t, start, identifier.maximumMatchDistance())
                    && !keywords.inField(text.field())) {
                sink.rejected(identifier.type(), start, end, id(), RejectReason.NO_KEYWORD);
                continue;
            }
            sink.found(new Finding(identifier.type(), start, end, id(), CONFIDENCE, false, false));
        }
    }
}
