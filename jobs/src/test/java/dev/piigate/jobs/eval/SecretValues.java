package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.IndependentSecrets.AWS_KEY_ID;
import static dev.piigate.jobs.eval.IndependentSecrets.AWS_SECRET;
import static dev.piigate.jobs.eval.IndependentSecrets.BASIC_AUTH;
import static dev.piigate.jobs.eval.IndependentSecrets.GCP;
import static dev.piigate.jobs.eval.IndependentSecrets.GITHUB;
import static dev.piigate.jobs.eval.IndependentSecrets.GITLAB;
import static dev.piigate.jobs.eval.IndependentSecrets.HUGGINGFACE;
import static dev.piigate.jobs.eval.IndependentSecrets.JWT;
import static dev.piigate.jobs.eval.IndependentSecrets.NPM;
import static dev.piigate.jobs.eval.IndependentSecrets.OPENAI;
import static dev.piigate.jobs.eval.IndependentSecrets.OPENSSH;
import static dev.piigate.jobs.eval.IndependentSecrets.PGP;
import static dev.piigate.jobs.eval.IndependentSecrets.PKCS;
import static dev.piigate.jobs.eval.IndependentSecrets.PUTTY;
import static dev.piigate.jobs.eval.IndependentSecrets.SLACK;
import static dev.piigate.jobs.eval.IndependentSecrets.STRIPE;
import static dev.piigate.jobs.eval.IndependentSecrets.URL_CREDENTIALS;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.piigate.jobs.eval.TextBuilder.Planted;

/**
 * Makes the credentials the secrets records plant, each in its value forms (for the per-form
 * breakdown and the test that every form appears), their masked forms and documented test values,
 * placeholders where a secret goes, and hard negatives. Values are random, made up here; the
 * checksummed ones get their checksum from {@link IndependentSecrets}. Every draw comes from the
 * one {@link Random} the secrets stream owns.
 */
final class SecretValues {
    static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String UPPER_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String B64 = ALNUM + "+/";
    private static final String B64URL = ALNUM + "-_";

    /**
     * A credential as written: literal text around the labelled parts ({@link Planted}), the value
     * form it was drawn as, whether it spans lines, and the words a variable holding it is named with.
     */
    record Item(String form, List<Object> parts, boolean block, String name) {
        Item {
            parts = List.copyOf(parts);
        }

        static Item of(String form, Planted p, String name) {
            return new Item(form, List.of(p), false, name);
        }

        boolean decoy() {
            return parts.stream().noneMatch(x -> x instanceof Planted p && p.type() != null);
        }

        boolean aws() {
            return form.startsWith("aws");
        }

        Item withForm(String other) {
            return new Item(other, parts, block, name);
        }
    }

    /** Value forms per type: the generator draws each form equally often, the test asserts each appears. */
    static final Map<String, List<String>> FORMS = Map.ofEntries(
            Map.entry(AWS_KEY_ID, List.of("aws-id.akia", "aws-id.asia")),
            Map.entry(AWS_SECRET, List.of("aws-secret.keyword", "aws-secret.pair")),
            Map.entry(GITHUB, List.of("github.ghp", "github.gho", "github.ghu", "github.ghs", "github.ghr", "github.pat")),
            Map.entry(GITLAB, List.of("gitlab.glpat")),
            Map.entry(SLACK, List.of("slack.xoxb", "slack.xoxp", "slack.webhook")),
            Map.entry(GCP, List.of("gcp.aiza")),
            Map.entry(OPENAI, List.of("openai.legacy", "openai.proj74", "openai.proj58")),
            Map.entry(HUGGINGFACE, List.of("hf.token")),
            Map.entry(NPM, List.of("npm.token")),
            Map.entry(STRIPE, List.of("stripe.sk_live", "stripe.rk_live")),
            Map.entry(JWT, List.of("jwt.hs256", "jwt.rs256", "jwt.es256")),
            Map.entry(OPENSSH, List.of("openssh.ed25519", "openssh.rsa")),
            Map.entry(PKCS, List.of("pkcs.rsa", "pkcs.pkcs8", "pkcs.ec", "pkcs.encrypted")),
            Map.entry(PGP, List.of("pgp.plain", "pgp.comment")),
            Map.entry(PUTTY, List.of("putty.v3", "putty.v2")),
            Map.entry(BASIC_AUTH, List.of("basic.header", "basic.dict")),
            Map.entry(URL_CREDENTIALS, List.of("url.postgres", "url.mysql", "url.mongodb+srv", "url.redis", "url.amqp",
                    "url.jdbc", "url.ftp", "url.https")));

