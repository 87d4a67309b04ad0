package dev.piigate.detectors.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Support-chat transcript dense with personal data: about one value every 100-200 characters,
 * drawn from Luhn-valid cards of several brands (grouped with spaces or dashes, or plain), SSNs
 * next to a keyword, IBANs of several countries (print and electronic form), US and UK phone
 * numbers, e-mail addresses, and a fifth of them masked the ways redaction tools write them.
 * Filler lines carry order numbers, dates and amounts, as real transcripts do.
 */
final class PiiText {
    private PiiText() {}

    /**
     * What was planted, by kind, so tests can check the text against it.
     *
     * @param cardDigits every planted card number, digits only, in order
     */
    record Generated(String text, Map<String, Integer> planted, List<String> cardDigits) {
        int total() {
            int sum = 0;
            for (int v : planted.values()) {
                sum += v;
            }
            return sum;
        }
    }

    static final String CARD = "card";
    static final String SSN = "ssn";
    static final String IBAN = "iban";
    static final String PHONE = "phone";
    static final String EMAIL = "email";
    static final String MASKED = "masked";

    private static final String[] SPEAKERS = {"Customer: ", "Agent: "};
    private static final String[] FIXED_FILLERS = {
        "Thanks for waiting, let me check that for you.",
        "ok, thanks",
        "Is there anything else I can help you with today?",
        "Could you confirm the billing address on the account, please?",
        "Great, that worked. Have a nice evening!",
        "Can I speak to a supervisor? This is the third time I am asking.",
    };
    private static final String[] CARD_LINES = {
        "my card number is %s, it was charged twice", "please refund it to the card %s",
        "I paid with %s yesterday evening", "new card: %s exp 09/27, the old one was stolen",
        "the charge on %s is not mine",
    };
    private static final String[] SSN_LINES = {
        "my SSN is %s", "social security number %s for the tax form", "SSN: %s",
        "for verification, ss# %s", "they asked for my social security no. %s again",
    };
    private static final String[] IBAN_LINES = {
        "please send the refund to IBAN %s", "my account is %s, in my own name",
        "bank details: %s (current account)", "wire it to %s please",
    };
    private static final String[] PHONE_LINES = {
        "call me back at %s", "my number changed to %s last month", "you can text %s after 5pm",
        "tel. %s (mobile)", "reach my husband on %s",
    };
    private static final String[] EMAIL_LINES = {
        "send the receipt to %s", "my email is %s", "reply to <%s> please", "the invoice went to %s instead",
    };
    private static final String[] MASKED_VALUES = {
        "card ending in %04d", "**** **** **** %04d", "XXXX-XXXX-XXXX-%04d", "SSN ***-**-%04d", "XXX-XX-%04d",
        "(***) ***-%04d", "j***@gmail.com", "email@example.com", "[REDACTED]", " |||EMAIL_ADDRESS||| ", "<EMAIL>",
        "DE** **** **** **** **%02d 00", "+44 **** ***%03d",
    };

