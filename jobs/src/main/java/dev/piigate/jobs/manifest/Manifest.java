package dev.piigate.jobs.manifest;

import java.util.List;

/** STUB: replaced by the manifest helper's version. */
public record Manifest(String uri, String kind, List<String> entries, String sha256) {}
