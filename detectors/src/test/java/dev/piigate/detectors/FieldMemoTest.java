package dev.piigate.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldMemoTest {
    @Test
    void answersForTheSameStringOnlyAndMissesWhatItNeverHeld() {
        FieldMemo memo = new FieldMemo();
        String field = "$.customer.ssn";
        String equalButDistinct = new String(field.toCharArray());
        assertThat(memo.get(field)).isEqualTo(FieldMemo.NONE);
        memo.put(field, 5);
        assertThat(memo.get(field)).isEqualTo(5);
        assertThat(memo.get(equalButDistinct)).isEqualTo(FieldMemo.NONE);
        memo.put(field, FieldMemo.NONE); // such an answer is kept as a miss, never as an answer
        assertThat(memo.get(field)).isEqualTo(FieldMemo.NONE);
    }

    @Test
    void aNameWhoseSlotWasTakenByAnotherIsAMissNotTheOthersAnswer() {
        FieldMemo memo = new FieldMemo();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            String name = "$.messages[" + k + "].text";
            names.add(name);
            memo.put(name, k);
        }
        for (int k = 0; k < names.size(); k++) {
            long answer = memo.get(names.get(k));
            assertThat(answer == FieldMemo.NONE || answer == k).as(names.get(k)).isTrue();
        }
        assertThat(memo.get(names.get(999))).isEqualTo(999);
    }

    @Test
    void theScannersAnswersDoNotDependOnWhetherAFieldNameIsTheSameString() {
        TextScanner scanner = TextScanner.create(DetectorSettings.defaults());
        String text = "dob 04/12/1987, id 078-05-1120, 4111 1111 1111 1111";
        for (String field : List.of("$.patient.date_of_birth", "$.ssn", "$.notes", "$.card_number")) {
            List<Finding> first = scanner.scan(text, field);
            assertThat(scanner.scan(text, field)).isEqualTo(first);
            assertThat(scanner.scan(text, new String(field.toCharArray()))).isEqualTo(first);
        }
    }
}
