package dev.piigate.jobs.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import dev.piigate.jobs.Main;

/** One run of the job in this JVM, as {@code scripts/scan} makes it: its exit status, stdout and stderr. */
public record MainRun(int status, String out, String err) {

    public static MainRun of(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new MainRun(status, out.toString(UTF_8), err.toString(UTF_8));
    }
}
