package dev.piigate.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.piigate.jobs.report.Report;

/** The code's identity changes with any byte of the code, and with nothing else. */
class CodeIdentityTest {
    @TempDir
    Path tmp;

    /** A classes folder of three files, two of them in a package folder. */
    private Path classes(String name) throws IOException {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(root.resolve("dev/piigate"));
        Files.write(root.resolve("dev/piigate/A.class"), new byte[] {(byte) 0xca, (byte) 0xfe, 1, 2});
        Files.write(root.resolve("dev/piigate/B.class"), new byte[] {(byte) 0xca, (byte) 0xfe, 3});
        Files.writeString(root.resolve("pii-gate-version.properties"), "version=1\n", StandardCharsets.UTF_8);
        return root;
    }

    @Test
    void theSameFilesElsewhereAreTheSameCode() throws IOException {
        assertThat(CodeIdentity.ofLocation(classes("one"))).isEqualTo(CodeIdentity.ofLocation(classes("two")))
                .startsWith("folder ");
    }

    static Stream<Arguments> changes() {
        return Stream.<Arguments>of(
                Arguments.of("a byte changed", (Consumer<Path>) root -> write(root.resolve("dev/piigate/A.class"),
                        new byte[] {(byte) 0xca, (byte) 0xfe, 1, 3})),
                Arguments.of("a file added", (Consumer<Path>) root -> write(root.resolve("dev/piigate/C.class"),
                        new byte[] {1})),
                Arguments.of("an empty file added", (Consumer<Path>) root -> write(root.resolve("empty.txt"),
                        new byte[0])),
                Arguments.of("a file removed", (Consumer<Path>) root -> delete(root.resolve("dev/piigate/B.class"))),
                Arguments.of("a file renamed", (Consumer<Path>) root -> move(root.resolve("dev/piigate/B.class"),
                        root.resolve("dev/piigate/D.class"))),
                // B's name and bytes written at the end of A, B gone: without the sizes, the same stream.
                Arguments.of("one file framed as two", (Consumer<Path>) root -> {
                    byte[] b = "dev/piigate/B.class\0".getBytes(StandardCharsets.UTF_8);
                    byte[] a = new byte[4 + b.length + 3];
                    System.arraycopy(new byte[] {(byte) 0xca, (byte) 0xfe, 1, 2}, 0, a, 0, 4);
                    System.arraycopy(b, 0, a, 4, b.length);
                    System.arraycopy(new byte[] {(byte) 0xca, (byte) 0xfe, 3}, 0, a, 4 + b.length, 3);
                    write(root.resolve("dev/piigate/A.class"), a);
                    delete(root.resolve("dev/piigate/B.class"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeToTheFilesIsOtherCode(String change, Consumer<Path> apply) throws IOException {
        String before = CodeIdentity.ofLocation(classes("before"));
        Path after = classes("after");
        apply.accept(after);
        assertThat(CodeIdentity.ofLocation(after)).isNotEqualTo(before);
    }

    @Test
    void aJarIsItsBytes() throws IOException {
        Path jar = tmp.resolve("pii-gate.jar");
        Files.write(jar, new byte[] {'P', 'K', 3, 4, 9, 9});
        String digest = CodeIdentity.ofLocation(jar);
        assertThat(digest).isEqualTo("file " + Report.sha256Hex(new byte[] {'P', 'K', 3, 4, 9, 9}));
        Path copy = Files.createDirectories(tmp.resolve("elsewhere")).resolve("renamed.jar");
        Files.copy(jar, copy);
        assertThat(CodeIdentity.ofLocation(copy)).isEqualTo(digest);
        Files.write(copy, new byte[] {'P', 'K', 3, 4, 9, 8});
        assertThat(CodeIdentity.ofLocation(copy)).isNotEqualTo(digest);
    }

    @Test
    void theRunningCodeCountsEachLocationOnce() throws IOException {
        String ours = CodeIdentity.of(List.of(CodeIdentityTest.class));
        String both = CodeIdentity.of(List.of(CodeIdentityTest.class, Test.class));
        assertThat(CodeIdentity.of(List.of(CodeIdentityTest.class, Test.class, CodeIdentityTest.class)))
                .isEqualTo(both);
        assertThat(CodeIdentity.of(List.of(CodeIdentityTest.class, Test.class))).isEqualTo(both);
        assertThat(both).isNotEqualTo(ours).hasSize(64);
    }

    @Test
    void hashedInTheBackgroundItIsTheJarsBytes() throws Exception {
        CodeIdentity.prepare(List.of(String.class)); // no location: told by of(), never here
        CodeIdentity.prepare(List.of(Test.class));
        Path jar = Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(CodeIdentity.of(List.of(Test.class)))
                .isEqualTo(Report.sha256Hex(("file " + Report.sha256Hex(Files.readAllBytes(jar)) + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void codeWithoutALocationIsNotKnownAndTheMessageNamesNoPath() {
        // The JDK's own classes have no code source.
        assertThatThrownBy(() -> CodeIdentity.of(List.of(CodeIdentityTest.class, String.class)))
                .isInstanceOf(IOException.class).hasMessage("no code source for String");
    }

    @Test
    void aLocationThatIsNeitherFileNorFolderIsNotKnown() {
        assertThatThrownBy(() -> CodeIdentity.ofLocation(tmp.resolve("gone.jar"))).isInstanceOf(IOException.class);
    }

    private static void write(Path p, byte[] bytes) {
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
