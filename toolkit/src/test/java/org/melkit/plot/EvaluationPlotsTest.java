package org.melkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.melkit.ml.Evaluation;
import org.melkit.ml.Roc;
import org.melkit.ml.RocCurve;

class EvaluationPlotsTest {
    @Test
    void confusionMatrixCellsAreDarkerWhereCountsAreHigher() {
        Evaluation e = Evaluation.of(List.of("a", "a", "a", "a", "b", "b"), List.of("a", "a", "a", "b", "b", "b"));
        BufferedImage img = EvaluationPlots.confusionMatrix(e, false);
        assertTrue(img.getWidth() >= 200 && img.getHeight() >= 150);
        // find the grid: the darkest pixel is in the (a, a) or (b, b) cell; the lightest cell is (b, a) with count 0
        int darkest = Integer.MAX_VALUE;
        int empty = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int b = c & 0xff;
                int r = (c >> 16) & 0xff;
                if (b > r + 30) { // a blue-ish cell pixel
                    darkest = Math.min(darkest, r);
                }
                empty += (c & 0xffffff) == 0xF7FBFF ? 1 : 0;
            }
        }
        assertTrue(darkest < 60, "a full-recall row is dark blue: " + darkest);
        assertTrue(empty > 1000, "the empty (b, a) cell is drawn in the lightest colour: " + empty + " pixels");
    }

    @Test
    void rocChartDrawsEachCurveInItsColour() {
        List<RocCurve> curves = Roc.oneVsRest(List.of("x", "y", "z", "x", "y", "z"),
                new double[][] {{0.9, 0.1, 0}, {0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}, {0.5, 0.2, 0.3}, {0.3, 0.3, 0.4}, {0.1, 0.1, 0.8}},
                List.of("x", "y", "z"));
        BufferedImage img = EvaluationPlots.rocCurves(curves, "ROC");
        assertEquals(560, img.getWidth());
        int blue = 0;
        int orange = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y) & 0xffffff;
                blue += c == 0x1F77B4 ? 1 : 0;
                orange += c == 0xFF7F0E ? 1 : 0;
            }
        }
        assertTrue(blue > 100 && orange > 100, "blue " + blue + ", orange " + orange);
    }
}
