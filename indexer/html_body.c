/* html_body.c - finding an HTML page's article text.
 *
 * After Readability (Arc90; Mozilla's Readability.js): every paragraph of
 * enough text scores its container (1, a point per comma, a point per 100
 * characters up to 3) and, less, the containers above it; containers start
 * from what their tag and class say (html_hints.h); a container's score is
 * discounted by the share of its text that is links.  The best container,
 * with the siblings that score nearly as well, holds the article.  Its text
 * is then taken block by block, leaving out the blocks and sub-containers
 * that are furniture by their looks: mostly links, form controls, or empty
 * but for media. */
#include "html_body.h"
#include "html_hints.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* What the first pass learns about each element. */
typedef struct {
    double score;       /* Readability's content score */
    size_t text;        /* characters of visible text below it */
    size_t own;         /* of them outside its block children */
    size_t links;       /* of them inside links */
    unsigned commas, paragraphs, items, images, inputs, embeds;
    int weight;         /* html_class_weight() */
    unsigned char hard, unlikely;   /* html_is_furniture(), _unlikely() */
    unsigned char furniture, candidate;
    unsigned char mixed;    /* has block children besides <br> and <hr> */
} info_t;

enum {
    PARAGRAPH_MIN_CHARS = 25,
    ANCESTOR_LEVELS = 5,
    CLEAN_MAX_COMMAS = 10,
    RETRY_BELOW_CHARS = 500,
};

static info_t *info(const xmlNode *node)
{
    return node && node->type == XML_ELEMENT_NODE ? node->_private : NULL;
}

static size_t count_elements(const xmlNode *node)
{
    size_t n = 0;
    for (; node; node = node->next)
        if (node->type == XML_ELEMENT_NODE)
            n += 1 + count_elements(node->children);
    return n;
}

static void attach(xmlNode *node, info_t *infos, size_t *next)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        info_t *in = &infos[(*next)++];
        node->_private = in;
        in->hard = (unsigned char)html_is_furniture(node);
        in->unlikely = !in->hard && html_is_unlikely(node);
        in->weight = in->hard ? 0 : html_class_weight(node);
        attach(node->children, infos, next);
    }
}

/* The length of TEXT in characters as a reader sees it: code points, with
 * each run of white space counted once. */
static size_t visible_chars(const char *text, unsigned *commas)
{
    size_t n = 0;
    int space = 1;

    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        int is_space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
        if ((*p & 0xc0) == 0x80)
            continue;
        if (!is_space || !space)
            n++;
        space = is_space;
        /* The comma in Latin, Arabic-script and CJK text. */
        if (*p == ',' || (p[0] == 0xd8 && p[1] == 0x8c) ||
            (p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8c) ||
            (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x81))
            (*commas)++;
    }
    return n;
}

static void count_tag(const xmlNode *node, info_t *in)
{
    if (html_is(node, "p"))
        in->paragraphs++;
    else if (html_is(node, "li"))
        in->items++;
    else if (html_is(node, "img"))
        in->images++;
    else if (html_is(node, "input") || html_is(node, "select") ||
             html_is(node, "textarea") || html_is(node, "button"))
        in->inputs++;
    else if (html_is(node, "iframe") || html_is(node, "video") ||
             html_is(node, "embed") || html_is(node, "object"))
        in->embeds++;
}

static void add_child(info_t *in, const info_t *c, const xmlNode *child,
                      int block)
{
    in->paragraphs += c->paragraphs;
    in->items += c->items;
    in->images += c->images;
    in->inputs += c->inputs;
    in->embeds += c->embeds;
    if (c->furniture)
        return;
    in->text += c->text;
    in->links += html_is(child, "a") ? c->text : c->links;
    in->commas += c->commas;
    if (!block)
        in->own += c->text;
}

/* The first pass: furniture, text lengths and tag counts, bottom up.
 * STRICT counts the elements whose class names furniture as furniture. */
