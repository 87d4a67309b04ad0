package dev.piigate.jobs.gate;

import java.util.List;

public record Verdict(Decision decision, List<BlockReason> reasons) {
    public Verdict {
        reasons = List.copyOf(reasons);
        if ((decision == Decision.PASS) != reasons.isEmpty()) {
            throw new IllegalArgumentException("a BLOCK has reasons and a PASS has none");
        }
    }
}
