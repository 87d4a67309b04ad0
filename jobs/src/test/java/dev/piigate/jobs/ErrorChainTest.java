package dev.piigate.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What --verbose adds to an error: the exception chain, class names always and messages only of
 * pii-gate's own exceptions (masked), since another library's message can quote a record.
 */
class ErrorChainTest {
    // A value shaped like a card number stands for data a third-party message could quote.
    private static final String QUOTED = "4539 1488 0343 6467";

    @Test
    void causesAndSuppressedByClassOurMessagesMasked() {
        IOException top = new IOException("could not parse '" + QUOTED + "'",
                new JobException("object s3a://b/customers.csv could not be read"));
        top.addSuppressed(new IllegalStateException("clean-up saw " + QUOTED));
        List<String> lines = Main.chain(top, message -> "<" + message + ">");
        assertThat(lines).containsExactly(
                "  at first: java.io.IOException",
                "  suppressed: java.lang.IllegalStateException",
                "  caused by: dev.piigate.jobs.JobException: <object s3a://b/customers.csv could not be read>");
        assertThat(String.join("\n", lines)).doesNotContain(QUOTED);
    }

    @Test
    void aCycleEndsAndADeepChainIsCut() {
        RuntimeException a = new RuntimeException(QUOTED);
        RuntimeException b = new RuntimeException(QUOTED, a);
        a.initCause(b);
        assertThat(Main.chain(a, m -> m)).containsExactly("  at first: java.lang.RuntimeException",
                "  caused by: java.lang.RuntimeException");

        Throwable deep = new IllegalArgumentException();
        for (int i = 0; i < 30; i++) {
            deep = new RuntimeException(deep);
        }
        List<String> lines = Main.chain(deep, m -> m);
        assertThat(lines).hasSize(Main.CHAIN_DEPTH + 1).last().isEqualTo("  ... (deeper causes left out)");
    }
}
