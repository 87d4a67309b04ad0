package dev.piigate.jobs.gate;

/** The gate's answer; the exit status follows it (0 PASS, 2 BLOCK). */
public enum Decision {
    PASS, BLOCK
}
