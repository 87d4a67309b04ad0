package dev.piigate.detectors.card;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.ScanText;

/** Placeholder: being written. */
public final class CardDetector implements Detector {
    public static final String ID = "card_luhn_v1";
    public static final DetectorFactory FACTORY = new DetectorFactory() {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Detector create(DetectorSettings settings) {
            return new CardDetector();
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
