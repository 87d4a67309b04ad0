package dev.piigate.detectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorSettings;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.Preview;
import dev.piigate.detectors.Recorder;
import dev.piigate.detectors.RejectReason;

/** What the credential detector tests share: building, scanning, prose without secrets. */
final class SecretsTesting {
    private SecretsTesting() {}

    static Detector build(dev.piigate.detectors.DetectorFactory factory) {
        return factory.create(DetectorSettings.defaults());
    }

    /** The one unmasked finding of {@code token} written as {@code before + token + after}. */
    static Finding foundAlone(Detector detector, EntityType type, String before, String token, String after) {
        String text = before + token + after;
        Recorder r = Recorder.run(detector, text);
        assertThat(r.findings).as("findings of %s", text).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(text.substring(f.start(), f.end())).isEqualTo(token);
            assertThat(f.isUnmasked()).isTrue();
            // The span is the secret: a report shows its last four chars at most, never the rest.
            String preview = Preview.render(text, f);
            assertThat(preview).endsWith(token.substring(token.length() - 4)).doesNotContain(
                    token.substring(token.length() - 12, token.length() - 4));
        });
        return r.findings.get(0);
    }

    /** Nothing found, and the candidate at {@code token} rejected for {@code reason}. */
    static void rejected(Detector detector, String before, String token, String after, RejectReason reason) {
        String text = before + token + after;
        Recorder r = Recorder.run(detector, text);
        assertThat(r.findings).as("findings of %s", text).isEmpty();
        assertThat(r.rejections).as("rejections of %s", text).anySatisfy(rej -> {
            assertThat(rej.reason()).isEqualTo(reason);
            assertThat(rej.start()).isEqualTo(before.length());
        });
    }

    /** No finding that counts (masked ones are fine) in any placeholder written for the secret. */
    static void placeholdersNeverCount(Detector detector, String key) {
        for (String value : PLACEHOLDERS) {
            for (String form : List.of(key + "=" + value, key + ": \"" + value + "\"", "export " + key + "=" + value)) {
                assertThat(Recorder.run(detector, form).findings).as(form).noneMatch(Finding::isUnmasked);
            }
        }
    }

    static final List<String> PLACEHOLDERS = List.of("<AWS_SECRET_KEY>", "${AWS_SECRET_ACCESS_KEY}", "{{ token }}",
            "${{ secrets.TOKEN }}", "<password>", "****", "xxxx", "your-key-here", "<your-token-here>", "REDACTED",
            "********************************************", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

    /**
     * About {@code chars} of English-like prose with the token runs ordinary text has (dates,
     * times, versions, URLs, ids, snake_case names, numbers) and no credential prefix.
     */
    static String prose(int chars, long seed) {
        String[] words = ("the of and to in is that it was for on are as with his they at be this from have or by "
                + "one had not but what all were when we there can an your which their said if do will each about "
                + "how up out them then she many some so these would other into has more her two like him see time "
                + "could no make than first been its who now people my made over did down only way find use may "
                + "water long little very after words called just where most know get through back much before go "
                + "good new write our used me man too any day same right look think also around another came come "
                + "work three word must because does part even place well such here take why things help put years "
                + "different away again off went old number great tell men say small every found still between name "
                + "should home big give air line set own under read last never us left end along while might next "
                + "sound below saw something thought both few those always looked show large often together asked "
                + "house world going want school important until form food keep children feet land side without boy "
                + "once animals life enough took sometimes four head above kind began almost live page got earth "
                + "task disk risk desk skill ask husk whisk flask basket askew outskirts masked asking").split(" ", -1);
        String[] runs = {"2026-12-03T10:15:02Z", "https://example.com/docs/getting-started/page-12",
            "v1.24.3-rc.1", "user_id=1048576", "build-2026.12.03", "order #A-1029-77", "ISBN 978-0-306-40615-7",
            "snake_case_variable_name", "CamelCaseIdentifierName", "e.g.", "10:45", "3.14159", "192.168.10.254",
            "ids 550e8400-e29b-41d4-a716-446655440000", "README.md", "path/to/some/file_name.txt",
            "key=value;other=thing", "retry_after_ms=2500", "HTTP/1.1", "UTF-8", "well-known", "x86_64-linux-gnu"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(chars + 200);
        while (sb.length() < chars) {
            int n = 6 + r.nextInt(14);
            for (int i = 0; i < n; i++) {
                String w = r.nextInt(25) == 0 ? runs[r.nextInt(runs.length)] : words[r.nextInt(words.length)];
                if (i == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                sb.append(w).append(i == n - 1 ? ". " : r.nextInt(12) == 0 ? ", " : " ");
            }
            if (r.nextInt(8) == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A one-char change of {@code token} at {@code index} to another char of {@code alphabet}. */
    static String mutate(String token, int index, String alphabet, Random r) {
        char old = token.charAt(index);
        char c;
        do {
            c = alphabet.charAt(r.nextInt(alphabet.length()));
        } while (c == old);
        return token.substring(0, index) + c + token.substring(index + 1);
    }
}
