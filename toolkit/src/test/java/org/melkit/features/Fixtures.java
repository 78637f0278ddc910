package org.melkit.features;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.melkit.io.Npy;
import org.melkit.dsp.FloatMatrix;

/** The librosa-generated fixtures under src/test/resources/fixtures/features (see calls.json). */
final class Fixtures {
    private Fixtures() {}

    static Npy.Array npy(String name) {
        URL u = Fixtures.class.getResource("/fixtures/features/" + name + ".npy");
        if (u == null) {
            throw new IllegalStateException("fixture " + name + " missing; run toolkit/src/test/python/gen_feature_fixtures.py");
        }
        try {
            return Npy.read(Path.of(u.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] vector(String name) {
        return npy(name).data();
    }

    static FloatMatrix matrix(String name) {
        return npy(name).toMatrix();
    }
}