static void measure(xmlNode *node, int in_furniture, int strict)
{
    info_t *in = info(node);
    int weight = in->weight;
    unsigned char hard = in->hard, unlikely = in->unlikely;
    unsigned runs = 0, run = 0;
    size_t shown;

    memset(in, 0, sizeof *in);
    in->weight = weight;
    in->hard = hard;
    in->unlikely = unlikely;
    in->furniture = in_furniture || hard || (strict && unlikely);
    for (xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            size_t n = c->content ? visible_chars((const char *)c->content,
                                                  &in->commas)
                                  : 0;
            in->text += n;
            in->own += n;
            runs += n && !run;
            run = run || n;
        } else if (c->type == XML_ELEMENT_NODE) {
            int block = html_is_block(c);
            measure(c, in->furniture, strict);
            count_tag(c, in);
            in->mixed |= block && !html_is(c, "br") && !html_is(c, "hr");
            add_child(in, info(c), c, block);
            shown = info(c)->furniture ? 0 : info(c)->text;
            runs += !block && shown && !run;
            run = block ? 0 : run || shown;
        }
    }
    /* Runs of text between blocks and <br>s, written straight into a
     * container, are paragraphs too (Readability wraps them in <p>): a
     * post written so is not taken for a gallery by its photos. */
    if (html_is(node, "div") || html_is(node, "section") ||
        html_is(node, "article"))
        in->paragraphs += runs;
}

static double link_density(const info_t *in)
{
    return in->text ? (double)in->links / (double)in->text : 0;
}

/* Readability's starting score of a container, from its tag and class. */
static void make_candidate(const xmlNode *node, info_t *in)
{
    static const struct {
        const char *tag;
        int score;
    } tags[] = {
        {"div", 5}, {"article", 10}, {"main", 5}, {"pre", 3}, {"td", 3},
        {"blockquote", 3}, {"address", -3}, {"ol", -3}, {"ul", -3},
        {"dl", -3}, {"dd", -3}, {"dt", -3}, {"li", -3}, {"form", -3},
        {"h1", -5}, {"h2", -5}, {"h3", -5}, {"h4", -5}, {"h5", -5},
        {"h6", -5}, {"th", -5},
    };

    if (in->candidate)
        return;
    in->candidate = 1;
    in->score = in->weight;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (html_is(node, tags[i].tag))
            in->score += tags[i].score;
}

/* Text written straight into a container, lines apart with <br>: the
 * paragraphs Readability makes by wrapping such text in <p>. */
static int is_loose_text(const xmlNode *node, const info_t *in)
{
    return (html_is(node, "div") || html_is(node, "section") ||
            html_is(node, "article")) &&
           in->own >= PARAGRAPH_MIN_CHARS;
}

static int is_paragraph(const xmlNode *node, const info_t *in)
{
    return html_is(node, "p") || html_is(node, "pre") ||
           html_is(node, "td") || is_loose_text(node, in);
}

/* Gives each paragraph's score to the containers above it: all of it to
 * its parent, half to the grandparent, a third of the level above that... */
static void score_paragraph(xmlNode *node, const info_t *in)
{
    size_t chars = html_is(node, "p") || html_is(node, "pre") ? in->text
                                                              : in->own;
    double score = 1 + in->commas + (chars / 100 < 3 ? chars / 100 : 3);
    /* Loose text beside other blocks is wrapped in <p> by Readability: a
     * paragraph inside its container, which gets the whole score.  A
     * container of nothing but text is itself the paragraph. */
    xmlNode *up = in->mixed && is_loose_text(node, in) ? node : node->parent;

    for (int level = 0; up && info(up) && level < ANCESTOR_LEVELS;
         level++, up = up->parent) {
        info_t *u = info(up);
        make_candidate(up, u);
        u->score += level == 0   ? score
                    : level == 1 ? score / 2
                                 : score / (level * 3);
    }
}

static void score_all(xmlNode *node)
{
    for (; node; node = node->next) {
        info_t *in = info(node);
        if (!in || in->furniture)
            continue;
        if (in->text >= PARAGRAPH_MIN_CHARS && is_paragraph(node, in))
            score_paragraph(node, in);
        score_all(node->children);
    }
}

static void best_candidate(xmlNode *node, xmlNode **best, double *best_score)
{
    for (; node; node = node->next) {
        info_t *in = info(node);
        if (!in || in->furniture)
            continue;
        if (in->candidate) {
            double s = in->score * (1 - link_density(in));
            if (!*best || s > *best_score) {
                *best = node;
                *best_score = s;
            }
        }
        best_candidate(node->children, best, best_score);
    }
}

static double final_score(const xmlNode *node)
{
    const info_t *in = info(node);
    return in && in->candidate ? in->score * (1 - link_density(in)) : 0;
}

/* Readability's climb: a parent that scores better than the best, while
 * the scores stay above a third of it, is the better container (the best
 * was one of the article's sections); an only child gives way to its
 * parent. */