    static Generated generate(long seed, int targetChars) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(targetChars + 2048);
        Map<String, Integer> planted = new TreeMap<>();
        List<String> cards = new ArrayList<>();
        int minute = 0;
        while (sb.length() < targetChars) {
            for (int f = random.nextInt(4); f > 0; f--) {
                minute = line(random, sb, minute, ValidValues.pick(random, SPEAKERS));
                filler(random, sb);
                sb.append('\n');
            }
            int roll = random.nextInt(100);
            // Customers give values; agents read them back masked.
            minute = line(random, sb, minute, roll < 20 && random.nextBoolean() ? "Agent: " : "Customer: ");
            String kind;
            if (roll < 20) {
                kind = MASKED;
                sb.append("here it is: ").append(String.format(Locale.ROOT, ValidValues.pick(random, MASKED_VALUES),
                        random.nextInt(10_000) % 1000));
            } else if (roll < 40) {
                kind = CARD;
                String digits = ValidValues.cardDigits(random);
                cards.add(digits);
                sb.append(String.format(Locale.ROOT, ValidValues.pick(random, CARD_LINES), card(random, digits)));
            } else if (roll < 52) {
                kind = SSN;
                sb.append(String.format(Locale.ROOT, ValidValues.pick(random, SSN_LINES), ssn(random)));
            } else if (roll < 64) {
                kind = IBAN;
                sb.append(String.format(Locale.ROOT, ValidValues.pick(random, IBAN_LINES), iban(random)));
            } else if (roll < 82) {
                kind = PHONE;
                sb.append(String.format(Locale.ROOT, ValidValues.pick(random, PHONE_LINES), phone(random)));
            } else {
                kind = EMAIL;
                sb.append(String.format(Locale.ROOT, ValidValues.pick(random, EMAIL_LINES), ValidValues.email(random)));
            }
            sb.append(random.nextInt(3) == 0 ? ".\n" : "\n");
            planted.merge(kind, 1, Integer::sum);
        }
        return new Generated(sb.toString(), Collections.unmodifiableMap(planted), List.copyOf(cards));
    }

    private static int line(Random random, StringBuilder sb, int minute, String speaker) {
        int next = minute + random.nextInt(3);
        sb.append('[').append(String.format(Locale.ROOT, "%02d:%02d", (9 + next / 60) % 24, next % 60)).append("] ")
                .append(speaker);
        return next;
    }

    /** Small talk with the numbers real transcripts have: order and ticket ids, dates, amounts, versions. */
    private static void filler(Random random, StringBuilder sb) {
        switch (random.nextInt(12)) {
            case 0:
                sb.append(String.format(Locale.ROOT, "I can see order #%d was shipped on %02d/%02d.",
                        10_000_000 + random.nextInt(90_000_000), 1 + random.nextInt(12), 1 + random.nextInt(28)));
                break;
            case 1:
                sb.append(String.format(Locale.ROOT, "The refund of $%d.%02d should arrive within 5 business days.",
                        5 + random.nextInt(400), random.nextInt(100)));
                break;
            case 2:
                sb.append(String.format(Locale.ROOT, "It has been %d days and nothing has arrived yet.",
                        2 + random.nextInt(20)));
                break;
            case 3:
                sb.append(String.format(Locale.ROOT, "Sorry, the app keeps logging me out since the update to %d.%d.%d.",
                        4 + random.nextInt(3), random.nextInt(20), random.nextInt(10)));
                break;
            case 4:
                sb.append(String.format(Locale.ROOT, "I have escalated ticket %d to our payments team.",
                        100_000 + random.nextInt(900_000)));
                break;
            case 5:
                sb.append(String.format(Locale.ROOT, "Your delivery slot is between %d and %d pm tomorrow.",
                        1 + random.nextInt(4), 5 + random.nextInt(4)));
                break;
            default:
                sb.append(ValidValues.pick(random, FIXED_FILLERS));
                break;
        }
    }

    private static String card(Random random, String digits) {
        int form = random.nextInt(20);
        if (form < 10) {
            return ValidValues.groupCard(digits, ' ');
        }
        if (form < 13) {
            return ValidValues.groupCard(digits, '-');
        }
        return digits;
    }

    private static String ssn(Random random) {
        String d = ValidValues.ssnDigits(random);
        int form = random.nextInt(20);
        if (form < 14) {
            return d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5);
        }
        if (form < 17) {
            return d.substring(0, 3) + " " + d.substring(3, 5) + " " + d.substring(5);
        }
        return d;
    }

    private static String iban(Random random) {
        String electronic = ValidValues.iban(random);
        return random.nextInt(5) < 3 ? ValidValues.groupEvery(electronic, 4, ' ') : electronic;
    }

    private static String phone(Random random) {
        if (random.nextInt(3) > 0) {
            String d = ValidValues.usPhoneDigits(random);
            String a = d.substring(0, 3);
            String b = d.substring(3, 6);
            String c = d.substring(6);
            switch (random.nextInt(5)) {
                case 0:
                    return "(" + a + ") " + b + "-" + c;
                case 1:
                    return a + "-" + b + "-" + c;
                case 2:
                    return a + "." + b + "." + c;
                case 3:
                    return "+1 " + a + " " + b + " " + c;
                default:
                    return "+1-" + a + "-" + b + "-" + c;
            }
        }
        String n = ValidValues.gbPhoneNational(random);
        boolean london = n.startsWith("20");
        String grouped = london ? n.substring(0, 2) + " " + n.substring(2, 6) + " " + n.substring(6)
                : n.substring(0, 4) + " " + n.substring(4);
        // Mostly international form; national form is only found when GB is a configured region.
        return random.nextInt(5) == 0 ? "0" + grouped : "+44 " + grouped;
    }
}
