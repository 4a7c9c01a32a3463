/* options.c - parsing khabar-index's command line, strictly: every error
 * names the option. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "options.h"
#include "report.h"
#include "shard.h"

void options_usage(FILE *to)
{
    fputs("usage: khabar-index --db DIR [options] FILE|DIR|- ...\n"
          "       khabar-index --extract [options] FILE|DIR|- ...\n"
          "       khabar-index --db DIR --check | --stats\n"
          "Indexes news articles (JSON Lines, HTML or scraped text pages, WARC\n"
          "archives, Reuters-21578 SGML, any of them gzipped) into the Khabar\n"
          "index DIR.\n"
          "  --format auto|jsonl|html|text|warc|reuters\n"
          "                     how to read the inputs (auto: sniff each)\n"
          "  --source NAME      source of articles that name none\n"
          "  --batch N          commit every N changed articles (default 10000)\n"
          "  --memory SIZE      memory to use at most, e.g. 512M or 2G (default\n"
          "                     1G): a batch is also committed when its\n"
          "                     changes would take more\n"
          "  --threads N        1: one thread; 2 or more: read and prepare\n"
          "                     articles in one while another writes them\n"
          "                     (default: the number of cores, at most 2 used)\n"
          "  --no-compact       skip compacting the index after a full build\n"
          "  --wait SECONDS     wait for another khabar-index to finish\n"
          "  --rebuild          build a fresh index and switch to it atomically\n"
          "  --delete-missing   remove articles whose file is gone from a DIR input\n"
          "  --quiet            print errors only\n"
          "  --json             print the summary as JSON\n"
          "  --rejects FILE     append each rejected record to FILE (JSON Lines)\n"
          "  --shards N         split the articles by id over N indexes,\n"
          "                     DIR/shard-0 .. DIR/shard-(N-1), built in parallel\n"
          "  --shard I/N        index only the articles of shard I of N into DIR\n"
          "  --max-article-bytes N  reject records larger than N bytes\n"
          "                     (default 10485760)\n"
          "  --extract          print the articles as JSON Lines; no index\n"
          "  --check            check the index's consistency\n"
          "  --stats            print what the index holds\n"
          "Exit status: 0 all indexed; 1 some records rejected (the rest is\n"
          "indexed); 2 usage error, or a fatal one (the index cannot be opened\n"
          "or written); 4 the index is locked by another khabar-index.\n",
          to);
}

/* The value of option ARGV[*I], moving *I past it; NULL when missing. */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        report_error(NULL, 0, "option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* VALUE as a whole number from MIN to MAX, or -1 (reported, naming
 * OPTION). */
