package org.melkit.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * 256-entry colour maps for spectrogram images: index 0 is the lowest level (quietest), 255 the
 * highest. {@link #MAGMA} is matplotlib's / librosa's {@code specshow} default perceptually
 * uniform map (CC0 data from BIDS/colormap, each channel rounded to {@code round(255 * v)}), a
 * monotone lightness ramp that also reads in greyscale print; {@link #GREY} is black to white.
 * Both are invertible: every entry is a distinct colour, so {@link #indexOf} recovers the level.
 */
public enum Colormap {
    GREY(grey()),
    MAGMA(load("magma.txt"));

    private final int[] rgb;
    private final Map<Integer, Integer> inverse = new HashMap<>();

    Colormap(int[] rgb) {
        this.rgb = rgb;
        for (int i = 0; i < rgb.length; i++) {
            if (inverse.put(rgb[i], i) != null) {
                throw new IllegalStateException("colour map " + name() + " repeats a colour at " + i);
            }
        }
    }

    /** The packed {@code 0xRRGGBB} colour of level {@code index} in [0, 255]. */
    public int rgb(int index) {
        return rgb[index];
    }

    /** The level whose colour is exactly {@code rgb} ({@code 0xRRGGBB}), or the nearest one in RGB distance. */
    public int indexOf(int rgb) {
        Integer i = inverse.get(rgb & 0xffffff);
        if (i != null) {
            return i;
        }
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int k = 0; k < this.rgb.length; k++) {
            long dr = ((rgb >> 16) & 0xff) - ((this.rgb[k] >> 16) & 0xff);
            long dg = ((rgb >> 8) & 0xff) - ((this.rgb[k] >> 8) & 0xff);
            long db = (rgb & 0xff) - (this.rgb[k] & 0xff);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /** All 256 colours, packed {@code 0xRRGGBB}. */
    public int[] lut() {
        return rgb.clone();
    }

    private static int[] grey() {
        int[] g = new int[256];
        for (int i = 0; i < 256; i++) {
            g[i] = (i << 16) | (i << 8) | i;
        }
        return g;
    }

    private static int[] load(String resource) {
        int[] out = new int[256];
        int n = 0;
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colour map resource " + resource + " is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                int c = 0;
                for (String v : f) {
                    c = (c << 8) | (int) Math.round(255 * Double.parseDouble(v));
                }
                out[n++] = c;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colour map " + resource, e);
        }
        if (n != 256) {
            throw new IllegalStateException("colour map " + resource + " has " + n + " entries, expected 256");
        }
        return out;
    }
}
