package dev.piigate.detectors.secrets;

import java.util.Set;

import dev.piigate.detectors.Detector;
import dev.piigate.detectors.DetectorFactory;
import dev.piigate.detectors.EntityType;
import dev.piigate.detectors.Finding;
import dev.piigate.detectors.FindingSink;
import dev.piigate.detectors.RejectReason;
import dev.piigate.detectors.ScanText;
import dev.piigate.detectors.TokenRuns;
import dev.piigate.detectors.kit.Alphabet;
import dev.piigate.detectors.kit.Masks;
import dev.piigate.detectors.kit.SecretPlaceholder;

/**
 * The password of a URL's userinfo, {@code scheme://user:password@host} (RFC 3986 section 3.2.1,
 * which deprecates it; connection strings of databases and brokers still carry it): the finding
 * spans the password only. Any RFC 3986 scheme, {@code jdbc:} prefixed ones too; the common
 * database, broker and transfer schemes get a higher confidence. The user may be empty
 * ({@code redis://:password@host}).
 *
 * <p>Passwords are written unescaped as often as not ({@code p@ss!w0rd#1}), so the userinfo ends
 * at the last '@' before the host, within the authority; the authority ends at whitespace, a
 * quote, '&lt;', '&gt;', a backslash, '/' or '?'. A password holding '/' or '?' (RFC 3986 wants
 * them percent-encoded) is not read. Placeholders are masked ({@code ${DB_PASSWORD}},
 * {@code $PASSWORD}, {@code <password>}, {@code {{ token }}}, {@code ****}, {@code xxxx},
 * {@code password}, {@code changeme}..., also percent-encoded); a password equal to its user
 * name ({@code guest:guest}, RabbitMQ's default) or at a host reserved for documentation (RFC 2606:
 * {@code example.com}, {@code .test}...) is a test value. {@code user@host}, {@code mailto:} and
 * {@code git@github.com:org/repo} have no password and are not read. gitleaks has no general rule
 * for this; Macie none either (its nearest type is HTTP_BASIC_AUTH_HEADER).
 *
 * <p>Triggers: {@link TokenRuns token runs} holding {@code ://}.
 */
public final class UrlCredentialsDetector implements Detector {
    public static final String ID = "url_credentials_v1";
    public static final DetectorFactory FACTORY = DetectorFactory.of(ID, settings -> new UrlCredentialsDetector());

    static final EntityType TYPE = new EntityType("URL_CREDENTIALS");

    /** Longest user name and password read. */
    static final int MAX_USER = 128;
    static final int MAX_PASSWORD = 256;

    /** Schemes whose userinfo is a login: databases, brokers, caches, directories, file transfer, web, git. */
    private static final Set<String> KNOWN_SCHEMES = Set.of(
            "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "amqp",
            "amqps", "mssql", "sqlserver", "oracle", "db2", "cockroachdb", "clickhouse", "couchdb", "cassandra",
            "neo4j", "neo4j+s", "bolt", "influxdb", "elasticsearch", "memcached", "kafka", "nats", "mqtt", "mqtts",
            "stomp", "ftp", "ftps", "sftp", "scp", "ssh", "smtp", "smtps", "imap", "imaps", "pop3", "pop3s", "ldap",
            "ldaps", "http", "https", "git", "git+ssh", "git+https", "svn", "svn+ssh", "s3", "webdav", "socks5",
            "socks5h", "rtsp", "sip", "telnet", "vnc", "rdp", "snowflake", "presto", "trino", "hive2");

    private static final Alphabet SCHEME = Alphabet.BASE62.plus("+-.");
    private static final Alphabet DOMAIN = Alphabet.BASE62.plus("-.");

    private static final double CONFIDENCE = 0.95;
    private static final double CONFIDENCE_OTHER_SCHEME = 0.85;
    private static final double CONFIDENCE_MASKED = 0.9;

    UrlCredentialsDetector() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void scan(ScanText text, FindingSink sink) {
        if (text.tokenRuns().count() == 0) {
            return; // the search reads only token runs: no visitor to make for this text
        }
        String t = text.text();
        text.tokenRuns().forEachAnchor(TokenRuns.URL, "://", (runStart, colon) -> url(t, runStart, colon, sink));
    }

