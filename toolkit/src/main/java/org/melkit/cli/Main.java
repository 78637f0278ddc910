package org.melkit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.melkit.batch.Engine;
import org.melkit.batch.RefusedRunException;
import org.melkit.dataset.MelDbParams;
import org.melkit.dataset.SummaryParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code melkit COMMAND [--option value ...]}: the command-line entry point, on picocli.
 *
 * <p>Exit status: 0 done; 1 some inputs failed (each listed in a failures file); 2 a usage
 * error (unknown option or command, a bad value, a refused run), nothing touched.
 * {@code melkit COMMAND --help} prints the command's options with their defaults and exits 0.
 */
public final class Main {
    private Main() {}

    /** The commands in {@code melkit --help}'s order, grouped by workflow. */
    private static final Map<String, List<Class<?>>> GROUPS = groups();

    private static Map<String, List<Class<?>>> groups() {
        Map<String, List<Class<?>>> m = new LinkedHashMap<>();
        m.put("Features", List.of(FeatureCommand.class, BenchCommand.class));
        m.put("Raw-audio preparation", List.of(EdaCommand.class, ValidateCommand.class, ChunkCommand.class, AugmentCommand.class,
                ImagesCommand.class));
        m.put("Dataset builders", List.of(ExtractCommand.class, MeldCommand.class, CorporaCommand.class, SummaryCommand.class));
        return m;
    }

    public static void main(String[] argv) {
        int rc = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs one command line and returns its exit status (for tests and notebooks). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        return run(argv, out, err, null);
    }

    /**
     * Runs one command line with the per-file work of {@code extract} and {@code summary} on {@code engine} (e.g.
     * Spark's executors, from {@code melkit-spark}); every option, rule and output is the
     * command's own. {@code null}: {@code --jobs} threads in this JVM.
     */
    public static int run(String[] argv, PrintStream out, PrintStream err, Engine engine) {
        return run("melkit", argv, out, err, engine);
    }

