package dev.piigate.detectors.bench;

import java.util.Random;

/**
 * Clean English prose: paragraphs of sentences of common words with realistic punctuation, a few
 * proper nouns, curly quotes and apostrophes, accented loan words, years and small counts. No
 * value any detector should report, and no digit run longer than four.
 *
 * <p>Deliberately free of characters that {@code ScanText} folds (em dashes, no-break spaces,
 * fullwidth forms): one of those anywhere makes the scanner build a folded copy of the whole
 * text, a different cost that deserves its own measurement.
 */
final class ProseText {
    private ProseText() {}

    /** Roughly by frequency: earlier words are drawn more often (see {@link #word}). */
    private static final String WORDS = (
            "the of and to a in that is was he for it with as his on be at by had are but from or have an they "
            + "which one you were her all she there would their we him been has when who will more no if out so "
            + "said what up its about into than them can only other new some could time these two may then do "
            + "first any my now such like our over man me even most made after also did many before must through "
            + "back years where much your way well down should because each just those people how too little state "
            + "good very make world still own see men work long get here between both life being under never day "
            + "same another know while last might us great old year off come since against go came right used take "
            + "three states himself few house use during without again place american around however home small "
            + "found thought went say part once general high upon school every does got united left number course "
            + "war until always away something fact though water less public put think almost hand enough far took "
            + "head yet government system better set told nothing night end why called eyes find going look "
            + "asked later knew point next program city business give group toward young days let room president "
            + "side social given present several order national possible rather second face per among form "
            + "important often things looked early white case john become large big need four within felt along "
            + "children saw best church ever least power development light thing seemed family interest want members "
            + "mind country area others done turned although open problem certain kind began thus door help sense "
            + "whole matter perhaps itself times law human line above name example action company hands local show "
            + "whether five history gave today either act feet across taken past quite anything seen having death "
            + "experience body word half really week field car words already themselves information tell together "
            + "college shall money period held keep sure probably free seems real behind cannot miss political air "
            + "question making office brought whose special heard major problems ago became federal moment study "
            + "available known result street economic boy reason change position seem society minutes");
    private static final String[] WORD_LIST = WORDS.split(" ");

    private static final String[] PROPER_NOUNS = {
        "London", "Paris", "Maria", "Thomas", "the Atlantic", "Chicago", "Elena", "the Senate", "Lisbon",
        "Professor Hale", "the Rhine", "Dr. Okafor", "September", "Monday", "the Royal Society", "Kyoto",
    };
    private static final String[] LOAN_WORDS = {"café", "naïve", "résumé", "façade", "déjà vu", "piñata"};
    private static final String[] CONTRACTIONS = {"don\u2019t", "wasn\u2019t", "couldn\u2019t", "it\u2019s",
        "they\u2019re", "I\u2019d", "we\u2019ll", "isn\u2019t"}; // typographic apostrophes, as in edited text
    private static final String[] SMALL_COUNTS = {"two", "three", "four", "five", "ten", "a dozen", "twenty"};
    private static final String[] OPENERS = {"However,", "In fact,", "Later that year,", "For a while,",
        "Even so,", "At first,", "By then,", "Still,"};

    static String generate(long seed, int targetChars) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(targetChars + 2048);
        while (sb.length() < targetChars) {
            int sentences = 3 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    sb.append(' ');
                }
                sentence(random, sb);
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    private static void sentence(Random random, StringBuilder sb) {
        int words = 6 + random.nextInt(20);
        boolean quoted = random.nextInt(12) == 0;
        if (quoted) {
            sb.append('\u201C');
        }
        int start = sb.length();
        if (random.nextInt(8) == 0) {
            sb.append(ValidValues.pick(random, OPENERS)).append(' ');
        }
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(' ');
            }
            int roll = random.nextInt(100);
            if (roll < 3) {
                sb.append(ValidValues.pick(random, PROPER_NOUNS));
            } else if (roll < 4) {
                sb.append("in ").append(1850 + random.nextInt(175)); // a year
            } else if (roll < 5) {
                sb.append(random.nextBoolean() ? String.valueOf(2 + random.nextInt(40))
                        : ValidValues.pick(random, SMALL_COUNTS));
            } else if (roll < 6) {
                sb.append(ValidValues.pick(random, LOAN_WORDS));
            } else if (roll < 8) {
                sb.append(ValidValues.pick(random, CONTRACTIONS));
            } else {
                sb.append(word(random));
            }
            if (w < words - 1) {
                int punct = random.nextInt(40);
                if (punct < 3) {
                    sb.append(',');
                } else if (punct == 3) {
                    sb.append(';');
                } else if (punct == 4 && w > 2) {
                    sb.append(':');
                } else if (punct == 5 && w + 3 < words) {
                    sb.append(" (").append(word(random)).append(' ').append(word(random)).append(')');
                }
            }
        }
        sb.setCharAt(start, Character.toUpperCase(sb.charAt(start)));
        int end = random.nextInt(20);
        sb.append(end == 0 ? '?' : end == 1 ? '!' : '.');
        if (quoted) {
            sb.append('\u201D');
        }
    }

    /** Skewed towards the front of the list, like word frequencies in real text. */
    private static String word(Random random) {
        double u = random.nextDouble();
        return WORD_LIST[(int) (u * u * u * WORD_LIST.length)];
    }
}
