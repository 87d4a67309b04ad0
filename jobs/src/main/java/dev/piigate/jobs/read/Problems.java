package dev.piigate.jobs.read;

/**
 * Collects the problems met while reading one object. The object ends with the first problem's
 * reason and detail (a line or row number, a limit, an exception class; never content) plus a
 * count of the others, so one bad line does not hide that there were forty.
 */
final class Problems {
    private StatusReason firstReason;
    private String firstDetail;
    private long others;

    void add(StatusReason reason, String detail) {
        if (firstReason == null) {
            firstReason = reason;
            firstDetail = detail;
        } else {
            others++;
        }
    }

    /** PARTIAL with the first problem, or COMPLETE when there was none. */
    ReadResult result() {
        if (firstReason == null) {
            return ReadResult.COMPLETE;
        }
        return ReadResult.partial(firstReason, others == 0 ? firstDetail : firstDetail + " (+" + others + " more)");
    }
}
