package org.melkit.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.melkit.audio.AudioClip;
import org.melkit.dsp.Db;
import org.melkit.dsp.MelFilterbank;
import org.melkit.dsp.RealFft;
import org.melkit.dsp.Ref;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;

/** The clip forms carry the clip's rate, and configured objects print what they are. */
class ClipFeaturesTest {
    static AudioClip noise(int sr) {
        Random r = new Random(1);
        float[] y = new float[sr / 2];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * r.nextGaussian());
        }
        return AudioClip.mono(y, sr);
    }

    @Test
    void clipFormsEqualTheArrayFormsAtTheClipsRate() {
        AudioClip c = noise(16000);
        float[] y = c.samples();
        assertEquals(Features.melspectrogram(y, 16000), Features.melspectrogram(c));
        assertEquals(Features.melspectrogram(y, 16000, 1024, 256, 64), Features.melspectrogram(c, 1024, 256, 64));
        assertEquals(Features.mfcc(y, 16000, 13), Features.mfcc(c, 13));
        assertEquals(Features.mfcc(y, 16000, 20), Features.mfcc(c));
        assertEquals(Features.spectralCentroid(y, 16000), Features.spectralCentroid(c));
        assertEquals(Features.zeroCrossingRate(y), Features.zeroCrossingRate(c));
        assertEquals(Features.rms(y), Features.rms(c));
        assertEquals(Features.stftMagnitude(y), Features.stftMagnitude(c));
        assertEquals(Db.powerToDb(Features.melspectrogram(c), Ref.max(), Db.AMIN_POWER, Db.TOP_DB), Features.melspectrogramDb(c));
        // the rate really is the clip's: the same samples at another rate give other mel bands
        assertFalse(Features.melspectrogram(AudioClip.mono(y, 22050)).equals(Features.melspectrogram(c)));
    }

    @Test
    void stereoClipIsMixedToMonoFirst() {
        AudioClip c = noise(8000);
        AudioClip stereo = AudioClip.of(new float[][] {c.samples(), c.samples()}, 8000);
        assertEquals(Features.melspectrogram(c), Features.melspectrogram(stereo));
    }

    @Test
    void configuredObjectsPrintTheirConfiguration() {
        MelSpectrogram m = MelSpectrogram.of(MelParams.of(16000, 1024, 256, 64));
        assertEquals("MelSpectrogram[sr=16000, nFft=1024, hop=256, window=hann, nMels=64, fmin=0.0, fmax=sr/2, power=2.0, slaney]",
                m.toString());
        assertEquals("Mfcc[nMfcc=13, dct=ortho, lifter=0; sr=22050, nFft=2048, hop=512, window=hann, nMels=128, fmin=0.0, fmax=sr/2,"
                + " power=2.0, slaney]", Mfcc.of(MelParams.of(22050), 13).toString());
        assertTrue(m.filterbank().toString().startsWith("MelFilterbank(64, 513)[sr=16000.0, nFft=1024"), m.filterbank().toString());
        assertEquals("Stft[nFft=2048, hopLength=512, winLength=2048, window=HANN, center=true, padMode=CONSTANT]",
                Stft.of(StftParams.of(2048, 512)).toString());
        String fft = RealFft.of(512).toString();
        assertTrue(fft.equals("RealFft[n=512, fftw]") || fft.equals("RealFft[n=512, jtransforms]"), fft);
        for (Object o : new Object[] {m, m.filterbank(), Mfcc.of(MelParams.of(8000), 13)}) {
            assertFalse(o.toString().contains("@"), o.toString());
        }
    }
}
