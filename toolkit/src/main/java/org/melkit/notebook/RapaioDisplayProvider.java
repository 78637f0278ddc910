package org.melkit.notebook;

import java.util.List;
import java.util.Map;
import org.melkit.audio.AudioClip;
import org.melkit.dsp.FloatMatrix;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;

/**
 * melkit's renderers for the rapaio Jupyter kernel, found through
 * {@code META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider}: a cell whose
 * value is an {@link AudioClip}, a Tablesaw {@link Table}, a {@link FloatMatrix}, a
 * {@link MimeBundle} or a progress bar displays richly; any other melkit value (a job result, an
 * evaluation) through a transformer into its {@link MimeBundle}. The kernel's own renderers keep
 * {@code BufferedImage}s and collections.
 *
 * <p>Only rapaio loads this class (it implements rapaio's interface, compiled against in
 * {@code provided} scope and never bundled); in any other JVM nothing asks for that service, so
 * the file is inert. It holds no state and touches no kernel API in its constructor.
 */
public final class RapaioDisplayProvider implements DisplayProvider {
    public RapaioDisplayProvider() {}

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new Renderer(AudioClip.class), new Renderer(Table.class), new Renderer(FloatMatrix.class),
                new Renderer(MimeBundle.class), new Renderer(NotebookProgress.class));
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of(new ToBundle());
    }

    /** rapaio's form of a bundle: every MIME type, or only the one asked for when it is there. */
    static DisplayData toDisplayData(MimeBundle b, String mime) {
        DisplayData d = DisplayData.fromText(b.plainText());
        if (mime != null && b.has(mime)) {
            d.putData(mime, b.get(mime));
            return d;
        }
        for (Map.Entry<String, String> e : b.data().entrySet()) {
            d.putData(e.getKey(), e.getValue());
        }
        return d;
    }

    private static final class Renderer implements DisplayRenderer {
        private final Class<?> type;

        Renderer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Class<?> rendererClass() {
            return type;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || mime.isBlank() || mime.equals(MimeBundle.TEXT) || mime.equals(MimeBundle.HTML)
                    || mime.equals(MimeBundle.PNG) || mime.equals("text") || mime.equals("html") || mime.equals("png");
        }

        @Override
        public DisplayData render(String mime, Object o) {
            String longMime = mime == null ? null : switch (mime) {
                case "text" -> MimeBundle.TEXT;
                case "html" -> MimeBundle.HTML;
                case "png" -> MimeBundle.PNG;
                default -> mime.isBlank() ? null : mime;
            };
            return toDisplayData(Rich.render(o), longMime);
        }

        @Override
        public String toString() {
            return "melkit renderer for " + type.getSimpleName();
        }
    }

    /** Any other melkit value (job results, evaluations, parameters) into its bundle. */
    private static final class ToBundle implements DisplayTransformer {
        @Override
        public boolean canTransform(Object o) {
            return Rich.isMelkit(o) && !(o instanceof MimeBundle);
        }

        @Override
        public Class<?> transformedClass() {
            return MimeBundle.class;
        }

        @Override
        public Object transform(Object o) {
            return Rich.render(o);
        }
    }
}
