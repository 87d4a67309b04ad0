package dev.piigate.detectors.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Random;

/**
 * Digit-heavy machine text without personal data: application log lines (ISO timestamps, thread
 * names, IPs, UUIDs, order ids, amounts, status codes, latencies, epoch milliseconds, hex trace
 * ids), web access log lines and blocks of CSV rows of numbers. Full of the hard negatives a
 * numeric detector meets in practice: 13-digit epoch times (a tenth of them pass Luhn), 9-digit
 * order ids, dotted IPs, dashed dates and UUIDs.
 */
final class LogText {
    private LogText() {}

    private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
    private static final String[] LOGGERS = {"c.a.api.OrderController", "c.a.pay.SettlementJob",
        "o.a.kafka.clients.NetworkClient", "c.a.inventory.StockService", "c.a.auth.TokenFilter",
        "o.h.engine.jdbc.batch.internal.BatchingBatch"};
    private static final String[] PAYMENT_STATES = {"PAID", "PENDING", "REFUNDED"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] PATHS = {"/api/v2/orders/", "/api/v2/invoices/", "/api/v1/stock/sku-",
        "/static/js/app.", "/api/v2/payments/"};
    private static final int[] STATUSES = {200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 404, 409, 500, 503};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
        "curl/8.5.0", "okhttp/4.12.0", "Go-http-client/1.1", "python-requests/2.31.0"};

    static String generate(long seed, int targetChars) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(targetChars + 4096);
        long epochMillis = 1_709_251_200_000L; // 2024-03-01T00:00:00Z
        while (sb.length() < targetChars) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                for (int i = 0, n = 5 + random.nextInt(20); i < n; i++) {
                    epochMillis += random.nextInt(2000);
                    appLine(random, sb, epochMillis);
                }
            } else if (kind < 8) {
                for (int i = 0, n = 5 + random.nextInt(20); i < n; i++) {
                    epochMillis += random.nextInt(2000);
                    accessLine(random, sb, epochMillis);
                }
            } else {
                csvBlock(random, sb, epochMillis);
            }
        }
        return sb.toString();
    }

    private static void appLine(Random random, StringBuilder sb, long epochMillis) {
        isoTimestamp(sb, epochMillis);
        sb.append(' ').append(ValidValues.pick(random, LEVELS)).append(" [http-nio-8080-exec-")
                .append(1 + random.nextInt(200)).append("] ").append(ValidValues.pick(random, LOGGERS)).append(" - ");
        switch (random.nextInt(5)) {
            case 0:
                sb.append("order=").append(100_000_000 + random.nextInt(900_000_000)).append(" amount=")
                        .append(random.nextInt(5000)).append('.').append(two(random.nextInt(100)))
                        .append(" currency=EUR status=").append(ValidValues.pick(random, PAYMENT_STATES));
                break;
            case 1:
                sb.append("request_id=");
                uuid(random, sb);
                sb.append(" latency_ms=").append(random.nextInt(900)).append('.').append(random.nextInt(10))
                        .append(" status=").append(STATUSES[random.nextInt(STATUSES.length)]);
                break;
            case 2:
                sb.append("client=");
                ip(random, sb);
                sb.append(" trace_id=").append(hex(random, 32)).append(" span_id=").append(hex(random, 16))
                        .append(" ts=").append(epochMillis);
                break;
            case 3:
                sb.append("batch ").append(random.nextInt(100_000)).append(" flushed ").append(random.nextInt(5000))
                        .append(" rows in ").append(random.nextInt(3000)).append(" ms, offset=")
                        .append(Math.abs(random.nextLong() % 10_000_000_000L)).append(" partition=")
                        .append(random.nextInt(64));
                break;
            default:
                sb.append("heap_used=").append(100_000_000 + random.nextInt(1_900_000_000)).append(" gc_pause_ms=")
                        .append(random.nextInt(250)).append(" threads=").append(20 + random.nextInt(400))
                        .append(" cpu=0.").append(two(random.nextInt(100))).append(" version=3.")
                        .append(random.nextInt(20)).append('.').append(random.nextInt(50));
                break;
        }
        sb.append('\n');
    }

    private static void accessLine(Random random, StringBuilder sb, long epochMillis) {
        ip(random, sb);
        sb.append(" - - [");
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        sb.append(two(t.getDayOfMonth())).append('/').append(t.getMonth().name().charAt(0))
                .append(t.getMonth().name().substring(1, 3).toLowerCase(Locale.ROOT)).append('/')
                .append(t.getYear()).append(':').append(two(t.getHour())).append(':').append(two(t.getMinute()))
                .append(':').append(two(t.getSecond())).append(" +0000] \"")
                .append(ValidValues.pick(random, METHODS)).append(' ').append(ValidValues.pick(random, PATHS))
                .append(10_000 + random.nextInt(90_000_000)).append(" HTTP/1.1\" ")
                .append(STATUSES[random.nextInt(STATUSES.length)]).append(' ').append(random.nextInt(200_000))
                .append(" \"-\" \"").append(ValidValues.pick(random, AGENTS)).append("\" 0.")
                .append(String.format(Locale.ROOT, "%03d", random.nextInt(1000))).append('\n');
    }

    private static void csvBlock(Random random, StringBuilder sb, long epochMillis) {
        sb.append("order_id,customer_id,sku,qty,unit_price,total,created_at,warehouse,weight_g\n");
        for (int i = 0, n = 10 + random.nextInt(40); i < n; i++) {
            int qty = 1 + random.nextInt(12);
            int cents = 99 + random.nextInt(20_000);
            sb.append(100_000_000 + random.nextInt(900_000_000)).append(',').append(100_000 + random.nextInt(900_000))
                    .append(",SKU-").append(10_000 + random.nextInt(90_000)).append(',').append(qty).append(',')
                    .append(cents / 100).append('.').append(two(cents % 100)).append(',')
                    .append(qty * cents / 100).append('.').append(two(qty * cents % 100)).append(',');
            isoDate(sb, epochMillis - random.nextInt(86_400_000));
            sb.append(',').append(1 + random.nextInt(40)).append(',').append(random.nextInt(30_000)).append('\n');
        }
    }

    private static void isoTimestamp(StringBuilder sb, long epochMillis) {
        sb.append(Instant.ofEpochMilli(epochMillis)); // 2024-03-01T00:00:01.234Z
    }

    private static void isoDate(StringBuilder sb, long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochMillis / 1000, 0,
                ZoneOffset.UTC);
        sb.append(t.toLocalDate()).append(' ').append(two(t.getHour())).append(':').append(two(t.getMinute()))
                .append(':').append(two(t.getSecond()));
    }

    private static void ip(Random random, StringBuilder sb) {
        sb.append(random.nextBoolean() ? 10 : 172).append('.').append(random.nextInt(256)).append('.')
                .append(random.nextInt(256)).append('.').append(1 + random.nextInt(254));
    }

    private static void uuid(Random random, StringBuilder sb) {
        String h = hex(random, 32);
        sb.append(h, 0, 8).append('-').append(h, 8, 12).append('-').append(h, 12, 16).append('-')
                .append(h, 16, 20).append('-').append(h, 20, 32);
    }

    private static String hex(Random random, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = "0123456789abcdef".charAt(random.nextInt(16));
        }
        return new String(c);
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : String.valueOf(v);
    }
}
