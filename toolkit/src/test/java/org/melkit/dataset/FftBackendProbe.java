package org.melkit.dataset;

import org.melkit.dsp.RealFft;

/** Prints which library computes a 2048-point FFT in this JVM ({@link ShadedJarIT} runs it on the shaded jar). */
public final class FftBackendProbe {
    private FftBackendProbe() {}

    public static void main(String[] args) {
        System.out.println(RealFft.of(2048).backend());
    }
}
