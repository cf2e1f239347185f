/* main.c - the concord command: dispatch to subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The subcommands: one line each. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"dedup", cmd_dedup, "exact and near-duplicate articles, excerpts, and their groups"},
    {"align", cmd_align, "shared passages of two articles: verbatim, edited or spun"},
    {"quotes", cmd_quotes, "quotations with their speakers, and the same quote across articles"},
    {"compare", cmd_compare, "relation of two articles: verbatim, partial, spun, paraphrase, same story"},
    {"relate", cmd_relate, "every related pair of a corpus, from indexes (never all pairs), verified"},
    {"stories", cmd_stories, "group articles into stories, one pass in date order"},
    {"story", cmd_story, "one story consolidated: independent sources, claims, quotes, conflicts"},
    {"ingest", cmd_ingest, "add articles to a store (SQLite): incremental, versioned, crash-safe"},
    {"query", cmd_query, "near duplicates of new articles in a store, without writing"},
    {"report", cmd_report, "the stories as one self-contained HTML page (no script, no network)"},
};

static void print_usage(FILE *f)
{
    fputs("Usage: concord COMMAND [OPTIONS] INPUT...\n\n"
          "Find which news articles tell the same story and who copied whom.\n\nCommands:\n",
          f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "INPUT is a directory of .txt files, a JSON Lines file (.jsonl/.ndjson),\n"
          "a text file, or - for standard input; .gz and .zst are read directly.\n"
          "Output is JSON Lines on stdout; warnings, progress and a summary go to stderr.\n"
          "\n"
          "Run 'concord COMMAND --help' for a command's options, 'man concord' for more.\n"
          "Options: -h, --help  this text;  -V, --version  print the version.\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("concord %s\n", concord_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(cmd, commands[i].name)) continue;
        /* getopt names the program by argv[0] in its messages. */
        static char name[64];
        snprintf(name, sizeof name, "concord %s", commands[i].name);
        argv[1] = name;
        return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "concord: unknown command '%s'\n\n", cmd);
    print_usage(stderr);
    return EXIT_USAGE;
}
