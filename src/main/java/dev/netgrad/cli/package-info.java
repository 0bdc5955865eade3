/**
 * The command line: one picocli subcommand class per verb. {@link dev.netgrad.cli.Main#run} takes
 * the arguments and gives an exit code; user mistakes become {@link dev.netgrad.cli.UserError}s,
 * printed without stack traces.
 */
package dev.netgrad.cli;
