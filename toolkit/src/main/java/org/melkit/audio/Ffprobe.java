package org.melkit.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.melkit.audio.AudioFileException.Reason;

/**
 * {@link Audio#probe} for everything that is not a PCM/float WAV: one run of
 * {@code ffprobe -v error -show_entries stream=...:format=... -of json file:PATH}, which reads
 * headers only. The first audio stream is described (the one {@link FfmpegDecoder} decodes).
 * Frames are exact only where the container counts samples (FLAC, WavPack, PCM in any
 * container); otherwise they are -1 and the duration is the container's estimate.
 */
final class Ffprobe {
    /** Codecs whose stream duration, in a 1/sr time base, is an exact sample count. */
    private static final Set<String> SAMPLE_EXACT = Set.of("flac", "wavpack", "tta");

    private final Path binary;

    Ffprobe(Path binary) {
        this.binary = binary;
    }

    static Ffprobe locate(Path forFile) {
        return new Ffprobe(ExternalTool.FFPROBE.locate(forFile));
    }

    List<String> command(Path file) {
        return List.of(binary.toString(), "-v", "error",
                "-show_entries", "stream=codec_type,codec_name,sample_rate,channels,duration,duration_ts,time_base"
                        + ":format=format_name,duration",
                "-of", "json", "file:" + file.toAbsolutePath());
    }

    AudioInfo probe(Path file) {
        List<String> cmd = command(file);
        Process p = ExternalTool.start(cmd, file);
        ExternalTool.StderrTail err = new ExternalTool.StderrTail(p.getErrorStream(), "melkit-ffprobe-stderr");
        String json;
        try (InputStream out = p.getInputStream()) {
            json = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            p.destroyForcibly();
            ExternalTool.waitFor(p, cmd);
            throw new AudioFileException(file, Reason.CORRUPT, "reading ffprobe's output failed: " + e.getMessage()
                    + "; command: " + cmd, e);
        }
        int code = ExternalTool.waitFor(p, cmd);
        err.await(cmd);
        if (code != 0) {
            Reason reason = ExternalTool.classify(err.lines());
            throw new AudioFileException(file, reason, ExternalTool.summary(reason) + "ffprobe failed with exit code "
                    + code + "; command: " + cmd + "; ffprobe stderr: " + err.text());
        }
        try {
            return parse(file, json);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new AudioFileException(file, Reason.CORRUPT, "cannot understand ffprobe's output (" + e.getMessage()
                    + "); command: " + cmd + "; output: " + json.strip(), e);
        }
    }

    /** Builds the info from ffprobe's JSON. */
    @SuppressWarnings("unchecked")
    static AudioInfo parse(Path file, String json) {
        Map<String, Object> root;
        try {
            root = org.melkit.io.Json.MAPPER.readerFor(Map.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(json);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + " at " + e.getLocation().offsetDescription(), e);
        }
        if (root == null) {
            throw new IllegalArgumentException("empty output");
        }
        List<Object> streams = (List<Object>) root.getOrDefault("streams", List.of());
        Map<String, Object> format = (Map<String, Object>) root.getOrDefault("format", Map.of());
        String formatName = normaliseFormat(string(format.get("format_name")));
        Map<String, Object> audio = null;
        StringBuilder kinds = new StringBuilder();
        for (Object o : streams) {
            Map<String, Object> s = (Map<String, Object>) o;
            String type = string(s.get("codec_type"));
            if ("audio".equals(type)) {
                audio = s;
                break;
            }
            kinds.append(kinds.length() == 0 ? "" : ", ").append(type);
        }
        if (audio == null) {
            throw new AudioFileException(file, Reason.NO_AUDIO_STREAM, "no audio stream (format " + formatName
                    + (kinds.length() == 0 ? ", no streams" : ", streams: " + kinds) + ")");
        }
        long rate = integer(audio.get("sample_rate"));
        long channels = integer(audio.get("channels"));
        if (rate <= 0 || rate > Integer.MAX_VALUE || channels <= 0 || channels > Integer.MAX_VALUE) {
            throw new AudioFileException(file, Reason.CORRUPT, "ffprobe reports sample_rate=" + audio.get("sample_rate")
                    + ", channels=" + audio.get("channels") + " for the first audio stream");
        }
        String codec = string(audio.get("codec_name"));
        long frames = -1;
        long ts = integer(audio.get("duration_ts"));
        if (ts >= 0 && ("1/" + rate).equals(string(audio.get("time_base")))
                && codec != null && (codec.startsWith("pcm_") || SAMPLE_EXACT.contains(codec))) {
            frames = ts;
        }
        double duration = decimal(audio.get("duration"));
        if (Double.isNaN(duration)) {
            duration = decimal(format.get("duration"));
        }
        if (frames >= 0) {
            duration = (double) frames / rate;
        }
        return new AudioInfo(file, formatName, (int) rate, (int) channels, frames, duration);
    }

    private static String normaliseFormat(String name) {
        if (name == null || name.isBlank()) {
            return "unknown";
        }
        List<String> names = List.of(name.split(","));
        return names.contains("mp4") ? "mp4" : names.get(0);
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static long integer(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static double decimal(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
