package dev.piigate.jobs.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.piigate.jobs.scan.ObjectResult;

/**
 * The dataset's objects in path order, streamed past once into at most {@code maxBins} bins of
 * consecutive objects, for report.html's chart of records with PII over the dataset. The number of
 * objects need not be known: bins start one object wide, and whenever {@code maxBins} are full,
 * neighbours are merged in pairs and the width doubles. Memory is the bins, whatever the dataset.
 */
final class DatasetBins {

    /**
     * Consecutive objects, counted as the gate counts them.
     *
     * @param first       the first object's masked path
     * @param last        the last object's masked path
     * @param notComplete objects not scanned COMPLETE
     */
    record Bin(long objects, long records, long recordsUnmasked, long recordsMaskedOnly, long notComplete,
            String first, String last) {
        static Bin of(ObjectResult o) {
            return new Bin(1, o.records(), o.recordsUnmasked(), o.recordsMaskedOnly(), o.status().complete() ? 0 : 1,
                    o.safeFile(), o.safeFile());
        }

        Bin merge(Bin next) {
            return new Bin(objects + next.objects, records + next.records, recordsUnmasked + next.recordsUnmasked,
                    recordsMaskedOnly + next.recordsMaskedOnly, notComplete + next.notComplete, first, next.last);
        }

        long recordsClean() {
            return records - recordsUnmasked - recordsMaskedOnly;
        }
    }

    private DatasetBins() {}

    /**
     * @param objects every object in path order, as the gate counts it
     * @param maxBins at least 2
     * @return the bins in path order: all but the last exactly equally wide
     */
    static List<Bin> of(Iterator<ObjectResult> objects, int maxBins) {
        if (maxBins < 2) {
            throw new IllegalArgumentException("maxBins must be at least 2: " + maxBins);
        }
        List<Bin> full = new ArrayList<>();
        long width = 1;
        Bin open = null;
        while (objects.hasNext()) {
            Bin one = Bin.of(objects.next());
            if (open != null && open.objects() == width) {
                full.add(open);
                open = null;
                if (full.size() == maxBins) { // and one more object to place: halve the bins
                    List<Bin> pairs = new ArrayList<>(maxBins / 2 + 1);
                    for (int i = 0; i + 1 < full.size(); i += 2) {
                        pairs.add(full.get(i).merge(full.get(i + 1)));
                    }
                    // With an odd maxBins the last bin is half as wide: it stays open to fill up.
                    open = full.size() % 2 == 1 ? full.get(full.size() - 1) : null;
                    full = pairs;
                    width *= 2;
                }
            }
            open = open == null ? one : open.merge(one);
        }
        if (open != null) {
            full.add(open);
        }
        return full;
    }
}
