package org.groundwork.annotate.core.project;

import java.time.Instant;

/**
 * Who may edit a case now. In a shared project one workstation at a time holds a case; the lease
 * is renewed while that workstation runs and expires when it dies. {@code mine} false means the
 * case is held elsewhere: open it read-only and show who has it.
 */
public record CaseLease(long caseId, String holder, String workstation, Instant expiresAt, boolean mine) {
}
