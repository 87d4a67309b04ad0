package dev.piigate.detectors.kit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

import dev.piigate.detectors.Keywords;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;

/**
 * A detector that is one {@link GroupedDigits} declaration at the configured keyword distance:
 * its id and type are the declaration's gate's, its scan the declaration's walk. A subclass
 * holds the type's rules and passes the declaration and the distance.
 */
public abstract class GroupedDigitsDetector implements Detector {
    private final GroupedDigits forms;
    private final int keywordDistance;
    private final Set<EntityType> types;

    protected GroupedDigitsDetector(GroupedDigits forms, int keywordDistance) {
        this.forms = requireNonNull(forms, "forms");
        this.keywordDistance = keywordDistance;
        this.types = Set.of(forms.gate().type());
    }

    @Override
    public final String id() {
        return forms.gate().id();
    }

    @Override
    public List<Keywords> requiredKeywords() {
        return List.of(forms.gate().keywords());
    }

    @Override
    public final Set<EntityType> entityTypes() {
        return types;
    }

    @Override
    public final void scan(ScanText text, FindingSink sink) {
        forms.scan(text, sink, keywordDistance);
    }
}
