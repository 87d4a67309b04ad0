package dev.piigate.detectors.phone;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Number ranges reserved for fiction and documentation. libphonenumber calls some of them VALID
 * (it knows the area codes, not the reservations), so a finding in them is a test value, not a leak.
 */
final class FictionalNumbers {
    private FictionalNumbers() {}

    /**
     * United Kingdom, Ofcom "TV and radio drama" numbers, as national numbers without the trunk 0:
     * first number of each block of 1,000 (block size 1,000 for all listed ranges). 07700 900xxx
     * is in the list too but libphonenumber already calls it invalid.
     */
    private static final long[] GB_DRAMA_BLOCKS = {
        113_496_0000L, // Leeds 0113 496 0xxx
        114_496_0000L, // Sheffield
        115_496_0000L, // Nottingham
        116_496_0000L, // Leicester
        117_496_0000L, // Bristol
        118_496_0000L, // Reading
        121_496_0000L, // Birmingham
        131_496_0000L, // Edinburgh
        141_496_0000L, // Glasgow
        151_496_0000L, // Liverpool
        161_496_0000L, // Manchester
        191_498_0000L, // Tyneside
        20_7946_0000L, // London 020 7946 0xxx
        28_9649_6000L, // Northern Ireland 028 9649 6xxx
        29_2018_0000L, // Cardiff 029 2018 0xxx
        7700_900000L, // mobile 07700 900xxx
    };

    static boolean isFictional(PhoneNumber number) {
        long national = number.getNationalNumber();
        switch (number.getCountryCode()) {
            case 1:
                // NANPA: NXX-555-0100 through NXX-555-0199 are reserved for fictional use in every area.
                long line = national % 10_000_000L;
                return national >= 1_000_000_000L && line >= 555_0100L && line <= 555_0199L;
            case 44:
                for (long block : GB_DRAMA_BLOCKS) {
                    if (national >= block && national < block + 1000) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
