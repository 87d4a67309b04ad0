package dev.piigate.jobs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Every {@code @TempDir} of the jobs tests (junit-platform.properties names this factory), named
 * {@code junit-} and twelve random letters. JUnit's own names end in a random number of up to 19
 * digits, and a manifest's object names are scanned like any text: a name such as
 * {@code junit-6222015279617201360} holds a Luhn-valid card number with a UnionPay prefix, so a
 * run that happened to draw one blocked on MANIFEST_PII (seen once in CI, about one run in a
 * hundred by the odds of an issuer prefix and the Luhn digit). Letters hold no number.
 */
public final class LetterTempDirs implements TempDirFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; ; attempt++) {
            StringBuilder name = new StringBuilder("junit-");
            for (int k = 0; k < 12; k++) {
                name.append((char) ('a' + RANDOM.nextInt(26)));
            }
            try {
                return Files.createDirectory(parent.resolve(name.toString()));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
