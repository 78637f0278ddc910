package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.AudioFileException.Reason;

class FfmpegBatchDecoderTest {
    @TempDir
    Path dir;

    @Test
    void batchEqualsTheLoaderPerFileAndBadFilesFailAlone() throws Exception {
        TestSupport.assumeFfmpeg();
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("b b.m4a");
        Path stereo = dir.resolve("stereo.mp4");
        Path video = dir.resolve("video.mp4");
        Path junk = dir.resolve("junk.mp4");
        Path missing = dir.resolve("missing.mp4");
        TestSupport.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000:duration=1.3", "-c:a", "aac", "file:" + a);
        TestSupport.ffmpeg("-f", "lavfi", "-i", "sine=frequency=900:sample_rate=16000:duration=0.3", "-c:a", "aac", "file:" + b);
        // stereo at 44.1 kHz: down-mixed and resampled to 16 kHz by the loader's code
        TestSupport.ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100:duration=0.8", "-ac", "2", "-c:a", "aac", "file:" + stereo);
        TestSupport.ffmpeg("-f", "lavfi", "-i", "color=c=black:s=16x16:d=0.5:r=10", "-c:v", "mpeg4", "-an", "file:" + video);
        Files.write(junk, new byte[] {0, 0, 0, 7, 'j', 'u', 'n', 'k', 1, 2, 3});
        LoadOptions opts = LoadOptions.atRate(16000).withDuration(1.0);
        List<Path> files = List.of(a, junk, b, video, stereo, missing);
        List<FfmpegBatchDecoder.Loaded> got = FfmpegBatchDecoder.of(32).load(files, opts);
        assertEquals(files.size(), got.size());
        for (int i = 0; i < files.size(); i++) {
            assertEquals(files.get(i), got.get(i).file(), "results are in input order");
        }
        for (int i : new int[] {0, 2, 4}) {
            AudioClip alone = Audio.load(files.get(i), opts);
            assertTrue(got.get(i).isOk(), String.valueOf(got.get(i).error()));
            assertNull(got.get(i).error());
            assertArrayEquals(alone.samples(), got.get(i).clip().samples(), "batch decode equals Audio.load of " + files.get(i));
            assertEquals(alone.sampleRate(), got.get(i).clip().sampleRate());
        }
        assertEquals(16000, got.get(0).clip().length(), "the first duration seconds, exactly");
        assertEquals(16000, got.get(4).clip().sampleRate());
        assertTrue(got.get(2).clip().length() < 16000, "a shorter clip keeps its own length");
        assertFalse(got.get(1).isOk());
        assertFalse(got.get(1).noAudioStream());
        assertTrue(got.get(1).error().getMessage().contains("junk.mp4"), got.get(1).error().getMessage());
        assertTrue(got.get(3).noAudioStream(), got.get(3).error().getMessage());
        assertEquals(Reason.NO_AUDIO_STREAM, got.get(3).error().reason());
        assertEquals(Reason.NOT_FOUND, got.get(5).error().reason());
        assertFalse(got.get(5).noAudioStream());
        // one file per process gives the same outcomes
        List<FfmpegBatchDecoder.Loaded> single = FfmpegBatchDecoder.of(1).load(files, opts);
        for (int i = 0; i < files.size(); i++) {
            assertEquals(got.get(i).isOk(), single.get(i).isOk());
            if (got.get(i).isOk()) {
                assertEquals(got.get(i).clip(), single.get(i).clip());
            } else {
                assertEquals(got.get(i).error().reason(), single.get(i).error().reason());
                assertEquals(got.get(i).error().getMessage(), single.get(i).error().getMessage(), "error text does not depend on the batch");
            }
        }
    }

    @Test
    void planBalancesBatchesAcrossWorkersWithoutTinyBatches() {
        FfmpegBatchDecoder d = FfmpegBatchDecoder.of(64);
        assertEquals(List.of(13, 13, 12, 12), d.plan(50, 2), "one split of 50 keeps both workers busy");
        assertEquals(List.of(50, 50, 50, 50), d.plan(200, 2));
        assertEquals(List.of(8, 7), d.plan(15, 2), "few files: one batch per started 8 files");
        assertEquals(List.of(7), d.plan(7, 2), "fewer than 8 files: one process");
        assertEquals(List.of(), d.plan(0, 2));
        List<Integer> big = d.plan(1000, 2);
        assertEquals(16, big.size(), "as few batches as 64 per process allows");
        assertEquals(1000, big.stream().mapToInt(Integer::intValue).sum());
        assertTrue(big.stream().allMatch(s -> s == 62 || s == 63));
        assertEquals(List.of(1, 1, 1), FfmpegBatchDecoder.of(1).plan(3, 2), "batch size 1 stays one process per file");
        assertThrows(IllegalArgumentException.class, () -> d.plan(5, 0));
    }

    @Test
    void commandMapsEachInputToItsOwnOutput() {
        List<String> cmd = FfmpegBatchDecoder.command("ffmpeg", List.of(Path.of("/x/a.mp4"), Path.of("/x/-b.mp4")),
                LoadOptions.atRate(16000).withDuration(3.0), Path.of("/tmp/t"));
        String s = String.join(" ", cmd);
        assertTrue(s.contains("-i file:/x/a.mp4 -i file:/x/-b.mp4"), s);
        assertTrue(s.contains("-map 0:a:0 -t 3.500000 -c:a pcm_f32le -f wav file:/tmp/t/0.wav"), s);
        assertTrue(s.contains("-map 1:a:0 -t 3.500000 -c:a pcm_f32le -f wav file:/tmp/t/1.wav"), s);
        assertTrue(cmd.contains("-nostdin"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegBatchDecoder.of(0));
    }
}
