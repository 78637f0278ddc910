package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.melkit.io.Json;

class AugmentConfigTest {
    @Test
    void parsesEveryTransformWithDefaultsForMissingKeys() {
        Compose c = AugmentConfig.parse("""
                {"transforms": [
                  {"type": "gain", "p": 1, "min_gain_db": -3, "max_gain_db": 3},
                  {"type": "shift", "min_fraction": -0.1, "max_fraction": 0.2, "rollover": false},
                  {"type": "pitch_shift", "p": 0.25, "min_semitones": -2, "max_semitones": 2.5},
                  {"type": "time_stretch", "p": 0.0, "min_rate": 0.9, "max_rate": 1.1, "leave_length_unchanged": true},
                  {"type": "gaussian_noise", "p": 0.75, "max_amplitude": 0.02}
                ]}""");
        assertEquals(List.of(
                Compose.step(new Gain(-3, 3), 1.0),
                Compose.step(new Shift(-0.1, 0.2, false), 0.5),
                Compose.step(new PitchShift(-2, 2.5), 0.25),
                Compose.step(new TimeStretch(0.9, 1.1, true), 0.0),
                Compose.step(new GaussianNoise(0.001, 0.02), 0.75)), c.steps());
    }

    @Test
    void roundTripsThroughJson() {
        Compose d = AugmentConfig.defaults();
        String json = Json.write(AugmentConfig.toJsonData(d));
        assertEquals(d, AugmentConfig.parse(json));
        assertEquals(5, d.steps().size());
    }

    @Test
    void errorsNameTheProblem() {
        assertMessage("unknown key transforms[0].max_db", "{\"transforms\": [{\"type\": \"gain\", \"max_db\": 3}]}");
        assertMessage("unknown type \"reverb\"", "{\"transforms\": [{\"type\": \"reverb\"}]}");
        assertMessage("listed twice", "{\"transforms\": [{\"type\": \"gain\"}, {\"type\": \"gain\"}]}");
        assertMessage("transforms[0].p=yes must be a number", "{\"transforms\": [{\"type\": \"gain\", \"p\": \"yes\"}]}");
        assertMessage("p=2.0 for gain must be a probability", "{\"transforms\": [{\"type\": \"gain\", \"p\": 2}]}");
        assertMessage("minGainDb=5.0 must be <= maxGainDb=1.0", "{\"transforms\": [{\"type\": \"gain\", \"min_gain_db\": 5, \"max_gain_db\": 1}]}");
        assertMessage("JSON line 2, column 7: Unrecognized token 'oops'", "{\"transforms\": [\n  oops]}");
        assertMessage("unknown key \"transform\"", "{\"transform\": []}");
        assertMessage("key \"p\" given twice", "{\"transforms\": [{\"type\": \"gain\", \"p\": 1, \"p\": 0}]}");
    }

    @Test
    void jsonSyntaxErrorsNameLineAndColumnAndTrailingTextIsRejected() {
        assertMessage("not valid JSON line 1, column", "{\"transforms\": []} x");
        assertMessage("not valid JSON line 1, column", "{\"transforms\": [1,]}");
        assertMessage("the config is empty", "  ");
        assertMessage("must be a JSON object", "[]");
        // numbers are numbers however written: 1, 1.0, 1e0
        assertEquals(AugmentConfig.parse("{\"transforms\": [{\"type\": \"gain\", \"p\": 1}]}"),
                AugmentConfig.parse("{\"transforms\": [{\"type\": \"gain\", \"p\": 1e0}]}"));
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AugmentConfig.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
