package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorpusTest {
    static void is(Corpus c, String source, String speaker, Emotion e) {
        Corpus.Parsed p = c.parse(source);
        assertEquals(speaker, p.speaker(), source);
        assertEquals(e, p.emotion(), source);
    }

    static void fails(Corpus c, String source) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.parse(source), source);
        assertTrue(e.getMessage().contains(c.name() + " rule"), e.getMessage());
    }

    @Test
    void ravdess() {
        String[] names = {"neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise"};
        for (int code = 1; code <= 8; code++) {
            is(Corpus.RAVDESS, String.format("Actor_12/03-01-%02d-01-02-01-12.wav", code), "ravdess:12", Emotion.values()[code - 1]);
            assertEquals(names[code - 1], Emotion.values()[code - 1].unifiedName());
        }
        is(Corpus.RAVDESS, "03-01-06-02-01-02-01.WAV", "ravdess:01", Emotion.FEAR); // fearful -> fear
        fails(Corpus.RAVDESS, "Actor_01/03-01-09-01-01-01-01.wav");
        fails(Corpus.RAVDESS, "Actor_01/03-01-00-01-01-01-01.wav");
        fails(Corpus.RAVDESS, "Actor_01/03-01-06-01-02-01.wav");
        fails(Corpus.RAVDESS, "Actor_01/notes.txt");
    }

    @Test
    void cremaD() {
        is(Corpus.CREMA, "1001_DFA_ANG_XX.wav", "crema:1001", Emotion.ANGRY);
        is(Corpus.CREMA, "AudioWAV/1091_WSI_DIS_HI.wav", "crema:1091", Emotion.DISGUST);
        is(Corpus.CREMA, "1002_IEO_FEA_LO.wav", "crema:1002", Emotion.FEAR);
        is(Corpus.CREMA, "1003_TIE_HAP_MD.wav", "crema:1003", Emotion.HAPPY);
        is(Corpus.CREMA, "1004_ITS_NEU_XX.wav", "crema:1004", Emotion.NEUTRAL);
        is(Corpus.CREMA, "1076_MTI_SAD_XX.wav", "crema:1076", Emotion.SAD);
        fails(Corpus.CREMA, "1001_DFA_CAL_XX.wav");
        fails(Corpus.CREMA, "1001_DFA_ANG.wav");
        fails(Corpus.CREMA, "03-01-06-01-02-01-12.wav");
    }

    @Test
    void tess() {
        is(Corpus.TESS, "OAF_angry/OAF_back_angry.wav", "tess:OAF", Emotion.ANGRY);
        is(Corpus.TESS, "YAF_pleasant_surprised/YAF_bite_ps.wav", "tess:YAF", Emotion.SURPRISE); // ps -> surprise
        is(Corpus.TESS, "YAF_disgust/YAF_youth_disgust.wav", "tess:YAF", Emotion.DISGUST);
        is(Corpus.TESS, "OAF_Fear/OAF_bath_fear.wav", "tess:OAF", Emotion.FEAR);
        is(Corpus.TESS, "OAF_happy/OAF_back_happy.wav", "tess:OAF", Emotion.HAPPY);
        is(Corpus.TESS, "OAF_neutral/OAF_back_neutral.wav", "tess:OAF", Emotion.NEUTRAL);
        is(Corpus.TESS, "YAF_sad/YAF_back_sad.wav", "tess:YAF", Emotion.SAD);
        fails(Corpus.TESS, "XAF_back_angry.wav");
        fails(Corpus.TESS, "OAF_back_calm.wav");
        fails(Corpus.TESS, "OAF_angry.wav");
    }

    @Test
    void saveeMatchesSaAndSuBeforeA() {
        is(Corpus.SAVEE, "DC_a01.wav", "savee:DC", Emotion.ANGRY);
        is(Corpus.SAVEE, "DC_sa01.wav", "savee:DC", Emotion.SAD);
        is(Corpus.SAVEE, "JE_su15.wav", "savee:JE", Emotion.SURPRISE);
        is(Corpus.SAVEE, "AudioData/KL/sa03.wav", "savee:KL", Emotion.SAD);
        is(Corpus.SAVEE, "AudioData/JK/su01.wav", "savee:JK", Emotion.SURPRISE);
        is(Corpus.SAVEE, "AudioData/JK/a11.wav", "savee:JK", Emotion.ANGRY);
        is(Corpus.SAVEE, "ALL/KL_d02.wav", "savee:KL", Emotion.DISGUST);
        is(Corpus.SAVEE, "DC/f03.wav", "savee:DC", Emotion.FEAR);
        is(Corpus.SAVEE, "DC/h04.wav", "savee:DC", Emotion.HAPPY); // happiness -> happy
        is(Corpus.SAVEE, "DC/n30.wav", "savee:DC", Emotion.NEUTRAL);
        fails(Corpus.SAVEE, "DC_x01.wav");
        fails(Corpus.SAVEE, "a01.wav"); // no speaker
        fails(Corpus.SAVEE, "AudioData/a01.wav"); // folder is not a 2-letter speaker
        fails(Corpus.SAVEE, "DC_s01.wav");
    }

    @Test
    void unifiedLabelOrder() {
        assertEquals("{neutral=0, calm=1, happy=2, sad=3, angry=4, fear=5, disgust=6, surprise=7}", Emotion.labelMap().toString());
    }
}
