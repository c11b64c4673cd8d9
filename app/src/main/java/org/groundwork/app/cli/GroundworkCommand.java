package org.groundwork.app.cli;

import java.io.PrintWriter;
import org.groundwork.app.AppVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code groundwork} command; each capability adds a subcommand. */
@Command(
        name = "groundwork",
        mixinStandardHelpOptions = true,
        versionProvider = GroundworkCommand.Version.class,
        description = "Groundwork: build grounded-reasoning datasets from medical images.%n"
                + "Run without arguments to start the workstation.",
        subcommands = {CommandLine.HelpCommand.class, InfoCommand.class, ConvertCommand.class, ImportCommand.class, ImportDatasetCommand.class, PacsCommand.class, StatusCommand.class, ExportCommand.class,
            RestoreCommand.class, RelocateCommand.class, MigrateCommand.class, TeamCommand.class, OpenCommand.class, DemoCommand.class, SuggestCommand.class, TrainCommand.class, ModelsCommand.class, PhantomCommand.class,
            DoctorCommand.class,
            BenchCommand.class})
public final class GroundworkCommand implements Runnable {
    /** Exit status for bad input or usage (DESIGN.md). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit status for an internal error. */
    public static final int EXIT_INTERNAL_ERROR = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI with the process's standard streams and returns the exit status. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to the given streams; used by tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        // `groundwork open` starts the workstation. It is parsed by its own command alone, which spares
        // the start the model of every other subcommand (about a tenth of a second).
        boolean open = args.length > 0 && args[0].equals("open");
        CommandLine commandLine = open ? new CommandLine(new OpenCommand()).setCommandName("groundwork open")
                : new CommandLine(new GroundworkCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("internal error: " + exception);
            exception.printStackTrace(cmd.getErr());
            return EXIT_INTERNAL_ERROR;
        });
        int status = commandLine.execute(open ? java.util.Arrays.copyOfRange(args, 1, args.length) : args);
        out.flush();
        err.flush();
        return status;
    }

    /** Supplies {@code --version} from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Groundwork " + AppVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
