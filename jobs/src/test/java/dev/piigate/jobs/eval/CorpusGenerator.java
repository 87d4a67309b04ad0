package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.Independent.CARD;
import static dev.piigate.jobs.eval.Independent.EMAIL;
import static dev.piigate.jobs.eval.Independent.IBAN;
import static dev.piigate.jobs.eval.Independent.PHONE;
import static dev.piigate.jobs.eval.Independent.SSN;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.piigate.jobs.eval.TextBuilder.Planted;
import net.datafaker.Faker;

/**
 * A seeded generator of pre-training-style records (support chats, forum posts, code, logs, CSV
 * rows, JSON in text, prose) with planted values, masked values, test values and look-alikes.
 * The same seed gives the same records, byte for byte.
 *
 * <p>Labelling rules, where the truth is a choice: a bare nine-digit number is an SSN only with an
 * SSN keyword right before it (Macie's rule: text gives no other way to tell it from an order
 * number), so bare SSNs are planted only next to a keyword and bare valid-range nine-digit numbers
 * elsewhere are look-alikes; dashed and spaced SSNs are planted both next to and far from keywords.
 */
final class CorpusGenerator {
    private static final String[] STYLES = {"chat", "forum", "code", "log", "csv", "json", "prose", "cjk", "pipe",
        "ident"};

    private final Random random;
    private final Faker faker;
    private final Values v;
    private final String seed;

    CorpusGenerator(String seed) {
        this.seed = seed;
        this.random = new Random(seedLong(seed));
        this.faker = new Faker(Locale.US, new Random(seedLong(seed) ^ 0x5DEECE66DL));
        this.v = new Values(random, faker);
    }

    /** A stable 64-bit seed from any string (FNV-1a), so seeds can be words ("A", "release-2"). */
    static long seedLong(String seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    List<EvalRecord> generate(int count) {
        List<EvalRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(next(seed + "-" + i));
        }
        return records;
    }

    EvalRecord next(String id) {
        while (true) {
            EvalRecord r = attempt(id);
            if (!ambiguous(r)) {
                return r;
            }
        }
    }

    private static final java.util.regex.Pattern NINE_DIGITS = java.util.regex.Pattern.compile("(?<![0-9])[0-9]{9}(?![0-9])");
    private static final java.util.regex.Pattern SSN_KEYWORD =
            java.util.regex.Pattern.compile("(?i)ssn|ss#|social security|soc\\.? ?sec|社会保障番号|社會安全號碼|社会安全号码"
                    + "|사회보장번호|หมายเลขประกันสังคม");

    /**
     * A record whose truth a careful reader could not tell: a look-alike nine-digit number that
     * lands within 30 characters of an SSN keyword meant for another value (in any language the
     * corpus writes) is an SSN by the labelling rule. Such records are drawn again.
     */
    static boolean ambiguous(EvalRecord r) {
        for (Label l : r.labels()) {
            if (!l.isDecoy() || !NINE_DIGITS.matcher(r.covered(l)).find()) {
                continue;
            }
            // 60: the keyword's first character may be further than 30 away when its last is not
            String around = r.text().substring(Math.max(0, l.start() - 60), Math.min(r.text().length(), l.end() + 60));
            if (SSN_KEYWORD.matcher(around).find()) {
                return true;
            }
        }
        return false;
    }

    private EvalRecord attempt(String id) {
        Deque<Planted> plan = new ArrayDeque<>();
        double mode = random.nextDouble();
        if (mode < 0.45) {
            int n = v.between(1, 3);
            for (int i = 0; i < n; i++) {
                plan.add(unmasked());
            }
            if (v.chance(0.25)) {
                plan.add(maskedOrTest());
            }
        } else if (mode < 0.65) {
            int n = v.between(1, 2);
            for (int i = 0; i < n; i++) {
                plan.add(maskedOrTest());
            }
        }
        int decoys = v.between(1, 3);
        for (int i = 0; i < decoys; i++) {
            plan.add(v.decoy());
        }
        shuffle(plan);
        TextBuilder b = new TextBuilder();
        String style = v.pick(STYLES);
        switch (style) {
            case "chat" -> chat(b, plan);
            case "forum" -> forum(b, plan);
            case "code" -> code(b, plan);
            case "log" -> log(b, plan);
            case "csv" -> csv(b, plan);
            case "json" -> json(b, plan);
            case "cjk" -> cjk(b, plan);
            case "pipe" -> pipe(b, plan);
            case "ident" -> ident(b, plan);
            default -> prose(b, plan);
        }
        while (!plan.isEmpty()) {
            b.add(" ");
            mention(b, plan.poll());
        }
        return b.build(id, style);
    }

