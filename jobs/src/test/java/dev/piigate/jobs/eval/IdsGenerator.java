package dev.piigate.jobs.eval;

import static dev.piigate.jobs.eval.IndependentIds.AADHAAR;
import static dev.piigate.jobs.eval.IndependentIds.CF;
import static dev.piigate.jobs.eval.IndependentIds.CPF;
import static dev.piigate.jobs.eval.IndependentIds.CURP;
import static dev.piigate.jobs.eval.IndependentIds.DNI;
import static dev.piigate.jobs.eval.IndependentIds.DOB;
import static dev.piigate.jobs.eval.IndependentIds.IP;
import static dev.piigate.jobs.eval.IndependentIds.ITIN;
import static dev.piigate.jobs.eval.IndependentIds.NIE;
import static dev.piigate.jobs.eval.IndependentIds.NINO;
import static dev.piigate.jobs.eval.IndependentIds.NIR;
import static dev.piigate.jobs.eval.IndependentIds.PAN;
import static dev.piigate.jobs.eval.IndependentIds.SIN;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.piigate.jobs.eval.IdValues.Written;
import dev.piigate.jobs.eval.TextBuilder.Planted;

/**
 * Issue 13's part of the evaluation corpus: records holding national identifiers (forms, CSV rows,
 * JSON records, letters, HR and KYC notes, chats, in the languages of each country), IP addresses
 * (web server, syslog and JSON logs, URLs and configuration) and dates of birth. Each national
 * identifier is planted with a keyword of its type (a positive), without one (a decoy of kind
 * {@code ...@no-keyword}: Macie's rule makes it no finding), masked, and with a failing check (a
 * decoy of kind {@code ....bad-check}). It draws from its own {@link Random}, derived from the seed,
 * so adding it leaves the older and the credential records byte-identical.
 *
 * <p>A label's kind is {@code <type>.<form>[.masked|.test]@<layout context>}: {@code nino.spaced@form},
 * {@code ip.v6.compressed@syslog}, {@code dob.text-fr@letter}.
 */
final class IdsGenerator {
    /** Layouts per family: the record-level breakdown. */
    static final List<String> ID_LAYOUTS = List.of("ids-form", "ids-csv", "ids-json", "ids-letter", "ids-note", "ids-chat");
    static final List<String> IP_LAYOUTS = List.of("ip-nginx", "ip-apache", "ip-syslog", "ip-jsonlog", "ip-url");
    static final List<String> DOB_LAYOUTS = List.of("dob-form", "dob-letter", "dob-json", "dob-chat");

    static boolean isIdsLayout(String layout) {
        return layout.startsWith("ids-") || layout.startsWith("ip-") || layout.startsWith("dob-");
    }

    /** A country: its identifier types and the languages its records are written in. */
    record Country(String code, List<String> types, List<String> languages) {}

    static final List<Country> COUNTRIES = List.of(
            new Country("GB", List.of(NINO), List.of("en")),
            new Country("CA", List.of(SIN), List.of("en", "fr")),
            new Country("IN", List.of(AADHAAR, PAN), List.of("en", "hi")),
            new Country("BR", List.of(CPF), List.of("pt")),
            new Country("ES", List.of(DNI, NIE), List.of("es", "en")),
            new Country("FR", List.of(NIR), List.of("fr", "en")),
            new Country("IT", List.of(CF), List.of("it", "en")),
            new Country("MX", List.of(CURP), List.of("es", "en")),
            new Country("US", List.of(ITIN), List.of("en")));