    private final Random r;

    SecretValues(Random random) {
        this.r = random;
    }

    String pick(String... options) {
        return options[r.nextInt(options.length)];
    }

    <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    boolean chance(double p) {
        return r.nextDouble() < p;
    }

    int between(int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }

    String chars(int n, String alphabet) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static Planted unmasked(String type, String text, String form) {
        return new Planted(type, text, Label.UNMASKED, form);
    }

    // ---------------------------------------------------------------- unmasked credentials

    /** An unmasked credential of the type, in one of its value forms. */
    Item unmasked(String type) {
        String form = pick(FORMS.get(type));
        return switch (type) {
            case AWS_KEY_ID -> Item.of(form, unmasked(type, awsKeyId(form.endsWith("asia") ? "ASIA" : "AKIA"), form),
                    pick("aws access key id", "access key id", "aws access key"));
            case AWS_SECRET -> form.endsWith("keyword")
                    ? Item.of(form, unmasked(type, awsSecret(), form),
                            pick("aws secret access key", "secret access key", "aws secret key", "secret key"))
                    // the key id right before the secret: the pair is the context (a CSV cell pair, key:secret)
                    : new Item(form, List.of(unmasked(AWS_KEY_ID, awsKeyId("AKIA"), form),
                            pick(":", ",", " ", " / "), unmasked(type, awsSecret(), form)), false,
                            pick("credentials", "creds", "deploy user"));
            case GITHUB -> Item.of(form, unmasked(type, form.endsWith("pat") ? githubPat() : githubClassic(
                    form.substring(form.length() - 3)), form), pick("github token", "gh token", "token", "git token"));
            case GITLAB -> Item.of(form, unmasked(type, "glpat-" + chars(20, ALNUM + "-_"), form),
                    pick("gitlab token", "gitlab private token", "ci token", "token"));
            case SLACK -> Item.of(form, unmasked(type, slack(form), form),
                    form.endsWith("webhook") ? pick("slack webhook url", "webhook url", "alerts hook")
                            : pick("slack bot token", "slack token", "bot token", "token"));
            case GCP -> Item.of(form, unmasked(type, "AIza" + chars(35, B64URL), form),
                    pick("google api key", "maps api key", "firebase api key", "api key"));
            case OPENAI -> Item.of(form, unmasked(type, openai(form), form),
                    pick("openai api key", "openai key", "llm api key", "api key"));
            case HUGGINGFACE -> Item.of(form, unmasked(type, "hf_" + chars(34, LETTERS), form),
                    pick("hf token", "huggingface hub token", "hub token", "token"));
            case NPM -> Item.of(form, unmasked(type, npm(), form), pick("npm token", "npm auth token", "registry token"));
            case STRIPE -> Item.of(form, unmasked(type, form.substring(7) + "_" + chars(between(24, 99), ALNUM), form),
                    pick("stripe secret key", "stripe api key", "stripe key", "payments key"));
            case JWT -> Item.of(form, unmasked(type, jwt(form.substring(4)), form),
                    pick("auth token", "id token", "access token", "bearer token", "jwt"));
            case OPENSSH, PKCS, PGP, PUTTY -> new Item(form, List.of(unmasked(type, keyBlock(form), form)), true,
                    pick("private key", "ssh key", "signing key", "deploy key", "key"));
            case BASIC_AUTH -> basicAuth(form, unmasked(type, base64(user() + ":" + password()), form));
            case URL_CREDENTIALS -> url(form, unmasked(type, password(), form));
            default -> throw new IllegalArgumentException(type);
        };
    }

