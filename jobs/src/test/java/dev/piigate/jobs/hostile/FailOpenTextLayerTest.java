package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.testing.WrittenPaths;

/**
 * Issue 11, the text layer, end to end: files whose PII reached the detectors in a form they did
 * not read (glued to Japanese or Chinese text, split by invisible characters, inside a masked
 * e-mail address, between pipes, named by an identifier, percent-encoded). One real scan of all of
 * them: every planted value is counted as unmasked, in its record and type, the scan ends BLOCK,
 * and no planted value, in any of its written forms, appears in any output, stdout or stderr.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenTextLayerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static int status;
    private static JsonNode report;
    private static final Map<String, String> places = new LinkedHashMap<>();
    /** File name -> planted records: for each, the types it holds. */
    private static final Map<String, List<List<String>>> planted = new LinkedHashMap<>();
    /** Every planted value as written and in its plain forms. */
    private static final List<String> values = new ArrayList<>();

    /** One planted record: its line, the values in it, the types they are. */
    private record Line(String text, List<String> values, List<String> types) {}

    private static final String CARD = "CREDIT_CARD_NUMBER";
    private static final String SSN = "USA_SOCIAL_SECURITY_NUMBER";
    private static final String IBAN = "IBAN";
    private static final String PHONE = "PHONE_NUMBER";
    private static final String EMAIL = "EMAIL_ADDRESS";

    /** The canary values of one line, in the forms the lines below write them. */
    private record V(Canaries c) {
        String card() {
            return c.card.replace(" ", "");
        }

        String[] cardGroups() {
            return c.card.split(" ");
        }

        String ssnBare() {
            return c.ssn.replace("-", "");
        }

        String iban() {
            return c.iban.replace(" ", "");
        }

        /** "+1 (212) 555-0123" as +12125550123 and 2125550123. */
        String phoneE164() {
            return "+" + c.phone.replaceAll("[^0-9]", "");
        }

        String phone10() {
            return c.phone.replaceAll("[^0-9]", "").substring(1);
        }
    }

    private static V v(String file, int line) {
        return new V(new Canaries(file + "#" + line));
    }

    private static Line line(String text, List<String> types, String... written) {
        return new Line(text, List.of(written), types);
    }

    static Map<String, List<Line>> files() {
        Map<String, List<Line>> files = new LinkedHashMap<>();
        List<Line> scripts = new ArrayList<>();
        V a = v("scripts.txt", 0);
        scripts.add(line("お客様のカード番号は" + a.card() + "です。", List.of(CARD), a.card()));
        V b = v("scripts.txt", 1);
        scripts.add(line("我的信用卡号是" + b.card() + "，谢谢", List.of(CARD), b.card()));
        V c = v("scripts.txt", 2);
        scripts.add(line("メールは" + c.c().email + "です", List.of(EMAIL), c.c().email));
        V d = v("scripts.txt", 3);
        scripts.add(line("номер" + d.c().ssn + "спасибо", List.of(SSN), d.c().ssn));
        V e = v("scripts.txt", 4);
        scripts.add(line("口座" + e.iban() + "です", List.of(IBAN), e.iban()));
        V f = v("scripts.txt", 5);
        scripts.add(line("電話" + f.phoneE164() + "まで", List.of(PHONE), f.phoneE164()));
        files.put("scripts.txt", scripts);

        List<Line> invisible = new ArrayList<>();
        V g = v("invisible.txt", 0);
        String zw = String.join("\u200B", g.cardGroups());
        invisible.add(line("paid with " + zw + " today", List.of(CARD), zw));
        V h = v("invisible.txt", 1);
        String shy = String.join("\u00AD", h.cardGroups());
        invisible.add(line("card " + shy, List.of(CARD), shy));
        V i = v("invisible.txt", 2);
        String bidi = "\u2066" + String.join("\u2069 \u2066", i.cardGroups()) + "\u2069";
        invisible.add(line("pay " + bidi, List.of(CARD), bidi));
        V j = v("invisible.txt", 3);
        String ssnSoft = j.c().ssn.replace("-", "\u00AD-\u00AD");
        invisible.add(line("ssn " + ssnSoft, List.of(SSN), ssnSoft));
        V k = v("invisible.txt", 4);
        String ibanJoined = "DE\u200D" + k.iban().substring(2);
        invisible.add(line("IBAN " + ibanJoined, List.of(IBAN), ibanJoined));
        V l = v("invisible.txt", 5);
        String phoneJoined = l.phoneE164().substring(0, 2) + "\u2060" + l.phone10();
        invisible.add(line("call " + phoneJoined, List.of(PHONE), phoneJoined));
        V m = v("invisible.txt", 6);
        String mail = m.c().email.replace(".", "\u200C.");
        invisible.add(line("mail " + mail, List.of(EMAIL), mail));
        files.put("invisible.txt", invisible);

        List<Line> overlap = new ArrayList<>();
        V n = v("overlap.txt", 0);
        overlap.add(line("reply to " + n.card() + "@example.com", List.of(CARD), n.card()));
        V o = v("overlap.txt", 1);
        overlap.add(line("<" + o.card() + "@mailbox.org>", List.of(CARD, EMAIL), o.card()));
        files.put("overlap.txt", overlap);

        List<Line> tables = new ArrayList<>();
        V p = v("tables.txt", 0);
        tables.add(line("1|Jane|" + p.c().ssn + "|" + p.c().email, List.of(SSN, EMAIL), p.c().ssn, p.c().email));
        V q = v("tables.txt", 1);
        tables.add(line("| 2 | " + q.card() + " | " + q.c().phone + " | " + q.c().iban + " |", List.of(CARD, PHONE, IBAN),
                q.card(), q.c().phone, q.c().iban));
        files.put("tables.txt", tables);

        // A whole table in one value: the header cell "ssn" names the bare number far below it.
        List<Line> tableValues = new ArrayList<>();
        V r = v("tables.jsonl", 0);
        tableValues.add(line("{\"t\": \" id | customer_name | customer_billing_address_line | ssn\\n"
                + "----+------+------+-----\\n  1 | Jane Doe | 12 Long Street, Springfield, IL | " + r.ssnBare()
                + "\\n\"}", List.of(SSN), r.ssnBare()));
        files.put("tables.jsonl", tableValues);

        List<Line> code = new ArrayList<>();
        V s = v("code.txt", 0);
        code.add(line("taxpayerSsn = \"" + s.ssnBare() + "\";", List.of(SSN), s.ssnBare()));
        V t = v("code.txt", 1);
        code.add(line("{\"socialSecurityNumber\": \"" + t.ssnBare() + "\"}", List.of(SSN), t.ssnBare()));
        V u = v("code.txt", 2);
        code.add(line("String customer_phone = \"" + u.phone10() + "\";", List.of(PHONE), u.phone10()));
        V w = v("code.txt", 3);
        code.add(line("SSNValue=" + w.ssnBare(), List.of(SSN), w.ssnBare()));
        files.put("code.txt", code);

        List<Line> urls = new ArrayList<>();
        V x = v("urls.log", 0);
        String cardEncoded = String.join("%20", x.cardGroups());
        urls.add(line("GET /checkout?card=" + cardEncoded + " HTTP/1.1", List.of(CARD), cardEncoded));
        V y = v("urls.log", 1);
        urls.add(line("GET /q?ssn=SSN%3A" + y.ssnBare() + "&x=1", List.of(SSN), y.ssnBare()));
        V z = v("urls.log", 2);
        String mailEncoded = z.c().email.replace("@", "%40");
        urls.add(line("POST /subscribe?to=" + mailEncoded + "&x=1", List.of(EMAIL), mailEncoded));
        V aa = v("urls.log", 3);
        String telEncoded = "%2B1%20" + aa.phone10().substring(0, 3) + "%20" + aa.phone10().substring(3, 6) + "%20"
                + aa.phone10().substring(6);
        urls.add(line("GET /call?tel=" + telEncoded, List.of(PHONE), telEncoded));
        V ab = v("urls.log", 4);
        String cardPlus = String.join("+", ab.cardGroups());
        urls.add(line("GET /search?q=" + cardPlus + "&page=2", List.of(CARD), cardPlus));
        V ac = v("urls.log", 5);
        String ibanEncoded = ac.c().iban.replace(" ", "%20");
        urls.add(line("GET /pay?iban=" + ibanEncoded, List.of(IBAN), ibanEncoded));
        V ad = v("urls.log", 6);
        String mailTwice = ad.c().email.replace("@", "%2540");
        urls.add(line("GET /login?next=%2Finbox%3Fto%3D" + mailTwice, List.of(EMAIL), mailTwice));
        files.put("urls.log", urls);
        return files;
    }

    @BeforeAll
    static void scanThem() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (Map.Entry<String, List<Line>> file : files().entrySet()) {
            StringBuilder sb = new StringBuilder();
            List<List<String>> types = new ArrayList<>();
            for (Line l : file.getValue()) {
                sb.append(l.text()).append('\n');
                types.add(l.types());
                values.addAll(l.values());
            }
            Files.writeString(data.resolve(file.getKey()), sb.toString(), UTF_8);
            planted.put(file.getKey(), types);
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path outDir = tmp.resolve("out");
        try {
            System.setOut(new PrintStream(systemOut, true, UTF_8));
            System.setErr(new PrintStream(systemErr, true, UTF_8));
            spark = SparkTestSession.start();
            status = Main.run(new String[] {"--out", outDir.toString(), "--findings-format", "jsonl", data.toString()},
                    new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        report = JSON.readTree(outDir.resolve("report.json").toFile());
        places.put("stdout", out.toString(UTF_8));
        places.put("stderr", err.toString(UTF_8));
        places.put("System.out", systemOut.toString(UTF_8));
        places.put("System.err", systemErr.toString(UTF_8));
        try (Stream<Path> files = Files.walk(outDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                places.put(outDir.relativize(p).toString(), new String(Files.readAllBytes(p), UTF_8));
            }
        }
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    static Stream<String> fileNames() {
        return files().keySet().stream();
    }

    private static JsonNode object(String name) {
        for (JsonNode f : report.get("files")) {
            if (WrittenPaths.names(f.get("path").asText(), name)) {
                return f;
            }
        }
        throw new AssertionError(name + " not in the report");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileNames")
    void everyPlantedRecordCountsAsUnmaskedWithItsTypes(String name) {
        JsonNode o = object(name);
        List<List<String>> records = planted.get(name);
        assertThat(o.get("status").asText()).as("%s", o).isEqualTo("COMPLETE");
        assertThat(o.get("recordsUnmasked").asLong()).as("%s", o).isEqualTo(records.size());
        Map<String, Integer> perType = new LinkedHashMap<>();
        for (List<String> types : records) {
            for (String type : types) {
                perType.merge(type, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> t : perType.entrySet()) {
            JsonNode counts = o.get("types").get(t.getKey());
            assertThat(counts).as("%s in %s", t.getKey(), o).isNotNull();
            assertThat(counts.get("recordsUnmasked").asLong()).as("%s in %s", t.getKey(), o)
                    .isEqualTo(t.getValue().longValue());
        }
    }

    @Test
    void theScanBlocks() {
        assertThat(status).as(places.get("stderr")).isEqualTo(Main.BLOCK);
        assertThat(report.get("verdict").get("decision").asText()).isEqualTo("BLOCK");
    }

    @Test
    void noPlantedValueInAnyWrittenFormLeavesTheScanner() {
        assertThat(places.keySet()).contains("report.json", "verdict.json");
        assertThat(values).hasSizeGreaterThan(30);
        assertThat(Leaks.find(places, values, s -> s.replace("%20", " "), "[\\s\\-().+/\\p{Cf}]")).isEmpty();
    }
}
