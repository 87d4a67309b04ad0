package dev.piigate.jobs.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real text with no planted PII, from what is on any machine that built pii-gate: licence,
 * notice and readme files inside the jars Maven downloaded (~/.m2), Debian's common licences, and
 * /usr/share/doc (copyright files, changelogs, readmes). Identical texts are kept once (hundreds
 * of jars carry the same Apache License). Files are read in sorted order up to a byte budget.
 *
 * <p>{@link #collectCode} is the second set, for credential false positives: source code and
 * changelogs a build machine has (sources jars in ~/.m2, the JDK's lib/src.zip, the Python
 * standard library and packages under /usr/lib/python3*, Debian changelogs), taken in turns from
 * each kind so that a small budget still holds all of them.
 */
final class RealText {
    private static final Pattern JAR_TEXT = Pattern.compile(
            "(?i)(.*/)?(license|licence|notice|readme|changelog|changes|dependencies|copying)[^/]*(\\.txt|\\.md)?");
    private static final Pattern DOC_TEXT = Pattern.compile(
            "(?i).*/(copyright|changelog(\\.debian)?(\\.gz)?|news(\\.gz)?|readme[^/]*|[^/]*\\.txt(\\.gz)?|[^/]*\\.md(\\.gz)?)");
    private static final int CHUNK = 8_000;

    record Source(String name, String text) {}

    /** What was collected: records to scan, one line per source with its size, each record's source and offset. */
    record Collected(List<String> records, List<String> sources, long bytes, List<String> recordSources) {}

    private final Set<String> seen = new HashSet<>();
    private final List<Source> sources = new ArrayList<>();
    private long budget;
    private long bytes;

    private RealText(long budget) {
        this.budget = budget;
    }

    static Collected collect(Path m2, long budgetBytes) throws IOException {
        RealText rt = new RealText(budgetBytes);
        rt.addTree(Path.of("/usr/share/common-licenses"), p -> true);
        if (Files.isDirectory(m2)) {
            try (Stream<Path> jars = Files.walk(m2)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    rt.addJar(jar);
                }
            }
        }
        rt.addTree(Path.of("/usr/share/doc"), p -> DOC_TEXT.matcher(p.toString()).matches());
        return rt.collected();
    }

    private static final Pattern SOURCE = Pattern.compile("(?i).*\\.(java|kt|scala|py|js|ts|go|rb|cs|c|h|sh|ya?ml|toml|json|xml"
            + "|properties|gradle)");
    private static final Pattern CHANGELOG = Pattern.compile("(?i).*/changelog[^/]*");

    static Collected collectCode(Path m2, long budgetBytes) throws IOException {
        // each kind gets a share, so one large kind cannot crowd the others out
        long share = budgetBytes / 4;
        RealText rt = new RealText(share);
        if (Files.isDirectory(m2)) {
            try (Stream<Path> jars = Files.walk(m2)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith("-sources.jar")).sorted().toList()) {
                    rt.addZip(jar, SOURCE);
                }
            }
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        rt.budget += share;
        rt.addZip(javaHome.resolve("lib/src.zip"), SOURCE);
        rt.budget += share;
        try (Stream<Path> roots = Files.list(Path.of("/usr/lib"))) {
            for (Path python : roots.filter(p -> p.getFileName().toString().startsWith("python3")).sorted().toList()) {
                rt.addTree(python, p -> p.toString().endsWith(".py"));
            }
        } catch (IOException e) {
            // no /usr/lib: nothing of this kind
        }
        rt.budget = budgetBytes;
        rt.addTree(Path.of("/usr/share/doc"), p -> CHANGELOG.matcher(p.toString()).matches());
        return rt.collected();
    }

    private Collected collected() {
        List<String> records = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> recordSources = new ArrayList<>();
        for (Source s : sources) {
            names.add(s.text().getBytes(StandardCharsets.UTF_8).length + "\t" + s.name());
            String t = s.text();
            int at = 0;
            while (at < t.length()) {
                int end = Math.min(t.length(), at + CHUNK);
                if (end < t.length()) {
                    int para = t.lastIndexOf("\n\n", end);
                    end = para > at + CHUNK / 4 ? para + 2 : end;
                    if (Character.isHighSurrogate(t.charAt(end - 1))) {
                        end--;
                    }
                }
                records.add(t.substring(at, end));
                recordSources.add(s.name() + "@" + at);
                at = end;
            }
        }
        return new Collected(records, names, bytes, recordSources);
    }

    private interface Filter {
        boolean accept(Path p);
    }

    private void addTree(Path root, Filter filter) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(filter::accept).sorted().toList()) {
                if (bytes >= budget) {
                    return;
                }
                try (InputStream in = Files.newInputStream(p)) {
                    add(p.toString(), p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in);
                } catch (IOException e) {
                    // unreadable: not part of the corpus
                }
            }
        }
    }

    /** Entries of a zip (a sources jar, src.zip) whose names match, in sorted order; a missing zip adds nothing. */
    private void addZip(Path zipFile, Pattern names) {
        if (bytes >= budget || !Files.isRegularFile(zipFile)) {
            return;
        }
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory() && names.matcher(z.getName()).matches() && z.getSize() < 2_000_000) {
                    entries.add(z);
                }
            }
            entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
            for (ZipEntry z : entries) {
                if (bytes >= budget) {
                    return;
                }
                try (InputStream in = zip.getInputStream(z)) {
                    add(zipFile.getFileName() + "!/" + z.getName(), in);
                }
            }
        } catch (IOException e) {
            // not a readable zip: skipped
        }
    }

    private void addJar(Path jar) {
        if (bytes >= budget) {
            return;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory() && JAR_TEXT.matcher(z.getName()).matches() && z.getSize() < 2_000_000) {
                    entries.add(z);
                }
            }
            entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
            for (ZipEntry z : entries) {
                try (InputStream in = zip.getInputStream(z)) {
                    add(jar.getFileName() + "!/" + z.getName(), in);
                }
            }
        } catch (IOException e) {
            // not a readable jar: skipped
        }
    }

    private void add(String name, InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        byte[] raw = out.toByteArray();
        if (raw.length == 0 || bytes >= budget) {
            return;
        }
        for (byte b : raw) {
            if (b == 0) {
                return; // binary
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return;
        }
        String normalised = text.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || !seen.add(sha256(normalised))) {
            return;
        }
        sources.add(new Source(name, text));
        bytes += raw.length;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