    /**
     * {@link #run(String[], PrintStream, PrintStream, Engine)} for another launcher of the same
     * commands: {@code program} names it in usage lines and messages ({@code melkit-spark
     * extract: unknown option ...}), and {@code extraOptions} (objects with picocli
     * {@code @Option} fields, such as melkit-spark's {@code --master}) are added to the command
     * {@code argv[0]}, parsed, listed by its {@code --help} and offered as typo suggestions like
     * its own.
     */
    public static int run(String program, String[] argv, PrintStream out, PrintStream err, Engine engine, Object... extraOptions) {
        CommandLine cl = commandLine(program, out, err, engine, null, argv.length == 0 ? null : argv[0], extraOptions);
        try {
            return cl.execute(argv);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /**
     * Parses {@code extract}'s options ({@code options} without the command word) with the
     * command's own code, without running the job: the same defaults, validation, messages, exit
     * status 2 and nearest-option suggestions as {@code melkit extract}; {@code --help} prints the
     * command's help (with {@code extraOptions}, see {@link #run(String, String[], PrintStream,
     * PrintStream, Engine, Object...)}). {@code --input} and {@code --output} stay strings, so
     * they may be URIs of any file system.
     */
    public static ParsedJob<MelDbParams> parseExtract(String program, String[] options, PrintStream out, PrintStream err,
            Object... extraOptions) {
        return parse(program, "extract", options, out, err, extraOptions);
    }

    /** {@link #parseExtract} for {@code summary}: its {@link SummaryParams}, input folder and output CSV. */
    public static ParsedJob<SummaryParams> parseSummary(String program, String[] options, PrintStream out, PrintStream err,
            Object... extraOptions) {
        return parse(program, "summary", options, out, err, extraOptions);
    }

    @SuppressWarnings("unchecked")
    private static <P> ParsedJob<P> parse(String program, String command, String[] options, PrintStream out, PrintStream err,
            Object... extraOptions) {
        List<ParsedJob.Job<?>> parsed = new ArrayList<>(1);
        CommandLine cl = commandLine(program, out, err, null, parsed::add, command, extraOptions);
        String[] argv = new String[options.length + 1];
        argv[0] = command;
        System.arraycopy(options, 0, argv, 1, options.length);
        int rc;
        try {
            rc = cl.execute(argv);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
        return parsed.isEmpty() ? new ParsedJob.Exit<>(rc) : (ParsedJob.Job<P>) parsed.get(0);
    }

    /** The whole command tree, writing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, null);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err, Engine engine) {
        return commandLine("melkit", out, err, engine, null, null);
    }

    /**
     * The command tree as {@code program}; a non-null {@code parseOnly} takes a batch command's
     * parsed job instead of running it; {@code extraOptions} go to the command named {@code extended}.
     */
    private static CommandLine commandLine(String program, PrintStream out, PrintStream err, Engine engine,
            java.util.function.Consumer<ParsedJob.Job<?>> parseOnly, String extended, Object... extraOptions) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof MelkitCommand c) {
                    c.out = out;
                    c.err = err;
                    c.engine = engine;
                    c.parseOnly = parseOnly;
                }
                return k;
            }
        };
        CommandLine cl = new CommandLine(new Melkit(out), factory);
        for (List<Class<?>> group : GROUPS.values()) {
            for (Class<?> c : group) {
                cl.addSubcommand(factoryCreate(factory, c));
            }
        }
        CommandLine help = new CommandLine(new CommandLine.HelpCommand(), factory);
        help.getCommandSpec().usageMessage().hidden(true);
        cl.addSubcommand("help", help);
        CommandLine version = new CommandLine(new VersionCommand(out), factory);
        version.getCommandSpec().usageMessage().hidden(true);
        cl.addSubcommand("version", version);
        cl.setCommandName(program);
        CommandLine target = extended == null ? null : cl.getSubcommands().get(extended);
        for (Object o : extraOptions) {
            if (target == null) {
                break; // an unknown command: its own usage error follows
            }
            target.getCommandSpec().addMixin(o.getClass().getSimpleName(), CommandSpec.forAnnotatedObject(o));
        }

