package org.melkit.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.MusicSummary;
import org.melkit.dsp.FloatMatrix;
import org.melkit.io.Json;
import org.melkit.io.Npy;

/**
 * The texts and bytes the batch runtime writes, as values other writers (melkit-spark on Hadoop
 * file systems) produce without java.nio files: the same bytes as the files, read back the same.
 */
class RecordTextsTest {
    @Test
    void npyBytesAreTheBytesOfTheWrittenFile(@TempDir Path tmp) throws Exception {
        FloatMatrix m = FloatMatrix.wrap(3, 5, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 6, 7, 8, 9, 10, 11, 12, 13, 14, -0f});
        Path f = tmp.resolve("m.npy");
        Npy.write(f, m);
        assertArrayEquals(Files.readAllBytes(f), Npy.bytes(m));
        assertArrayEquals(m.toArray(), Npy.read(f).data());
    }

    @Test
    void aJournalLineParsesBackToItsEntryAndATornLineToNothing() {
        Journal.Entry e = new Journal.Entry("dogs/a b,\"c\".wav", 1234, 1_700_000_000_123L, "ab".repeat(32), "0123456789abcdef",
                List.of("features/dogs/a b,\"c\".npy"), Json.MAPPER.valueToTree(new double[] {1.5, -2}));
        String line = Journal.line(e);
        assertFalse(line.contains("\n"));
        assertEquals(e, Journal.parse(line));
        assertNull(Journal.parse(line.substring(0, line.length() / 2)));
        assertNull(Journal.parse("{\"source\": \"x\"}"), "no hash: not a journal entry");
    }

    @Test
    void aManifestTextIsReadAsTheRunRecordedItAndComparedWithoutItsTime() throws Exception {
        Manifest m = new Manifest("extract").parameters(Map.of("sr", 22050)).inputFolder("hdfs://nn:8020/in").outputs(List.of("a", "b"));
        String first = m.json();
        Thread.sleep(2);
        String second = m.json();
        assertTrue(Manifest.sameBuild(first, second));
        assertFalse(Manifest.sameBuild(first, m.count("inputs", 3).json()));
        Manifest.Recorded r = Manifest.parse(first);
        assertEquals("hdfs://nn:8020/in", r.input());
        assertEquals(List.of("a", "b"), r.outputs());
        assertTrue(r.sameJob("extract", Map.of("sr", 22050L)));
        assertFalse(r.sameJob("extract", Map.of("sr", 16000)));
        assertNull(Manifest.parse("[1, 2]"));
        assertNull(Manifest.parse("{not json"));
    }

    @Test
    void extractsTargetsAndCollisionsAndSummarysInputsAreRulesOfTheirNames() {
        assertEquals("features/dogs/a/x.npy", ClassFolderExtractor.target("dogs/a/x.wav"));
        assertEquals("features/dogs/noext.npy", ClassFolderExtractor.target("dogs/noext"));
        Map<String, String> c = ClassFolderExtractor.collisions(List.of("dogs/x.flac", "dogs/x.wav", "dogs/y.wav"));
        assertEquals(Map.of("dogs/x.flac", "maps to the same output features/dogs/x.npy as dogs/x.wav; rename one of them",
                "dogs/x.wav", "maps to the same output features/dogs/x.npy as dogs/x.flac; rename one of them"), c);
        assertTrue(MusicSummary.isInput("rock/a.mp3"));
        assertFalse(MusicSummary.isInput("a.mp3"), "a file directly in the input folder");
        assertFalse(MusicSummary.isInput("rock/live/a.mp3"), "not recursive");
        assertFalse(MusicSummary.isInput("rock/notes.txt"));
    }
}
