package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static float[] ramp(int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i + 1) / (float) n;
        }
        return y;
    }

    /** [start, end, length] of every span. */
    private static int[][] spans(ChunkParams p, int n, int sr) {
        return Chunker.of(p).spans(n, sr).stream().map(s -> new int[] {s.start(), s.end(), s.length()}).toArray(int[][]::new);
    }

    @Test
    void backToBackWithEachLastMode() {
        // 1 s chunks at 10 Hz over 25 samples: two full chunks and a 5-sample remainder
        ChunkParams p = ChunkParams.of(1.0);
        assertArrayEquals(new int[][] {{0, 10, 10}, {10, 20, 10}, {20, 25, 10}}, spans(p, 25, 10));
        assertArrayEquals(new int[][] {{0, 10, 10}, {10, 20, 10}}, spans(p.withLast(LastChunk.DROP), 25, 10));
        assertArrayEquals(new int[][] {{0, 10, 10}, {10, 20, 10}, {20, 25, 5}}, spans(p.withLast(LastChunk.KEEP), 25, 10));
        // exact multiple: no remainder in any mode
        for (LastChunk m : LastChunk.values()) {
            assertEquals(3, spans(p.withLast(m), 30, 10).length, m.name());
        }
    }

    @Test
    void shorterThanOneChunk() {
        ChunkParams p = ChunkParams.of(1.0);
        assertArrayEquals(new int[][] {{0, 7, 10}}, spans(p, 7, 10));
        assertEquals(0, spans(p.withLast(LastChunk.DROP), 7, 10).length);
        assertArrayEquals(new int[][] {{0, 7, 7}}, spans(p.withLast(LastChunk.KEEP), 7, 10));
        assertEquals(0, spans(p, 0, 10).length, "an empty signal has no chunks");
    }

    @Test
    void overlap() {
        // 10-sample chunks, 4 overlapping => hop 6: starts 0, 6, 12, 18 (ends 28 > 25: the last is partial)
        ChunkParams p = new ChunkParams(1.0, 0.4, LastChunk.PAD);
        assertArrayEquals(new int[][] {{0, 10, 10}, {6, 16, 10}, {12, 22, 10}, {18, 25, 10}}, spans(p, 25, 10));
        assertArrayEquals(new int[][] {{0, 10, 10}, {6, 16, 10}, {12, 22, 10}, {18, 25, 7}}, spans(p.withLast(LastChunk.KEEP), 25, 10));
        // 22 samples: the full chunk [12, 22) reaches the end, so nothing is left for a last chunk
        assertArrayEquals(new int[][] {{0, 10, 10}, {6, 16, 10}, {12, 22, 10}}, spans(p, 22, 10));
        // 20 samples: [12, 20) is not covered by [6, 16) alone
        assertArrayEquals(new int[][] {{0, 10, 10}, {6, 16, 10}, {12, 20, 10}}, spans(p, 20, 10));
    }

    @Test
    void chunkSamplesArePaddedWithZeros() {
        float[] y = ramp(25);
        List<Chunker.Chunk> cs = Chunker.of(ChunkParams.of(1.0)).chunks(y, 10);
        assertEquals(3, cs.size());
        float[] last = cs.get(2).samples();
        assertEquals(10, last.length);
        for (int i = 0; i < 5; i++) {
            assertEquals(y[20 + i], last[i]);
        }
        for (int i = 5; i < 10; i++) {
            assertEquals(0f, last[i]);
        }
        assertEquals(5, cs.get(2).span().padding());
        assertEquals(2.0, cs.get(2).span().startSeconds(10), 1e-12);
        assertEquals(2.5, cs.get(2).span().endSeconds(10), 1e-12);
        assertArrayEquals(java.util.Arrays.copyOfRange(y, 10, 20), cs.get(1).samples());
    }

    @Test
    void realisticRates() {
        // 5 s at 16 kHz over 12.3 s: 80000-sample chunks, two full, one padded
        ChunkParams p = ChunkParams.of(5.0);
        List<Chunker.Span> s = Chunker.of(p).spans(196800, 16000);
        assertEquals(3, s.size());
        assertEquals(80000, s.get(2).length());
        assertEquals(160000, s.get(2).start());
        assertEquals(196800, s.get(2).end());
        assertEquals(2, s.get(2).index());
    }

    @Test
    void badParameters() {
        assertThrows(IllegalArgumentException.class, () -> ChunkParams.of(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChunkParams(1.0, 1.0, LastChunk.PAD));
        assertTrue(e.getMessage().contains("overlapSeconds=1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LastChunk.parse("trim"));
        assertEquals(LastChunk.DROP, LastChunk.parse("Drop"));
    }

    /** The cutter of a signal arriving block by block emits exactly the chunks of the whole signal, for any block size. */
    @Test
    void cutterGivesTheChunksOfTheWholeSignal() {
        java.util.Random rnd = new java.util.Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = rnd.nextInt(200);
            double seconds = 1 + rnd.nextInt(30);
            double overlap = rnd.nextInt((int) seconds);
            LastChunk last = LastChunk.values()[rnd.nextInt(3)];
            Chunker c = Chunker.of(new ChunkParams(seconds, overlap, last));
            float[] y = ramp(n);
            List<Chunker.Chunk> expected = c.chunks(y, 1);
            List<Chunker.Chunk> got = new java.util.ArrayList<>();
            Chunker.Cutter cutter = c.cutter(1);
            for (int pos = 0; pos < n; ) {
                int k = Math.min(n - pos, 1 + rnd.nextInt(40));
                cutter.push(y, pos, k, got::add);
                pos += k;
            }
            assertEquals(n, cutter.finish(got::add));
            String what = "n=" + n + " " + c;
            assertEquals(expected.size(), got.size(), what);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).span(), got.get(i).span(), what);
                assertArrayEquals(expected.get(i).samples(), got.get(i).samples(), what);
            }
        }
    }
}