    private void shuffle(Deque<Planted> plan) {
        List<Planted> list = new ArrayList<>(plan);
        java.util.Collections.shuffle(list, random);
        plan.clear();
        plan.addAll(list);
    }

    private Planted unmasked() {
        return switch (random.nextInt(5)) {
            case 0 -> v.chance(0.12) ? v.regionalCard() : v.card();
            case 1 -> {
                boolean near = v.chance(0.6);
                yield v.ssn(near ? v.pick("dashed", "spaced", "bare") : v.pick("dashed", "dashed", "spaced"),
                        near ? "keyword" : "no-keyword");
            }
            case 2 -> v.iban();
            case 3 -> v.phone();
            default -> v.email();
        };
    }

    private Planted maskedOrTest() {
        return switch (random.nextInt(8)) {
            case 0 -> v.maskedCard();
            case 1 -> v.maskedSsn();
            case 2 -> v.maskedIban();
            case 3 -> v.maskedPhone();
            case 4 -> v.maskedEmail();
            case 5 -> v.token();
            case 6 -> v.testCard();
            default -> v.testPhone();
        };
    }

    // ------------------------------------------------------------ how a value is written into text

    /** Writes the planted value with words around it that suit its type and state. */
    private void mention(TextBuilder b, Planted p) {
        if (p.type() == null) {
            b.add(v.pick("see ", "ref ", "at ", "build ", "(", "logged ", "item ", "")).plant(p)
                    .add(v.pick(" ", ") ", ", ", ". "));
            return;
        }
        if (p.kind().startsWith("ssn.") && !p.kind().equals("ssn.masked")) {
            if (p.kind().endsWith(".keyword")) {
                b.add(v.pick("SSN: ", "my social security number is ", "SS# ", "ssn=", "Social Security No. ",
                        "soc sec ")).plant(p).add(v.pick(". ", " ", ", thanks. "));
            } else {
                b.add(v.pick("the number on the form was ", "reference ", "ID on the W-2 copy: ", "it reads ",
                        "value ")).plant(p).add(v.pick(" and it matched. ", " in the file. ", ". "));
            }
            return;
        }
        String[] before;
        switch (p.type()) {
            case CARD -> before = new String[] {"my card number is ", "charged to ", "card: ", "paid with ",
                "Card No. ", "the card ", "cc "};
            case SSN -> before = new String[] {"SSN ", "social security number ", "ssn: "};
            case IBAN -> before = new String[] {"IBAN ", "please wire to ", "account ", "Bankverbindung: ",
                "payout account ", "IBAN: "};
            case PHONE -> before = new String[] {"call me at ", "phone: ", "reach him on ", "tel. ", "mobile ",
                "Phone ", "ring "};
            default -> before = new String[] {"email me at ", "contact: ", "from ", "write to ", "reply-to ", "<"};
        }
        if (isRegionalCard(p)) { // a scheme the issuer table may not know counts only next to a card keyword
            before = new String[] {"my card number is ", "card: ", "Card No. ", "debit card ", "credit card "};
        }
        String prefix = p.kind().equals("token") ? v.pick("", "[", "value ") : v.pick(before);
        b.add(prefix).plant(p);
        b.add(prefix.equals("<") ? "> " : prefix.equals("[") ? "] " : v.pick(" ", ". ", ", ", " today. ", ";\n"));
    }

    private void mentionNext(TextBuilder b, Deque<Planted> plan) {
        if (!plan.isEmpty()) {
            mention(b, plan.poll());
        }
    }

    private String sentence() {
        return switch (random.nextInt(5)) {
            case 0 -> faker.lorem().sentence(v.between(6, 14));
            case 1 -> faker.hitchhikersGuideToTheGalaxy().quote();
            case 2 -> faker.company().catchPhrase() + ".";
            case 3 -> faker.shakespeare().hamletQuote();
            default -> faker.yoda().quote();
        };
    }

    // ------------------------------------------------------------ styles

    private void chat(TextBuilder b, Deque<Planted> plan) {
        String customer = faker.name().firstName();
        String agent = faker.name().firstName();
        int turns = v.between(3, 6);
        for (int t = 0; t < turns; t++) {
            boolean c = t % 2 == 0;
            b.add(c ? customer + ": " : agent + " (support): ");
            b.add(c ? v.pick("Hi, ", "Hello, ", "Thanks. ", "Ok, ", "") : v.pick("Sure, ", "Thanks for waiting. ", ""));
            b.add(v.pick("I ordered the " + faker.commerce().productName() + " last week. ",
                    "I live at " + faker.address().streetAddress() + ", " + faker.address().city() + ". ",
                    "let me check that for you. ", sentence() + " "));
            if (v.chance(0.7)) {
                mentionNext(b, plan);
            }
            b.add("\n");
        }
    }

