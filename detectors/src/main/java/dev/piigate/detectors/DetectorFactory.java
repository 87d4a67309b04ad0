package dev.piigate.detectors;

/**
 * Builds a detector from settings. Built-in detectors are listed in {@link DetectorRegistry};
 * detectors from other jars implement this interface and are found through
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.piigate.detectors.DetectorFactory}
 * file naming the class), then enabled by id in the configuration.
 */
public interface DetectorFactory {
    /** The id of the detector this factory builds; equal to {@code create(...).id()}. */
    String id();

    Detector create(DetectorSettings settings);
}
