/* Entity extraction: finds runs of capitalised words and decides, from
 * the gazetteer and the words around them, whether each names a person,
 * a place or an organisation (docs/ENTITIES.md explains the rules). */
#include "entities.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entity_collect.h"
#include "entity_gazetteer.h"
#include "entity_lexicon.h"

enum { MAX_KEY = 256, MAX_PERSON_WORDS = 5 };

/* Hints that the words around a run give about it. */
enum { HINT_PERSON = 1, HINT_THE = 2 };

typedef struct {
    const entity_gazetteer_t *gaz;
    entity_list_t *list;
    const char *text;
    const entity_token_t *tok;
    const unsigned *lex;
    size_t n;
} ctx_t;

static const char *tok_text(const ctx_t *c, size_t i)
{
    return c->text + c->tok[i].off;
}

static int is_word(const ctx_t *c, size_t i)
{
    return i < c->n && (c->tok[i].flags & TOK_WORD);
}

static int is_cap(const ctx_t *c, size_t i)
{
    unsigned f = is_word(c, i) ? c->tok[i].flags : 0;
    return (f & TOK_CAP) && !(f & (TOK_DIGIT | TOK_CASELESS));
}

/* The place named by tokens [a, b), or NULL. */
static const gaz_place_t *place_at(const ctx_t *c, size_t a, size_t b)
{
    if (!(c->lex[a] & LEX_PLACE_START))
        return NULL;
    char key[MAX_KEY];
    size_t len = 0;
    for (size_t i = a; i < b; i++) {
        if (len + c->tok[i].len * 2 + 2 > sizeof key)
            return NULL;
        if (i > a)
            key[len++] = ' ';
        len += entity_fold(tok_text(c, i), c->tok[i].len, key + len, sizeof key - len);
    }
    const gaz_place_t *p = gazetteer_place(c->gaz, key, len);
    /* "EST" and "CA" in capitals are abbreviations, not the regions of
     * that name; only the country aliases ("US", "UK") are meant so. */
    if (p && p->kind != PLACE_COUNTRY && b == a + 1 &&
        (c->tok[a].flags & TOK_ALLCAPS) && c->tok[a].len <= 3)
        return NULL;
    return p;
}

/* The longest place starting at token a and ending by b: its end, or a. */
static size_t longest_place(const ctx_t *c, size_t a, size_t b, const gaz_place_t **out)
{
    if (!(c->lex[a] & LEX_PLACE_START))
        return a;
    size_t max = c->gaz->max_words;
    for (size_t e = (b - a < max ? b : a + max); e > a; e--) {
        if (!is_word(c, e - 1))
            continue;
        const gaz_place_t *p = place_at(c, a, e);
        if (p) {
            *out = p;
            return e;
        }
    }
    return a;
}

/* A word that can be part of a person's name: capitalised, not a known
 * word of another class, not an ordinary dictionary word, not a place. */
static int name_like(const ctx_t *c, size_t i)
{
    unsigned f = c->lex[i];
    if (!is_cap(c, i) || (c->tok[i].flags & (TOK_ALLCAPS | TOK_DOTS)))
        return 0;
    if (f & ~(LEX_COMMON | LEX_PROPER | LEX_PLACE_START))
        return 0;
    if ((f & LEX_COMMON) && !(f & LEX_PROPER))
        return 0;
    return place_at(c, i, i + 1) == NULL;
}

static int is_acronym(const ctx_t *c, size_t i)
{
    const entity_token_t *t = &c->tok[i];
    if (c->lex[i] & (LEX_NOT_ACRO | LEX_CALENDAR) || (t->flags & TOK_CASELESS))
        return 0;
    if (t->flags & (TOK_ALLCAPS | TOK_DOTS))
        return t->len <= 10;
    /* "MoFA": mostly capitals. */
    size_t upper = 0;
    for (size_t k = 0; k < t->len; k++)
        upper += tok_text(c, i)[k] >= 'A' && tok_text(c, i)[k] <= 'Z';
    return t->len <= 7 && upper >= 2 && upper * 2 >= t->len;
}