    /** Keywords as written in text, per type and language (each is in {@link IndependentIds#KEYWORDS}). */
    static final Map<String, Map<String, List<String>>> WORDS = Map.ofEntries(
            Map.entry(NINO, Map.of("en", List.of("National Insurance number", "national insurance", "NI number", "NI no",
                    "NINO", "insurance number"))),
            Map.entry(SIN, Map.of("en", List.of("social insurance number", "SIN"),
                    "fr", List.of("numéro d'assurance sociale", "NAS", "assurance sociale"))),
            Map.entry(AADHAAR, Map.of("en", List.of("Aadhaar", "Aadhar", "Aadhaar number", "UID", "UIDAI"),
                    "hi", List.of("आधार", "आधार संख्या", "Aadhaar"))),
            Map.entry(PAN, Map.of("en", List.of("PAN", "PAN no", "PAN card", "permanent account number"),
                    "hi", List.of("पैन", "पैन कार्ड", "PAN"))),
            Map.entry(CPF, Map.of("pt", List.of("CPF", "CPF/MF", "cadastro de pessoas físicas", "cadastro de pessoa física"))),
            Map.entry(DNI, Map.of("es", List.of("DNI", "NIF", "documento nacional de identidad",
                    "número de identificación fiscal"), "en", List.of("DNI", "NIF"))),
            Map.entry(NIE, Map.of("es", List.of("NIE", "NIF", "número de identidad de extranjero",
                    "número de identificación de extranjero"), "en", List.of("NIE", "foreigner identity number"))),
            Map.entry(NIR, Map.of("fr", List.of("numéro de sécurité sociale", "sécurité sociale", "NIR", "INSEE",
                    "numéro INSEE", "carte vitale"), "en", List.of("social security number", "NIR", "INSEE"))),
            Map.entry(CF, Map.of("it", List.of("codice fiscale", "cod. fisc.", "C.F.", "CF"),
                    "en", List.of("fiscal code", "tax code", "codice fiscale"))),
            Map.entry(CURP, Map.of("es", List.of("CURP", "clave única de registro de población",
                    "clave unica de registro de poblacion"), "en", List.of("CURP"))),
            Map.entry(ITIN, Map.of("en", List.of("ITIN", "individual taxpayer identification number",
                    "taxpayer identification number", "tax id"))),
            Map.entry(DOB, Map.of("en", List.of("date of birth", "DOB", "D.O.B.", "born on", "born", "birthday", "birth date",
                    "birthdate"), "fr", List.of("date de naissance", "né le", "née le"),
                    "de", List.of("Geburtsdatum", "geboren am", "Geburtstag"),
                    "es", List.of("fecha de nacimiento", "nacido el", "nacida el"),
                    "pt", List.of("data de nascimento", "nascido em", "nascida em"),
                    "it", List.of("data di nascita", "nato il", "nata il"))));

    /** JSON keys that are keywords in text too (a field-only name such as numero_securite_sociale is not). */
    static final Map<String, List<String>> JSON_KEYS = Map.ofEntries(
            Map.entry(NINO, List.of("nino", "ni_number", "national_insurance_number")),
            Map.entry(SIN, List.of("sin", "social_insurance_number")),
            Map.entry(AADHAAR, List.of("aadhaar", "aadhaar_number", "uid")),
            Map.entry(PAN, List.of("pan", "pan_number")),
            Map.entry(CPF, List.of("cpf")),
            Map.entry(DNI, List.of("dni", "nif")),
            Map.entry(NIE, List.of("nie")),
            Map.entry(NIR, List.of("nir", "insee")),
            Map.entry(CF, List.of("codice_fiscale", "codiceFiscale", "cf")),
            Map.entry(CURP, List.of("curp")),
            Map.entry(ITIN, List.of("itin")),
            Map.entry(DOB, List.of("dob", "date_of_birth", "birth_date", "birthDate", "birthday")));

    /** Words that name a value without naming its type, per language. */
    private static final Map<String, List<String>> NEUTRAL = Map.of(
            "en", List.of("reference", "ref.", "order", "ticket"),
            "fr", List.of("référence", "réf.", "commande"),
            "es", List.of("referencia", "pedido", "expediente"),
            "pt", List.of("referência", "pedido", "protocolo"),
            "it", List.of("riferimento", "ordine", "pratica"),
            "hi", List.of("संदर्भ", "reference"),
            "de", List.of("Referenz", "Bestellung", "Vorgang"));

    /** Other dates' keywords: an issue, order or expiry date is no date of birth. */
    private static final Map<String, List<String>> OTHER_DATES = Map.of(
            "en", List.of("issue date", "date of issue", "order date", "expiry date", "valid until", "delivered on"),
            "fr", List.of("date d'émission", "date d'expiration", "livré le"),
            "de", List.of("Ausstellungsdatum", "gültig bis", "Bestelldatum"),
            "es", List.of("fecha de emisión", "fecha de caducidad", "entregado el"),
            "pt", List.of("data de emissão", "validade", "entregue em"),
            "it", List.of("data di rilascio", "scadenza", "consegnato il"));

