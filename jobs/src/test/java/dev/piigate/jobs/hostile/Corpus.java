package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import dev.piigate.jobs.read.TextChunks;

/**
 * Writes the hostile-input corpus: each kind of bad input next to good files, every one holding
 * its own canaries ({@link Canaries}). Generated on every run; nothing big is committed, and the
 * biggest file here is a few megabytes.
 */
final class Corpus {
    /** Long-line files are scanned in chunks of this many characters (limits.maxValueChars). */
    static final int CHUNK = 4096;
    /** Cards planted across chunk borders in long-line.txt; each must be counted once. */
    static final int LONG_LINE_CARDS = 8;

    final Path root;
    final Path main;
    final Path victims;
    final Path parsers;
    /** File name -> its canaries, for every file written. */
    final Map<String, Canaries> canaries = new LinkedHashMap<>();
    /** Extra planted values (the long line's cards), searched for too. */
    final List<String> extraValues = new ArrayList<>();

    Corpus(Path root) throws IOException {
        this.root = root;
        this.main = Files.createDirectories(root.resolve("corpus"));
        this.victims = Files.createDirectories(root.resolve("victims"));
        this.parsers = Files.createDirectories(root.resolve("parsers"));
        writeGoodFiles();
        writeHostileFiles();
        writeFailOpenFiles();
        writeVictims();
        writeParserFiles();
    }

    private Canaries c(String name) {
        return canaries.computeIfAbsent(name, Canaries::new);
    }

    private void writeGoodFiles() throws IOException {
        String j = "good.jsonl";
        Files.writeString(main.resolve(j), "{\"id\":1,\"note\":\"" + c(j).line() + "\"}\n{\"id\":2,\"note\":\"fine\"}\n",
                UTF_8);
        String csv = "good.csv";
        Files.writeString(main.resolve(csv), "id,note\n1,\"" + c(csv).line() + "\"\n2,fine\n", UTF_8);
        String txt = "good.txt";
        Files.writeString(main.resolve(txt), "hello\n" + c(txt).line() + "\n", UTF_8);
        Files.write(main.resolve("good.docx"), docx(c("good.docx").line()));
        Files.write(main.resolve("good.pdf"), pdf(c("good.pdf").line(), null));
        // Parquet files with different schemas in one dataset: each file's own columns are scanned.
        parquet(main.resolve("good-a.parquet"), "message a { required binary name (STRING); optional binary email (STRING); }",
                "name", "Jane", "email", c("good-a.parquet").email);
        parquet(main.resolve("good-b.parquet"),
                "message b { required int64 id; optional binary iban (STRING); optional binary remark (STRING); }",
                "id", null, "iban", c("good-b.parquet").iban, "remark", c("good-b.parquet").line());
    }