static void emit(const ctx_t *c, int kind, size_t a, size_t b, const char *country)
{
    char name[MAX_KEY];
    size_t len = 0;
    for (size_t i = a; i < b && len + c->tok[i].len + 2 < sizeof name; i++) {
        if (i > a)
            name[len++] = ' ';
        memcpy(name + len, tok_text(c, i), c->tok[i].len);
        len += c->tok[i].len;
    }
    candidate_t *cand = collect_add(c->list, kind, name, len, country);
    /* "Ministry of Foreign Affairs (MoFA)": remember the abbreviation. */
    if (cand && kind == ENTITY_ORG && !cand->abbrev && b + 2 < c->n &&
        (c->tok[b].flags & TOK_OPEN) && is_word(c, b + 1) && is_acronym(c, b + 1) &&
        (c->tok[b + 2].flags & TOK_CLOSE)) {
        cand->abbrev = strndup(tok_text(c, b + 1), c->tok[b + 1].len);
        c->list->oom |= cand->abbrev == NULL;
    }
}

/* A region abbreviation after a city and a comma: "PHOENIX, Ariz.",
 * "Newark, N.J.,".  It ends its sentence or clause. */
static const gaz_place_t *region_at(const ctx_t *c, size_t i)
{
    if (i < 2 || i >= c->n || !(c->tok[i - 1].flags & TOK_COMMA) || !is_word(c, i - 2) ||
        !(c->tok[i - 2].flags & TOK_CAP) || !(c->tok[i].flags & TOK_CAP) ||
        c->tok[i].len > 8 || (i + 1 < c->n && is_word(c, i + 1)))
        return NULL;
    char key[32];
    size_t len = 0;
    for (size_t k = 0; k < c->tok[i].len; k++) {
        char ch = tok_text(c, i)[k];
        if (ch != '.')
            key[len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    return gazetteer_region(c->gaz, key, len);
}

/* A place is named as the gazetteer names it ("TOKYO" is Tokyo,
 * "Japanese" is Japan). */
static void emit_place(const ctx_t *c, const gaz_place_t *p)
{
    const char *country = gazetteer_country(c->gaz, p);
    const char *name = p->kind == PLACE_COUNTRY ? country : p->name;
    /* "Cambridge, Mass.": the Cambridge in the United States, not the
     * larger one in England. */
    if (p->kind != PLACE_COUNTRY && c->list->at.country)
        country = c->list->at.country;
    if (!name)
        return;
    collect_add(c->list, ENTITY_PLACE, name, strlen(name), country);
}

static void classify(const ctx_t *c, size_t a, size_t b, unsigned hints);
static int given_name(const ctx_t *c, size_t a, size_t b);
static int all_name_like(const ctx_t *c, size_t a, size_t b);

/* Places inside a run that is not one ("Afghan Foreign", "Bank of
 * Japan"), and the names between them ("Afghanistan Zamir Kabulov"). */
static void scan_places(const ctx_t *c, size_t a, size_t b, int countries_only)
{
    size_t i = a, rest = a;
    while (i < b) {
        const gaz_place_t *p = NULL;
        size_t e = is_cap(c, i) ? longest_place(c, i, b, &p) : i;
        if (e == i) {
            i++;
            continue;
        }
        if (!countries_only && given_name(c, i, b) && b - i <= MAX_PERSON_WORDS &&
            all_name_like(c, i + 1, b)) {
            /* "Exchequer Nigel Lawson" */
            if (rest < i)
                classify(c, rest, i, 0);
            emit(c, ENTITY_PERSON, i, b, NULL);
            return;
        }
        if (!countries_only || p->kind == PLACE_COUNTRY) {
            if (rest < i)
                classify(c, rest, i, 0);
            emit_place(c, p);
            rest = e;
        }
        i = e;
    }
    if (rest > a && rest < b)
        classify(c, rest, b, 0);
}

static size_t last_with(const ctx_t *c, size_t a, size_t b, unsigned flag)
{
    for (size_t i = b; i > a; i--)
        if ((c->lex[i - 1] & flag) && is_cap(c, i - 1))
            return i - 1;
    return b;
}

/* Splits "Russian Special Envoy for Afghanistan Zamir Kabulov" at its last
 * role word: the words after are the person (or, after "of"/"for", what
 * the role is for), the words before say whose role it is. */
static int split_role(const ctx_t *c, size_t a, size_t b)
{
    size_t k = last_with(c, a, b, LEX_ROLE);
    if (k == b || k + 1 >= b || (c->lex[k] & LEX_ORG))
        return 0;
    classify(c, a, k, 0);
    if (c->lex[k + 1] & LEX_CONNECT)
        classify(c, k + 2, b, 0);
    else
        classify(c, k + 1, b, HINT_PERSON);
    return 1;
}

/* How many name-like words end [a, b). */
static size_t name_suffix(const ctx_t *c, size_t a, size_t b)
{
    size_t n = 0;
    while (b - n > a && name_like(c, b - n - 1))
        n++;
    return n;
}

static int classify_org(const ctx_t *c, size_t a, size_t b)
{
    size_t k = last_with(c, a, b, LEX_ORG);
    if (k == b)
        return 0;
    size_t tail = name_suffix(c, k + 1, b);
    if (tail >= 2 && tail <= MAX_PERSON_WORDS) {
        /* "State Ministry for Peace Affairs Sayed Saadat Mansoor Naderi" */
        emit(c, ENTITY_PERSON, b - tail, b, NULL);
        b -= tail;
    }
    while (b > a && (c->lex[b - 1] & (LEX_CONNECT | LEX_STOP)))
        b--;
    emit(c, ENTITY_ORG, a, b, NULL);
    int outer = c->list->at.in_org;
    c->list->at.in_org = 1;
    scan_places(c, a, b, 1);
    c->list->at.in_org = outer;
    return 1;
}

/* Is the run the subject or object of a speech verb ("Atmar said",
 * "said Assadullah Saadati,")? */
static int speaks(const ctx_t *c, size_t a, size_t b)
{
    /* Not after a preposition: "with Sputnik said" is an interview. */
    int after_preposition = a > 0 && is_word(c, a - 1) && (c->lex[a - 1] & LEX_STOP) &&
                            !(c->tok[a - 1].flags & TOK_CAP) && !(c->lex[a - 1] & LEX_SPEECH);
    if (b < c->n && (c->lex[b] & LEX_SPEECH) && !(c->tok[b].flags & TOK_CAP) &&
        !after_preposition)
        return 1;
    return a > 0 && (c->lex[a - 1] & LEX_SPEECH) &&
           (b >= c->n || (c->tok[b].flags & (TOK_COMMA | TOK_STOP)));
}

static int all_name_like(const ctx_t *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!name_like(c, i) && !(i > a && i + 1 < b && (c->lex[i] & LEX_CONNECT) &&
                                  !(c->tok[i].flags & TOK_CAP)))
            return 0;
    return 1;
}

/* A city that is also a given name, before a surname: "David Mulford",
 * "Nigel Lawson" (the word list has it capitalised, as a name). */
static int given_name(const ctx_t *c, size_t a, size_t b)
{
    if (b - a < 2 || !(c->lex[a] & LEX_PROPER) || (c->tok[a].flags & (TOK_ALLCAPS | TOK_DOTS)))
        return 0;
    const gaz_place_t *p = place_at(c, a, a + 1);
    return p && p->kind == PLACE_CITY;
}

static int classify_person(const ctx_t *c, size_t a, size_t b, unsigned hints)
{
    size_t words = b - a;
    if (words > MAX_PERSON_WORDS ||
        !all_name_like(c, a + given_name(c, a, b), b))
        return 0;
    int hinted = (hints & HINT_PERSON) || speaks(c, a, b);
    if (!hinted && words < 2)
        return 0;
    emit(c, ENTITY_PERSON, a, b, NULL);
    return 1;
}

/* Does the ordinary word at a open the name of an organisation that runs
 * on without a break to b ("International Coffee Organization", "National
 * Westminster Bank")?  Then it is capitalised for the name, not only for
 * starting the sentence; "Shares of Acme Inc" is not such a name. */
static int opens_org_name(const ctx_t *c, size_t a, size_t b)
{
    if (a + 2 > b || !is_cap(c, a + 1))
        return 0;
    for (size_t i = a + 1; i < b; i++) {
        if (!is_cap(c, i))
            return 0;
        if (c->lex[i] & LEX_ORG)
            return 1;
    }
    return 0;
}

/* Drops the words at the edges of a run that are not part of a name:
 * "The", months, a common word that is capitalised only because it
 * starts the sentence. */
static void trim(const ctx_t *c, size_t *a, size_t *b, unsigned *hints)
{
    while (*a < *b) {
        unsigned f = c->lex[*a];
        if (f & LEX_HONORIFIC)
            *hints |= HINT_PERSON;
        else if (f & LEX_STOP && c->tok[*a].len == 3 && (f & LEX_STOP))
            *hints |= strncmp(tok_text(c, *a), "The", 3) == 0 ? HINT_THE : 0;
        const gaz_place_t *p = NULL;
        int sentence_word = (c->tok[*a].flags & TOK_SENT) && (f & LEX_COMMON) &&
                            !(f & LEX_PROPER) && longest_place(c, *a, *b, &p) == *a &&
                            !(f & (LEX_ORG | LEX_ROLE | LEX_ROLE_MOD)) &&
                            !opens_org_name(c, *a, *b);
        if (!(f & (LEX_HONORIFIC | LEX_STOP | LEX_CALENDAR | LEX_CONNECT)) &&
            !sentence_word)
            break;
        (*a)++;
    }
    while (*b > *a && (c->lex[*b - 1] & (LEX_STOP | LEX_CALENDAR | LEX_CONNECT |
                                         LEX_ROLE_MOD | LEX_HONORIFIC)))
        (*b)--;
}

static void classify(const ctx_t *c, size_t a, size_t b, unsigned hints)
{
    trim(c, &a, &b, &hints);
    if (a >= b)
        return;
    const gaz_place_t *p = place_at(c, a, b);
    if (p) {
        emit_place(c, p);
        return;
    }
    if (split_role(c, a, b) || classify_org(c, a, b))
        return;
    if (b - a == 1 && is_acronym(c, a)) {
        emit(c, ENTITY_ORG, a, b, NULL);
        return;
    }
    /* "the Taliban", "the Kremlin": a person is seldom "the" anyone. */
    if ((hints & HINT_THE) && all_name_like(c, a, b)) {
        emit(c, ENTITY_ORG, a, b, NULL);
        return;
    }
    if (classify_person(c, a, b, hints))
        return;
    if (b - a > 1) {
        scan_places(c, a, b, 0);
        return;
    }
    if (name_like(c, a))
        emit(c, ENTITY_UNKNOWN, a, b, NULL);
}

/* Where the run of capitalised words starting at a ends: "of", "for" and
 * the like join capitalised words, "and" only inside an organisation's
 * name; a possessive ends the run. */
static size_t run_end(const ctx_t *c, size_t a)
{
    size_t b = a + 1;
    int org = (c->lex[a] & LEX_ORG) != 0;
    while (b < c->n && !(c->tok[b - 1].flags & TOK_POSS)) {
        if (is_cap(c, b)) {
            org |= (c->lex[b] & LEX_ORG) != 0;
            b++;
            continue;
        }
        int joins = is_word(c, b) && (c->lex[b] & LEX_CONNECT) && is_cap(c, b + 1) &&
                    !(c->tok[b].flags & TOK_CAP);
        if (joins && c->tok[b].len == 3 && strncmp(tok_text(c, b), "and", 3) == 0)
            joins = org;
        if (!joins)
            break;
        b++;
    }
    return b;
}

/* Hints from the word before a run: "the Taliban", "envoy Zamir". */
static unsigned hints_before(const ctx_t *c, size_t a)
{
    if (a == 0 || !is_word(c, a - 1) || (c->tok[a - 1].flags & TOK_CAP))
        return 0;
    unsigned f = c->lex[a - 1];
    if (c->tok[a - 1].len == 3 && strncmp(tok_text(c, a - 1), "the", 3) == 0)
        return HINT_THE;
    return (f & (LEX_ROLE | LEX_HONORIFIC)) ? HINT_PERSON : 0;
}

/* In text written all in capitals only places are recognised. */
static size_t scan_caseless(const ctx_t *c, size_t a)
{
    size_t b = a;
    while (b < c->n && (c->tok[b].flags & TOK_CASELESS))
        b++;
    for (size_t i = a; i < b; i++) {
        const gaz_place_t *p = NULL;
        size_t e = is_word(c, i) ? longest_place(c, i, b, &p) : i;
        if (e > i && p->kind == PLACE_COUNTRY) {
            emit_place(c, p);
            i = e - 1;
        }
    }
    return b;
}

/* Is the run [a, b) the dateline that opens the body ("TOKYO, March 3
 * -", "KABUL (Reuters) -")? */
static int is_dateline(const ctx_t *c, size_t b)
{
    return b < c->n && (c->tok[b].flags & (TOK_COMMA | TOK_STOP | TOK_OPEN)) &&
           !(c->tok[b].flags & TOK_PARA);
}

/* The country of a region that follows the run ending at b after a comma
 * and ends its clause: "Cambridge, Mass.", "Cambridge, Massachusetts,".
 * NULL when there is none. */
static const char *region_after(const ctx_t *c, size_t b)
{
    if (b + 1 >= c->n || !(c->tok[b].flags & TOK_COMMA))
        return NULL;
    const gaz_place_t *p = region_at(c, b + 1);
    if (!p && is_cap(c, b + 1)) {
        size_t e = longest_place(c, b + 1, c->n, &p);
        if (e == b + 1 || p->kind != PLACE_SUBDIVISION || (e < c->n && is_word(c, e)))
            p = NULL;
    }
    return p ? gazetteer_country(c->gaz, p) : NULL;
}

/* Where the scan stands: in the headline, or in which body paragraph. */
typedef struct {
    size_t first_body;    /* index of the body's first word, or SIZE_MAX */
    unsigned para;
} position_t;

static void locate(const ctx_t *c, position_t *pos, size_t i)
{
    mention_t *at = &c->list->at;
    if (c->tok[i].flags & TOK_TITLE) {
        at->where = ENTITY_IN_TITLE;
        return;
    }
    at->where = pos->para == 0 ? ENTITY_IN_LEAD : 0;
}

static void scan(const ctx_t *c)
{
    size_t i = 0;
    position_t pos = {SIZE_MAX, 0};
    while (i < c->n) {
        if (c->tok[i].flags & TOK_PARA) {
            pos.para += pos.first_body != SIZE_MAX;
            i++;
            continue;
        }
        if (pos.first_body == SIZE_MAX && is_word(c, i) && !(c->tok[i].flags & TOK_TITLE))
            pos.first_body = i;
        if (c->tok[i].flags & TOK_CASELESS) {
            locate(c, &pos, i);
            i = scan_caseless(c, i);
            continue;
        }
        if (!is_cap(c, i)) {
            i++;
            continue;
        }
        locate(c, &pos, i);
        const gaz_place_t *region = region_at(c, i);
        if (region) {
            emit_place(c, region);
            i++;
            continue;
        }
        size_t b = run_end(c, i);
        if (i == pos.first_body && is_dateline(c, b))
            c->list->at.where |= ENTITY_IN_DATELINE;
        c->list->at.country = region_after(c, b);
        classify(c, i, b, hints_before(c, i));
        c->list->at.country = NULL;
        i = b;
    }
}

/* Copies title and body into one buffer so tokens share offsets. */
static int prepare(entity_list_t *list, const char *title, const char *body)
{
    size_t tl = title ? strlen(title) : 0, bl = body ? strlen(body) : 0;
    if (tl + bl + 1 > UINT32_MAX)
        return -1;
    if (list->textcap < tl + bl + 1) {
        char *t = realloc(list->text, tl + bl + 1);
        if (!t)
            return -1;
        list->text = t;
        list->textcap = tl + bl + 1;
    }
    memcpy(list->text, title ? title : "", tl);
    memcpy(list->text + tl, body ? body : "", bl);
    list->text[tl + bl] = '\0';
    list->toks.count = 0;
    if (entity_tokenize(&list->toks, list->text, tl, 0, 1) != 0 ||
        entity_tokenize(&list->toks, list->text + tl, bl, (uint32_t)tl, 0) != 0)
        return -1;
    return 0;
}

static int look_up_words(entity_list_t *list, const entity_gazetteer_t *gaz)
{
    size_t n = list->toks.count;
    if (list->lexcap < n) {
        unsigned *p = realloc(list->lex, n * sizeof *p);
        if (!p)
            return -1;
        list->lex = p;
        list->lexcap = n;
    }
    for (size_t i = 0; i < n; i++) {
        const entity_token_t *t = &list->toks.tok[i];
        char key[MAX_KEY];
        size_t len = entity_fold(list->text + t->off, t->len, key, sizeof key);
        list->lex[i] = (t->flags & TOK_WORD) ? gazetteer_word(gaz, key, len) : 0;
    }
    return 0;
}

int entities_extract(const entity_gazetteer_t *gaz, const char *title,
                     const char *body, entity_list_t *out)
{
    collect_reset(out);
    if (prepare(out, title, body) != 0 || look_up_words(out, gaz) != 0)
        return -1;
    ctx_t c = {gaz, out, out->text, out->toks.tok, out->lex, out->toks.count};
    scan(&c);
    if (collect_finish(out) != 0) {
        collect_reset(out);
        return -1;
    }
    return 0;
}

const char *entity_kind_to_string(entity_kind_t kind)
{
    switch (kind) {
    case ENTITY_PERSON: return "person";
    case ENTITY_PLACE: return "place";
    case ENTITY_ORG: return "organisation";
    default: return "unknown";
    }
}
