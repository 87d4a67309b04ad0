package dev.piigate.jobs.scan;

/**
 * Why a folder listing left a file out of the scan. A closed set on purpose: every other file of a
 * listed folder is scanned or gets a status, so nothing is left out without one of these names.
 */
public enum IgnoreReason {
    /** A file Hadoop, Spark or a committer writes beside data: {@code _SUCCESS}, {@code _committed_*}, {@code _started_*}, {@code .*.crc}. */
    MARKER,
    /** Below this run's {@code --out}, which lies inside an INPUT folder: the run's own outputs, earlier ones included. */
    RUN_OUTPUT,
    /** A {@code *.verdict.json} that is exactly an approval record pii-gate writes beside an approved manifest. */
    VERDICT_RECORD
}