    private void writeHostileFiles() throws IOException {
        Files.write(main.resolve("empty.txt"), new byte[0]);
        canaries.put("empty.txt", null);

        StringBuilder many = new StringBuilder(c("truncated.txt.gz").line()).append('\n');
        for (int i = 0; i < 3000; i++) {
            many.append("line ").append(i).append(" of filler text, nothing to find here\n");
        }
        byte[] whole = gzip(many.toString().getBytes(UTF_8));
        Files.write(main.resolve("truncated.txt.gz"), java.util.Arrays.copyOf(whole, whole.length * 3 / 5));

        Files.write(main.resolve("gzip-without-suffix.txt"),
                gzip(("first\n" + c("gzip-without-suffix.txt").line() + "\n").getBytes(UTF_8)));
        Files.writeString(main.resolve("plain-text.txt.gz"), c("plain-text.txt.gz").line() + "\n", UTF_8);

        Canaries members = c("members.txt.gz");
        Files.write(main.resolve("members.txt.gz"), concat(gzip(("one card " + members.card + "\n").getBytes(UTF_8)),
                gzip(("two " + members.line() + "\n").getBytes(UTF_8))));

        Canaries bad = c("bad-utf8.txt");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("card ".getBytes(UTF_8));
        b.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        b.write(bad.card.getBytes(UTF_8));
        b.write(new byte[] {(byte) 0xE2, (byte) 0x82});
        b.write((" then " + bad.line() + "\n").getBytes(UTF_8));
        Files.write(main.resolve("bad-utf8.txt"), b.toByteArray());

        writeLongLine();
        Canaries json = c("long-line.jsonl");
        Files.writeString(main.resolve("long-line.jsonl"),
                "{\"note\":\"" + "z".repeat(3 * CHUNK) + " " + json.line() + "\"}\n{\"ok\":1}\n", UTF_8);

        Canaries deep = c("deep.jsonl");
        Files.writeString(main.resolve("deep.jsonl"), "{\"a\":".repeat(400) + "\"" + deep.line() + "\"" + "}".repeat(400)
                + "\n{\"ok\":1}\n", UTF_8);
        Files.writeString(main.resolve("trailing-garbage.jsonl"),
                "{\"ok\":1}\n{\"note\":\"x\"} trailing " + c("trailing-garbage.jsonl").line() + "\n", UTF_8);
        Canaries ragged = c("ragged.csv");
        Files.writeString(main.resolve("ragged.csv"), "id,note\n1,fine\n2,fine,extra " + ragged.line() + ",more\n3\n",
                UTF_8);

        Files.write(main.resolve("zip-bomb.docx"), zipBombDocx(c("zip-bomb.docx").line()));
        Files.write(main.resolve("nested.txt.gz"),
                gzip(gzip(gzip((c("nested.txt.gz").line() + "\n").getBytes(UTF_8)))));
        StandardProtectionPolicy lock = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
        lock.setEncryptionKeyLength(128);
        Files.write(main.resolve("encrypted.pdf"), pdf(c("encrypted.pdf").line(), lock));
        Files.write(main.resolve("encrypted.docx"), encrypt(docx(c("encrypted.docx").line()), "user-pw"));
        Files.writeString(main.resolve("malformed.pdf"), "%PDF-1.7\n1 0 obj << /Length 99 >> stream\n"
                + c("malformed.pdf").line() + "\nendobj\n", UTF_8);

        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        bin.write((c("binary.txt").line() + "\n").getBytes(UTF_8));
        byte[] noise = new byte[4096];
        new Random(2).nextBytes(noise);
        noise[10] = 0;
        bin.write(noise);
        Files.write(main.resolve("binary.txt"), bin.toByteArray());
    }

