package dev.piigate.jobs.state;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The settings a ledger entry was made under, as one SHA-256: anything that can change a task's
 * rows is in it, and an entry is reused only under the same digest. Also the keyed names of tasks
 * and objects in the ledger: HMAC-SHA256 under the fingerprint key, so the ledger holds no path
 * (a path can hold PII) and a task is found only by a run under the same key.
 */
public final class StateSettings {
    private StateSettings() {}

    /**
     * @param configSha256   SHA-256 of the effective configuration (report.json's configuration.sha256)
     * @param detectorIds    the detectors in order (their ids carry their versions)
     * @param format         {@code --format}, or null
     * @param keyCheck       {@link #keyCheck}, never the key
     * @param baselineSha256 SHA-256 of the {@code --baseline} file, or null without one
     * @param version        pii-gate's version
     * @param code           {@link CodeIdentity} of the running code
     * @param readers        the libraries that read and judge the data, and Java, by name: their versions
     */
    public static String digest(String configSha256, List<String> detectorIds, String format, String keyCheck,
            String baselineSha256, String version, String code, Map<String, String> readers) {
        List<String> lines = new ArrayList<>(List.of("pii-gate ledger schema " + StateRun.SCHEMA_VERSION,
                "configuration " + configSha256, "detectors " + String.join(",", detectorIds),
                "format " + (format == null ? "by extension" : format), "key " + keyCheck,
                "baseline " + (baselineSha256 == null ? "none" : baselineSha256), "pii-gate " + version,
                "code " + code));
        new TreeMap<>(readers).forEach((name, v) -> lines.add("library " + name + " " + v));
        return EntryLine.sha256Hex(String.join("\n", lines));
    }

    /** First 16 hex of HMAC-SHA256(key, a fixed text): tells keys apart, reveals nothing of them. */
    public static String keyCheck(byte[] key) {
        return HexFormat.of().formatHex(mac(key).doFinal("pii-gate state key check".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }

    /** A task's name in the ledger: its object, where its name starts, and its split. */
    public static String taskKey(Mac mac, String path, int relativeFrom, int split, int splits, long start, long end) {
        return keyed(mac, "task\0" + path + "\0" + relativeFrom + "\0" + split + "\0" + splits + "\0" + start + "\0"
                + end);
    }

    /** An object's name: its splits share it. */
    public static String objectKey(Mac mac, String path) {
        return keyed(mac, "object\0" + path);
    }

    private static String keyed(Mac mac, String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new HMAC-SHA256 under {@code key} (not thread-safe: one per task). */
    public static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
