package dev.piigate.jobs.scan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.TextScanner;
import dev.piigate.detectors.redaction.Redactor;
import dev.piigate.jobs.read.ValueRedactor;

/**
 * The {@link ValueRedactor} of one object's copy: values judged as the scan judges them (values by
 * the detectors under their field, keys as names, {@link PathMasker#nameFindings}), replaced until
 * a scan finds nothing ({@link Redactor#redactUntilClean}), and counted: replacements per type in
 * the records the copy keeps, records dropped for {@code redaction.dropRecordsOver} and records
 * dropped because a value's type cannot hold its replacement. One per object and task thread.
 */
public final class RecordRedactor implements ValueRedactor {
    private final TextScanner scanner;
    private final PathMasker names;
    private final Redactor redactor;
    private final int dropRecordsOver;
    private final CleanValues cleanValues;
    private final CleanValues cleanKeys;
    private final LongPredicate recordsToScan;
    private boolean scanRecord = true;

    private final Map<EntityType, Long> replaced = new HashMap<>();
    private final Map<EntityType, Long> inRecord = new HashMap<>();
    private int findingsInRecord;
    private String dropWhy;
    private long recordsKept;
    private long recordsOverLimit;
    private long recordsUnrewritable;

    /** @param dropRecordsOver a record with more replacements than this is left out; negative: never */
    public RecordRedactor(TextScanner scanner, PathMasker names, Redactor redactor, int dropRecordsOver) {
        this(scanner, names, redactor, dropRecordsOver, new CleanValues(), new CleanValues(), record -> true);
    }

    /**
     * With the clean-value caches of a partition, shared by its objects as the scan shares them, and
     * the records to judge: the values of any other record are kept as they are, unscanned.
     */
    RecordRedactor(TextScanner scanner, PathMasker names, Redactor redactor, int dropRecordsOver,
            CleanValues cleanValues, CleanValues cleanKeys, LongPredicate recordsToScan) {
        this.scanner = scanner;
        this.names = names;
        this.redactor = redactor;
        this.dropRecordsOver = dropRecordsOver;
        this.cleanValues = cleanValues;
        this.cleanKeys = cleanKeys;
        this.recordsToScan = recordsToScan;
    }

    @Override
    public boolean judges(long index) {
        return recordsToScan.test(index);
    }

    @Override
    public void startRecord(long index) {
        scanRecord = recordsToScan.test(index);
        inRecord.clear();
        findingsInRecord = 0;
        dropWhy = null;
    }

    @Override
    public String replace(String field, String value) {
        return judged(field, value, cleanValues, scanner::scan);
    }

    @Override
    public String replaceKey(String field, String key) {
        return judged(field, key, cleanKeys, names::nameFindings);
    }

    /** {@code text} judged by {@code rule} (text, field) as the scan judges it, and replaced; clean short texts remembered. */
    private String judged(String field, String text, CleanValues clean,
            java.util.function.BiFunction<String, String, List<Finding>> rule) {
        if (!scanRecord || text.isEmpty() || clean.contains(field, text)) {
            return text;
        }
        List<Finding> findings = rule.apply(text, field);
        if (findings.isEmpty()) {
            clean.add(field, text);
            return text;
        }
        return replaced(text, findings, redacted -> rule.apply(redacted, field));
    }

    private String replaced(String value, List<Finding> findings, java.util.function.Function<String, List<Finding>> rescan) {
        boolean any = false;
        for (Finding f : findings) {
            any |= redactor.replaces(f);
        }
        if (!any) {
            return value;
        }
        Optional<Redactor.Redacted> r = redactor.redactUntilClean(value, findings, rescan);
        if (r.isEmpty()) {
            throw new Unredactable("a value still holds an unmasked finding after "
                    + "the redaction rounds allowed");
        }
        r.get().replaced().forEach((type, n) -> inRecord.merge(type, (long) n, Long::sum));
        findingsInRecord += r.get().total();
        return r.get().text();
    }

    @Override
    public void dropRecord(String why) {
        dropWhy = why;
    }

    @Override
    public boolean endRecord() {
        if (dropWhy != null) {
            recordsUnrewritable++;
            return false;
        }
        if (dropRecordsOver >= 0 && findingsInRecord > dropRecordsOver) {
            recordsOverLimit++;
            return false;
        }
        inRecord.forEach((type, n) -> replaced.merge(type, n, Long::sum));
        recordsKept++;
        return true;
    }

    /** Replacements per type in the records the copy keeps. */
    public Map<EntityType, Long> replaced() {
        return Map.copyOf(replaced);
    }

    public long recordsKept() {
        return recordsKept;
    }

    /** Records left out for holding more than {@code redaction.dropRecordsOver} findings. */
    public long recordsOverLimit() {
        return recordsOverLimit;
    }

    /** Records left out because a value's type cannot hold its replacement. */
    public long recordsUnrewritable() {
        return recordsUnrewritable;
    }
}