    /**
     * Inputs that held unmasked PII and ended COMPLETE and PASS before the fail-open fixes, one of
     * each class (the FailOpen*Test classes test each class in depth): every one must now count its
     * values, and none of them may be written anywhere in clear, the file name included.
     */
    private void writeFailOpenFiles() throws IOException {
        Canaries pandas = c("pandas.jsonl"); // an integer column with a NaN, as pandas writes it
        Files.writeString(main.resolve("pandas.jsonl"), "{\"ssn\": " + pandas.ssn.replace("-", "") + ".0, \"card_number\": "
                + pandas.card.replace(" ", "") + ".0, \"note\": \"" + pandas.line() + "\"}\n{\"ssn\": NaN}\n", UTF_8);
        Canaries cjk = c("cjk.txt");
        Files.writeString(main.resolve("cjk.txt"), "お客様のカード番号は" + cjk.card.replace(" ", "") + "です。メールは" + cjk.email
                + "です。\n我的信用卡号是" + cjk.card + "，谢谢。\n" + cjk.line() + "\n", UTF_8);
        Canaries wide = c("utf16-no-bom.txt"); // UTF-16LE without a byte order mark
        Files.write(main.resolve("utf16-no-bom.txt"), ("first line\n" + wide.line() + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        Canaries zlib = c("zlib-in-text.txt"); // a zlib stream after a line of text: no magic, no suffix
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        for (int i = 0; i < ZLIB_AFTER_LINES; i++) { // past the first 64 KiB, which are sniffed whole
            z.write(("line " + i + " of plain text before the blob, nothing to find\n").getBytes(UTF_8));
        }
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
            d.write((zlib.line() + "\n").repeat(200).getBytes(UTF_8));
        }
        Files.write(main.resolve("zlib-in-text.txt"), z.toByteArray());
        Canaries named = c("named");
        // The name holds an e-mail address and the content is clean: the name alone must count.
        String name = "export_" + named.email + "_SSN_" + named.ssn + ".jsonl";
        canaries.put(name, canaries.remove("named"));
        Files.writeString(main.resolve(name), "{\"ok\": true}\n", UTF_8);
        failOpenName = name;
    }

    /** Lines of text before the zlib stream in zlib-in-text.txt. */
    static final int ZLIB_AFTER_LINES = 2000;

    /** The file whose name holds PII ({@link #writeFailOpenFiles}). */
    String failOpenName;

    /** One line of about 1 MB with distinct cards placed across chunk borders. */
    private void writeLongLine() throws IOException {
        Canaries line = c("long-line.txt");
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder(line.line()).append(' ');
        // Chunk k > 0 starts stride * k characters in (chunks are at least MIN_CHUNK_CHARS long).
        int chunk = Math.max(CHUNK, TextChunks.MIN_CHUNK_CHARS);
        int overlap = TextChunks.OVERLAP_CHARS;
        int stride = chunk - overlap;
        for (int k = 1; k <= LONG_LINE_CARDS; k++) {
            // Odd k: across the start of a chunk (whole in the chunk before); even k: across the end
            // of a chunk's overlap (whole only in the next chunk, not dropped as already seen).
            int at = stride * k * 20 + (k % 2 == 0 ? overlap : 0) - 7;
            while (sb.length() < at) {
                sb.append("word ");
            }
            sb.setLength(at - 1);
            sb.append(' ');
            String card = Canaries.card(r);
            extraValues.add(card);
            sb.append(card).append(' ');
        }
        while (sb.length() < 1_000_000) {
            sb.append("tail ");
        }
        Files.writeString(main.resolve("long-line.txt"), sb.append('\n').toString(), UTF_8);
    }

    private void writeVictims() throws IOException {
        Files.writeString(victims.resolve("deleted.txt"), c("deleted.txt").line() + "\n", UTF_8);
        Files.writeString(victims.resolve("changed.txt"), c("changed.txt").line() + "\n", UTF_8);
    }

    private void writeParserFiles() throws IOException {
        for (String kind : List.of("hang", "oom", "exit", "quote")) {
            String name = "piigate-test-" + kind + ".doc";
            Files.writeString(parsers.resolve(name), c(name).line() + "\n", UTF_8);
        }
    }

    /** Every planted value, in the form it was written. */
    List<String> allValues() {
        List<String> all = new ArrayList<>(extraValues);
        for (Canaries x : canaries.values()) {
            if (x != null) {
                all.addAll(x.values());
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ builders

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static byte[] docx(String text) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Customer record");
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(String text, StandardProtectionPolicy protection) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 9);
                content.newLineAtOffset(20, 700);
                content.showText(text);
                content.endText();
            }
            if (protection != null) {
                doc.protect(protection);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A real DOCX whose document part expands 1000-fold: 20 MB of text from a few kilobytes. */
    static byte[] zipBombDocx(String text) throws IOException {
        byte[] normal = docx(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(normal));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                byte[] body = in.readAllBytes();
                if (e.getName().equals("word/document.xml")) {
                    String xml = new String(body, UTF_8);
                    int end = xml.indexOf("</w:body>");
                    zip.write(xml.substring(0, end).getBytes(UTF_8));
                    zip.write("<w:p><w:r><w:t>".getBytes(UTF_8));
                    byte[] filler = "a".repeat(64 * 1024).getBytes(UTF_8);
                    for (int i = 0; i < 320; i++) {
                        zip.write(filler);
                    }
                    zip.write("</w:t></w:r></w:p>".getBytes(UTF_8));
                    zip.write(xml.substring(end).getBytes(UTF_8));
                } else {
                    zip.write(body);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** ECMA-376 agile encryption, as Word's "Encrypt with password" writes it. */
    static byte[] encrypt(byte[] docx, String password) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword(password);
            try (OPCPackage opc = OPCPackage.open(new ByteArrayInputStream(docx));
                    OutputStream os = encryptor.getDataStream(fs)) {
                opc.save(os);
            } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException
                    | java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    /** One row; {@code pairs} alternate column name and value (null: the row number as int64). */
    static void parquet(Path file, String schemaText, String... pairs) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(schemaText);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path).withType(schema)
                .withConf(new Configuration()).build()) {
            Group g = factory.newGroup();
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i + 1] == null) {
                    g.append(pairs[i], 1L);
                } else {
                    g.append(pairs[i], pairs[i + 1]);
                }
            }
            writer.write(g);
        }
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }
}