static xmlNode *climb(xmlNode *top)
{
    double last = final_score(top), floor = last / 3;

    for (xmlNode *up = top->parent; up && info(up) && !html_is(up, "body");
         up = up->parent) {
        double s = final_score(up);
        if (!info(up)->candidate)
            continue;
        if (s < floor)
            break;
        if (s > last) {
            top = up;
            break;
        }
        last = s;
    }
    while (top->parent && info(top->parent) && !html_is(top->parent, "body") &&
           xmlChildElementCount(top->parent) == 1)
        top = top->parent;
    return top;
}

/* A <div> or <section> around one paragraph and nothing else: some
 * pages wrap each paragraph of the article ("firstPar", "secondPar"), and
 * such a sibling reads as the paragraph it holds, unless its class names
 * furniture ("cookie-notice"), which the retry without class furniture
 * must not let in. */
static int is_paragraph_wrapper(const xmlNode *node, const info_t *in)
{
    return (html_is(node, "div") || html_is(node, "section")) &&
           !in->unlikely && in->paragraphs == 1 && in->own == 0 &&
           in->items == 0 && in->images == 0 && in->inputs == 0 &&
           in->embeds == 0;
}

/* Whether a sibling of the best container belongs to the article too. */
static int is_good_sibling(const xmlNode *sib, const xmlNode *top)
{
    double top_score = final_score(top), threshold = top_score * 0.2;
    const info_t *in = info(sib);
    xmlChar *a, *b;
    char *text;
    int good;

    if (!in || in->furniture)
        return 0;
    if (threshold < 10)
        threshold = 10;
    a = xmlGetProp((xmlNode *)sib, (const xmlChar *)"class");
    b = xmlGetProp((xmlNode *)top, (const xmlChar *)"class");
    if (a && b && *a && strcmp((char *)a, (char *)b) == 0)
        threshold -= top_score * 0.2;
    xmlFree(a);
    xmlFree(b);
    if (in->candidate && final_score(sib) >= threshold)
        return 1;
    if (!(html_is(sib, "p") || is_paragraph_wrapper(sib, in)) ||
        in->text == 0)
        return 0;
    if (in->text > 80)
        return link_density(in) < 0.25;
    text = (char *)xmlNodeGetContent((xmlNode *)sib);
    good = in->links == 0 && text && text_ends_sentence(text);
    xmlFree(text);
    return good;
}

/* Readability's conditional cleaning: a container inside the article that
 * is furniture by its looks rather than its name. */
static int is_junk_container(const xmlNode *node)
{
    static const char *const cleaned[] = {"div", "section", "ul", "ol",
                                          "table", "form", "fieldset", NULL};
    const info_t *in = info(node);
    int weight, list;
    double ld;

    int cleanable = 0;
    for (const char *const *t = cleaned; *t; t++)
        cleanable |= html_is(node, *t);
    if (!cleanable)
        return 0;
    weight = in->weight;
    if (weight + (in->candidate ? in->score : 0) < 0)
        return 1;
    if (in->commas >= CLEAN_MAX_COMMAS)
        return 0;
    ld = link_density(in);
    list = html_is(node, "ul") || html_is(node, "ol");
    if (in->inputs > in->paragraphs / 3)
        return 1;
    if (in->embeds > 0 && in->text < 75)
        return 1;
    if (list)
        return ld > 0.5;
    if (in->images > 1 && in->paragraphs * 2 < in->images)
        return 1;
    return (weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5);
}

/* The text blocks of the article, as they are gathered. */
typedef struct {
    strbuf_t buf;
    size_t links;              /* characters of BUF inside links */
    const xmlNode *owner;      /* the block element BUF's text is in */
    paragraphs_t *body;
    int oom;
} gather_t;

static int starts_with_by(const char *s)
{
    return strncmp(s, "By ", 3) == 0 || strncmp(s, "BY ", 3) == 0;
}

/* Whether a block of text is article text by its looks. */
static int keep_block(const gather_t *g, const char *text)
{
    unsigned commas = 0;
    size_t chars = visible_chars(text, &commas);

    if (chars == 0 || html_is(g->owner, "h1"))
        return 0;
    if (g->links * 2 > chars)
        return 0;
    /* "By Jane Doe and John Roe, Reuters": the byline, stored apart. */
    if (starts_with_by(text) && text_word_count(text) <= 10 &&
        !text_ends_sentence(text))
        return 0;
    return 1;
}

static void flush(gather_t *g)
{
    char *text;

    if (g->oom || g->buf.len == 0)
        return;
    text = text_squeeze(g->buf.data, g->buf.len);
    if (!text || (keep_block(g, text) &&
                  paragraphs_add(g->body, text, strlen(text)) < 0))
        g->oom = 1;
    free(text);
    g->buf.len = 0;
    g->links = 0;
}