    /** Reads the URL whose "://" is at {@code colon} (its run starts at {@code runStart}); returns where reading stopped. */
    private static int url(String t, int runStart, int colon, FindingSink sink) {
        int scheme = SCHEME.runStart(t, colon, runStart);
        if (scheme == colon || !Character.isLetter(t.charAt(scheme))) {
            return colon + 3;
        }
        boolean known = KNOWN_SCHEMES.contains(t.substring(scheme, colon).toLowerCase(java.util.Locale.ROOT));
        int user = colon + 3;
        int userEnd = userEnd(t, user);
        if (userEnd < 0 || userEnd >= t.length() || t.charAt(userEnd) != ':') {
            return colon + 3; // no userinfo, or a user with no password: user@host, host:port
        }
        int password = userEnd + 1;
        int placeholder = SecretPlaceholder.end(t, password);
        if (placeholder > password && placeholder < t.length() && t.charAt(placeholder) == '@'
                && host(t, placeholder + 1)) {
            sink.found(new Finding(TYPE, password, placeholder, ID, CONFIDENCE_MASKED, true, false));
            return placeholder + 1;
        }
        int authorityEnd = authorityEnd(t, password);
        int at = lastAt(t, password, authorityEnd);
        if (at < 0) {
            return Math.max(authorityEnd, colon + 3); // host:port, or a password holding '/'
        }
        if (at == password) {
            return at + 1; // user:@host, an empty password
        }
        if (!host(t, at + 1)) {
            sink.rejected(TYPE, password, at, ID, RejectReason.INVALID_PATTERN);
            return at + 1;
        }
        String decoded = percentDecoded(t, password, at);
        if (SecretPlaceholder.is(t, password, at) || SecretPlaceholder.is(decoded, 0, decoded.length())
                || Masks.hides(t, password, at)) {
            sink.found(new Finding(TYPE, password, at, ID, CONFIDENCE_MASKED, true, false));
            return at + 1;
        }
        boolean test = (userEnd - user == at - password && t.regionMatches(user, t, password, at - password))
                || reservedHost(t, at + 1);
        sink.found(new Finding(TYPE, password, at, ID, known ? CONFIDENCE : CONFIDENCE_OTHER_SCHEME, false, test));
        return at + 1;
    }

    /**
     * The end of the user name from {@code from} (a placeholder such as {@code ${DB_USER}} or
     * {@code {{ user }}} read whole): at ':', '@' or a char that ends the authority; -1 if longer
     * than {@link #MAX_USER}.
     */
    private static int userEnd(String t, int from) {
        int placeholder = SecretPlaceholder.end(t, from);
        if (placeholder > from) {
            return placeholder;
        }
        int stop = Math.min(t.length(), from + MAX_USER);
        for (int i = from; i < stop; i++) {
            char c = t.charAt(i);
            if (c == ':' || c == '@' || endsAuthority(c)) {
                return i;
            }
        }
        return stop == t.length() ? stop : -1;
    }

    /** Where the authority holding the password ends: the first char that ends it, within {@link #MAX_PASSWORD}. */
    private static int authorityEnd(String t, int from) {
        int stop = (int) Math.min(t.length(), (long) from + MAX_PASSWORD + 1);
        for (int i = from; i < stop; i++) {
            if (endsAuthority(t.charAt(i))) {
                return i;
            }
        }
        return stop;
    }

    /** The last '@' in [from, to) that a host follows, or -1. */
    private static int lastAt(String t, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (t.charAt(i) == '@') {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsAuthority(char c) {
        return c <= ' ' || c == '/' || c == '?' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>'
                || c == '\\' || c == 0x7F;
    }

    /**
     * A host starts at {@code at}: a letter or digit (a reg-name or IPv4 address, RFC 3986 section
     * 3.2.2), an IPv6 literal, or a template standing for one. Only its start is read: the password
     * ends at the '@' either way.
     */
    private static boolean host(String t, int at) {
        if (at >= t.length()) {
            return false;
        }
        char c = t.charAt(at);
        if (c == '$' || c == '{' || c == '<') {
            return SecretPlaceholder.end(t, at) > at; // ${DB_HOST}, {{ db_host }}: a template
        }
        if (c == '[') {
            return at + 1 < t.length() && (Alphabet.HEX.contains(t.charAt(at + 1)) || t.charAt(at + 1) == ':');
        }
        return Character.isLetterOrDigit(c);
    }

    /** The host at {@code at} is reserved for documentation (RFC 2606): example.com/.net/.org, .example, .test, .invalid. */
    private static boolean reservedHost(String t, int at) {
        int end = DOMAIN.runEnd(t, at, Math.min(t.length(), at + 256));
        String host = t.substring(at, end).toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (String domain : new String[] {"example.com", "example.net", "example.org"}) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return host.endsWith(".example") || host.endsWith(".test") || host.endsWith(".invalid");
    }

    /** [start, end) with %XX escapes decoded (ASCII only), to see {@code %24%7BDB_PASSWORD%7D} as a placeholder. */
    private static String percentDecoded(String t, int start, int end) {
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if (c == '%' && i + 2 < end) {
                int hi = Character.digit(t.charAt(i + 1), 16);
                int lo = Character.digit(t.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0 && hi < 8) {
                    sb.append((char) (hi << 4 | lo));
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
