package dev.piigate.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.piigate.jobs.read.Format;

/**
 * The parsed command line. The flags are a contract: docs, tests and the EMR/SageMaker definitions
 * use them.
 */
record Args(List<String> inputs, String manifest, String out, String config, String findingsFormat, Format format,
        Map<String, String> conf, List<String> macieResults, Map<String, String> maciePathMap, boolean help,
        boolean version, String outputKmsKey, String redactTo, int showFindings,
        Verbosity verbosity, String baseline, String writeBaseline, String state) {

    static final List<String> FINDINGS_FORMATS = List.of("parquet", "jsonl");
    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("--manifest", "--out", "--config",
            "--findings-format", "--format", "--conf", "--macie-results", "--macie-path-map",
            "--output-kms-key", "--redact-to", "--show-findings", "--baseline", "--write-baseline", "--state");

    static final String HELP = """
            Usage: scripts/scan [OPTIONS] INPUT...
                   spark-submit --class dev.piigate.jobs.Main pii-gate.jar [OPTIONS] INPUT...

            Scans a dataset for unmasked PII (card numbers, US SSNs, IBANs, phone numbers, e-mail
            addresses, credentials, national identifiers, IP addresses, dates of birth, custom
            identifiers), writes a report, and decides PASS or BLOCK for it.

              INPUT                     files, folders (recursed) or URIs: local paths, file:, s3a://, s3://
              --manifest URI            scan exactly the files a dataset manifest lists, instead of INPUT
                                        (SageMaker ManifestFile JSON, augmented manifest JSON Lines with
                                        source-ref, or a plain list of URIs); on PASS an approved copy is
                                        published beside it (train.manifest -> train.approved.manifest),
                                        on BLOCK or error an earlier approval is withdrawn
              --out URI                 output folder for report.json, report.html (the report as a page
                                        to read, self-contained), summary.md, findings/, verdict.json
                                        (required)
              --config FILE             policy and detector configuration (YAML); defaults are built in
              --findings-format F       parquet (default) or jsonl
              --format F                force the input format: jsonl, csv, parquet, text, document
              --conf KEY=VALUE          a Spark or Hadoop setting, repeatable, as spark-submit takes it
                                        (e.g. spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000)
              --macie-results URI       Amazon Macie discovery results, GetFindings exports or EventBridge
                                        events (files or folders), repeatable: cross-check against them
              --macie-path-map FROM=TO  read Macie's object FROM prefix as TO (a local copy of a bucket),
                                        repeatable
              --redact-to URI           also write a redacted copy of the dataset under URI (same relative
                                        paths, format and compression; every unmasked value replaced as
                                        redaction.style says), scan the copy and gate it: its report goes
                                        to OUT/redacted/, and on PASS of a --manifest run the copy's
                                        manifest is approved beside the original
                                        (train.manifest -> train.redacted.approved.manifest)
              --output-kms-key KEY      write every output on S3 (report, verdict, findings, approved
                                        manifest, the redacted copy, the baseline) with SSE-KMS under this KMS key (ARN,
                                        alias ARN or id); needs an s3:// or s3a:// --out
              --show-findings N         after the summary, print the first N unmasked findings (by object,
                                        record, start) as object:record:field:start-end TYPE preview, with
                                        the object's path and the preview masked as findings/ writes them
              --baseline FILE           accept the findings this baseline lists (local path, s3a:// or s3://):
                                        an unmasked finding whose fingerprint and type it lists is
                                        reported as accepted (findings/ column accepted, report.json
                                        baseline) and its record does not count towards the gate; needs
                                        the PII_GATE_FINGERPRINT_KEY it was written under. Findings in
                                        a --manifest itself are never accepted
              --write-baseline FILE     after the scan, write the distinct fingerprints and types of its
                                        unmasked findings that are not test values (as findings/ holds
                                        them: report.maxFindingsPerFile caps it) as a baseline for
                                        --baseline; at most 1,000,000 entries (more is an error, exit 1);
                                        needs PII_GATE_FINGERPRINT_KEY
              --state URI               keep a ledger of per-object results under URI (local path, s3a://
                                        or s3://) and reuse it: an object whose identity (size and ETag or
                                        version; local: size, time and SHA-256) and settings match an
                                        earlier COMPLETE result is not read again, the rest is scanned,
                                        and the gate counts the whole dataset; a run that died resumes
                                        where it stopped. Needs PII_GATE_FINGERPRINT_KEY (docs/state.md)
              --quiet                   print only the verdict line and errors: no progress line on stderr
                                        (summary.md and the other outputs are written as always)
              --verbose                 INFO logging on, and an error's exception chain (class names, and
                                        pii-gate's own messages; other messages can quote data)
              --help, --version

            Exit status: 0 PASS, 2 BLOCK, 1 error (nothing approved), 64 bad usage or bad configuration.
            Environment: PII_GATE_FINGERPRINT_KEY (at least 16 bytes) keys the fingerprints in findings;
            without it a random key is used for this run only (and --baseline, --write-baseline, --state exit 64).
            """;

    static Args parse(String[] argv) {
        List<String> inputs = new ArrayList<>();
        String manifest = null;
        String out = null;
        String config = null;
        String findingsFormat = "parquet";
        Format format = null;
        Map<String, String> conf = new LinkedHashMap<>();
        List<String> macie = new ArrayList<>();
        Map<String, String> pathMap = new LinkedHashMap<>();
        boolean help = false;
        boolean version = false;
        String outputKmsKey = null;
        String redactTo = null;
        int showFindings = 0;
        String baseline = null;
        String writeBaseline = null;
        String state = null;
        boolean quiet = false;
        boolean verbose = false;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            String v = null;
            if (a.startsWith("--") && a.indexOf('=') > 2) {
                v = a.substring(a.indexOf('=') + 1); // --flag=value; the value may hold '=' (--conf=k=v)
                a = a.substring(0, a.indexOf('='));
                if (!VALUE_FLAGS.contains(a)) {
                    throw new UsageException(a + " takes no value");
                }
                if (v.isEmpty()) {
                    throw new UsageException(a + ": missing value");
                }
            } else if (VALUE_FLAGS.contains(a)) {
                if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
                    throw new UsageException(a + ": missing value");
                }
                v = argv[++i];
            }
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--quiet" -> quiet = true;
                case "--verbose" -> verbose = true;
                case "--manifest" -> manifest = v;
                case "--out" -> out = v;
                case "--config" -> config = v;
                case "--findings-format" -> {
                    findingsFormat = v;
                    if (!FINDINGS_FORMATS.contains(findingsFormat)) {
                        throw new UsageException("--findings-format: '" + findingsFormat + "' is not one of "
                                + String.join(", ", FINDINGS_FORMATS));
                    }
                }
                case "--format" -> {
                    String f = v;
                    format = Format.fromCliName(f).orElseThrow(() -> new UsageException("--format: '" + f
                            + "' is not one of jsonl, csv, parquet, text, document"));
                }
                case "--conf" -> {
                    String kv = v;
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--conf: expected KEY=VALUE, got '" + kv + "'");
                    }
                    String key = kv.substring(0, eq);
                    if (!key.startsWith("spark.")) {
                        throw new UsageException("--conf: '" + key + "' is not a Spark setting; Hadoop settings take"
                                + " the spark.hadoop. prefix (spark.hadoop." + key + ")");
                    }
                    conf.put(key, kv.substring(eq + 1));
                }
                case "--output-kms-key" -> outputKmsKey = v;
                case "--redact-to" -> redactTo = v;
                case "--show-findings" -> showFindings = count("--show-findings", v);
                case "--baseline" -> baseline = v;
                case "--write-baseline" -> writeBaseline = v;
                case "--state" -> state = v;
                case "--macie-results" -> macie.add(v);
                case "--macie-path-map" -> {
                    String kv = v;
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || eq == kv.length() - 1) {
                        throw new UsageException("--macie-path-map: expected FROM=TO, got '" + kv + "'");
                    }
                    pathMap.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option '" + a + "'; see --help");
                    }
                    inputs.add(a);
                }
            }
        }
        Args args = new Args(List.copyOf(inputs), manifest, out, config, findingsFormat, format, Map.copyOf(conf),
                List.copyOf(macie), Map.copyOf(pathMap), help, version, outputKmsKey, redactTo, showFindings,
                verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL, baseline, writeBaseline, state);
        if (quiet && verbose) {
            throw new UsageException("give either --quiet or --verbose, not both");
        }
        if (!help && !version) {
            args.validate();
        }
        return args;
    }

    /** A non-negative count of at most nine digits: larger is no count a console shows. */
    private static int count(String flag, String v) {
        if (!v.matches("[0-9]{1,9}")) {
            throw new UsageException(flag + ": expected a non-negative whole number, got '" + v + "'");
        }
        return Integer.parseInt(v);
    }

    /**
     * Hadoop settings for {@code --output-kms-key}: the buckets of --out, of the manifest (its
     * approval), of --redact-to (the copy), of --write-baseline and of --state (the ledger).
     */
    Map<String, String> outputEncryption() {
        return dev.piigate.jobs.s3.OutputEncryption.hadoopSettings(outputKmsKey,
                java.util.stream.Stream.of(out, manifest, redactTo, writeBaseline, state).filter(java.util.Objects::nonNull)
                        .toList());
    }

    private void validate() {
        if (out == null || out.isBlank()) {
            throw new UsageException("--out is required: the folder for report.json, findings/ and verdict.json");
        }
        if (manifest != null && !inputs.isEmpty()) {
            throw new UsageException("give either --manifest or INPUT paths, not both");
        }
        if (manifest == null && inputs.isEmpty()) {
            throw new UsageException("nothing to scan: give INPUT paths or --manifest URI");
        }
        if (baseline != null && baseline.isBlank()) {
            throw new UsageException("--baseline: missing value");
        }
        if (writeBaseline != null && writeBaseline.isBlank()) {
            throw new UsageException("--write-baseline: missing value");
        }
        if (state != null && state.isBlank()) {
            throw new UsageException("--state: missing value");
        }
        if (redactTo != null && redactTo.isBlank()) {
            throw new UsageException("--redact-to: missing value");
        }
        if (outputKmsKey != null) {
            if (outputKmsKey.isBlank() || outputKmsKey.chars().anyMatch(Character::isWhitespace)) {
                throw new UsageException("--output-kms-key: expected a KMS key ARN, alias ARN or key id");
            }
            if (dev.piigate.jobs.s3.OutputEncryption.bucketOf(out) == null) {
                throw new UsageException("--output-kms-key applies to S3 outputs: --out must be an s3:// or s3a:// URI");
            }
        }
    }

}
