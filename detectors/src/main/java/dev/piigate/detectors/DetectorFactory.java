package dev.piigate.detectors;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

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

    /**
     * A factory for a built-in detector: {@code static final DetectorFactory FACTORY =
     * DetectorFactory.of(ID, settings -> new GitHubTokenDetector());}.
     */
    static DetectorFactory of(String id, Function<DetectorSettings, Detector> create) {
        requireNonNull(id, "id");
        requireNonNull(create, "create");
        return new DetectorFactory() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Detector create(DetectorSettings settings) {
                Detector d = create.apply(settings);
                if (!d.id().equals(id)) {
                    throw new IllegalStateException("factory " + id + " built a detector with id " + d.id());
                }
                return d;
            }

            @Override
            public String toString() {
                return "DetectorFactory[" + id + "]";
            }
        };
    }
}
