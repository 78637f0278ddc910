package org.melkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Golden-image comparison with a pixel tolerance (never byte-exact). Goldens live in
 * src/test/resources/fixtures/plot; run the tests with {@code -Dmelkit.updateGolden=true} to
 * rewrite them (then look at them and commit).
 */
final class Golden {
    private Golden() {}

    static final Path DIR = Path.of("src/test/resources/fixtures/plot");

    /**
     * Asserts that {@code actual} matches the golden {@code name}: same size, at most
     * {@code maxFraction} of the pixels differ by more than {@code tolerance} in any channel.
     */
    static void assertMatches(String name, BufferedImage actual, int tolerance, double maxFraction) {
        Path p = DIR.resolve(name);
        if (Boolean.getBoolean("melkit.updateGolden") || !Files.exists(p)) {
            SpectrogramImage.writePng(p, actual);
            if (!Boolean.getBoolean("melkit.updateGolden")) {
                fail("golden " + p + " was missing and has been written; look at it, commit it, and re-run");
            }
            return;
        }
        BufferedImage golden = SpectrogramImage.readImage(p);
        assertEquals(golden.getWidth(), actual.getWidth(), name + " width");
        assertEquals(golden.getHeight(), actual.getHeight(), name + " height");
        long bad = 0;
        int worst = 0;
        for (int y = 0; y < golden.getHeight(); y++) {
            for (int x = 0; x < golden.getWidth(); x++) {
                int a = golden.getRGB(x, y);
                int b = actual.getRGB(x, y);
                int d = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    d = Math.max(d, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
                }
                worst = Math.max(worst, d);
                if (d > tolerance) {
                    bad++;
                }
            }
        }
        double fraction = (double) bad / ((long) golden.getWidth() * golden.getHeight());
        assertTrue(fraction <= maxFraction, String.format(Locale.ROOT,
                "%s: %.3f%% of pixels differ by more than %d (largest difference %d); allowed %.3f%%",
                name, 100 * fraction, tolerance, worst, 100 * maxFraction));
    }

    /**
     * {@link #assertMatches} on {@code actual} averaged over 2x2 pixel blocks, so the committed
     * golden is a quarter of the pixels (charts with wide colour fields compress poorly).
     */
    static void assertMatchesHalf(String name, BufferedImage actual, int tolerance, double maxFraction) {
        int w = actual.getWidth() / 2;
        int h = actual.getHeight() / 2;
        BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int c = actual.getRGB(2 * x + dx, 2 * y + dy);
                        r += (c >> 16) & 0xff;
                        g += (c >> 8) & 0xff;
                        b += c & 0xff;
                    }
                }
                half.setRGB(x, y, ((r + 2) / 4) << 16 | ((g + 2) / 4) << 8 | ((b + 2) / 4));
            }
        }
        assertMatches(name, half, tolerance, maxFraction);
    }
}
