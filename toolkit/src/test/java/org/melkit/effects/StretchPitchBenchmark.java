package org.melkit.effects;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.PitchShifter;
import be.tarsos.dsp.WaveformSimilarityBasedOverlapAdd;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.melkit.audio.Resampler;
import org.melkit.dsp.RealFft;

/**
 * Not a unit test: {@code java ... org.melkit.effects.StretchPitchBenchmark} prints melkit's
 * time stretch / pitch shift side by side with TarsosDSP's WSOLA and PitchShifter on tones and
 * a tone burst: frequency error, length error, tone purity (energy within +-3% of the expected
 * frequency over the rest, dB), burst onset error and time per 2 s clip.
 */
public final class StretchPitchBenchmark {
    private StretchPitchBenchmark() {}

    static final int SR = 22050;

    public static void main(String[] args) {
        System.out.println("method                          | f0   | freq err % | len err % | purity dB | onset err ms | ms/clip");
        for (double f0 : new double[] {220, 440, 1000}) {
            float[] y = Signals.tone(f0, SR, 2.0, 0.5);
            float[] b = Signals.burst(f0, SR, 2.0, 0.5, 1.5);
            double rate = 1.25;
            row("melkit WSOLA stretch 1.25", f0, f0, y.length / rate, t -> TimeStretch.stretch(t, SR, rate), y, b, 0.5 / rate);
            for (String kind : new String[] {"speech", "music", "auto"}) {
                row("TarsosDSP WSOLA(" + kind + ") 1.25", f0, f0, y.length / rate, t -> tarsosWsola(t, rate, kind), y, b, 0.5 / rate);
            }
            double r = Math.pow(2, 2 / 12.0);
            row("melkit WSOLA+resample +2 st", f0, f0 * r, y.length, t -> PitchShift.shift(t, SR, 2), y, b, 0.5);
            row("TarsosDSP WSOLA(auto)+resample", f0, f0 * r, y.length,
                    t -> Resampler.resample(tarsosWsola(t, 1 / r, "auto"), SR * r, (double) SR), y, b, 0.5);
            for (int osamp : new int[] {4, 8}) {
                row("TarsosDSP PitchShifter 2048/" + osamp, f0, f0 * r, y.length, t -> tarsosPitchShifter(t, r, 2048, osamp), y, b, 0.5);
            }
        }
    }

    interface Op { float[] run(float[] y); }

    static void row(String name, double f0, double expectF, double expectLen, Op op, float[] tone, float[] burst, double onset) {
        op.run(tone); // warm-up
        long t0 = System.nanoTime();
        float[] out = op.run(tone);
        double ms = (System.nanoTime() - t0) / 1e6;
        float[] ob = op.run(burst);
        double[] span = Signals.activeSpan(ob, SR, 0.05);
        System.out.printf(Locale.ROOT, "%-31s | %4.0f | %10.3f | %9.2f | %9.1f | %12.1f | %7.1f%n", name, f0,
                100 * (Signals.peakHz(out, SR) - expectF) / expectF, 100 * (out.length - expectLen) / expectLen,
                purity(out, expectF), 1000 * (span[0] - onset), ms);
    }

    static double purity(float[] y, double f0) {
        int a = y.length / 4;
        int m = y.length / 2;
        int n = Integer.highestOneBit(m - 1) << 1;
        double[] w = new double[n];
        for (int i = 0; i < m; i++) {
            w[i] = y[a + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (m - 1)));
        }
        RealFft fft = RealFft.of(n);
        fft.forward(w);
        double[] p = new double[fft.bins()];
        fft.power(w, p);
        double in = 0;
        double tot = 0;
        for (int k = 0; k < p.length; k++) {
            double f = (double) k * SR / n;
            tot += p[k];
            if (Math.abs(f - f0) < 0.03 * f0) {
                in += p[k];
            }
        }
        return 10 * Math.log10(in / Math.max(tot - in, 1e-30));
    }

    /** TarsosDSP's WSOLA driven frame by frame over an in-memory array (no 16-bit dispatcher). */
    static float[] tarsosWsola(float[] y, double tempo, String kind) {
        WaveformSimilarityBasedOverlapAdd.Parameters p = switch (kind) {
            case "speech" -> WaveformSimilarityBasedOverlapAdd.Parameters.speechDefaults(tempo, SR);
            case "music" -> WaveformSimilarityBasedOverlapAdd.Parameters.musicDefaults(tempo, SR);
            default -> WaveformSimilarityBasedOverlapAdd.Parameters.automaticDefaults(tempo, SR);
        };
        WaveformSimilarityBasedOverlapAdd w = new WaveformSimilarityBasedOverlapAdd(p); // prints "New overlapLength..."
        int in = w.getInputBufferSize();
        int hop = in - w.getOverlap();
        float[] padded = Arrays.copyOf(y, y.length + in);
        List<float[]> outs = new ArrayList<>();
        AudioEvent ev = new AudioEvent(new TarsosDSPAudioFormat(SR, 16, 1, true, false));
        for (int pos = 0; pos + in <= padded.length; pos += hop) {
            ev.setFloatBuffer(Arrays.copyOfRange(padded, pos, pos + in));
            w.process(ev);
            outs.add(ev.getFloatBuffer().clone()); // the processor reuses its output buffer
        }
        float[] out = new float[outs.size() * outs.get(0).length];
        int k = 0;
        for (float[] o : outs) {
            System.arraycopy(o, 0, out, k, o.length);
            k += o.length;
        }
        return Arrays.copyOf(out, (int) Math.round(y.length / tempo));
    }

    static float[] tarsosPitchShifter(float[] y, double factor, int size, int osamp) {
        PitchShifter ps = new PitchShifter(factor, SR, size, size - size / osamp);
        int hop = size / osamp;
        float[] padded = Arrays.copyOf(y, y.length + size);
        AudioEvent ev = new AudioEvent(new TarsosDSPAudioFormat(SR, 16, 1, true, false));
        float[] out = new float[padded.length];
        for (int pos = 0; pos + size <= padded.length; pos += hop) {
            ev.setFloatBuffer(Arrays.copyOfRange(padded, pos, pos + size));
            ps.process(ev);
            System.arraycopy(ev.getFloatBuffer(), size - hop, out, pos, hop);
        }
        // its output lags by size - hop samples
        return Arrays.copyOfRange(out, size - hop, size - hop + y.length);
    }
}