    String awsKeyId(String prefix) {
        return prefix + chars(16, UPPER_B32);
    }

    String awsSecret() {
        while (true) {
            String s = chars(40, B64);
            if (!s.equals(IndependentSecrets.AWS_EXAMPLE_SECRET)) {
                return s;
            }
        }
    }

    String githubClassic(String prefix) {
        String random = chars(30, ALNUM);
        return prefix + "_" + random + IndependentSecrets.crcTail(random);
    }

    String githubPat() {
        return "github_pat_" + "11" + chars(20, UPPER_B32.substring(0, 26) + "0123456789") + "_" + chars(59, ALNUM);
    }

    String npm() {
        String random = chars(30, ALNUM);
        return "npm_" + random + IndependentSecrets.crcTail(random);
    }

    private String digits(int n) {
        return chars(1, "123456789") + chars(n - 1, "0123456789");
    }

    String slack(String form) {
        return switch (form) {
            case "slack.xoxb" -> "xoxb-" + digits(between(10, 13)) + "-" + digits(between(10, 13)) + "-" + chars(24, ALNUM);
            case "slack.xoxp" -> "xoxp-" + digits(between(10, 13)) + "-" + digits(between(10, 13)) + "-"
                    + digits(between(10, 13)) + "-" + chars(32, "0123456789abcdef");
            default -> "https://hooks.slack.com/services/T" + chars(between(8, 10), UPPER_B32.substring(0, 26) + "0123456789")
                    + "/B" + chars(between(8, 10), UPPER_B32.substring(0, 26) + "0123456789") + "/" + chars(24, ALNUM);
        };
    }

    String openai(String form) {
        return switch (form) {
            case "openai.legacy" -> "sk-" + chars(20, ALNUM) + "T3BlbkFJ" + chars(20, ALNUM);
            case "openai.proj74" -> "sk-proj-" + chars(74, B64URL) + "T3BlbkFJ" + chars(74, B64URL);
            default -> "sk-proj-" + chars(58, B64URL) + "T3BlbkFJ" + chars(58, B64URL);
        };
    }

