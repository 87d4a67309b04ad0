package dev.piigate.jobs.scan;

/**
 * One object to scan. {@code size} is -1 when not yet known (manifest entries are looked up on the
 * executors, not one by one on the driver); {@code etag} is null where the store has none.
 */
public record InputObject(String path, long size, String etag) {}