static void append_text(gather_t *g, const char *s, int in_link)
{
    unsigned commas = 0;

    if (strbuf_append_str(&g->buf, s) < 0)
        g->oom = 1;
    if (in_link)
        g->links += visible_chars(s, &commas);
}

static void gather(gather_t *g, const xmlNode *node, int in_link)
{
    for (const xmlNode *c = node->children; c && !g->oom; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                append_text(g, (const char *)c->content, in_link);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || info(c)->furniture)
            continue;
        if (!html_is_block(c)) {
            gather(g, c, in_link || html_is(c, "a"));
            continue;
        }
        /* A table row reads as one line, its cells apart: cell by cell,
         * a table of figures would be a column of numbers, and the
         * repeats among them dropped. */
        if (html_is(c, "td") || html_is(c, "th")) {
            append_text(g, " ", 0);
            gather(g, c, in_link);
            append_text(g, " ", 0);
            continue;
        }
        flush(g);
        if (is_junk_container(c))
            continue;
        const xmlNode *owner = g->owner;
        g->owner = c;
        gather(g, c, in_link);
        flush(g);
        g->owner = owner;
    }
}

static int gather_node(paragraphs_t *body, const xmlNode *node)
{
    gather_t g = {{0}, 0, node, body, 0};

    gather(&g, node, 0);
    flush(&g);
    strbuf_free(&g.buf);
    return g.oom ? -1 : 0;
}

/* Without a container that stands out: every paragraph that is not
 * furniture, inside <article> when ONLY_ARTICLE. */
static int gather_paragraphs(paragraphs_t *body, const xmlNode *node,
                             int only_article)
{
    for (; node; node = node->next) {
        const info_t *in = info(node);
        if (!in || in->furniture)
            continue;
        if (html_is(node, "p") && !only_article) {
            if (gather_node(body, node) < 0)
                return -1;
        } else if (gather_paragraphs(body, node->children,
                                     only_article && !html_is(node, "article")) < 0) {
            return -1;
        }
    }
    return 0;
}

/* The paragraphs of the page's <article> elements, else of the page. */
static int gather_fallback(paragraphs_t *body, const xmlNode *root,
                           const char **rule)
{
    *rule = "html-article-paragraphs";
    if (gather_paragraphs(body, root, 1) < 0)
        return -1;
    if (body->count > 0)
        return 0;
    *rule = "html-paragraphs";
    return gather_paragraphs(body, root, 0);
}

static int gather_article(paragraphs_t *body, xmlNode *top)
{
    xmlNode *parent = top->parent;

    if (!parent || !info(parent))
        return gather_node(body, top);
    for (xmlNode *s = parent->children; s; s = s->next) {
        if (s != top && !is_good_sibling(s, top))
            continue;
        if (gather_node(body, s) < 0)
            return -1;
    }
    return 0;
}

static size_t total_chars(const paragraphs_t *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->count; i++)
        n += strlen(p->items[i]);
    return n;
}

/* One try at the article: STRICT leaves out what class names call
 * furniture. */
static int find_article(xmlNode *root, int strict, paragraphs_t *body,
                        const char **rule)
{
    xmlNode *top = NULL;
    double top_score = 0;
    int rc;

    measure(root, 0, strict);
    score_all(root);
    best_candidate(root, &top, &top_score);
    if (!top)
        return gather_fallback(body, root, rule);
    *rule = strict ? "html-content" : "html-content-relaxed";
    rc = gather_article(body, climb(top));
    if (rc == 0 && body->count == 0)
        rc = gather_fallback(body, root, rule);
    return rc;
}

int html_body_extract(xmlNode *root, paragraphs_t *body, const char **rule)
{
    size_t n = count_elements(root), next = 0;
    paragraphs_t relaxed = {0};
    const char *relaxed_rule;
    info_t *infos;
    int rc;

    *rule = "html-paragraphs";
    if (!root)
        return 0;
    if (!(infos = calloc(n, sizeof *infos)))
        return -1;
    attach(root, infos, &next);
    rc = find_article(root, 1, body, rule);
    /* As Readability does: when so little is left, the page named its
     * wrappers like furniture; try again trusting only tags. */
    if (rc == 0 && total_chars(body) < RETRY_BELOW_CHARS) {
        rc = find_article(root, 0, &relaxed, &relaxed_rule);
        if (rc == 0 && total_chars(&relaxed) > total_chars(body)) {
            paragraphs_free(body);
            *body = relaxed;
            *rule = relaxed_rule;
        } else {
            paragraphs_free(&relaxed);
        }
    }
    free(infos);
    return rc;
}
