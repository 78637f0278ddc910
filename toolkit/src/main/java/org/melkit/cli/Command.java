package org.melkit.cli;

import java.io.PrintStream;

/** One {@code melkit} sub-command. */
interface Command {
    /** The word after {@code melkit}. */
    String name();

    /** One line for {@code melkit --help}. */
    String summary();

    /**
     * Runs the command.
     *
     * @return the exit status: 0 ok, 1 some inputs failed (listed in a failures file), 2 usage error
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
