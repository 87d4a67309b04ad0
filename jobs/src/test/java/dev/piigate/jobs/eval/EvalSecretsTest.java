package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.IndependentSecrets.AWS_KEY_ID;
import static dev.piigate.jobs.eval.IndependentSecrets.GITHUB;
import static dev.piigate.jobs.eval.IndependentSecrets.URL_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.piigate.jobs.eval.Scorer.Found;
import dev.piigate.jobs.eval.Scorer.Result;
import dev.piigate.jobs.eval.Scorer.TypeScore;

/**
 * The credential half of the evaluation: its records leave the older ones as they were, every
 * label is confirmed by {@link IndependentSecrets} (not by the detectors), every type is written
 * in every planned form and context, and the scorer's credential rules hold on a hand-made case.
 */
class EvalSecretsTest {
    private static final int RECORDS = 3000;
    private static List<EvalRecord> records;

    @BeforeAll
    static void generate() {
        records = new SecretsGenerator("unit").generate(RECORDS);
    }

    /**
     * The first 300 older records of seed A, as they were before the secrets records existed:
     * the secrets stream must not draw from the older generator's random numbers.
     */
    @Test
    void olderRecordsAreByteIdenticalWithOrWithoutSecrets() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (EvalRecord r : new CorpusGenerator("A").generate(300)) {
            md.update(Evaluate.labelsJson(0, r).toString().getBytes(StandardCharsets.UTF_8));
            md.update(r.text().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(HexFormat.of().formatHex(md.digest()))
                .isEqualTo("dbea0d2a65439ce6d675844882073b10e81ab6f800e89ad73fd2ef028e185634");

        List<EvalRecord> without = Evaluate.corpus("unit", 120, 0, null);
        List<EvalRecord> with = Evaluate.corpus("unit", 120, 50, null);
        assertThat(with.subList(0, 120)).isEqualTo(without);
        assertThat(with.subList(120, 170)).allMatch(r -> Scorer.isSecretsLayout(r.layout()));
    }

    @Test
    void sameSeedSameSecretsOtherSeedOther() {
        assertThat(new SecretsGenerator("unit").generate(100)).isEqualTo(records.subList(0, 100));
        assertThat(new SecretsGenerator("other").generate(3).get(0).text()).isNotEqualTo(records.get(0).text());
    }

    @Test
    void everyCredentialLabelIsConfirmedIndependently() {
        long credentials = 0;
        for (EvalRecord r : records) {
            int lastEnd = 0;
            for (Label l : r.labels()) {
                assertThat(Independent.check(r, l)).as(r.id() + " " + l.kind()).isNull();
                assertThat(l.start()).as(r.id() + " labels in order, not overlapping").isGreaterThanOrEqualTo(lastEnd);
                lastEnd = l.end();
                if (!l.isDecoy()) {
                    assertThat(IndependentSecrets.TYPES).contains(l.type());
                    credentials++;
                }
            }
            assertThat(SecretsGenerator.ambiguous(r)).as(r.id()).isNull();
        }
        assertThat(credentials).isGreaterThan(RECORDS);
    }

    @Test
    void everyTypeAppearsInEveryPlannedFormLayoutAndContext() {
        Set<String> seen = new TreeSet<>();
        for (EvalRecord r : records) {
            for (Label l : r.labels()) {
                int at = l.kind().indexOf('@');
                String ctx = at < 0 ? "" : l.kind().substring(at + 1);
                String form = at < 0 ? l.kind() : l.kind().substring(0, at);
                if (l.isDecoy()) {
                    seen.add("decoy " + (l.kind().startsWith("placeholder.") ? "placeholder " + r.covered(l) : l.kind()));
                    continue;
                }
                seen.add(l.type() + " " + l.state() + " " + form);
                if (l.isLeak()) {
                    seen.add(l.type() + " in " + r.layout());
                    seen.add(l.type() + " @" + ctx);
                }
                if (form.endsWith(".escaped")) {
                    seen.add(l.type() + " escaped");
                }
                if (r.covered(l).contains("\n ")) {
                    seen.add(l.type() + " indented");
                }
            }
        }
        for (String type : IndependentSecrets.TYPES) {
            for (String form : SecretValues.FORMS.get(type)) {
                if (!form.startsWith("aws-secret.pair") || !type.equals(AWS_KEY_ID)) {
                    assertThat(seen).contains(type + " unmasked " + form);
                }
            }
            for (String layout : SecretsGenerator.CONTEXTS.keySet()) {
                assertThat(seen).contains(type + " in " + layout);
            }
            for (List<String> contexts : SecretsGenerator.CONTEXTS.values()) {
                contexts.forEach(ctx -> assertThat(seen).contains(type + " @" + ctx));
            }
        }
        for (String type : SecretValues.MASKED_TYPES) {
            assertThat(seen).anyMatch(s -> s.startsWith(type + " masked "));
        }
        for (String type : SecretValues.TEST_TYPES) {
            assertThat(seen).anyMatch(s -> s.startsWith(type + " test "));
        }
        for (String type : List.of(IndependentSecrets.OPENSSH, IndependentSecrets.PKCS, IndependentSecrets.PGP,
                IndependentSecrets.PUTTY)) {
            assertThat(seen).contains(type + " escaped", type + " indented");
        }
        for (String p : SecretValues.PLACEHOLDERS) {
            assertThat(seen).contains("decoy placeholder " + p);
        }
        assertThat(seen).contains("decoy neg.git-sha", "decoy neg.sha256", "decoy neg.integrity", "decoy neg.uuid",
                "decoy neg.base64-image", "decoy neg.docker-digest", "decoy neg.trace-id", "decoy neg.minified",
                "decoy neg.public-key", "decoy neg.certificate", "decoy neg.bad-checksum", "decoy neg.jwt-shape",
                "decoy neg.base64-40");
    }

    @Test
    void independentChecksRejectTheLookAlikes() {
        SecretValues v = new SecretValues(new Random(7));
        String token = v.githubClassic("ghp");
        assertThat(IndependentSecrets.githubToken(token)).isTrue();
        char last = token.charAt(10);
        String changed = token.substring(0, 10) + (last == 'a' ? 'b' : 'a') + token.substring(11);
        assertThat(IndependentSecrets.githubToken(changed)).isFalse();
        assertThat(IndependentSecrets.npmToken(v.npm())).isTrue();
        assertThat(IndependentSecrets.typeOf(v.badChecksum())).isNull();
        assertThat(IndependentSecrets.typeOf(v.jwtLookAlike())).isNull();
        assertThat(IndependentSecrets.jwtIoToken(IndependentSecrets.JWT_IO_TOKEN)).isTrue();
        assertThat(IndependentSecrets.jwtIoToken(v.jwt("hs256"))).isFalse();
        assertThat(IndependentSecrets.typeOf(v.publicKey())).isNull();
        assertThat(IndependentSecrets.armoredKeyType(v.keyBlock("pkcs.ec"))).isEqualTo(IndependentSecrets.PKCS);
        String pgp = v.keyBlock("pgp.plain");
        assertThat(IndependentSecrets.armoredKeyType(pgp)).isEqualTo(IndependentSecrets.PGP);
        int crcLine = pgp.lastIndexOf("\n=") + 2;
        String badCrc = pgp.substring(0, crcLine) + (pgp.charAt(crcLine) == 'A' ? 'B' : 'A') + pgp.substring(crcLine + 1);
        assertThat(IndependentSecrets.armoredKeyType(badCrc)).isNull();
        assertThat(IndependentSecrets.armoredKeyType(v.keyBlock("openssh.ed25519").replace("\n", "\\n")))
                .isEqualTo(IndependentSecrets.OPENSSH);
        assertThat(IndependentSecrets.puttyKey(v.keyBlock("putty.v3"))).isTrue();
        assertThat(IndependentSecrets.basicAuthValue(SecretValues.base64("admin:pw1234"))).isTrue();
        assertThat(IndependentSecrets.basicAuthValue(SecretValues.base64("no colon here"))).isFalse();
        assertThat(IndependentSecrets.testValue(IndependentSecrets.BASIC_AUTH, IndependentSecrets.RFC7617_BASIC)).isTrue();

        String text = "checksum: " + v.awsSecret() + "\naws_secret_access_key = " + v.awsSecret();
        assertThat(IndependentSecrets.awsContext(text, 10, 50)).isFalse();
        assertThat(IndependentSecrets.awsContext(text, 75, 115)).isTrue();
        EvalRecord url = new EvalRecord("u", "postgres://app:s3cret-Pw1@db:5432/x", List.of(
                new Label(URL_CREDENTIALS, 15, 25, Label.UNMASKED, "url.postgres@env")));
        assertThat(IndependentSecrets.check(url, url.labels().get(0))).isNull();
        EvalRecord shifted = new EvalRecord("u", url.text(), List.of(
                new Label(URL_CREDENTIALS, 11, 25, Label.UNMASKED, "url.postgres@env")));
        assertThat(IndependentSecrets.check(shifted, shifted.labels().get(0))).isNotNull();
    }

    /**
     * Text "ghp_aaaa ${DB_PASSWORD} ${DB_PASSWORD} xxxxxxxxxx", a secrets record: GITHUB_TOKEN [0,8)
     * unmasked, placeholders [9,23) and [24,38), a decoy [39,49). Findings: GITHUB [0,8) (right),
     * URL_CREDENTIALS masked on the first placeholder (not scored), URL_CREDENTIALS unmasked on the
     * second (a false positive), EMAIL on the decoy (an older type on a secrets record: counted
     * apart, not in the older table).
     */
    @Test
    void scorerKeepsCredentialsApartAndIgnoresMaskedFindingsOnPlaceholders() {
        String text = "ghp_aaaa ${DB_PASSWORD} ${DB_PASSWORD} xxxxxxxxxx";
        EvalRecord r = new EvalRecord("s", text, List.of(
                new Label(GITHUB, 0, 8, Label.UNMASKED, "github.ghp@env"),
                new Label(null, 9, 23, null, "placeholder.dbpassword"),
                new Label(null, 24, 38, null, "placeholder.dbpassword"),
                new Label(null, 39, 49, null, "neg.uuid")), "secrets-config");
        Result result = Scorer.score(List.of(r), List.of(
                new Found(0, "$.text", 0, 8, GITHUB, false, false),
                new Found(0, "$.text", 9, 23, URL_CREDENTIALS, true, false),
                new Found(0, "$.text", 24, 38, URL_CREDENTIALS, false, false),
                new Found(0, "$.text", 39, 49, Independent.EMAIL, false, false)));
        assertThat(result.placeholderFindingsIgnored).isEqualTo(1);
        assertThat(result.olderTypesOnSecrets).isEqualTo(1);
        assertThat(result.types.get(Independent.EMAIL).findings).isZero();
        TypeScore github = result.secretTypes.get(GITHUB);
        assertThat(github.overlapF1()).isCloseTo(1.0, within(1e-9));
        TypeScore url = result.secretTypes.get(URL_CREDENTIALS);
        assertThat(url.findings).isEqualTo(1);
        assertThat(url.overlapPrecision()).isCloseTo(0.0, within(1e-9));
        assertThat(result.errors).containsKeys("FP URL_CREDENTIALS on placeholder.dbpassword",
                "FP EMAIL_ADDRESS on a secrets record, on neg.uuid");
        assertThat(result.kinds).containsKeys(GITHUB + " github.ghp@env", GITHUB + " github.ghp@*", GITHUB + " *@env");
        assertThat(result.recordsTruePositive).isEqualTo(1);
        assertThat(result.olderRecords).containsExactly(0, 0, 0, 0);
        assertThat(Scorer.safeContext("key=" + "A1b2C3d4E5f6G7h8" + " x", 0, 3)).isEqualTo("⟦aaa⟧=A9a9A9a9A9a9A9a9 x");
    }
}
