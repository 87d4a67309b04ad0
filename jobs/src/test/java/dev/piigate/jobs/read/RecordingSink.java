package dev.piigate.jobs.read;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/** A hand-written sink that records what a reader delivered and checks the start/value/end protocol. */
final class RecordingSink implements RecordSink {
    record Value(String field, String value) {
    }

    record Record(long index, List<Value> values) {
        List<String> fields() {
            return values.stream().map(Value::field).collect(Collectors.toList());
        }

        List<String> texts() {
            return values.stream().map(Value::value).collect(Collectors.toList());
        }
    }

    private final List<Record> records = new ArrayList<>();
    private final BiConsumer<String, String> afterValue;
    private Record open;

    RecordingSink() {
        this((field, value) -> { });
    }

    /**
     * @param afterValue called with each value once it is recorded, on the reader's thread: where a
     *     test watches or holds a delivery
     */
    RecordingSink(BiConsumer<String, String> afterValue) {
        this.afterValue = afterValue;
    }

    @Override
    public void startRecord(long index) {
        if (open != null) {
            throw new AssertionError("record " + open.index() + " still open when " + index + " started");
        }
        open = new Record(index, new ArrayList<>());
    }

    @Override
    public void value(String field, String value) {
        if (open == null) {
            throw new AssertionError("value outside a record");
        }
        if (field == null || value == null) {
            throw new AssertionError("null field or value");
        }
        open.values().add(new Value(field, value));
        afterValue.accept(field, value);
    }

    @Override
    public void endRecord() {
        if (open == null) {
            throw new AssertionError("endRecord without startRecord");
        }
        records.add(open);
        open = null;
    }

    List<Record> records() {
        if (open != null) {
            throw new AssertionError("record " + open.index() + " left open");
        }
        return records;
    }

    List<Long> indexes() {
        return records().stream().map(Record::index).collect(Collectors.toList());
    }

    Record record(long index) {
        return records().stream().filter(r -> r.index() == index).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + index));
    }

    List<Value> allValues() {
        return records().stream().flatMap(r -> r.values().stream()).collect(Collectors.toList());
    }

    String allText() {
        return allValues().stream().map(Value::value).collect(Collectors.joining("\n"));
    }
}
