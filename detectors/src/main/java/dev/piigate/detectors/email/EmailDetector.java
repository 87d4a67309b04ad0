package dev.piigate.detectors.email;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;

/** Placeholder: being written. */
public final class EmailDetector implements Detector {
    public static final String ID = "email_v1";
    public static final DetectorFactory FACTORY = new DetectorFactory() {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Detector create(DetectorSettings settings) {
            return new EmailDetector();
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        throw new UnsupportedOperationException("not written yet");
    }
}
