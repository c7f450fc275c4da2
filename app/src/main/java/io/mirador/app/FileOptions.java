package io.mirador.app;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of the files the record commands read and write, made before any cluster is contacted: a file that cannot
 * be used is a bad argument (exit 2) in one line that names the option and the file, not a Java exception found
 * after a whole scan.
 */
final class FileOptions {

    private FileOptions() {
    }

    /** {@code file}, when it is a regular file this process may read. */
    static Path readable(CommandSpec command, String option, Path file) {
        String problem = Files.isDirectory(file) ? "it is a directory"
                : !Files.exists(file) ? "no such file"
                : !Files.isReadable(file) ? "permission denied"
                : null;
        if (problem != null) {
            throw new ParameterException(command.commandLine(), option + ": cannot read " + file + ": " + problem);
        }
        return file;
    }

    /**
     * {@code file}, when it can be created or replaced: its directory exists and may be written, and it is not a
     * directory itself.
     */
    static Path writable(CommandSpec command, String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        String problem = Files.isDirectory(file) ? "it is a directory"
                : parent == null || !Files.isDirectory(parent) ? "no such directory " + parent
                : !Files.isWritable(parent) ? "permission denied in " + parent
                : Files.exists(file) && !Files.isWritable(file) ? "permission denied"
                : null;
        if (problem != null) {
            throw new ParameterException(command.commandLine(), option + ": cannot write " + file + ": " + problem);
        }
        return file;
    }
}
