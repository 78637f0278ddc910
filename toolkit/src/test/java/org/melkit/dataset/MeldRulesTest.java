package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.batch.RefusedRunException;

/** The batch rules (issue 8) as {@code meld} keeps them. */
class MeldRulesTest {
    static final MeldParams P = MeldTest.P;

    @TempDir
    Path dir;

    Path csvRoot(String name) throws IOException {
        Path root = dir.resolve(name);
        MeldTest.csv(root, MeldSplit.TRAIN, MeldTest.row(1, 0, 0, "joy", "positive"));
        MeldTest.csv(root, MeldSplit.VAL, MeldTest.row(1, 0, 0, "anger", "negative"));
        MeldTest.csv(root, MeldSplit.TEST, MeldTest.row(1, 0, 0, "neutral", "neutral"));
        return root;
    }

    /** Scenarios 9 and 10, rules 1, 2 and 4: parameters, stale temporaries, nesting, another root, a second run. */
    @Test
    void refusalsAndStaleTemporaries() throws Exception {
        Path root = csvRoot("MELD.Raw");
        Path out = dir.resolve("out");
        Meld.of(P).run(root, out);
        DatasetFixtures.ageAll(out);
        Map<String, String> before = DatasetFixtures.snapshot(out);

        RefusedRunException e = assertThrows(RefusedRunException.class, () -> Meld.of(P.withNMels(20)).run(root, out));
        assertTrue(e.getMessage().contains("other parameters"), e.getMessage());
        e = assertThrows(RefusedRunException.class, () -> Meld.of(P).run(csvRoot("Other"), out));
        assertTrue(e.getMessage().contains("another input"), e.getMessage());
        e = assertThrows(RefusedRunException.class, () -> Meld.of(P).withOverwrite(true).run(root, root.resolve("out")));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            e = assertThrows(RefusedRunException.class, () -> Meld.of(P).run(root, out));
            assertTrue(e.getMessage().contains("pid " + live.pid()), e.getMessage());
            Files.delete(out.resolve(".melkit.lock"));
        } finally {
            live.destroy();
            live.waitFor();
        }
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");

        // a killed run's temporaries are removed by the next run; a complete split is not rebuilt
        Files.writeString(out.resolve(".X_audio_train.npy.tmp-99999-1"), "half a tensor");
        MeldResult r = Meld.of(P).run(root, out);
        assertTrue(r.split(MeldSplit.TRAIN).resumed());
        assertFalse(Files.exists(out.resolve(".X_audio_train.npy.tmp-99999-1")));
        assertEquals(before, DatasetFixtures.snapshot(out));
    }

    /** Rule 6: NaN samples make the row corrupt with "non-finite samples (N of M)". */
    @Test
    void nonFiniteSamplesAreACorruptRow() throws IOException {
        MediaFixtures.assumeFfmpeg();
        Path root = csvRoot("MELD.Raw");
        float[] y = TestWav.sine(440, 0.5, 16000, 0.5);
        y[7] = Float.NaN;
        TestWav.writeFloat(root.resolve("train_splits/dia0_utt0.mp4"), y, 16000);
        MeldResult r = Meld.of(P).run(root, dir.resolve("out"));
        assertEquals(1, r.split(MeldSplit.TRAIN).count(MeldStatus.CORRUPT));
        String failures = Files.readString(dir.resolve("out/failures.csv"));
        assertTrue(failures.contains("train:train_splits/dia0_utt0.mp4,corrupt: non-finite samples (1 of "), failures);
    }
}
