package dev.piigate.jobs.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A split's plan from the row groups the footer filter gave the splits before it and itself
 * (each written {@code rowIndexOffset:rowCount}): its rows are numbered as the object's only when
 * those row groups are the footer's first ones in order, and the last split's rows end at the
 * footer's row count; else it names the mismatch (row numbers only) and the split does not count.
 */
class RowGroupSplitTest {
    private static List<BlockMetaData> groups(String spec) {
        List<BlockMetaData> out = new ArrayList<>();
        for (String g : spec.isBlank() ? new String[0] : spec.trim().split(" ")) {
            BlockMetaData block = new BlockMetaData();
            block.setRowIndexOffset(Long.parseLong(g.substring(0, g.indexOf(':'))));
            block.setRowCount(Long.parseLong(g.substring(g.indexOf(':') + 1)));
            out.add(block);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what | before | mine | total (-1: not the last split) | first row | rows | mismatch
        "the first split|''|0:100 100:50|-1|0|150|false",
        "a middle split|0:100 100:50|150:100|-1|150|100|false",
        "a split that owns no row group|0:100|''|-1|100|0|false",
        "the last split, ending at the footer's rows|0:100 100:50|150:100|250|150|100|false",
        "the last split, short of the footer's rows|0:100 100:50|150:100|300|150|100|true",
        "row groups out of file order before it|100:50 0:100|150:100|-1|150|100|true",
        "its own row groups out of file order|0:100|150:100 100:50|-1|100|150|true",
        "a row group of an earlier split owned by none|0:100|150:100|-1|100|100|true",
    })
    void aPlanNumbersRowsAsTheObjectOrNamesTheMismatch(String what, String before, String mine, long total,
            long firstRow, long rows, boolean mismatch) {
        RowGroupSplit.Plan plan = RowGroupSplit.plan(groups(before), groups(mine), total);
        assertThat(plan.firstRow()).as(what).isEqualTo(firstRow);
        assertThat(plan.rows()).as(what).isEqualTo(rows);
        assertThat(plan.mismatch() != null).as(what).isEqualTo(mismatch);
    }
}
