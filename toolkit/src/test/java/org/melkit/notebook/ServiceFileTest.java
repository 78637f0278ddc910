package org.melkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.melkit.audio.AudioClip;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/** The rapaio service file works in rapaio and is inert everywhere else. */
class ServiceFileTest {
    static final String SERVICE = "META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider";

    @Test
    void rapaioFindsTheProviderAndItRendersAClip() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SERVICE)) {
            assertEquals(RapaioDisplayProvider.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        List<DisplayProvider> found = new ArrayList<>();
        ServiceLoader.load(DisplayProvider.class).forEach(found::add);
        assertTrue(found.stream().anyMatch(p -> p instanceof RapaioDisplayProvider), "found: " + found);
        AudioClip clip = DisplayTest.tone(8000, 0.1);
        DisplayRenderer r = new RapaioDisplayProvider().getDisplayRenderers().stream()
                .filter(x -> x.rendererClass().isAssignableFrom(clip.getClass()) && x.canRender(null)).findFirst().orElseThrow();
        DisplayData d = r.render(null, clip);
        assertEquals(clip.toString(), d.data().get(MimeBundle.TEXT));
        assertTrue(String.valueOf(d.data().get(MimeBundle.HTML)).contains("<audio controls"));
        DisplayData htmlOnly = r.render("text/html", clip);
        assertTrue(htmlOnly.data().containsKey(MimeBundle.HTML));
        assertTrue(!htmlOnly.data().containsKey(MimeBundle.PNG), "only the asked-for type (and text)");
        // job results and other melkit values go through the transformer
        var t = new RapaioDisplayProvider().getDisplayTransformers().get(0);
        assertTrue(t.canTransform(new DisplayTest.FakeResult()));
        assertTrue(!t.canTransform("text") && !t.canTransform(new java.awt.image.BufferedImage(2, 2, 1)));
        assertTrue(t.transform(new DisplayTest.FakeResult()) instanceof MimeBundle);
    }

    /** The test class path without the kernel's jar: a JVM where melkit runs in IJava, JJava or a plain program. */
    static URLClassLoader withoutRapaio() throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank() && !e.contains("rapaio-jupyter-kernel")) {
                urls.add(Path.of(e).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void withoutRapaioTheJarStillWorksAndNoServiceBreaks() throws Exception {
        try (URLClassLoader loader = withoutRapaio()) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(DisplayProvider.class.getName(), false, loader),
                    "the kernel's classes really are absent");
            assertTrue(loader.getResource(SERVICE) != null, "the service file is on the class path");
            // the command line starts and prints its help
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Class<?> main = Class.forName("org.melkit.cli.Main", true, loader);
            Object code = main.getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
                            new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, code);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("extract"));
            // every service melkit's own jar declares whose interface exists here loads cleanly
            Path services = Path.of("target/classes/META-INF/services");
            List<String> absent = new ArrayList<>();
            try (Stream<Path> files = Files.list(services)) {
                for (Path f : files.toList()) {
                    Class<?> iface;
                    try {
                        iface = Class.forName(f.getFileName().toString(), false, loader);
                    } catch (ClassNotFoundException e) {
                        absent.add(f.getFileName().toString()); // as in any JVM without that library: nothing can ask
                        continue;
                    }
                    ServiceLoader.load(iface, loader).forEach(p -> assertTrue(iface.isInstance(p)));
                }
            }
            assertEquals(List.of(DisplayProvider.class.getName()), absent);
            // the notebook API itself runs, as plain text
            Class<?> display = Class.forName("org.melkit.notebook.Display", true, loader);
            assertEquals("text", display.getMethod("kernel").invoke(null));
            Class<?> clipClass = Class.forName("org.melkit.audio.AudioClip", true, loader);
            Object clip = clipClass.getMethod("mono", float[].class, int.class).invoke(null, new float[] {0f, 0.5f, -0.5f}, 8000);
            Object bundle = display.getMethod("render", Object.class).invoke(null, clip);
            assertTrue(bundle.toString().startsWith("AudioClip[mono, 8000 Hz"));
            Object progress = display.getMethod("progress").invoke(null);
            assertTrue(progress.toString().contains("text"), progress.toString());
        }
    }
}