    private void forum(TextBuilder b, Deque<Planted> plan) {
        b.add("Re: " + faker.book().title() + "\n\n");
        int paragraphs = v.between(2, 4);
        for (int i = 0; i < paragraphs; i++) {
            b.add(sentence() + " " + faker.lorem().paragraph(v.between(2, 4)) + " ");
            mentionNext(b, plan);
            b.add("\n\n");
        }
        b.add("-- " + faker.name().fullName() + ", " + faker.address().city());
    }

    private void code(TextBuilder b, Deque<Planted> plan) {
        boolean python = v.chance(0.5);
        String fn = faker.lorem().word() + "_" + faker.lorem().word();
        b.add(python ? "def test_" + fn + "():\n" : "@Test\nvoid " + fn.replace("_", "") + "() {\n");
        int lines = v.between(2, 5);
        for (int i = 0; i < lines; i++) {
            Planted p = plan.poll();
            String var = p != null && p.type() != null ? fieldName(p) : faker.lorem().word() + i;
            b.add(python ? "    " + var + " = \"" : "    String " + var + " = \"");
            if (p != null) {
                b.plant(p);
            } else {
                b.add(faker.lorem().word());
            }
            b.add(python ? "\"  # " + faker.lorem().sentence(4) + "\n" : "\"; // " + faker.lorem().sentence(4) + "\n");
        }
        b.add(python ? "    assert " + fn + "(" + faker.lorem().word() + "0)\n" : "    assertThat(x).isNotNull();\n}\n");
    }

    private void log(TextBuilder b, Deque<Planted> plan) {
        int lines = v.between(3, 7);
        for (int i = 0; i < lines; i++) {
            b.add(String.format(Locale.ROOT, "2024-%02d-%02d %02d:%02d:%02d,%03d %s [%s-%d] ", v.between(1, 12),
                    v.between(1, 28), v.between(0, 23), v.between(0, 59), v.between(0, 59), v.between(0, 999),
                    v.pick("INFO", "WARN", "DEBUG", "ERROR"), v.pick("worker", "http-nio", "pool"), v.between(1, 16)));
            b.add(v.pick("request handled ", "payment update ", "user lookup ", "retrying ", "cache miss "));
            if (v.chance(0.6) && !plan.isEmpty()) {
                Planted p = plan.poll();
                b.add(p.type() == null ? "ref=" : fieldName(p) + "=").plant(p).add(" ");
            }
            b.add("took=" + v.between(1, 900) + "ms status=" + v.pick("200", "201", "404", "500") + "\n");
        }
    }

    private String fieldName(Planted p) {
        if (p.kind().startsWith("ssn.") && p.kind().endsWith("no-keyword")) {
            return v.pick("ref", "value", "id_doc");
        }
        if (isRegionalCard(p)) {
            return v.pick("card_number", "cardNumber", "card");
        }
        return switch (p.type()) {
            case CARD -> v.pick("card", "pan", "cc_number");
            case SSN -> v.pick("ssn", "SSN");
            case IBAN -> v.pick("iban", "account");
            case PHONE -> v.pick("phone", "msisdn", "tel");
            default -> v.pick("email", "user", "to");
        };
    }

    private void csv(TextBuilder b, Deque<Planted> plan) {
        b.add("id,name,city,contact,note\n");
        int rows = v.between(2, 6);
        for (int i = 0; i < rows; i++) {
            b.add((1000 + v.between(0, 8999)) + ",\"" + faker.name().fullName() + "\"," + faker.address().city()
                    .replace(",", "") + ",");
            if (!plan.isEmpty() && v.chance(0.7)) {
                Planted p = plan.poll();
                b.add(cellKeyword(p)).plant(p);
            }
            b.add("," + faker.lorem().word() + "\n");
        }
    }