    static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    String jwt(String alg) {
        String header = pick("{\"alg\":\"" + alg.toUpperCase(Locale.ROOT) + "\",\"typ\":\"JWT\"}",
                "{\"typ\":\"JWT\",\"alg\":\"" + alg.toUpperCase(Locale.ROOT) + "\"}",
                "{\"alg\":\"" + alg.toUpperCase(Locale.ROOT) + "\",\"kid\":\"" + chars(8, "0123456789abcdef") + "\"}");
        long iat = 1_600_000_000L + r.nextInt(200_000_000);
        String payload = pick(
                "{\"sub\":\"" + digits(10) + "\",\"iat\":" + iat + ",\"exp\":" + (iat + 3600) + "}",
                "{\"iss\":\"https://auth." + pick("acme", "corp", "shop") + ".dev\",\"sub\":\"user-" + chars(12, ALNUM)
                        + "\",\"aud\":\"api\",\"iat\":" + iat + "}",
                "{\"sub\":\"svc-" + pick("billing", "ingest", "deploy") + "\",\"scope\":\"read write\",\"iat\":" + iat + "}");
        int sigBytes = alg.equals("hs256") ? 32 : alg.equals("es256") ? 64 : 256;
        return base64url(header) + "." + base64url(payload) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(sigBytes));
    }

    String user() {
        return pick("admin", "deploy", "ci-bot", "svc_reports", "grafana", "root", "app", "etl_user", "jenkins", "backup");
    }

    String password() {
        String p = chars(between(10, 22), ALNUM + "-_.!~");
        // a password that is all letters reads as a word: the detectors are not asked to judge those
        return p.chars().anyMatch(Character::isDigit) ? p : p + between(10, 99);
    }

    Item basicAuth(String form, Planted value) {
        return form.endsWith("dict")
                ? new Item(form, List.of("Basic ", value), false, "Authorization")
                : new Item(form, List.of("Authorization: Basic ", value), false, pick("auth header", "header", "basic auth"));
    }

    /** scheme://user:PASSWORD@host... with the password the only labelled part. */
    Item url(String form, Planted password) {
        String host = pick("db", "prod-db-1", "10.0.3.12", "mq.internal", "cache.svc.cluster.local", "files.corp.lan",
                "cluster0.ab1cd.mongodb.net");
        String[] shape = switch (form) {
            case "url.postgres" -> new String[] {pick("postgres", "postgresql") + "://", ":5432/" + pick("app", "orders")};
            case "url.mysql" -> new String[] {"mysql://", ":3306/" + pick("shop", "wp")};
            case "url.mongodb+srv" -> new String[] {"mongodb+srv://", "/?retryWrites=true&w=majority"};
            case "url.redis" -> new String[] {pick("redis", "rediss") + "://", ":6379/0"};
            case "url.amqp" -> new String[] {pick("amqp", "amqps") + "://", ":5672/" + pick("%2F", "jobs")};
            case "url.jdbc" -> new String[] {"jdbc:" + pick("postgresql", "mysql") + "://", ":5432/" + pick("ledger", "crm")};
            case "url.ftp" -> new String[] {pick("ftp", "sftp") + "://", "/incoming/"};
            default -> new String[] {"https://", "/" + pick("repo/simple", "api/v2", "artifactory")};
        };
        String name = switch (form) {
            case "url.redis" -> pick("redis url", "cache url");
            case "url.amqp" -> pick("broker url", "amqp url");
            case "url.ftp", "url.https" -> pick("mirror url", "upload url", "index url");
            default -> pick("database url", "db url", "connection string", "datasource url");
        };
        return new Item(form, List.of(shape[0] + user() + ":", password, "@" + host + shape[1]), false, name);
    }

    // ---------------------------------------------------------------- key blocks

    private static String wrap(String base64, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < base64.length(); i += width) {
            sb.append(base64, i, Math.min(base64.length(), i + width)).append('\n');
        }
        return sb.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] sshString(byte[] b) {
        return concat(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
            (byte) b.length}, b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + wrap(Base64.getEncoder().encodeToString(der), 64) + "-----END " + label
                + "-----";
    }

    /** A private key block of the form: structurally plausible (DER / OpenSSH / OpenPGP prefixes), random inside. */
    String keyBlock(String form) {
        HexFormat hex = HexFormat.of();
        switch (form) {
            case "pkcs.rsa":
                return pem("RSA PRIVATE KEY", concat(hex.parseHex("308202"), bytes(1), hex.parseHex("020100028181"),
                        bytes(between(500, 600))));
            case "pkcs.pkcs8": // Ed25519 in PKCS #8
                return pem("PRIVATE KEY", concat(hex.parseHex("302e020100300506032b657004220420"), bytes(32)));
            case "pkcs.ec": // P-256 in SEC 1
                return pem("EC PRIVATE KEY", concat(hex.parseHex("30770201010420"), bytes(32),
                        hex.parseHex("a00a06082a8648ce3d030107a144034200"), new byte[] {4}, bytes(64)));
            case "pkcs.encrypted":
                return pem("ENCRYPTED PRIVATE KEY", concat(hex.parseHex("308201"), bytes(1),
                        hex.parseHex("304906092a864886f70d01050d"), bytes(between(200, 300))));
            case "openssh.ed25519":
            case "openssh.rsa": {
                String alg = form.endsWith("rsa") ? "ssh-rsa" : "ssh-ed25519";
                byte[] pub = concat(sshString(ascii(alg)), sshString(bytes(alg.equals("ssh-rsa") ? 257 : 32)));
                byte[] body = concat(ascii("openssh-key-v1\0"), sshString(ascii("none")), sshString(ascii("none")),
                        sshString(new byte[0]), new byte[] {0, 0, 0, 1}, sshString(pub),
                        sshString(bytes(alg.equals("ssh-rsa") ? 900 : 144)));
                return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + wrap(Base64.getEncoder().encodeToString(body), 70)
                        + "-----END OPENSSH PRIVATE KEY-----";
            }
            case "pgp.plain":
            case "pgp.comment": {
                byte[] packet = concat(new byte[] {(byte) 0xC5, 0x58, 4}, bytes(4), new byte[] {22}, bytes(83));
                int crc = IndependentSecrets.crc24(packet);
                String crcText = Base64.getEncoder().encodeToString(new byte[] {(byte) (crc >>> 16), (byte) (crc >>> 8),
                    (byte) crc});
                return "-----BEGIN PGP PRIVATE KEY BLOCK-----\n"
                        + (form.endsWith("comment") ? "Comment: " + pick("GPGTools - https://gpgtools.org",
                                "User-ID: Build Bot", "Hostname: build-07") + "\n" : "")
                        + "\n" + wrap(Base64.getEncoder().encodeToString(packet), 64) + "=" + crcText + "\n"
                        + "-----END PGP PRIVATE KEY BLOCK-----";
            }
            default: { // PuTTY
                boolean v3 = form.endsWith("v3");
                byte[] pub = concat(sshString(ascii("ssh-ed25519")), sshString(bytes(32)));
                byte[] priv = sshString(bytes(32));
                String pubLines = wrap(Base64.getEncoder().encodeToString(pub), 64);
                String privLines = wrap(Base64.getEncoder().encodeToString(priv), 64);
                return "PuTTY-User-Key-File-" + (v3 ? "3" : "2") + ": ssh-ed25519\nEncryption: none\nComment: "
                        + pick("eddsa-key-2024" + between(1000, 1231), "deploy@build", "imported-openssh-key") + "\n"
                        + "Public-Lines: " + pubLines.split("\n").length + "\n" + pubLines
                        + "Private-Lines: " + privLines.split("\n").length + "\n" + privLines
                        + "Private-MAC: " + hex.formatHex(bytes(v3 ? 32 : 20));
            }
        }
    }

    // ---------------------------------------------------------------- masked and test values

    /** Every type that has a masked form, and the type of every test value. */
    static final List<String> MASKED_TYPES = List.of(AWS_KEY_ID, GITHUB, GITLAB, SLACK, GCP, OPENAI, HUGGINGFACE, NPM,
            STRIPE, OPENSSH, PKCS, PGP);
    static final List<String> TEST_TYPES = List.of(AWS_KEY_ID, AWS_SECRET, JWT, BASIC_AUTH, STRIPE);

    private String maskTail(int full) {
        return switch (r.nextInt(4)) {
            case 0 -> "*".repeat(full);
            case 1 -> "****";
            case 2 -> "..." + chars(4, ALNUM);
            default -> "•".repeat(between(6, 12)) + chars(4, ALNUM);
        };
    }

    Item masked(String type) {
        String text = switch (type) {
            case AWS_KEY_ID -> pick("AKIA", "ASIA") + pick("*".repeat(16), "X".repeat(16), "*".repeat(12) + chars(4, UPPER_B32));
            case GITHUB -> pick("ghp_", "gho_", "ghs_", "github_pat_") + maskTail(36);
            case GITLAB -> "glpat-" + maskTail(20);
            case SLACK -> pick("xoxb-", "xoxp-") + maskTail(40);
            case GCP -> "AIza" + maskTail(35);
            case OPENAI -> pick("sk-", "sk-proj-") + maskTail(48);
            case HUGGINGFACE -> "hf_" + maskTail(34);
            case NPM -> "npm_" + maskTail(36);
            case STRIPE -> pick("sk_live_", "rk_live_") + maskTail(24);
            default -> {
                String label = switch (type) {
                    case OPENSSH -> "OPENSSH PRIVATE KEY";
                    case PGP -> "PGP PRIVATE KEY BLOCK";
                    default -> pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY");
                };
                yield "-----BEGIN " + label + "-----\n" + pick("...", "…", "<redacted>", "...\n...") + "\n-----END "
                        + label + "-----";
            }
        };
        String form = type.equals(PKCS) || type.equals(OPENSSH) || type.equals(PGP) ? "masked.block" : "masked.prefix";
        String kind = FORMS.get(type).get(0).replaceAll("\\..*", "") + "." + form;
        return new Item(kind, List.of(new Planted(type, text, Label.MASKED, kind)), form.endsWith("block"),
                pick("token", "api key", "key", "redacted value"));
    }

    Item test(String type) {
        return switch (type) {
            case AWS_KEY_ID -> Item.of("aws-id.test", new Planted(type, IndependentSecrets.AWS_EXAMPLE_KEY_ID, Label.TEST,
                    "aws-id.test"), "aws access key id");
            case AWS_SECRET -> Item.of("aws-secret.test", new Planted(type, IndependentSecrets.AWS_EXAMPLE_SECRET,
                    Label.TEST, "aws-secret.test"), "aws secret access key");
            case JWT -> Item.of("jwt.test", new Planted(type, IndependentSecrets.JWT_IO_TOKEN, Label.TEST, "jwt.test"),
                    "token");
            case BASIC_AUTH -> basicAuth("basic.test", new Planted(type, IndependentSecrets.RFC7617_BASIC, Label.TEST,
                    "basic.test"));
            default -> {
                String key = chance(0.3) ? pick(new ArrayList<>(new java.util.TreeSet<>(IndependentSecrets.STRIPE_DOC_KEYS)))
                        : pick("sk_test_", "pk_test_") + chars(between(24, 99), ALNUM);
                yield Item.of("stripe.test", new Planted(type, key, Label.TEST, "stripe.test"), "stripe key");
            }
        };
    }

    // ---------------------------------------------------------------- placeholders and look-alikes

    static final List<String> PLACEHOLDERS = List.of("<AWS_SECRET_KEY>", "${DB_PASSWORD}", "{{ token }}", "<password>",
            "****", "xxxx", "${{ secrets.DEPLOY_TOKEN }}", "YOUR_API_KEY_HERE", "<your-token>");

    /** A placeholder where a secret goes: no type; a finding on it that is not masked is a false positive. */
    Item placeholder() {
        String p = pick(PLACEHOLDERS);
        Planted planted = Planted.decoy(p, "placeholder." + p.replaceAll("[^A-Za-z*x]", "").toLowerCase(Locale.ROOT));
        return switch (r.nextInt(4)) {
            case 0 -> url(pick(FORMS.get(URL_CREDENTIALS)), planted).withForm("placeholder.url");
            case 1 -> new Item("placeholder.basic", List.of("Authorization: Basic ", planted), false, "auth header");
            default -> new Item("placeholder.value", List.of(planted), false,
                    pick("aws secret access key", "github token", "db password", "api key", "stripe secret key"));
        };
    }

    /** A hard negative that looks like a credential and is none. */
    Item decoy(boolean awsNear) {
        // near an AWS keyword or key id, a 40-character look-alike (git SHA, base64) would be a secret key
        int k = awsNear ? 1 + r.nextInt(11) : r.nextInt(14);
        Planted p = switch (k) {
            case 0 -> Planted.decoy(chars(40, "0123456789abcdef"), "neg.git-sha");
            case 1 -> Planted.decoy(chars(64, "0123456789abcdef"), "neg.sha256");
            case 2 -> Planted.decoy(pick("sha512-" + Base64.getEncoder().encodeToString(bytes(64)),
                    "sha1-" + Base64.getEncoder().encodeToString(bytes(20))), "neg.integrity");
            case 3 -> Planted.decoy(chars(8, "0123456789abcdef") + "-" + chars(4, "0123456789abcdef") + "-4"
                    + chars(3, "0123456789abcdef") + "-a" + chars(3, "0123456789abcdef") + "-" + chars(12, "0123456789abcdef"),
                    "neg.uuid");
            case 4 -> Planted.decoy("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA" + Base64.getEncoder().encodeToString(
                    bytes(between(60, 180))), "neg.base64-image");
            case 5 -> Planted.decoy(pick("", "ghcr.io/acme/api@", "nginx@") + "sha256:" + chars(64, "0123456789abcdef"),
                    "neg.docker-digest");
            case 6 -> Planted.decoy(pick("00-" + chars(32, "0123456789abcdef") + "-" + chars(16, "0123456789abcdef") + "-01",
                    "req_" + chars(24, ALNUM), "Root=1-" + chars(8, "0123456789abcdef") + "-" + chars(24, "0123456789abcdef"),
                    chars(32, "0123456789abcdef")), "neg.trace-id");
            case 7 -> Planted.decoy(pick("_0x" + chars(6, "0123456789abcdef"), "e.exports=function(t){return t&&t.__esModule}",
                    "a" + chars(1, LETTERS) + chars(between(10, 20), ALNUM), "webpackChunk_N_E"), "neg.minified");
            case 8 -> Planted.decoy(publicKey(), "neg.public-key");
            case 9 -> Planted.decoy(pem("CERTIFICATE", concat(HexFormat.of().parseHex("308203"), bytes(1),
                    HexFormat.of().parseHex("308202"), bytes(between(300, 500)))), "neg.certificate");
            case 10 -> Planted.decoy(badChecksum(), "neg.bad-checksum");
            case 11 -> Planted.decoy(jwtLookAlike(), "neg.jwt-shape");
            default -> Planted.decoy(chars(40, B64), "neg.base64-40"); // only where no AWS keyword or key id is near
        };
        return new Item(p.kind(), List.of(p), p.text().indexOf('\n') >= 0,
                pick("commit", "checksum", "digest", "request id", "trace id", "integrity", "etag", "nonce", "public key",
                        "image", "build id"));
    }

    String publicKey() {
        return switch (r.nextInt(3)) {
            case 0 -> pem("PUBLIC KEY", concat(HexFormat.of().parseHex("302a300506032b6570032100"), bytes(32)));
            case 1 -> "ssh-ed25519 " + Base64.getEncoder().encodeToString(concat(sshString(ascii("ssh-ed25519")),
                    sshString(bytes(32)))) + " deploy@build-07";
            default -> "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + wrap(Base64.getEncoder().encodeToString(
                    concat(new byte[] {(byte) 0xC6, 0x33, 4}, bytes(50))), 64) + "=AbCd\n-----END PGP PUBLIC KEY BLOCK-----";
        };
    }

    /** A GitHub or npm token with one character of its random part changed: the checksum fails. */
    String badChecksum() {
        while (true) {
            String good = chance(0.5) ? githubClassic(pick("ghp", "gho", "ghs")) : npm();
            int prefix = good.indexOf('_') + 1;
            int at = prefix + r.nextInt(30);
            char c = good.charAt(at);
            char other = ALNUM.charAt((ALNUM.indexOf(c) + 1 + r.nextInt(ALNUM.length() - 1)) % ALNUM.length());
            String bad = good.substring(0, at) + other + good.substring(at + 1);
            if (IndependentSecrets.typeOf(bad) == null) {
                return bad;
            }
        }
    }

    /** Three base64url parts whose header is no JSON object with "alg" (truncated JSON, no alg, plain text). */
    String jwtLookAlike() {
        String header = switch (r.nextInt(3)) {
            case 0 -> base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"");
            case 1 -> base64url("{\"typ\":\"JWT\",\"cty\":\"json\"}");
            default -> base64url(pick("version 2 build", "chunk-vendors", "release candidate"));
        };
        return header + "." + base64url("{\"sub\":\"" + digits(8) + "\"}") + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }
}