static int number_value(const char *option, const char *value,
                        unsigned long min, unsigned long max,
                        unsigned long *out)
{
    char *end;
    unsigned long n;

    if (!value)
        return -1;
    n = strtoul(value, &end, 10);
    if (!*value || *end || value[0] == '-' || value[0] == '+' || n < min ||
        n > max) {
        report_error(NULL, 0, "%s: '%s' is not a whole number from %lu to %lu",
                     option, value, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

/* VALUE as a size in bytes: digits and an optional K, M or G (powers of
 * 1024), from MIN_MEMORY up.  -1 (reported, naming OPTION) otherwise. */
static int size_value(const char *option, const char *value,
                      unsigned long long *out)
{
    char *end;
    unsigned long long n, unit = 1;

    if (!value)
        return -1;
    n = strtoull(value, &end, 10);
    if (*end == 'K' || *end == 'k')
        unit = 1ULL << 10;
    else if (*end == 'M' || *end == 'm')
        unit = 1ULL << 20;
    else if (*end == 'G' || *end == 'g')
        unit = 1ULL << 30;
    if (unit > 1)
        end++;
    if (end == value || *end || value[0] == '-' || value[0] == '+' ||
        n > (1ULL << 50) / unit || n * unit < MIN_MEMORY) {
        report_error(NULL, 0, "%s: '%s' is not a size of at least 64M "
                     "(digits and K, M or G)", option, value);
        return -1;
    }
    *out = n * unit;
    return 0;
}

static int format_value(const char *value, options_t *o)
{
    int format;

    if (!value)
        return -1;
    format = format_from_name(value);
    if (format < 0) {
        report_error(NULL, 0,
                     "--format: unknown format '%s' (auto, jsonl, html, text, warc "
                     "or reuters)",
                     value);
        return -1;
    }
    o->reader.format = (input_format_t)format;
    return 0;
}

/* Flags without a value: the name and where it goes. */
static int *flag(options_t *o, const char *arg)
{
    if (strcmp(arg, "--rebuild") == 0)
        return &o->rebuild;
    if (strcmp(arg, "--delete-missing") == 0)
        return &o->delete_missing;
    if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0)
        return &o->quiet;
    if (strcmp(arg, "--json") == 0)
        return &o->json;
    if (strcmp(arg, "--no-compact") == 0)
        return &o->no_compact;
    return NULL;
}

/* One option at ARGV[*I].  0, 1 for --help, -1 on error. */
static int parse_one(int argc, char **argv, int *i, options_t *o)
{
    const char *arg = argv[*i];
    unsigned long n;
    int *f = flag(o, arg);

    if (f)
        *f = 1;
    else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
        return 1;
    else if (strcmp(arg, "--check") == 0)
        o->action = ACTION_CHECK;
    else if (strcmp(arg, "--stats") == 0)
        o->action = ACTION_STATS;
    else if (strcmp(arg, "--extract") == 0)
        o->action = ACTION_EXTRACT;
    else if (strcmp(arg, "--rejects") == 0)
        return (o->rejects = option_value(argc, argv, i)) ? 0 : -1;
    else if (strcmp(arg, "--shard") == 0)
        return shard_parse(option_value(argc, argv, i), &o->shard_index,
                           &o->shard_count);
    else if (strcmp(arg, "--shards") == 0) {
        if (number_value(arg, option_value(argc, argv, i), 1,
                         KHABAR_SHARDS_MAX, &n) < 0)
            return -1;
        o->shards = (unsigned)n;
    } else if (strcmp(arg, "--db") == 0)
        return (o->db = option_value(argc, argv, i)) ? 0 : -1;
    else if (strcmp(arg, "--source") == 0)
        return (o->reader.default_source = option_value(argc, argv, i)) ? 0 : -1;
    else if (strcmp(arg, "--format") == 0)
        return format_value(option_value(argc, argv, i), o);
    else if (strcmp(arg, "--batch") == 0) {
        if (number_value(arg, option_value(argc, argv, i), 1, 100000000, &n) < 0)
            return -1;
        o->batch = n;
    } else if (strcmp(arg, "--threads") == 0) {
        if (number_value(arg, option_value(argc, argv, i), 1, MAX_THREADS,
                         &n) < 0)
            return -1;
        o->threads = (unsigned)n;
    } else if (strcmp(arg, "--memory") == 0) {
        return size_value(arg, option_value(argc, argv, i), &o->memory);
    } else if (strcmp(arg, "--max-article-bytes") == 0) {
        if (number_value(arg, option_value(argc, argv, i), 1024,
                         INPUT_MAX_RECORD, &n) < 0)
            return -1;
        o->reader.max_article_bytes = n;
    } else if (strcmp(arg, "--wait") == 0) {
        if (number_value(arg, option_value(argc, argv, i), 0, 86400, &n) < 0)
            return -1;
        o->wait_seconds = (unsigned)n;
    } else {
        report_error(NULL, 0, "unknown option %s", arg);
        return -1;
    }
    return 0;
}

/* Whether one of O's inputs is standard input. */
static int reads_stdin(const options_t *o)
{
    for (int i = 0; i < o->n_inputs; i++)
        if (strcmp(o->inputs[i], "-") == 0)
            return 1;
    return 0;
}

/* The combinations that make no sense, reported. */
static int check_combination(const options_t *o)
{
    const char *problem = NULL;

    if (o->action == ACTION_EXTRACT)
        problem = o->db ? "--extract touches no index: leave out --db"
                  : o->rebuild || o->delete_missing
                      ? "--rebuild and --delete-missing need an index, not "
                        "--extract"
                  : o->n_inputs == 0 ? "no input files given" : NULL;
    else if (!o->db)
        problem = "--db DIR is required";
    else if (o->action != ACTION_INDEX && o->n_inputs > 0)
        problem = "--check and --stats take no input files";
    else if (o->action == ACTION_INDEX && o->n_inputs == 0)
        problem = "no input files given";
    else if (o->quiet && o->json)
        problem = "--quiet and --json do not go together";
    else if (o->shards && o->shard_count)
        problem = "--shards N builds every shard; --shard I/N one of them: "
                  "give one or the other";
    else if (o->shards && reads_stdin(o))
        problem = "--shards reads its input once per shard: give files, "
                  "not - (or pipe into one --shard I/N run per shard)";
    else if ((o->shards || o->shard_count) && o->action != ACTION_INDEX)
        problem = "--check and --stats take an index, not --shard or "
                  "--shards: give --db DIR (every shard) or DIR/shard-I";
    else if (o->rebuild && o->delete_missing)
        problem = "--rebuild keeps only what it reads: --delete-missing is "
                  "not needed";
    if (problem)
        report_error(NULL, 0, "%s", problem);
    return problem ? -1 : 0;
}

/* The number of cores, for --threads. */
static unsigned default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

int options_parse(int argc, char **argv, options_t *o)
{
    int i, rc;

    memset(o, 0, sizeof *o);
    o->batch = DEFAULT_BATCH;
    o->memory = DEFAULT_MEMORY;
    o->threads = default_threads();
    o->reader.max_article_bytes = DEFAULT_MAX_ARTICLE_BYTES;
    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if ((rc = parse_one(argc, argv, &i, o)) != 0)
            return rc;
    }
    o->inputs = argv + i;
    o->n_inputs = argc - i;
    return check_combination(o);
}
