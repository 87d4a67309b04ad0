package dev.piigate.jobs.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Unique synthetic PII planted in every input of the hostile corpus: a card number (Visa prefix,
 * Luhn), a US SSN (valid ranges, written with its keyword), an IBAN (German format, mod-97), a US
 * phone number and an e-mail address. Seeded by the file name, so each file gets its own values and
 * the same ones on every run. Nothing here is anyone's data.
 */
final class Canaries {
    final String card;
    final String ssn;
    final String iban;
    final String phone;
    final String email;

    Canaries(String seed) {
        Random r = new Random(seed.hashCode() * 31L + 7);
        card = card(r);
        ssn = String.format("%03d-%02d-%04d", 100 + r.nextInt(500), 10 + r.nextInt(89), 1000 + r.nextInt(8999));
        iban = iban(r);
        phone = String.format("+1 (212) %03d-%04d", 300 + r.nextInt(600), 1000 + r.nextInt(8999));
        email = "canary." + Long.toString(Math.abs(r.nextLong()), 36) + "@posteo.de";
    }

    /** One line holding all five, each with the words detectors want near it. */
    String line() {
        return "card " + card + " ssn " + ssn + " iban " + iban + " phone " + phone + " mail " + email;
    }

    List<String> values() {
        return List.of(card, ssn, iban, phone, email);
    }

    /** A fresh card number for {@code seed}, grouped in fours. */
    static String card(Random r) {
        int[] d = new int[16];
        d[0] = 4;
        d[1] = 5 + r.nextInt(4);
        for (int i = 2; i < 15; i++) {
            d[i] = r.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[14 - i];
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(d[i]);
        }
        return sb.toString();
    }

    private static String iban(Random r) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(r.nextInt(10));
        }
        // mod-97 over BBAN + "DE00" with letters as numbers (D=13, E=14).
        String numeric = bban + "131400";
        int mod = 0;
        for (int i = 0; i < numeric.length(); i++) {
            mod = (mod * 10 + (numeric.charAt(i) - '0')) % 97;
        }
        String check = String.format("%02d", 98 - mod);
        String compact = "DE" + check + bban;
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < compact.length(); i += 4) {
            groups.add(compact.substring(i, Math.min(compact.length(), i + 4)));
        }
        return String.join(" ", groups);
    }
}
