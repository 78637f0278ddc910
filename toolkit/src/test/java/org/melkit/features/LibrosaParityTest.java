package org.melkit.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.MelFilterbank;
import org.melkit.dsp.MelNorm;
import org.melkit.dsp.PadMode;
import org.melkit.dsp.Ref;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;
import org.melkit.dsp.WindowType;

/**
 * Parity with librosa 0.11 on fixtures made by src/test/python/gen_feature_fixtures.py (the
 * exact call for each is in fixtures/features/calls.json). Tolerances are the conformance kit's
 * for lossless input: rel 1e-4 for spectra, 1e-5 for filters, 0.01 dB, exact for ZCR and trim.
 */
class LibrosaParityTest {
    private static final float[] CHIRP = Fixtures.vector("in_chirp22050");
    private static final float[] SHORT = Fixtures.vector("in_short300");
    private static final float[] NOISE = Fixtures.vector("in_noise16000");
    private static final float[] SILENCE = Fixtures.vector("in_silence");

    private static FloatMatrix stft(float[] y, StftParams p) {
        return Stft.of(p).magnitude(y);
    }

    @Test
    void stftMagnitudes() {
        Assert.close(Fixtures.matrix("stft_chirp_default"), stft(CHIRP, StftParams.of(2048, 512)), 1e-4, "default");
        Assert.close(Fixtures.matrix("stft_chirp_reflect"), stft(CHIRP, StftParams.of(512, 128).withPadMode(PadMode.REFLECT)), 1e-4, "reflect");
        Assert.close(Fixtures.matrix("stft_chirp_nocenter_hamming"),
                stft(CHIRP, StftParams.of(1024, 300).withWindow(WindowType.HAMMING).withCenter(false)), 1e-4, "hamming, uncentred");
        Assert.close(Fixtures.matrix("stft_chirp_winlength"), stft(CHIRP, StftParams.of(1024, 256).withWinLength(600)), 1e-4, "win_length 600");
        Assert.close(Fixtures.matrix("stft_short_reflect"), stft(SHORT, StftParams.of(2048, 512).withPadMode(PadMode.REFLECT)), 1e-4,
                "pad longer than the signal: numpy reflects repeatedly");
        Assert.close(Fixtures.matrix("stft_short_constant"), stft(SHORT, StftParams.of(2048, 512)), 1e-4, "short, zero padding");
        Assert.close(Fixtures.matrix("stft_noise_odd"), stft(NOISE, StftParams.of(1000, 250)), 1e-4, "n_fft 1000 (not a power of two)");
    }

    @Test
    void complexStftMatchesRealAndImaginaryParts() {
        float[] y = java.util.Arrays.copyOf(CHIRP, 8096);
        var c = Stft.of(StftParams.of(512, 256)).complex(y);
        Assert.close(Fixtures.matrix("stft_complex_re"), c.real(), 1e-4, "real part");
        Assert.close(Fixtures.matrix("stft_complex_im"), c.imag(), 1e-4, "imaginary part (numpy's sign convention)");
    }

    @Test
    void melFilterbanks() {
        Assert.close(Fixtures.matrix("melfb_default"), MelFilterbank.of(MelFilterbank.Spec.of(22050, 2048)).matrix(), 1e-5, "slaney");
        Assert.close(Fixtures.matrix("melfb_htk_none"),
                MelFilterbank.of(new MelFilterbank.Spec(16000, 512, 40, 20.0, 7000.0, true, MelNorm.NONE)).matrix(), 1e-5, "htk, no norm");
    }

    @Test
    void melspectrogramAndDb() {
        FloatMatrix mel = Features.melspectrogram(CHIRP, 22050);
        Assert.close(Fixtures.matrix("mel_chirp_default"), mel, 1e-4, "melspectrogram defaults");
        MelParams p = MelParams.of(22050, 1024, 256, 64).withPower(1.0).withFmin(100.0).withFmax(8000.0).withHtk(true);
        Assert.close(Fixtures.matrix("mel_chirp_htk_power1"), MelSpectrogram.of(p).compute(CHIRP), 1e-4, "htk, power 1");
        Assert.closeDb(Fixtures.matrix("db_chirp_max"), Db.powerToDb(mel, Ref.max(), 1e-10, 80.0), 0.01, "power_to_db ref=max");
        Assert.closeDb(Fixtures.matrix("db_chirp_default"), Db.powerToDb(mel), 0.01, "power_to_db defaults");
        Assert.closeDb(Fixtures.matrix("db_chirp_notop"), Db.powerToDb(mel, Ref.value(1.0), 1e-10, null), 0.01, "top_db=None");
        FloatMatrix mag = Stft.of(StftParams.of(1024, 512)).magnitude(CHIRP);
        Assert.closeDb(Fixtures.matrix("adb_chirp_max"), Db.amplitudeToDb(mag, Ref.max(), 1e-5, 80.0), 0.01, "amplitude_to_db");
        FloatMatrix silentDb = Db.powerToDb(Features.melspectrogram(SILENCE, 16000), Ref.max(), 1e-10, 80.0);
        assertArrayEquals(Fixtures.vector("db_silence_max"), silentDb.toArray(), "all-zero input is all 0 dB");
    }

