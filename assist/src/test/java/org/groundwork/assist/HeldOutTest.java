package org.groundwork.assist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.groundwork.viewer.core.Volume;
import org.junit.jupiter.api.Test;

/** The held-out split: by patient, about the share asked for, and fixed for each patient as a project grows. */
class HeldOutTest {
    private record Patient(String patientKey) implements TrainingCase {
        @Override
        public Volume volume() {
            throw new UnsupportedOperationException("the split does not read volumes");
        }

        @Override
        public List<RegionBox> boxes() {
            return List.of();
        }
    }

    private static List<TrainingCase> patients(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> (TrainingCase) new Patient(
                String.format(Locale.ROOT, "P%04d", n))).toList();
    }

    private static Set<String> held(HeldOut.Split split) {
        return split.heldOut().stream().map(TrainingCase::patientKey).collect(Collectors.toSet());
    }

    @Test
    void aPatientStaysOnItsSideAsTheProjectGrows() throws Exception {
        HeldOut.Split early = HeldOut.split(patients(100), 0.2);
        HeldOut.Split later = HeldOut.split(patients(1_000), 0.2);
        Set<String> heldLater = held(later);
        assertTrue(heldLater.containsAll(held(early)), "held out before, held out now");
        assertTrue(early.training().stream().noneMatch(c -> heldLater.contains(c.patientKey())),
                "no patient learnt from before is held out now");
        int share = heldLater.size();
        assertTrue(share > 170 && share < 230, share + " of 1,000 held out");
        assertEquals(1_000, later.training().size() + later.heldOut().size());
    }

    @Test
    void aSmallProjectStillHoldsOneOutAndLearnsFromOne() throws Exception {
        for (int count = 2; count <= 6; count++) {
            HeldOut.Split split = HeldOut.split(patients(count), 0.2);
            assertTrue(!split.heldOut().isEmpty() && !split.training().isEmpty(), count + " patients");
        }
        assertEquals(1, HeldOut.split(patients(2), 0.99).training().size(), "one is kept to learn from");
        AssistException one = assertThrows(AssistException.class, () -> HeldOut.split(patients(1), 0.2));
        assertTrue(one.getMessage().contains("at least two patients"), one.getMessage());
    }
}
