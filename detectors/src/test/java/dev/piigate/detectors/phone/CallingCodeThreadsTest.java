package dev.piigate.detectors.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * CallingCode's tables are shared by every thread of an executor (and so may one detector be),
 * while each check reuses a matcher: the matchers are per thread. Several threads checking the same
 * numbers at once must get the answers one thread gets alone; matchers shared between threads
 * answer for another thread's digits (or throw) within a few thousand checks.
 */
class CallingCodeThreadsTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 300;

    /** A national number and its digits with a trunk prefix in front, for Prefix.end. */
    private record Case(CallingCode code, String nsn, char[] withPrefix, boolean valid, int prefixEnd) {}

    @Test
    void threadsSharingTheTablesGetTheAnswersOfOneThread() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).extracting(Case::valid).contains(true, false); // both answers are at stake
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> wrongAnswers(cases, offset)));
            }
            int total = 0;
            for (Future<Integer> f : wrong) {
                total += f.get();
            }
            assertThat(total).as("answers that differ from one thread's").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each thread walks the cases from its own offset, so threads check different numbers at once. */
    private static int wrongAnswers(List<Case> cases, int offset) {
        int wrong = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get((k * 7 + offset * 13 + round) % cases.size());
                if (c.code().isValid(c.nsn()) != c.valid()
                        || c.code().mainPrefix.end(c.withPrefix(), 0, c.withPrefix().length) != c.prefixEnd()) {
                    wrong++;
                }
            }
        }
        return wrong;
    }

    /** Valid numbers of a few codes (UK and German ones with trunk prefix "0") and near misses. */
    private static List<Case> cases() {
        String[][] numbers = {
            {"44", "2079460958", "7911123456", "1632960001", "20794609", "8001234567"},
            {"49", "30123456", "15123456789", "301234567890", "8912345", "1234"},
            {"1", "4155552671", "2015550123", "1234567890", "9995550100", "6135550123"},
        };
        Random random = new Random(16);
        List<Case> cases = new ArrayList<>();
        for (String[] row : numbers) {
            CallingCode code = CallingCode.of(Integer.parseInt(row[0]));
            for (int k = 1; k < row.length; k++) {
                for (int variant = 0; variant < 8; variant++) {
                    char[] digits = row[k].toCharArray();
                    if (variant > 0) {
                        digits[random.nextInt(digits.length)] = (char) ('0' + random.nextInt(10));
                    }
                    String nsn = new String(digits);
                    // code 1's trunk prefix is "1", the others' "0"
                    char[] withPrefix = ((row[0].equals("1") ? "1" : "0") + (variant % 2 == 0 ? nsn : "")).toCharArray();
                    cases.add(new Case(code, nsn, withPrefix, code.isValid(nsn),
                            code.mainPrefix.end(withPrefix, 0, withPrefix.length)));
                }
            }
        }
        return cases;
    }
}
