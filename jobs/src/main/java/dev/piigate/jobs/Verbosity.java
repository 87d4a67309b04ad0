package dev.piigate.jobs;

/**
 * How much a run says on the console. {@code --quiet}: the verdict line and errors only;
 * {@code --verbose}: INFO logging back on and an error's exception chain (class names, and the
 * messages of our own exceptions only). Files written under --out are the same either way.
 */
enum Verbosity {
    QUIET, NORMAL, VERBOSE
}
