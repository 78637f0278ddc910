package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.AudioFileException.Reason;

/** Audio.probe through ffprobe (skipped without it) and the parsing of ffprobe's JSON (always). */
class ProbeTest {
    private static final Path F = Path.of("f");

    @TempDir
    Path dir;

    @Test
    void flacJsonGivesExactFrames() {
        String json = """
                {"programs": [], "streams": [{"codec_name": "flac", "codec_type": "audio", "sample_rate": "16000",
                  "channels": 1, "time_base": "1/16000", "duration_ts": 16001, "duration": "1.000063"}],
                 "format": {"format_name": "flac", "duration": "1.000063"}}""";
        assertEquals(new AudioInfo(F, "flac", 16000, 1, 16001, 16001 / 16000.0), Ffprobe.parse(F, json));
    }

    @Test
    void lossyJsonGivesUnknownFramesAndTheContainerDuration() {
        String json = """
                {"streams": [{"codec_type": "video", "codec_name": "mjpeg"},
                             {"codec_name": "aac", "codec_type": "audio", "sample_rate": "44100", "channels": 2,
                              "time_base": "1/44100", "duration_ts": 44100, "duration": "1.000000"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "1.02"}}""";
        assertEquals(new AudioInfo(F, "mp4", 44100, 2, -1, 1.0), Ffprobe.parse(F, json));
        String noStreamDuration = """
                {"streams": [{"codec_name": "mp3", "codec_type": "audio", "sample_rate": "22050", "channels": 1}],
                 "format": {"format_name": "mp3", "duration": "2.037551"}}""";
        assertEquals(new AudioInfo(F, "mp3", 22050, 1, -1, 2.037551), Ffprobe.parse(F, noStreamDuration));
    }

    @Test
    void jsonWithoutAudioStream() {
        String json = """
                {"streams": [{"codec_type": "video"}, {"codec_type": "subtitle"}], "format": {"format_name": "matroska,webm"}}""";
        AudioFileException e = assertThrows(AudioFileException.class, () -> Ffprobe.parse(F, json));
        assertEquals(Reason.NO_AUDIO_STREAM, e.reason());
        assertTrue(e.getMessage().contains("no audio stream (format matroska, streams: video, subtitle)"), e.getMessage());
    }

    @Test
    void malformedFfprobeOutputIsAnIllegalArgument() {
        // ffprobe's JSON is read with Jackson; Ffprobe.read turns this into a CORRUPT AudioFileException with the output
        for (String bad : List.of("{\"streams\": }", "[1]", "{\"streams\": []} x", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ffprobe.parse(F, bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
        // numbers as JSON numbers or strings, unicode escapes
        String json = "{\"streams\": [{\"codec_type\": \"audio\", \"codec_name\": \"pcm_s16le\", \"sample_rate\": 8000,"
                + " \"channels\": \"1\", \"time_base\": \"1/8000\", \"duration_ts\": 12345678901}],"
                + " \"format\": {\"format_name\": \"w\\u00e4v\"}}";
        assertEquals(new AudioInfo(F, "w\u00e4v", 8000, 1, 12345678901L, 12345678901L / 8000.0), Ffprobe.parse(F, json));
    }

    @Test
    void probesRealFilesWithoutDecodingThem() {
        TestSupport.assumeFfmpeg();
        TestSupport.assumeFfprobe();
        Path wav = dir.resolve("t.wav");
        Audio.writeWav(wav, AudioClip.of(new float[2][12345], 22050));
        Path flac = dir.resolve("t.flac");
        TestSupport.ffmpeg("-i", wav.toString(), flac.toString());
        assertEquals(new AudioInfo(flac, "flac", 22050, 2, 12345, 12345 / 22050.0), Audio.probe(flac));
        Path mp3 = dir.resolve("t.mp3");
        TestSupport.ffmpeg("-i", wav.toString(), "-c:a", "libmp3lame", mp3.toString());
        AudioInfo info = Audio.probe(mp3);
        assertEquals("mp3", info.format());
        assertEquals(22050, info.sampleRate());
        assertEquals(2, info.channels());
        assertEquals(-1, info.frames());
        assertTrue(Math.abs(info.durationSeconds() - 12345 / 22050.0) < 0.2, info.toString());
    }
}
