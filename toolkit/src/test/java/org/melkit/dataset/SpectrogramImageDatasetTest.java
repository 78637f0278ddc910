package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.plot.Colormap;
import org.melkit.plot.SpectrogramImage;

class SpectrogramImageDatasetTest {
    @TempDir
    Path tmp;

    static void wav(Path p, float[] y, int sr) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * y.length).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sr).putInt(2 * sr).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(2 * y.length);
        for (float v : y) {
            b.putShort((short) Math.round(v * 32767));
        }
        Files.createDirectories(p.getParent());
        Files.write(p, b.array());
    }

    /** A rising two-harmonic chirp (as in the plot package's image tests). */
    static float[] chirp(int sr, double seconds) {
        float[] y = new float[(int) (sr * seconds)];
        double ph = 0;
        for (int i = 0; i < y.length; i++) {
            double f = 200 * Math.pow(2, 3.0 * i / y.length);
            ph += 2 * Math.PI * f / sr;
            y[i] = (float) (0.4 * Math.sin(ph) + 0.1 * Math.sin(2 * ph));
        }
        return y;
    }

    @Test
    void oneFolderPerClassFixedSizeAndResume() throws IOException {
        Path in = tmp.resolve("in");
        wav(in.resolve("up/a.wav"), chirp(22050, 1.0), 22050);
        wav(in.resolve("down/a.wav"), chirp(22050, 0.5), 22050);
        Files.writeString(in.resolve("down/bad.wav"), "RIFFnope");
        Path out = tmp.resolve("img");
        SpectrogramImageDataset o = SpectrogramImageDataset.of(ImagesParams.DEFAULT.withSeconds(1.0)
                .withImage(SpectrogramImage.Options.DEFAULT.withColormap(Colormap.MAGMA)));
        ImagesResult r = o.run(in, out);
        assertFalse(r.ok());
        assertEquals(List.of("down/bad.wav"), List.copyOf(r.failureMap().keySet()));
        assertEquals(List.of("down/a.png", "up/a.png"), r.table().stringColumn("output").asList());
        assertEquals(List.of("down", "up"), r.table().stringColumn("label").asList());
        BufferedImage img = SpectrogramImage.readImage(out.resolve("up/a.png"));
        assertEquals(128, img.getWidth());
        assertEquals(128, img.getHeight());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"floor_db\": -80.0"));
        // the half-second clip is padded to 1 s: its right half is silence, the floor colour
        BufferedImage half = SpectrogramImage.readImage(out.resolve("down/a.png"));
        assertEquals(Colormap.MAGMA.rgb(0), half.getRGB(120, 64) & 0xffffff);
        ImagesResult again = o.run(in, out);
        assertEquals(2, again.resumed());
        assertEquals(Files.readString(out.resolve("images.csv")), String.join("\n",
                "source,output,label", "down/a.wav,down/a.png,down", "up/a.wav,up/a.png,up", ""));
    }
}