    private void json(TextBuilder b, Deque<Planted> plan) {
        b.add(v.pick("Payload received: ", "Webhook body: ", "Request: ", "Here is the export: "));
        b.add("{\"customer\": {\"name\": \"" + faker.name().fullName() + "\", \"city\": \"" + faker.address().city()
                + "\"");
        int fields = v.between(1, 3);
        for (int i = 0; i < fields && !plan.isEmpty(); i++) {
            Planted p = plan.poll();
            String key = p.type() == null ? v.pick("ref", "build", "trace") : fieldName(p);
            b.add(", \"" + key + "\": \"").plant(p).add("\"");
        }
        b.add("}, \"ok\": " + v.pick("true", "false") + "}\n" + sentence());
    }

    private void prose(TextBuilder b, Deque<Planted> plan) {
        String name = faker.name().fullName();
        b.add(name + " " + v.pick("moved to ", "grew up in ", "wrote from ") + faker.address().city() + " in "
                + v.between(1950, 2023) + ". " + sentence() + " ");
        int n = v.between(2, 4);
        for (int i = 0; i < n; i++) {
            b.add(faker.lorem().sentence(v.between(8, 16)) + " ");
            if (v.chance(0.6)) {
                mentionNext(b, plan);
            }
        }
        b.add(sentence());
    }

    private static boolean isRegionalCard(Planted p) {
        return p.kind().startsWith("card.regional.");
    }

    /**
     * What a table cell must hold before a value for its label to be right: a bare SSN or a
     * regional-scheme card counts only next to a keyword, and a header row is too far away.
     */
    private static String cellKeyword(Planted p) {
        if (p.kind().startsWith("ssn.") && p.kind().endsWith(".keyword")) {
            return "ssn ";
        }
        return isRegionalCard(p) ? "card " : "";
    }

    // ------------------------------------------------------------ layouts the hostile review found missed

    /** Sentence frames per language and type: {keyword-led text before, text after}, glued, no spaces. */
    private static final String[] CJK_LANGUAGES = {"ja", "zh", "zh-Hant", "ko", "th"};

    private String[] cjkFrame(String language, Planted p) {
        String type = p.type() == null ? "decoy" : p.type();
        if (p.kind().startsWith("ssn.bare")) {
            return new String[] {"SSN：", "です。"}; // a bare SSN needs an SSN keyword right before it
        }
        return switch (language + "/" + type) {
            case "ja/" + CARD -> frame(new String[] {"お客様のカード番号は", "です。"}, new String[] {"クレジットカード：", "をご確認ください。"});
            case "ja/" + SSN -> new String[] {"社会保障番号は", "です。"};
            case "ja/" + IBAN -> new String[] {"振込先の口座番号", "へお振込みください。"};
            case "ja/" + PHONE -> frame(new String[] {"電話番号は", "です。"}, new String[] {"携帯", "までご連絡ください。"});
            case "ja/" + EMAIL -> new String[] {"メールアドレスは", "です。"};
            case "zh/" + CARD -> frame(new String[] {"我的信用卡号是", "，谢谢。"}, new String[] {"卡号", "已绑定。"});
            case "zh/" + SSN -> new String[] {"社会安全号码", "。"};
            case "zh/" + IBAN -> new String[] {"银行账号", "，请查收。"};
            case "zh/" + PHONE -> frame(new String[] {"请拨打电话", "联系我。"}, new String[] {"手机", "。"});
            case "zh/" + EMAIL -> new String[] {"邮箱是", "。"};
            case "zh-Hant/" + CARD -> new String[] {"信用卡號碼", "，謝謝。"};
            case "zh-Hant/" + SSN -> new String[] {"社會安全號碼", "。"};
            case "zh-Hant/" + IBAN -> new String[] {"銀行帳號", "。"};
            case "zh-Hant/" + PHONE -> new String[] {"手機", "。"};
            case "zh-Hant/" + EMAIL -> new String[] {"電子郵件", "。"};
            case "ko/" + CARD -> new String[] {"카드번호는 ", "입니다. "};
            case "ko/" + SSN -> new String[] {"사회보장번호 ", "입니다. "};
            case "ko/" + IBAN -> new String[] {"계좌번호 ", "로 송금해 주세요. "};
            case "ko/" + PHONE -> new String[] {"전화번호 ", "로 연락주세요. "};
            case "ko/" + EMAIL -> new String[] {"이메일은 ", "입니다. "};
            case "th/" + CARD -> new String[] {"หมายเลขบัตรเครดิต", "ครับ "};
            case "th/" + SSN -> new String[] {"หมายเลขประกันสังคม", "ครับ "};
            case "th/" + IBAN -> new String[] {"เลขที่บัญชี", "ครับ "};
            case "th/" + PHONE -> new String[] {"โทร", "ครับ "};
            case "th/" + EMAIL -> new String[] {"อีเมล", "ครับ "};
            default -> switch (language) {
                case "ja" -> new String[] {"注文番号", "です。"};
                case "zh", "zh-Hant" -> new String[] {"订单", "已发货。"};
                case "ko" -> new String[] {"참조 ", "입니다. "};
                default -> new String[] {"อ้างอิง", "ครับ "};
            };
        };
    }

