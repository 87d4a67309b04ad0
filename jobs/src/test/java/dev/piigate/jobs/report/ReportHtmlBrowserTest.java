package dev.piigate.jobs.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;

import dev.piigate.jobs.Main;
import dev.piigate.jobs.SparkTestSession;
import dev.piigate.jobs.samples.SampleGenerator;

/**
 * report.html in a real browser: the blocked samples are scanned, and Debian's Chromium, headless,
 * renders the page the run wrote. The page must say its verdict and reason as text, throw no
 * script error, log no error (a refused load under the page's CSP is one) and request nothing but
 * itself. The screenshot goes to target/report-blocked.png (docs/report-blocked.png is a copy).
 * Without Chromium the test is skipped, unless it runs in CI (env CI), where that is a failure.
 */
@ResourceLock(SparkTestSession.LOCK)
class ReportHtmlBrowserTest {
    private static final int WIDTH = 1200;
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static HeadlessChromium browser;
    private static Path report;

    @BeforeAll
    static void scanAndStartTheBrowser() throws IOException {
        if (!Files.isExecutable(HeadlessChromium.BINARY)) {
            String missing = HeadlessChromium.BINARY + " is missing: install Debian's package chromium"
                    + " (apt-get install chromium)";
            if (System.getenv("CI") != null) {
                fail(missing + "; in CI the browser test must run (.ci/run installs it)");
            }
            assumeTrue(false, missing);
        }
        spark = SparkTestSession.start();
        Path data = tmp.resolve("blocked");
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(SampleGenerator.samplesDir().resolve("blocked"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, data.resolve(f.getFileName().toString()));
            }
        }
        Path out = tmp.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--out", out.toString(), "--manifest",
            data.resolve("train.manifest").toString()}, new PrintStream(stdout, true, UTF_8),
                new PrintStream(stderr, true, UTF_8));
        assertThat(status).as(stderr.toString(UTF_8)).isEqualTo(Main.BLOCK);
        report = out.resolve(ReportHtml.FILE_NAME);
        assertThat(report).isRegularFile();
        browser = HeadlessChromium.start(Files.createDirectories(tmp.resolve("chromium")));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            SparkTestSession.stop(spark);
        }
    }

    /** What the browser showed and said while it loaded a page. */
    record Rendered(String text, List<String> exceptions, List<String> consoleErrors, List<String> logErrors,
            List<String> failedRequests, List<String> requests, byte[] png, String darkBackground) {}

    @Test
    void theBlockedSamplesReportRendersItsVerdictWithoutErrorsOrRequests() throws IOException {
        String uri = report.toUri().toString();
        Rendered page = render(uri, true);

        assertThat(page.text()).contains("BLOCK pii-gate").contains("records with unmasked PII: 107 of 340 scanned")
                .contains("policy.maxUnmaskedRecords").contains("Findings per type").contains("Worst objects")
                .contains("Records with PII over the dataset").contains("CREDIT_CARD_NUMBER");
        assertThat(page.exceptions()).as("script errors").isEmpty();
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.logErrors()).as("errors the browser logged (a load the CSP refused is one)").isEmpty();
        assertThat(page.failedRequests()).as("failed requests").isEmpty();
        assertThat(page.requests()).as("nothing loaded but the page").containsExactly(uri);
        assertThat(page.darkBackground()).as("the page's background with the reader's system in dark mode")
                .isEqualTo("rgb(255, 255, 255)");
        // A full page: about as tall as its content, as wide as asked.
        assertThat(page.png()).hasSizeGreaterThan(20_000);
        assertThat(pngWidth(page.png())).isEqualTo(WIDTH);
        assertThat(pngHeight(page.png())).isGreaterThan(2000);
        Path png = Path.of("target", "report-blocked.png");
        Files.createDirectories(png.getParent());
        Files.write(png, page.png());
    }

    /**
     * The checks above can fail: a page that throws, logs an error and loads from the network is
     * seen doing each (the load goes to a closed local port: nothing leaves the machine).
     */
    @Test
    void aPageWithAScriptErrorAndARequestIsCaught() throws IOException {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>bad page</p>"
                + "<img src=\"http://127.0.0.1:9/x.png\">"
                + "<script>console.error('logged'); notAFunction();</script></body></html>", UTF_8);
        Rendered page = render(bad.toUri().toString(), false);
        assertThat(page.text()).contains("bad page");
        assertThat(page.exceptions()).hasSize(1);
        assertThat(page.consoleErrors()).containsExactly("logged");
        assertThat(page.failedRequests()).hasSize(1);
        assertThat(page.requests()).contains("http://127.0.0.1:9/x.png");

        // And the page's CSP is what refuses such a load in report.html: it is logged, and failed.
        Path refused = tmp.resolve("refused.html");
        Files.writeString(refused, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
                + ReportHtml.CSP + "\"></head><body><p>refused</p><img src=\"http://127.0.0.1:9/y.png\"></body></html>",
                UTF_8);
        Rendered csp = render(refused.toUri().toString(), false);
        assertThat(csp.logErrors()).isNotEmpty();
        assertThat(csp.failedRequests()).isNotEmpty();
    }

    /** Opens {@code uri} in a new page {@value #WIDTH} pixels wide, waits for its load, reads it. */
    private static Rendered render(String uri, boolean screenshot) throws IOException {
        String target = browser.send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId")
                .asText();
        String s = browser.send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        try {
            for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
                browser.send(s, domain + ".enable", Map.of());
            }
            browser.send(s, "Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH, "height", 900,
                    "deviceScaleFactor", 1, "mobile", false));
            JsonNode navigated = browser.send(s, "Page.navigate", Map.of("url", uri));
            assertThat(navigated.path("errorText").asText()).as("navigation").isEmpty();
            browser.await(s, "Page.loadEventFired");
            String text = browser.send(s, "Runtime.evaluate", Map.of("expression", "document.body.innerText",
                    "returnByValue", true)).get("result").get("value").asText();
            byte[] png = null;
            String darkBackground = null;
            if (screenshot) {
                // A light page also where the reader's system is dark (color-scheme: light).
                browser.send(s, "Emulation.setEmulatedMedia", Map.of("features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
                darkBackground = browser.send(s, "Runtime.evaluate", Map.of("expression",
                        "getComputedStyle(document.body).backgroundColor", "returnByValue", true)).get("result")
                        .get("value").asText();
                browser.send(s, "Emulation.setEmulatedMedia", Map.of("features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
                JsonNode size = browser.send(s, "Page.getLayoutMetrics", Map.of()).get("cssContentSize");
                png = Base64.getDecoder().decode(browser.send(s, "Page.captureScreenshot", Map.of("format", "png",
                        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", WIDTH, "height",
                                Math.ceil(size.get("height").asDouble()), "scale", 1))).get("data").asText());
            }
            List<String> exceptions = new ArrayList<>();
            browser.events(s, "Runtime.exceptionThrown").forEach(e -> exceptions.add(
                    e.get("exceptionDetails").path("exception").path("description").asText("exception")));
            List<String> console = new ArrayList<>();
            for (JsonNode e : browser.events(s, "Runtime.consoleAPICalled")) {
                if (e.get("type").asText().equals("error") || e.get("type").asText().equals("assert")) {
                    console.add(e.get("args").path(0).path("value").asText());
                }
            }
            List<String> logged = new ArrayList<>();
            for (JsonNode e : browser.events(s, "Log.entryAdded")) {
                if (e.get("entry").get("level").asText().equals("error")) {
                    logged.add(e.get("entry").get("text").asText());
                }
            }
            List<String> failed = new ArrayList<>();
            browser.events(s, "Network.loadingFailed").forEach(e -> failed.add(e.toString()));
            List<String> requests = new ArrayList<>();
            browser.events(s, "Network.requestWillBeSent").forEach(e -> requests.add(e.get("request").get("url")
                    .asText()));
            return new Rendered(text, exceptions, console, logged, failed, requests, png, darkBackground);
        } finally {
            browser.send(null, "Target.closeTarget", Map.of("targetId", target));
        }
    }

    private static int pngWidth(byte[] png) {
        return java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
    }

    private static int pngHeight(byte[] png) {
        return java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
    }
}
