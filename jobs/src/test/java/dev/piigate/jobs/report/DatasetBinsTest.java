package dev.piigate.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.piigate.jobs.gate.ObjectStatus;
import dev.piigate.jobs.read.ScanStatus;
import dev.piigate.jobs.read.StatusReason;
import dev.piigate.jobs.scan.ObjectResult;

/** The objects streamed into bins: never more than asked, counts exact, path order kept, widths equal. */
class DatasetBinsTest {

    private static ObjectResult object(long i) {
        ObjectStatus status = i % 13 == 5 ? new ObjectStatus(ScanStatus.SKIPPED, StatusReason.CORRUPT)
                : ObjectStatus.COMPLETE;
        return new ObjectResult("file:/d/" + i, "p" + i, "text", 1, null, status, null, i % 5, i % 5 == 4 ? 2 : 0, 0,
                i % 3 == 0 ? 1 : 0, 0, 0, 0, Map.of());
    }

    @ParameterizedTest
    @CsvSource({"0, 100", "1, 100", "7, 100", "100, 100", "101, 100", "199, 100", "200, 100", "201, 100",
        "1000, 100", "54321, 100", "10, 3", "11, 3", "100, 7", "5, 2", "6, 2"})
    void binsAreBoundedExactAndInPathOrder(long objects, int maxBins) {
        List<DatasetBins.Bin> bins = DatasetBins.of(LongStream.range(0, objects).mapToObj(DatasetBinsTest::object)
                .iterator(), maxBins);
        assertThat(bins.size()).isLessThanOrEqualTo(maxBins);
        if (objects <= maxBins) {
            assertThat(bins).hasSize((int) objects);
        }
        assertThat(bins.stream().mapToLong(DatasetBins.Bin::objects).sum()).isEqualTo(objects);
        long records = 0;
        long unmasked = 0;
        long maskedOnly = 0;
        long notComplete = 0;
        for (long i = 0; i < objects; i++) {
            ObjectResult o = object(i);
            records += o.records();
            unmasked += o.recordsUnmasked();
            maskedOnly += o.recordsMaskedOnly();
            notComplete += o.status().complete() ? 0 : 1;
        }
        assertThat(bins.stream().mapToLong(DatasetBins.Bin::records).sum()).isEqualTo(records);
        assertThat(bins.stream().mapToLong(DatasetBins.Bin::recordsUnmasked).sum()).isEqualTo(unmasked);
        assertThat(bins.stream().mapToLong(DatasetBins.Bin::recordsMaskedOnly).sum()).isEqualTo(maskedOnly);
        assertThat(bins.stream().mapToLong(DatasetBins.Bin::notComplete).sum()).isEqualTo(notComplete);
        long next = 0;
        for (int i = 0; i < bins.size(); i++) {
            DatasetBins.Bin b = bins.get(i);
            assertThat(b.first()).isEqualTo("p" + next);
            next += b.objects();
            assertThat(b.last()).isEqualTo("p" + (next - 1));
            if (i < bins.size() - 1) {
                assertThat(b.objects()).as("bin %d", i).isEqualTo(bins.get(0).objects());
            } else {
                assertThat(b.objects()).isLessThanOrEqualTo(bins.get(0).objects());
            }
        }
    }

    @Test
    void fewerThanTwoBinsIsRefused() {
        assertThatThrownBy(() -> DatasetBins.of(List.<ObjectResult>of().iterator(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