    private String[] frame(String[]... options) {
        return options[random.nextInt(options.length)];
    }

    /** Japanese, Chinese, Korean and Thai text: values glued to the words around them. */
    private void cjk(TextBuilder b, Deque<Planted> plan) {
        String language = v.pick(CJK_LANGUAGES);
        b.add(switch (language) {
            case "ja" -> "お問い合わせありがとうございます。";
            case "zh" -> "您好，这是我的资料。";
            case "zh-Hant" -> "您好，這是我的資料。";
            case "ko" -> "안녕하세요, 제 정보입니다. ";
            default -> "สวัสดีครับ ";
        });
        while (!plan.isEmpty()) {
            Planted p = plan.poll();
            String[] frame = cjkFrame(language, p);
            b.add(frame[0]).plant(p).add(frame[1]);
        }
        b.add(language.startsWith("zh") ? "谢谢" : language.equals("ja") ? "よろしくお願いします。" : "");
    }

    /** psql, Markdown and compact pipe-delimited rows: every cell a standalone token. */
    private void pipe(TextBuilder b, Deque<Planted> plan) {
        int layout = random.nextInt(3);
        List<Planted> cells = new ArrayList<>(plan);
        plan.clear();
        StringBuilder header = new StringBuilder(layout == 0 ? " id | name" : layout == 1 ? "| id | name" : "id|name");
        for (Planted p : cells) {
            header.append(layout == 2 ? "|" : " | ").append(p.type() == null ? "ref" : fieldName(p));
        }
        b.add(header + (layout == 1 ? " |" : "") + "\n");
        b.add(layout == 0 ? "----+------" + "+------".repeat(cells.size()) + "\n"
                : layout == 1 ? "|---|---" + "|---".repeat(cells.size()) + "|\n" : "");
        b.add((layout == 0 ? "  " : layout == 1 ? "| " : "") + v.between(1, 999)
                + (layout == 2 ? "|" : " | ") + faker.name().fullName());
        for (Planted p : cells) {
            b.add(layout == 2 ? "|" : " | ").add(cellKeyword(p)).plant(p);
        }
        b.add(layout == 1 ? " |\n" : "\n");
    }

    /** Code whose identifiers name the values (taxpayerSsn, customer_phone, CARD_NUMBER). */
    private void ident(TextBuilder b, Deque<Planted> plan) {
        int language = random.nextInt(4);
        b.add(switch (language) {
            case 0 -> "public final class Fixture {\n";
            case 1 -> "const fixture = {\n";
            case 2 -> "def fixture():\n";
            default -> "var fixture = Customer{\n";
        });
        while (!plan.isEmpty()) {
            Planted p = plan.poll();
            String owner = v.pick("customer", "taxpayer", "billing", "primary", "user", "home");
            String what = p.type() == null ? v.pick("orderRef", "buildId", "traceId") : identifierWord(p);
            String camel = owner + Character.toUpperCase(what.charAt(0)) + what.substring(1);
            String snake = owner + "_" + what.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            switch (language) {
                case 0 -> b.add(v.pick("    static final String " + snake.toUpperCase(Locale.ROOT) + " = \"",
                        "    private String " + camel + " = \""));
                case 1 -> b.add("  " + camel + ": '");
                case 2 -> b.add("    " + snake + " = \"");
                default -> b.add("    " + Character.toUpperCase(camel.charAt(0)) + camel.substring(1) + ": \"");
            }
            b.plant(p);
            b.add(switch (language) {
                case 0 -> "\";\n";
                case 1 -> "',\n";
                case 2 -> "\"\n";
                default -> "\",\n";
            });
        }
        b.add(language == 2 ? "    return locals()\n" : "}\n");
    }

    private String identifierWord(Planted p) {
        return switch (p.type()) {
            case CARD -> v.pick("cardNumber", "card", "ccNumber", "cardNo");
            case SSN -> v.pick("ssn", "socialSecurityNumber");
            case IBAN -> v.pick("iban", "bankIban");
            case PHONE -> v.pick("phone", "phoneNumber", "mobile", "tel");
            default -> v.pick("email", "emailAddress", "contactEmail");
        };
    }
}
