package org.groundwork.annotate.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.groundwork.annotate.core.protocol.Protocol;
import org.groundwork.annotate.core.protocol.ProtocolReader;
import org.junit.jupiter.api.Test;

class ProgressAndTimeTest {
    private static final Provenance ME = Provenance.human("reader", Instant.EPOCH);

    @Test
    void aQuestionIsCompleteWithABoxOfItsRegionAStepAndEveryGrade() {
        Protocol knee = ProtocolReader.builtIn("knee-mri");
        Question q = new Question("q", 1, "femur-medial-central", "q20", "cartilage?", ME);
        assertEquals(2, Progress.severity(q, knee).size(), "q20 grades size and depth");
        CaseAnnotations a = CaseAnnotations.empty(1).apply(new Edit.PutQuestion(q));
        assertEquals(4, Progress.missing(a, q, knee).size(), Progress.missing(a, q, knee).toString());
        assertEquals(0.0, Progress.completeness(a, knee));
        a = a.apply(new Edit.PutBox(new Box("b", 1, "femur-medial-central", null, new int[3], new int[] {1, 1, 1}, ME)));
        a = a.apply(new Edit.PutStep(1, new ReasoningStep("s", "q", "look", null, ME), 0));
        a = a.apply(new Edit.SetGrade(1, new Grade("q", "Size of lesion", 1, ME)));
        assertEquals(List.of("the grade \"Depth of lesion\""), Progress.missing(a, q, knee));
        a = a.apply(new Edit.SetGrade(1, new Grade("q", "Depth of lesion", 7, ME)));
        assertEquals(List.of("a valid grade \"Depth of lesion\" (7 is not on its scale)"), Progress.missing(a, q, knee));
        a = a.apply(new Edit.SetGrade(1, new Grade("q", "Depth of lesion", 0, ME)));
        assertTrue(Progress.missing(a, q, knee).isEmpty());
        assertEquals(1.0, Progress.completeness(a, knee));
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(int seconds) {
            now = now.plusSeconds(seconds);
        }
    }

    @Test
    void activeTimeCountsOnlyFocusedTimeWithinTwoMinutesOfAnAction() {
        ManualClock clock = new ManualClock();
        ActiveTimeTracker tracker = new ActiveTimeTracker(clock, Duration.ofMinutes(2));
        tracker.acted();
        clock.advance(30);
        assertEquals(0, tracker.drainSeconds(), "not focused yet");
        tracker.focused(true);
        clock.advance(10);
        tracker.acted();
        clock.advance(50);
        assertEquals(60, tracker.drainSeconds());
        clock.advance(600); // a break: only the grace period after the last action counts
        assertEquals(70, tracker.drainSeconds());
        tracker.acted();
        clock.advance(20);
        tracker.focused(false);
        clock.advance(100);
        assertEquals(20, tracker.drainSeconds());
        tracker.focused(true);
        clock.advance(1);
        tracker.acted();
        clock.advance(1);
        assertEquals(1, tracker.drainSeconds(), "the 100 s spent in another window do not count");
    }

    @Test
    void nextCaseSkipsFinishedOnesAndWraps() {
        List<CaseRecord> cases = List.of(record(1, CaseStatus.DONE), record(2, CaseStatus.IN_PROGRESS),
                record(3, CaseStatus.DONE), record(4, CaseStatus.TODO));
        assertEquals(4, Worklists.nextUnfinished(cases, 2).orElseThrow().id());
        assertEquals(2, Worklists.nextUnfinished(cases, 4).orElseThrow().id());
        assertEquals(2, Worklists.nextUnfinished(cases, 1).orElseThrow().id());
        assertTrue(Worklists.nextUnfinished(List.of(record(1, CaseStatus.TODO)), 1).isEmpty());
    }

    private static CaseRecord record(long id, CaseStatus status) {
        return new CaseRecord(id, "case " + id, "p", "", "", status, null, 0);
    }
}