        Converters.register(cl);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(100);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler(Main::failure);
        return cl;
    }

    private static Object factoryCreate(CommandLine.IFactory f, Class<?> c) {
        try {
            return f.create(c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create command " + c.getName(), e);
        }
    }

    /** {@code melkit --help}: the commands by workflow, each with its one-line summary. */
    private static String commandList(Help help) {
        Map<String, Help> subs = help.subcommands();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Class<?>>> g : GROUPS.entrySet()) {
            sb.append(sb.length() == 0 ? "" : "\n").append(g.getKey()).append(":\n");
            for (Class<?> c : g.getValue()) {
                String name = c.getAnnotation(Command.class).name();
                Help h = subs.get(name);
                String summary = String.join(" ", h.commandSpec().usageMessage().description());
                sb.append(String.format("  %-10s %s%n", name, summary));
            }
        }
        return sb.toString();
    }

    /** An unknown option or command, a missing or malformed value: exit 2 with the nearest valid name. */
    private static int usageError(ParameterException e, String[] argv) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String who = cmd.getCommandSpec().qualifiedName();
        ParseResult parsed = cmd.getParseResult();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            unmatched(u, err, who);
        } else if (parsed != null && !parsed.unmatched().isEmpty()) {
            // picocli checks required options first: a misspelled --output is reported as unknown, then as missing
            unmatched(new UnmatchedArgumentException(cmd, parsed.unmatched()), err, who);
            err.println(who + ": " + e.getMessage());
        } else {
            err.println(who + ": " + e.getMessage());
        }
        err.println("see '" + who + " --help' for the options and their defaults");
        return CommandLine.ExitCode.USAGE;
    }

    /** An unknown kind, command or option, and the nearest valid name. */
    private static void unmatched(UnmatchedArgumentException u, PrintWriter err, String who) {
        CommandLine cmd = u.getCommandLine();
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.get(0);
        if (!first.startsWith("-") && cmd.getCommand() instanceof FeatureCommand) {
            err.println(who + ": unknown kind '" + first + "'; one of " + FeatureCommand.KINDS);
        } else if (!first.startsWith("-") && cmd.getCommand() instanceof Melkit) {
            err.println(who + ": unknown command '" + first + "'; commands: " + String.join(", ", visibleCommands(cmd)));
        } else if (first.startsWith("-")) {
            List<String> options = new ArrayList<>();
            for (String a : unmatched) {
                if (a.startsWith("-")) {
                    options.add(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
                }
            }
            err.println(who + ": unknown option" + (options.size() > 1 ? "s " : " ") + String.join(" ", options));
        } else {
            err.println(who + ": " + u.getMessage());
        }
        String nearest = nearest(first, cmd);
        if (nearest != null) {
            err.println("did you mean " + nearest + "?");
        } else if (!u.getSuggestions().isEmpty()) { // picocli orders them nearest first
            err.println("did you mean " + u.getSuggestions().get(0) + "?");
        }
    }

    /**
     * The valid name (option, or command/kind for a word) nearest to {@code typed} by edit
     * distance with transpositions, when it is near enough to be a typo (at most a third of its
     * length, at least 1); {@code null} otherwise. picocli's own suggestions compare letter pairs
     * and miss swapped letters ({@code --jbos} got none).
     */
    static String nearest(String typed, CommandLine cmd) {
        String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> names = new ArrayList<>();
        if (word.startsWith("-")) {
            cmd.getCommandSpec().options().stream().filter(o -> !o.hidden()).forEach(o -> names.addAll(List.of(o.names())));
        } else if (cmd.getCommand() instanceof FeatureCommand) {
            names.addAll(FeatureCommand.KIND_LIST);
        } else {
            names.addAll(visibleCommands(cmd));
        }
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(word, n);
            if (d < bestD) {
                bestD = d;
                best = n;
            }
        }
        return best != null && bestD <= Math.max(1, word.replaceFirst("^-+", "").length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static List<String> visibleCommands(CommandLine cmd) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, CommandLine> c : cmd.getSubcommands().entrySet()) {
            if (!c.getValue().getCommandSpec().usageMessage().hidden()) {
                names.add(c.getKey());
            }
        }
        return names;
    }

    /**
     * A command that threw: a rejected parameter or refused run is a usage error (2), anything
     * else a failure (1); the message names the command and the cause, never a stack trace.
     */
    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String who = cmd.getCommandSpec().qualifiedName();
        if (e instanceof UsageException || e instanceof IllegalArgumentException || e instanceof RefusedRunException) {
            err.println(who + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        err.println(who + ": " + describe(e));
        return CommandLine.ExitCode.SOFTWARE;
    }

    static String describe(Throwable e) {
        return org.melkit.batch.Failures.describe(e);
    }

    /** {@code melkit} itself: with no command, the list of commands and exit 2. */
    @Command(name = "melkit", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
            headerHeading = "", header = "melkit: librosa-exact audio features and datasets on the JVM%n",
            synopsisHeading = "Usage: ", customSynopsis = "java -jar melkit.jar COMMAND [--option value ...]%n",
            commandListHeading = "%n",
            footer = "%n'melkit COMMAND --help' lists a command's options with their defaults. Exit status: 0 done,"
                    + " 1 some inputs failed (see the failures file), 2 usage error (nothing touched).")
    static final class Melkit implements Callable<Integer> {
        private final PrintStream out;
        @CommandLine.Spec CommandSpec spec;

        Melkit(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return CommandLine.ExitCode.USAGE;
        }
    }

    /** {@code melkit version}, the same as {@code melkit --version}. */
    @Command(name = "version", description = "print melkit's version")
    static final class VersionCommand implements Callable<Integer> {
        private final PrintStream out;

        VersionCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            out.println("melkit " + Version.melkit());
            return 0;
        }
    }
}
