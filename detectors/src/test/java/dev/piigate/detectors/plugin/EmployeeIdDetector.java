package dev.piigate.detectors.plugin;

import java.util.Set;
import dev.piigate.detectors.Chars;
import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;

/**
 * A detector that exists only in test code, shipped the way a team ships its own: a class with a
 * public no-argument factory, named in {@code META-INF/services/dev.piigate.detectors.DetectorFactory}.
 * It finds internal employee ids {@code EMP-} followed by six digits, driven by the digit-run index.
 */
public final class EmployeeIdDetector implements Detector {
    static final EntityType EMPLOYEE_ID = new EntityType("EMPLOYEE_ID");
    static final String ID = "acme_employee_id_v1";

    /** The ServiceLoader entry point. */
    public static final class Factory implements DetectorFactory {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Detector create(DetectorSettings settings) {
            return new EmployeeIdDetector(settings.options().getOrDefault(ID + ".prefix", "EMP-"));
        }
    }

    private final String prefix;

    EmployeeIdDetector(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(EMPLOYEE_ID);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        String t = text.text();
        for (int i = 0; i < text.digitRunCount(); i++) {
            int start = text.digitRunStart(i);
            int end = text.digitRunEnd(i);
            int from = start - prefix.length();
            if (end - start == 6 && from >= 0 && t.startsWith(prefix, from) && Chars.isStandalone(t, from, end)) {
                sink.found(new Finding(EMPLOYEE_ID, from, end, ID, 0.9, false, false));
            }
        }
    }
}
