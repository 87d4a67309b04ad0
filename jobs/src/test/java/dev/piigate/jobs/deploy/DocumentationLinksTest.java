package dev.piigate.jobs.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * README.md is the front page and docs/ holds the rest: every relative link between them resolves to a file and,
 * with an anchor, to a heading of that file (as GitHub names headings), the front page links every docs/ page,
 * and it stays a front page.
 */
class DocumentationLinksTest {
    /** The "at most about 12 KB": what a newcomer reads before choosing a page. */
    static final int FRONT_PAGE_MAX_BYTES = 12 * 1024;
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");
    /** [text](target) and ![alt](target); the text holds no ']' in these pages. */
    private static final Pattern LINK = Pattern.compile("(!?)\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Deployment.repository().resolve("README.md")));
        try (Stream<Path> list = Files.list(Deployment.repository().resolve("docs"))) {
            list.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchor for a heading: lower case, punctuation but '-' and '_' dropped, spaces as '-'. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideFences(page)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String a = anchor(m.group(1));
                int n = seen.merge(a, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? a : a + "-" + n); // GitHub numbers a repeated heading's anchor
            }
        }
        return anchors;
    }

    /** The page's lines outside code fences: a '#' in a fence is a comment, not a heading. */
    static List<String> outsideFences(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fence = false;
        for (String line : Files.readAllLines(page, UTF_8)) {
            if (line.startsWith("```")) {
                fence = !fence;
            } else if (!fence) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Relative links of the page that name no file, or no heading of it. Images are not links a reader follows. */
    static List<String> brokenLinks(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String line : outsideFences(page)) {
            Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll("")); // '[x](y)' in code is no link
            while (m.find()) {
                String target = m.group(2);
                if (!m.group(1).isEmpty() || target.matches("[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path dest = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(dest)) {
                    broken.add(target + ": no such file");
                } else if (hash >= 0 && !anchors(dest).contains(target.substring(hash + 1))) {
                    broken.add(target + ": no such heading");
                }
            }
        }
        return broken;
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyRelativeLinkResolves(Path page) throws IOException {
        assertThat(brokenLinks(page)).as(page.toString()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Approval tags: what IAM enforces           | approval-tags-what-iam-enforces
            `--output-kms-key`                         | --output-kms-key
            A folder scan and pii-gate's own files     | a-folder-scan-and-pii-gates-own-files
            Detector core (`scripts/bench-detectors`)  | detector-core-scriptsbench-detectors
            Redacted copy (`--redact-to`)              | redacted-copy---redact-to
            redaction/ and redacted/                   | redaction-and-redacted
            """)
    void anchorsAreNamedAsGitHubNamesThem(String heading, String anchor) {
        assertThat(anchor(heading)).isEqualTo(anchor);
    }

    @Test
    void aLinkToAMissingHeadingOrFileIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "# A\n\n## Twice\n\n## Twice\n\n## `--flag`\n\n```\n# not a heading\n```\n", UTF_8);
        Files.writeString(dir.resolve("b.md"), """
                [ok](a.md) [ok](a.md#twice-1) [ok](a.md#--flag) [ok](#b) ![image not followed](missing.png) `[code](nowhere.md)`
                [gone](a.md#not-a-heading) [gone](c.md) [third](a.md#twice-2)
                # B
                """, UTF_8);
        assertThat(brokenLinks(dir.resolve("b.md")))
                .containsExactly("a.md#not-a-heading: no such heading", "c.md: no such file", "a.md#twice-2: no such heading");
    }

    @Test
    void theFrontPageLinksEveryDocsPageAndStaysShort() throws IOException {
        Path readme = Deployment.repository().resolve("README.md");
        String text = Files.readString(readme, UTF_8);
        for (Path page : pages().subList(1, pages().size())) {
            assertThat(text).as("README.md links " + page.getFileName()).contains("(docs/" + page.getFileName() + ")");
        }
        assertThat(Files.size(readme)).as("README.md is the front page: move detail to docs/").isLessThanOrEqualTo(FRONT_PAGE_MAX_BYTES);
    }
}