    /** Sentences with no keyword and no digits, long enough to keep one value's keyword out of the next one's reach. */
    private static final Map<String, List<String>> FILLER = Map.of(
            "en", List.of("The documents were checked and filed with the rest of the case.",
                    "Please let us know if anything here needs to be corrected.",
                    "Thanks again for sending everything over so quickly, much appreciated."),
            "fr", List.of("Les pièces ont été vérifiées et classées avec le reste du dossier.",
                    "Merci de nous signaler toute erreur dans ces informations."),
            "es", List.of("Los documentos se revisaron y se archivaron con el resto del expediente.",
                    "Por favor, avísenos si hay que corregir algo de lo anterior."),
            "pt", List.of("Os documentos foram conferidos e arquivados junto com o processo.",
                    "Por favor, avise se for preciso corrigir alguma informação."),
            "it", List.of("I documenti sono stati verificati e archiviati con il resto della pratica.",
                    "Vi preghiamo di segnalarci eventuali errori in questi dati."),
            "hi", List.of("सभी दस्तावेज़ जाँच लिए गए हैं और फ़ाइल में रख दिए गए हैं, धन्यवाद।",
                    "कृपया बताइए अगर इनमें से कुछ भी ठीक करना हो तो हमें लिखें।"),
            "de", List.of("Die Unterlagen wurden geprüft und zur Akte genommen, vielen Dank.",
                    "Bitte melden Sie sich, falls hier etwas korrigiert werden muss."));

    private static final Map<String, List<String>> NAMES = Map.of(
            "en", List.of("Jane Roe", "Tom Hale", "Priya Shah", "Sam Lee", "Owen Price"),
            "fr", List.of("Claire Martin", "Luc Bernard", "Inès Moreau"),
            "es", List.of("Lucía García", "Javier Ruiz", "Carmen Ortega"),
            "pt", List.of("Ana Souza", "João Lima", "Beatriz Rocha"),
            "it", List.of("Giulia Rossi", "Marco Bianchi", "Elena Greco"),
            "hi", List.of("Ravi Kumar", "अनीता शर्मा", "Meera Iyer"),
            "de", List.of("Anna Schmidt", "Jonas Weber", "Lena Fischer"));

    private static final Map<String, String> NAME_LABEL = Map.of("fr", "Nom", "es", "Nombre", "pt", "Nome", "it", "Nome",
            "hi", "नाम", "de", "Name");

    private static final Map<String, String[]> LETTER = Map.of( // greeting, closing
            "en", new String[] {"Dear %s,", "Kind regards,\nCustomer Services"},
            "fr", new String[] {"Bonjour %s,", "Cordialement,\nLe service client"},
            "es", new String[] {"Estimado/a %s:", "Atentamente,\nAtención al cliente"},
            "pt", new String[] {"Prezado(a) %s,", "Atenciosamente,\nAtendimento"},
            "it", new String[] {"Gentile %s,", "Cordiali saluti,\nServizio clienti"},
            "hi", new String[] {"प्रिय %s,", "धन्यवाद,\nग्राहक सेवा"},
            "de", new String[] {"Sehr geehrte/r %s,", "Mit freundlichen Grüßen\nKundenservice"});

    private final Random random;
    private final IdValues v;
    private final String seed;

    IdsGenerator(String seed) {
        this.seed = seed;
        // its own stream: the older and the credential generators' draws, and so their records, do not change
        this.random = new Random(CorpusGenerator.seedLong(seed) ^ 0x1D5_2026_0013L);
        this.v = new IdValues(random);
    }

    List<EvalRecord> generate(int count) {
        return Redraw.records(count, seed + "-i", this::attempt, IndependentIds::checkDecoy);
    }

    /** Why a record's truth could not be told (a keyword within reach of a value planted without one), or null. */
    static String ambiguous(EvalRecord r) {
        return Redraw.ambiguous(r, IndependentIds::checkDecoy);
    }

    /** One value to write: the planted text, the keyword naming it (null: none), whether the keyword follows. */
    private record Item(String type, Planted planted, String keyword, boolean after) {}

    private EvalRecord attempt(String id) {
        double family = random.nextDouble();
        if (family < 0.6) {
            return idsRecord(id);
        }
        return family < 0.8 ? ipRecord(id) : dobRecord(id);
    }

    // ---------------------------------------------------------------- national identifiers

    private String keyword(String type, String lang) {
        Map<String, List<String>> byLang = WORDS.get(type);
        List<String> words = byLang.getOrDefault(lang, byLang.get("en"));
        if (words == null) {
            words = byLang.values().iterator().next();
        }
        return v.pick(words);
    }

