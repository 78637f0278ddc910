package org.melkit.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MelBenchmarkTest {
    @Test
    void clipsArePureFunctionsOfTheirIndexWithTheDocumentedFormula() {
        float[] a = MelBenchmark.clip(7, 16000, 4800);
        assertArrayEquals(a, MelBenchmark.clip(7, 16000, 4800));
        // sample 3 of clip 7: f = 100 + 350 Hz; k = 7 * 4800 + 3
        long k = 7L * 4800 + 3;
        double u = ((k * 2654435761L + 12345L) % 4294967296L) / 4294967296.0;
        float expected = (float) (0.3 * Math.sin(2 * Math.PI * 450 * 3 / 16000.0) + 0.05 * (2 * u - 1));
        assertEquals(expected, a[3]);
        for (float x : a) {
            assertTrue(Math.abs(x) <= 0.35f, "amplitude bounded by 0.3 + 0.05");
        }
        // a different clip has a different tone
        assertTrue(!java.util.Arrays.equals(a, MelBenchmark.clip(8, 16000, 4800)));
    }

    @Test
    void measuresEveryThreadCountEveryRoundAfterWarmUp() {
        MelBenchmark.Workload w = MelBenchmark.Workload.DEFAULT.withClips(8).withSeconds(0.5);
        MelBenchmark.Result r = MelBenchmark.of(w).withThreads(List.of(2, 1)).withRounds(3).run();
        assertEquals(List.of(2, 1), List.copyOf(r.clipsPerSecond().keySet()));
        for (List<Double> v : r.clipsPerSecond().values()) {
            assertEquals(3, v.size());
            v.forEach(x -> assertTrue(x > 0 && Double.isFinite(x)));
        }
        assertTrue(r.warmPasses() >= MelBenchmark.MIN_WARM_PASSES && r.warmPasses() <= MelBenchmark.MAX_WARM_PASSES);
        List<Double> one = r.clipsPerSecond().get(1);
        assertEquals(MelBenchmark.median(one), r.median(1));
        assertTrue(r.toString().contains("threads=1"), r.toString());
        assertThrows(IllegalArgumentException.class, () -> r.median(4));
    }

    @Test
    void theMeasuredOperationIsPowerToDbOfTheMelSpectrogram() {
        MelBenchmark b = MelBenchmark.of(MelBenchmark.Workload.DEFAULT);
        float[] y = MelBenchmark.clip(0, 16000, 16000);
        var db = MelBenchmark.computeDb(b.extractor(), y);
        assertEquals(128, db.rows());
        assertEquals(1 + 16000 / 375, db.cols());
        assertEquals(0f, db.max(), 0f, "ref=max puts the peak at 0 dB");
        assertTrue(db.min() >= -80f, "top_db=80 floors at max - 80");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, MelBenchmark.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, MelBenchmark.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        MelBenchmark b = MelBenchmark.of(MelBenchmark.Workload.DEFAULT);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.withThreads(List.of(0))).getMessage().contains("threads"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.withThreads(List.of(1, 1))).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.withRounds(0)).getMessage().contains("rounds=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MelBenchmark.Workload.DEFAULT.withClips(0)).getMessage()
                .contains("clips=0"));
    }
}
