package dev.piigate.jobs.gate;

/**
 * The run's answer; the exit status follows it (0 PASS, 2 BLOCK, 1 ERROR). The gate itself only
 * says PASS or BLOCK; ERROR is what the outputs say when the gate's PASS could not be carried out
 * (publishing the approval failed), so that no output still says PASS.
 */
public enum Decision {
    PASS, BLOCK, ERROR
}