    private static String dobLang(String lang) {
        return lang.equals("hi") ? "en" : lang;
    }

    private static String shortName(String type) {
        for (Map.Entry<String, String> e : IndependentIds.SHORT.entrySet()) {
            if (e.getValue().equals(type)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(type);
    }

    private EvalRecord idsRecord(String id) {
        // a type first, then its country: India and Spain, with two types each, get as many values per type
        String first = v.pick(IndependentIds.NATIONAL);
        Country country = COUNTRIES.stream().filter(c -> c.types().contains(first)).findFirst().orElseThrow();
        String lang = v.pick(country.languages());
        String layout = v.pick(ID_LAYOUTS);
        String ctx = layout.substring(4);
        List<Item> items = new ArrayList<>();
        double mode = random.nextDouble();
        if (mode < 0.75) {
            int n = v.between(1, 2);
            for (int i = 0; i < n; i++) {
                String type = i == 0 ? first : v.pick(country.types());
                if (type.equals(NINO) && v.chance(0.06)) {
                    String text = v.chance(0.5) ? "QQ 12 34 56 C" : IndependentIds.HMRC_EXAMPLE;
                    items.add(new Item(type, new Planted(type, text, Label.TEST, "nino." + (text.length() > 9 ? "spaced"
                            : "compact") + ".test@" + ctx), keyword(type, lang), v.chance(0.25)));
                    continue;
                }
                Written w = v.value(type);
                items.add(new Item(type, new Planted(type, w.text(), Label.UNMASKED, shortName(type) + "." + w.form() + "@"
                        + ctx), keyword(type, lang), !ctx.equals("csv") && !ctx.equals("json") && v.chance(0.25)));
            }
        }
        if (mode >= 0.75 || v.chance(0.1)) {
            String type = v.pick(country.types());
            Written w = v.masked(type);
            items.add(new Item(type, new Planted(type, w.text(), Label.MASKED, shortName(type) + "." + w.form() + "@" + ctx),
                    keyword(type, lang), false));
        }
        if (v.chance(0.5)) { // the same kind of value without a keyword: not a finding by Macie's rule
            String type = v.pick(country.types());
            Written w = v.value(type);
            items.add(new Item(type, Planted.decoy(w.text(), shortName(type) + "." + w.form() + "@no-keyword"), null, false));
        }
        if (v.chance(0.4)) { // same shape, its check fails: no finding even with the keyword
            String type = v.pick(country.types());
            Written w = v.bad(type);
            items.add(new Item(type, Planted.decoy(w.text(), shortName(type) + "." + w.form()), keyword(type, lang), false));
        }
        if (v.chance(0.25)) {
            items.add(dobItem(dobLang(lang), ctx));
        }
        Collections.shuffle(items, random);
        return render(id, layout, lang, items);
    }

    // ---------------------------------------------------------------- dates of birth

    private Item dobItem(String lang, String ctx) {
        LocalDate d = v.birthDate();
        String form = v.pick(IdValues.DATE_FORMS.get(lang));
        return new Item(DOB, new Planted(DOB, IdValues.date(form, d), Label.UNMASKED, "dob." + form + "@" + ctx),
                keyword(DOB, lang), !ctx.equals("csv") && !ctx.equals("json") && v.chance(0.2));
    }

    private EvalRecord dobRecord(String id) {
        String lang = v.pick("en", "en", "fr", "de", "es", "pt", "it");
        String layout = v.pick(DOB_LAYOUTS);
        String ctx = layout.substring(4);
        List<Item> items = new ArrayList<>();
        double mode = random.nextDouble();
        if (mode < 0.7) {
            int n = v.between(1, 2);
            for (int i = 0; i < n; i++) {
                items.add(dobItem(lang, ctx));
            }
        }
        if (mode >= 0.7 || v.chance(0.15)) {
            items.add(new Item(DOB, new Planted(DOB, v.maskedDate(v.birthDate()), Label.MASKED, "dob.masked@" + ctx),
                    keyword(DOB, lang), false));
        }
        int others = v.between(1, 2);
        for (int i = 0; i < others; i++) { // a date named by another keyword: not a date of birth
            String form = v.pick(IdValues.DATE_FORMS.get(lang));
            items.add(new Item(DOB, Planted.decoy(IdValues.date(form, v.otherDate()), "dob." + form + "@other-keyword"),
                    v.pick(OTHER_DATES.get(lang)), false));
        }
        Collections.shuffle(items, random);
        return render(id, layout, lang, items);
    }

    // ---------------------------------------------------------------- writing records

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String jsonKey(Item item) {
        if (item.keyword() == null) {
            return "ref";
        }
        if (item.planted().type() == null && item.type().equals(DOB)) { // another date's key
            return SecretsGenerator.snake(item.keyword().replace("'", " ").replace("é", "e").replace("ü", "u"))
                    .replace("__", "_");
        }
        return v.pick(JSON_KEYS.get(item.type()));
    }

    private String neutral(String lang) {
        return v.pick(NEUTRAL.getOrDefault(lang, NEUTRAL.get("en")));
    }

    private String filler(String lang) {
        return v.pick(FILLER.getOrDefault(lang, FILLER.get("en")));
    }

    /** The items in the layout, each named by its keyword (or a neutral word), fillers between them. */
    private EvalRecord render(String id, String layout, String lang, List<Item> items) {
        String ctx = layout.substring(layout.indexOf('-') + 1);
        String name = v.pick(NAMES.getOrDefault(lang, NAMES.get("en")));
        TextBuilder b = new TextBuilder();
        String[] letter = LETTER.getOrDefault(lang, LETTER.get("en"));
        switch (ctx) {
            case "form" -> b.add(NAME_LABEL.getOrDefault(lang, "Name") + ": " + name + "\n");
            case "letter" -> b.add(String.format(Locale.ROOT, letter[0], name) + "\n\n");
            case "note" -> b.add(v.pick("KYC note", "HR note", "Onboarding check") + " - " + name + "\n");
            case "chat" -> b.add(v.pick("[support] ", "") + "agent: " + filler(lang) + "\n");
            default -> { }
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.add(switch (ctx) {
                    case "csv" -> "\n# " + filler(lang) + "\n\n";
                    case "json" -> "\n{\"note\": \"" + filler(lang) + "\"}\n";
                    case "chat" -> "\nagent: " + filler(lang) + "\n";
                    case "form" -> "\n" + filler(lang) + "\n";
                    default -> ". " + filler(lang) + " ";
                });
            }
            item(b, ctx, lang, name, items.get(i));
        }
        switch (ctx) {
            case "letter" -> b.add("\n\n" + letter[1] + "\n");
            case "chat" -> b.add("\nagent: " + filler(lang) + "\n");
            default -> b.add("\n");
        }
        return b.build(id, layout);
    }

    private void item(TextBuilder b, String ctx, String lang, String name, Item item) {
        String kw = item.keyword() == null ? neutral(lang) : item.keyword();
        Planted p = item.planted();
        switch (ctx) {
            case "csv" -> {
                String sep = v.pick(";", ",", "\t");
                b.add("name" + sep + (item.keyword() == null ? "ref" : kw) + "\n" + name + sep).plant(p);
            }
            case "json" -> b.add("{\"name\": \"" + name + "\", \"" + jsonKey(item) + "\": \"").plant(p).add("\"}");
            default -> {
                if (item.after() && kw.length() <= 24) { // a keyword after the value counts only wholly within reach
                    b.plant(p).add(v.pick(" (" + kw + ")", " [" + kw + "]", " - " + kw));
                } else {
                    String open = switch (ctx) {
                        case "form" -> cap(kw) + v.pick(": ", " : ", ":\t");
                        case "chat" -> "customer: " + kw + v.pick(" ", ": ", " = ");
                        case "note" -> kw + v.pick(" ", ": ");
                        default -> cap(kw) + v.pick(": ", " ");
                    };
                    b.add(open).plant(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- IP addresses

    private static final String[] PATHS = {"/", "/index.html", "/api/v2/orders", "/login", "/static/app.js",
        "/health", "/robots.txt"};
    private static final String[] AGENTS = {"Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "python-requests/2.31.0",
        "Go-http-client/1.1"};

    /** An address slot: what is planted there and how ({form}). */
    private Planted address(String ctx) {
        double d = random.nextDouble();
        if (d < 0.12) {
            return new Planted(IP, v.pick(IdValues.IP_PLACEHOLDERS), Label.MASKED, "ip.placeholder@" + ctx);
        }
        boolean test = d < 0.4;
        if (v.chance(0.35)) {
            Written w = v.v6(test);
            return new Planted(IP, w.text(), test ? Label.TEST : Label.UNMASKED, "ip." + w.form() + (test ? ".test" : "")
                    + "@" + ctx);
        }
        String a = test ? v.testV4() : v.publicV4();
        return new Planted(IP, a, test ? Label.TEST : Label.UNMASKED, "ip.v4" + (test ? ".test" : "") + "@" + ctx);
    }

    private static boolean v6(Planted p) {
        return p.text().indexOf(':') >= 0 && !p.text().startsWith("|||");
    }

    private String stamp() {
        return String.format(Locale.ROOT, "%02d/%s/2024:%02d:%02d:%02d +0000", v.between(1, 28),
                v.pick("Jan", "Feb", "Mar", "Apr", "May", "Jun"), v.between(0, 23), v.between(0, 59), v.between(0, 59));
    }

    private EvalRecord ipRecord(String id) {
        String layout = v.pick(IP_LAYOUTS);
        String ctx = layout.substring(3);
        TextBuilder b = new TextBuilder();
        int lines = v.between(2, 5);
        int lookAlike = v.chance(0.6) ? v.between(0, lines - 1) : -1;
        for (int i = 0; i < lines; i++) {
            if (i == lookAlike) {
                Written w = v.ipLookAlike();
                b.add(lookAlikePrefix(ctx)).plant(Planted.decoy(w.text(), "ip.neg." + w.form())).add(lookAlikeSuffix(ctx));
                continue;
            }
            Planted p = address(ctx);
            switch (ctx) {
                case "nginx" -> b.plant(p).add(" - - [" + stamp() + "] \"GET " + v.pick(PATHS) + " HTTP/1.1\" "
                        + v.pick("200", "304", "404") + " " + v.between(0, 90000) + " \"-\" \"" + v.pick(AGENTS) + "\"\n");
                case "apache" -> {
                    b.add("[Thu Mar " + v.between(10, 28) + " 10:" + v.between(10, 59) + ":" + v.between(10, 59)
                            + ".123456 2024] [" + v.pick("core", "ssl", "auth_basic") + ":error] [pid "
                            + v.between(100, 99999) + "] [client ");
                    boolean bracket = v6(p);
                    b.add(bracket ? "[" : "").plant(p).add((bracket ? "]" : "") + ":" + v.between(1024, 65535) + "] "
                            + v.pick("AH01630: client denied by server configuration", "AH00128: File does not exist",
                            "AH01618: user not found") + "\n");
                }
                case "syslog" -> b.add(v.pick("Mar", "Apr") + " " + v.between(10, 28) + " web0" + v.between(1, 9) + " sshd["
                        + v.between(100, 99999) + "]: " + v.pick("Failed password for root from ",
                        "Accepted publickey for deploy from ", "Invalid user admin from ")).plant(p)
                        .add(" port " + v.between(1024, 65535) + " ssh2\n");
                case "jsonlog" -> b.add("{\"level\":\"info\",\"" + v.pick("remote_addr", "client_ip", "ip", "src")
                        + "\":\"").plant(p).add("\",\"status\":" + v.pick("200", "401", "500") + ",\"path\":\""
                        + v.pick(PATHS) + "\"}\n");
                default -> { // URLs and configuration
                    boolean bracket = v6(p);
                    String open = bracket ? "[" : "";
                    String close = bracket ? "]" : "";
                    switch (v.between(0, 3)) {
                        case 0 -> b.add("curl -s http://" + open).plant(p).add(close + ":" + v.pick("8080", "8443", "3000")
                                + v.pick(PATHS) + "\n");
                        case 1 -> b.add("upstream_server = \"" + open).plant(p).add(close + ":" + v.between(1024, 9999)
                                + "\"\n");
                        case 2 -> b.add("Connecting to " + open).plant(p).add(close + (bracket ? ":443" : "") + "...\n");
                        default -> b.add("proxy_pass https://" + open).plant(p).add(close + "/;\n");
                    }
                }
            }
        }
        return b.build(id, layout);
    }

    private String lookAlikePrefix(String ctx) {
        return switch (ctx) {
            case "nginx", "apache" -> "# ";
            case "syslog" -> "Mar " + v.between(10, 28) + " web01 kernel: ";
            case "jsonlog" -> "{\"level\":\"debug\",\"msg\":\"";
            default -> "# see ";
        };
    }

    private String lookAlikeSuffix(String ctx) {
        return switch (ctx) {
            case "jsonlog" -> "\"}\n";
            default -> "\n";
        };
    }
}
