package dev.piigate.detectors.phone;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;

/** Placeholder: being written. */
public final class PhoneDetector implements Detector {
    public static final String ID = "phone_libphonenumber_v1";
    public static final DetectorFactory FACTORY = new DetectorFactory() {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Detector create(DetectorSettings settings) {
            return new PhoneDetector();
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
