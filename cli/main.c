/* main.c - the concord command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: concord COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Find which news articles tell the same story and who copied whom.\n"
    "\n"
    "Commands:\n"
    "  dedup     exact and near-duplicate articles, excerpts, and their groups\n"
    "\n"
    "INPUT is a directory of .txt files, a JSON Lines file (.jsonl/.ndjson),\n"
    "a text file, or - for standard input; .gz and .zst are read directly.\n"
    "Output is JSON Lines on stdout; warnings, progress and a summary go to stderr.\n"
    "\n"
    "Run 'concord COMMAND --help' for a command's options, 'man concord' for more.\n"
    "Options: -h, --help  this text;  -V, --version  print the version.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("concord %s\n", concord_version());
        return EXIT_OK;
    }
    if (!strcmp(cmd, "dedup")) return cmd_dedup(argc - 1, argv + 1);
    fprintf(stderr, "concord: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}