    @Test
    void fusedDbPathEqualsTwoStepPath() {
        MelSpectrogram m = MelSpectrogram.of(MelParams.of(22050));
        assertEquals(Db.powerToDb(m.compute(CHIRP), Ref.max(), 1e-10, 80.0), m.computeDb(CHIRP, Ref.max(), 1e-10, 80.0));
    }

    @Test
    void mfcc() {
        assertMfcc(Fixtures.matrix("mfcc_chirp_20"), Features.mfcc(CHIRP, 22050, 20), "defaults");
        Mfcc m = Mfcc.of(MelParams.of(22050, 1024, 256, 40), 13, 22, true);
        assertMfcc(Fixtures.matrix("mfcc_chirp_13_lifter"), m.compute(CHIRP), "lifter 22");
    }

    /** The kit's MFCC rule: per coefficient, error <= 1e-3 x max(|coefficient row|, 10% of |c0|). */
    private static void assertMfcc(FloatMatrix e, FloatMatrix a, String what) {
        assertArrayEquals(e.shape(), a.shape(), what);
        double c0 = 0;
        for (float v : e.row(0)) {
            c0 = Math.max(c0, Math.abs(v));
        }
        for (int k = 0; k < e.rows(); k++) {
            float[] er = e.row(k);
            float[] ar = a.row(k);
            double scale = 0.1 * c0;
            for (float v : er) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int t = 0; t < er.length; t++) {
                org.junit.jupiter.api.Assertions.assertEquals(er[t], ar[t], 1e-3 * scale, what + " coefficient " + k + " frame " + t);
            }
        }
    }

    @Test
    void centroidZcrRms() {
        Assert.close(Fixtures.matrix("centroid_chirp"), Features.spectralCentroid(CHIRP, 22050), 1e-4, "centroid");
        assertArrayEquals(Fixtures.vector("centroid_silence"),
                SpectralCentroid.compute(SILENCE, 16000, StftParams.of(1024, 256)).toArray(), "silent frames have centroid 0");
        assertArrayEquals(Fixtures.vector("zcr_chirp"), Features.zeroCrossingRate(CHIRP).toArray(), "zcr exact");
        assertArrayEquals(Fixtures.vector("zcr_noise_nocenter"), ZeroCrossingRate.compute(NOISE, 512, 128, false).toArray(), "zcr uncentred");
        Assert.close(Fixtures.matrix("rms_chirp"), Features.rms(CHIRP), 1e-4, "rms");
        Assert.close(Fixtures.matrix("rms_noise_reflect"), Rms.compute(NOISE, 1024, 256, true, PadMode.REFLECT), 1e-4, "rms reflect");
        Assert.close(Fixtures.matrix("rms_chirp_nocenter"), Rms.compute(CHIRP, 1024, 256, false, PadMode.CONSTANT), 1e-4, "rms uncentred");
    }

    @Test
    void trimIndices() {
        for (int top : new int[] {60, 30}) {
            float[] e = Fixtures.vector("trim_chirp_" + top);
            Trim.Interval iv = Features.trimInterval(CHIRP, top);
            assertArrayEquals(e, new float[] {iv.start(), iv.end()}, "trim top_db=" + top);
        }
        Trim.Interval all = Features.trimInterval(SILENCE, 60);
        assertArrayEquals(Fixtures.vector("trim_silence"), new float[] {all.start(), all.end()}, "all-zero input keeps everything");
    }

    @Test
    void uncentredAnalysisLongerThanSignalIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stft.of(StftParams.of(2048, 512).withCenter(false)).magnitude(SHORT));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("2048"), e.getMessage());
    }
}
