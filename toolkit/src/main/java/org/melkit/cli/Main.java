package org.melkit.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code melkit COMMAND [--option value ...]}: the command-line entry point. */
public final class Main {
    private Main() {}

    /** The commands, in the order {@code --help} lists them. */
    private static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(
                // features
                new FeatureCommand(),
                new BenchCommand(),
                // raw-audio preparation
                new EdaCommand(),
                new ValidateCommand(),
                new ChunkCommand(),
                new AugmentCommand(),
                new ImagesCommand(),
                // dataset builders
                new ExtractCommand(),
                new MeldCommand(),
                new CorporaCommand(),
                new SummaryCommand()
        )) {
            m.put(c.name(), c);
        }
        return m;
    }

    public static void main(String[] argv) {
        int rc = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs one command line and returns its exit status (for tests and notebooks). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (argv.length == 0 || Set.of("-h", "--help", "help").contains(argv[0])) {
            usage(commands, out);
            return argv.length == 0 ? 2 : 0;
        }
        if (argv[0].equals("--version") || argv[0].equals("version")) {
            out.println("melkit " + Version.melkit());
            return 0;
        }
        Command c = commands.get(argv[0]);
        if (c == null) {
            err.println("melkit: unknown command '" + argv[0] + "'; commands: " + String.join(", ", commands.keySet()));
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return c.run(Args.parse(rest, FLAGS), out, err);
        } catch (UsageException e) {
            err.println("melkit " + c.name() + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("melkit " + c.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("melkit " + c.name() + ": " + describe(e));
            return 1;
        }
    }

    /** Options that take no value, across commands. */
    private static final Set<String> FLAGS = Set.of("overwrite", "denoise", "no-progress", "help", "levels");

    static String describe(Throwable e) {
        return org.melkit.batch.Failures.describe(e);
    }

    private static void usage(Map<String, Command> commands, PrintStream out) {
        out.println("melkit " + Version.melkit() + ": librosa-exact audio features and datasets on the JVM");
        out.println();
        out.println("usage: java -jar melkit.jar COMMAND [--option value ...]");
        out.println();
        for (Command c : commands.values()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
    }
}
