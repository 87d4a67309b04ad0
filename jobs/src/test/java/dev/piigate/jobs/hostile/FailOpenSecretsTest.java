package dev.piigate.jobs.hostile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;

/**
 * Issue 12: before it, a PASS said nothing about secrets, and every input below passed. Live
 * credentials in the forms a training set scraped from code, CI logs and chats holds them (a key
 * file pasted into a text, a JSON config with a key in {@code \n} escapes, a CI log, a .env), in
 * real files through a real scan: each object counts what was planted and the run blocks. A second
 * scan of masked forms, documented test values and look-alikes passes. No planted secret, and no
 * part of a key body, may appear in any output, stdout, stderr or the log.
 */
@ResourceLock(SparkTestSession.LOCK)
class FailOpenSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String BASE64 = BASE62.substring(10) + "0123456789+/";

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static HostileRun hostile;
    private static HostileRun negatives;
    private static String log;
    /** Every secret planted, as written; for key blocks, each body line. */
    private static final List<String> planted = new ArrayList<>();
    private static final Random RANDOM = new Random(12);


    @BeforeAll
    static void scan() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        // A key file pasted into a text: one record per line would show the detector no whole block.
        List<String> keyLines = new ArrayList<>(List.of("deploy key for the staging box:", "-----BEGIN RSA PRIVATE KEY-----"));
        for (int i = 0; i < 12; i++) {
            keyLines.add(plant(random(BASE64, 64)));
        }
        keyLines.add("-----END RSA PRIVATE KEY-----");
        keyLines.add("rotate it after the demo");
        HostileRun.write(data.resolve("keys.txt"), keyLines.toArray(new String[0]));

        // A JSON config: an OpenSSH key in \n escapes, a JWT, a GitHub token, AWS keys, a database URL.
        StringBuilder ssh = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        for (int i = 0; i < 6; i++) {
            ssh.append(plant(random(BASE64, 70))).append('\n');
        }
        ssh.append("-----END OPENSSH PRIVATE KEY-----\n");
        String jwt = plant(b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url("{\"sub\":\"svc-ingest\",\"iat\":1733200000}")
                + "." + random(BASE62, 43));
        String awsId = plant("AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16));
        String awsSecret = plant(random(BASE62.substring(10), 18) + "/" + random(BASE62, 21));
        HostileRun.write(data.resolve("config.jsonl"),
                JSON.createObjectNode().put("ssh_key", ssh.toString()).toString(),
                JSON.createObjectNode().put("session", jwt).toString(),
                JSON.createObjectNode().put("token", plant(github())).toString(),
                JSON.createObjectNode().put("aws_access_key_id", awsId).put("aws_secret_access_key", awsSecret).toString(),
                JSON.createObjectNode().put("db", "postgres://etl:" + plant("Vq7!zR2#pLm9") + "@warehouse.internal:5432/dw")
                        .toString());

        // A CI log and a .env.
        String basic = plant(Base64.getEncoder().encodeToString("deploy:Gx81-long-pass".getBytes(UTF_8)));
        HostileRun.write(data.resolve("build.log"),
                "2024-11-02T10:14:22Z [step 3] curl -H 'Authorization: Basic " + basic + "' https://repo.internal/upload",
                "2024-11-02T10:14:23Z [step 4] npm config set //registry.npmjs.org/:_authToken " + plant(npm()),
                "2024-11-02T10:14:25Z [step 5] export STRIPE_KEY=" + plant("sk_live_" + random(BASE62, 32)),
                "2024-11-02T10:14:26Z [step 6] notify " + plant("xoxb-" + (1000000000L + RANDOM.nextInt(1 << 30)) + "-"
                        + (1000000000L + RANDOM.nextInt(1 << 30)) + "-" + random(BASE62, 24)));

        Path clean = Files.createDirectories(tmp.resolve("negatives"));
        HostileRun.write(clean.resolve("masked.txt"),
                "aws_access_key_id = AKIA****************",
                "aws_secret_access_key = <AWS_SECRET_KEY>",
                "GITHUB_TOKEN=ghp_************************************",
                "token: ${{ secrets.NPM_TOKEN }}",
                "DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app",
                "key from the AWS docs: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "stripe test key sk_test_" + random(BASE62, 24),
                "commit 3f786850e387550fdab836ed7e6dc881de23001b, image sha256:" + random("0123456789abcdef", 64),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG" + random(BASE64, 40) + " ops@bastion",
                "-----BEGIN PUBLIC KEY-----",
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + random(BASE64, 50),
                "-----END PUBLIC KEY-----",
                "a token with a broken checksum: " + github().substring(0, 39) + "0",
                "request id 4bf92f3577b34da6a3ce929d0e0e4736, uuid 3f2504e0-4f89-11d3-9a0c-0305e82c3301");

        spark = SparkTestSession.start();
        StringWriter logText = new StringWriter();
        try (LogCapture capture = LogCapture.start("pii-gate-secrets", logText)) {
            hostile = HostileRun.scan(data, tmp.resolve("out-hostile"));
            negatives = HostileRun.scan(clean, tmp.resolve("out-negatives"));
        }
        log = logText.toString();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.stop(spark);
    }

    private static String plant(String value) {
        planted.add(value);
        return value;
    }

    private static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF_8));
    }

    /** 30 random base62 chars and their CRC-32 in base 62, six chars: GitHub's and npm's format. */
    private static String checksummed(String prefix) {
        String body = random(BASE62, 30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(UTF_8));
        long v = crc.getValue();
        char[] tail = new char[6];
        for (int i = 5; i >= 0; i--) {
            tail[i] = BASE62.charAt((int) (v % 62));
            v /= 62;
        }
        return prefix + body + new String(tail);
    }

    private static String github() {
        return checksummed("ghp_");
    }

    private static String npm() {
        return checksummed("npm_");
    }



    private static void assertCounted(String file, Map<String, Long> unmaskedByType) {
        JsonNode o = hostile.object(file);
        assertThat(o.get("status").asText()).as(file + ": " + o).isEqualTo("COMPLETE");
        for (Map.Entry<String, Long> e : unmaskedByType.entrySet()) {
            assertThat(HostileRun.unmasked(o, e.getKey())).as(file + " " + e.getKey() + ": " + o).isEqualTo(e.getValue());
        }
    }

    @Test
    void theHostileScanBlocks() {
        assertThat(hostile.status()).as(hostile.err()).isEqualTo(Main.BLOCK);
    }

    @Test
    void aKeyFilePastedIntoATextCountsAsOneBlock() {
        assertCounted("keys.txt", Map.of("PKCS", 1L));
        // The block is one record numbered by its BEGIN line; the lines around it stay records.
        assertThat(hostile.object("keys.txt").get("recordsUnmasked").asLong()).isEqualTo(1);
    }

    @Test
    void aJsonConfigCountsEveryCredentialInIt() {
        assertCounted("config.jsonl", Map.of("OPENSSH_PRIVATE_KEY", 1L, "JSON_WEB_TOKEN", 1L, "GITHUB_TOKEN", 1L,
                "AWS_ACCESS_KEY_ID", 1L, "AWS_CREDENTIALS", 1L, "URL_CREDENTIALS", 1L));
    }

    @Test
    void aCiLogCountsEveryCredentialInIt() {
        assertCounted("build.log", Map.of("HTTP_BASIC_AUTH_HEADER", 1L, "NPM_TOKEN", 1L, "STRIPE_CREDENTIALS", 1L,
                "SLACK_TOKEN", 1L));
    }

    @Test
    void maskedFormsTestValuesAndLookAlikesPass() {
        JsonNode o = negatives.object("masked.txt");
        assertThat(o.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(o.get("recordsUnmasked").asLong()).as(o.toString()).isZero();
        assertThat(negatives.status()).as(negatives.out() + negatives.err()).isEqualTo(Main.PASS);
    }

    @Test
    void noPlantedSecretLeavesTheScanner() throws IOException {
        String outputs = Leaks.readTree(hostile.outDir()) + Leaks.readTree(negatives.outDir());
        assertThat(outputs).contains("PKCS", "GITHUB_TOKEN", "URL_CREDENTIALS");
        assertThat(log).as("the log capture works").contains("pii-gate");
        List<String> leaks = Leaks.find(Map.of("outputs", outputs, "stdout", hostile.out() + negatives.out(),
                "stderr", hostile.err() + negatives.err(), "log", log), planted, Leaks.NO_SEPARATORS);
        assertThat(planted).hasSizeGreaterThanOrEqualTo(25);
        assertThat(leaks).isEmpty();
        // Nothing of a key body either, not even a line's last characters.
        for (String line : planted) {
            if (line.length() == 64 || line.length() == 70) {
                assertThat(outputs).doesNotContain(line.substring(line.length() - 12));
            }
        }
    }
}
