package io.mirador.app;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Entry point of {@code mirador.jar}. Deliberately not a JavaFX {@code Application}: JavaFX starts from a plain
 * classpath only through a main class that does not extend it.
 *
 * <p>Exit codes: 0 success, 1 a failure at run time (one line on stderr), 2 bad usage (one line on stderr).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI without exiting the JVM; tests call this. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new MiradorCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("mirador: " + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + oneLine(e) + " (see '" + name + " --help')");
        return 2;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
