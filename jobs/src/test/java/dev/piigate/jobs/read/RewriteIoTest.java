package dev.piigate.jobs.read;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RewriteIo.ByteLines}: lines split as LineSource splits them, and written back byte for byte. */
class RewriteIoTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a\\nb\\n|a,b",
        "a\\r\\nb|a,b",
        "a\\rb\\r|a,b",
        "\\n\\n|,",
        "a\\r\\r\\nb|a,,b",
        "no end|no end",
    })
    void linesSplitAtEveryKindOfLineEndAndWriteBackAsRead(String text, String expected) throws IOException {
        byte[] bytes = text.replace("\\n", "\n").replace("\\r", "\r").getBytes(ISO_8859_1);
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        RewriteIo.ByteLines in = new RewriteIo.ByteLines(new ByteArrayInputStream(bytes), 100);
        while (in.next()) {
            lines.add(new String(in.bytes(), 0, in.length(), ISO_8859_1));
            in.writeAsRead(back);
        }
        assertThat(String.join(",", lines)).isEqualTo(expected);
        assertThat(back.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void aLineEndAcrossTheReadAheadBlockAndLongLinesAreWhole() throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("x".repeat(64 * 1024 - 1)).append("\r\n"); // \r last in the first block, \n first in the next
        text.append("y".repeat(200_000)).append('\n').append("z");
        byte[] bytes = text.toString().getBytes(ISO_8859_1);
        RewriteIo.ByteLines in = new RewriteIo.ByteLines(new ByteArrayInputStream(bytes), 200_000);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        while (in.next()) {
            lengths.add(in.length());
            in.writeAsRead(back);
        }
        assertThat(lengths).containsExactly(64 * 1024 - 1, 200_000, 1);
        assertThat(back.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void aLineOverTheLimitEndsTheCopyNamingItsNumberOnly() throws IOException {
        RewriteIo.ByteLines in = new RewriteIo.ByteLines(
                new ByteArrayInputStream(("ok\n" + "s".repeat(11) + "\n").getBytes(ISO_8859_1)), 10);
        assertThat(in.next()).isTrue();
        assertThatThrownBy(in::next).isInstanceOf(RewriteIo.NotRewritable.class)
                .hasMessage("line 1: longer than 10 bytes");
    }
}
