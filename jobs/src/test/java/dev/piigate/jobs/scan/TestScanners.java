package dev.piigate.jobs.scan;

import org.apache.hadoop.conf.Configuration;

import dev.piigate.detectors.DetectorRegistry;
import dev.piigate.detectors.Fingerprinter;
import dev.piigate.detectors.TextScanner;
import dev.piigate.jobs.config.Config;
import dev.piigate.jobs.config.ConfigLoader;
import dev.piigate.jobs.read.ParserProcesses;

/** The object scanner and configuration the split and path tests scan with. */
final class TestScanners {
    private TestScanners() {}

    /** Every detector of {@code config}, a fixed test fingerprint key, the local file system's configuration. */
    static ObjectScanner scanner(Config config, ParserProcesses parsers) {
        return new ObjectScanner(config, new TextScanner(DetectorRegistry.load().create(config.detectors()),
                config.detectors().allowList()), new Fingerprinter(new byte[32]), new Configuration(), parsers);
    }

    /** Values up to 1,024 chars, at most {@code maxFindingsPerFile} findings written per object. */
    static Config config(long maxFindingsPerFile) {
        return ConfigLoader.parse("limits:\n  maxValueChars: 1024\nreport:\n  maxFindingsPerFile: "
                + maxFindingsPerFile + "\n", "test.yaml");
    }
}
