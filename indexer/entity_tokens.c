/* Tokenizer for the entity extractor (see entity_tokens.h). */
#include "entity_tokens.h"

#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 sequence at s (n bytes left); *width gets its length.
 * Bad bytes decode as themselves, one byte wide: the input is meant to be
 * valid already, and this keeps the scan moving if it is not. */
static uint32_t decode(const unsigned char *s, size_t n, size_t *width)
{
    unsigned c = s[0];
    size_t w = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (w > n)
        w = 1;
    uint32_t cp = w == 1 ? c : w == 2 ? c & 0x1F : w == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < w; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *width = 1;
            return c;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *width = w;
    return cp;
}

static int is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F)
        return cp % 2 == 0;
    return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

static int is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    if (cp >= 0x100 && cp <= 0x17F)
        return cp % 2 == 1;
    return (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F);
}

/* Letters of any script count, so names in other alphabets stay whole;
 * only the punctuation blocks are excluded. */
static int is_alnum(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    return !(cp >= 0x2000 && cp <= 0x206F) && !(cp >= 0x3000 && cp <= 0x303F) &&
           !(cp >= 0xFE30 && cp <= 0xFE4F) && cp != 0xFEFF;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

static int push(entity_tokens_t *toks, uint32_t off, size_t len, unsigned flags)
{
    if (toks->count == toks->cap) {
        size_t cap = toks->cap ? toks->cap * 2 : 256;
        entity_token_t *t = realloc(toks->tok, cap * sizeof *t);
        if (!t)
            return -1;
        toks->tok = t;
        toks->cap = cap;
    }
    entity_token_t *t = &toks->tok[toks->count++];
    t->off = off;
    t->len = len > UINT16_MAX ? UINT16_MAX : (uint16_t)len;
    t->flags = (uint16_t)flags;
    return 0;
}

typedef struct {
    size_t end;       /* bytes of the word, possessive included */
    size_t len;       /* bytes kept */
    unsigned flags;
} word_t;

/* Scans one word from s: letters and digits, joined by inner apostrophes,
 * hyphens and the dots of "U.S."; a final 's is cut as a possessive. */
static word_t scan_word(const unsigned char *s, size_t n)
{
    word_t w = {0, 0, TOK_WORD};
    size_t i = 0, upper = 0, lower = 0, letters_since_dot = 0, dots = 0;
    int first = 1;
    while (i < n) {
        size_t cw;
        uint32_t cp = decode(s + i, n - i, &cw);
        if (is_alnum(cp)) {
            if (first && is_upper(cp))
                w.flags |= TOK_CAP;
            if (first && cp >= '0' && cp <= '9')
                w.flags |= TOK_DIGIT;
            upper += is_upper(cp);
            lower += is_lower(cp);
            letters_since_dot++;
            first = 0;
            i += cw;
            continue;
        }
        size_t nw = 0;
        uint32_t next = i + cw < n ? decode(s + i + cw, n - i - cw, &nw) : 0;
        if (cp == '.' && letters_since_dot == 1 && (is_alnum(next) || dots > 0)) {
            /* "U.S." and "U.N.": keep the dot, and the last one too. */
            dots++;
            letters_since_dot = 0;
            i += cw;
            if (!is_alnum(next))
                break;
            continue;
        }
        if ((is_apostrophe(cp) || cp == '-' || cp == '&') && is_alnum(next)) {
            if (is_apostrophe(cp) && (next == 's' || next == 'S') &&
                (i + cw + 1 >= n || !is_alnum(s[i + cw + 1]))) {
                w.len = i;
                w.end = i + cw + 1;
                w.flags |= TOK_POSS;
                goto done;
            }
            letters_since_dot = 0;
            i += cw;
            continue;
        }
        break;
    }
    w.len = w.end = i;
done:
    if (dots > 0)
        w.flags |= TOK_DOTS;
    if (upper >= 2 && lower == 0)
        w.flags |= TOK_ALLCAPS;
    return w;
}

/* Abbreviations whose dot does not end a sentence: initials ("W."),
 * titles and company suffixes. */
static int dot_is_abbrev(const char *s, size_t len)
{
    static const char *const abbrevs[] = {
        "Mr", "Mrs", "Ms", "Dr", "St", "Co", "Inc", "Corp", "Ltd", "Gen", "Sen",
        "Rep", "Col", "Lt", "Gov", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov",
        "Dec", "No", "Jr", "Sr", "Prof", "vs", "Bros", NULL
    };
    if (len == 1 && s[0] >= 'A' && s[0] <= 'Z')
        return 1;
    for (size_t i = 0; abbrevs[i]; i++)
        if (strlen(abbrevs[i]) == len && memcmp(abbrevs[i], s, len) == 0)
            return 1;
    return 0;
}

/* Marks paragraphs written all in capitals (wire headlines, tables), in
 * which capitals say nothing about names. */
static void mark_caseless(entity_tokens_t *toks, size_t from)
{
    size_t start = from;
    for (size_t i = from; i <= toks->count; i++) {
        if (i < toks->count && !(toks->tok[i].flags & TOK_PARA))
            continue;
        size_t words = 0, caps = 0;
        for (size_t j = start; j < i; j++) {
            unsigned f = toks->tok[j].flags;
            if ((f & TOK_WORD) && !(f & TOK_DIGIT)) {
                words++;
                caps += (f & TOK_ALLCAPS) || ((f & TOK_CAP) && toks->tok[j].len == 1);
            }
        }
        if (words >= 2 && caps * 10 >= words * 8)
            for (size_t j = start; j < i; j++)
                toks->tok[j].flags |= TOK_CASELESS;
        start = i + 1;
    }
}

static unsigned punct_flags(uint32_t cp)
{
    switch (cp) {
    case '.': case '!': case '?': case ':': case ';': case 0x2026:
        return TOK_STOP;
    case ',': return TOK_COMMA;
    case '(': case '[': return TOK_OPEN;
    case ')': case ']': return TOK_CLOSE;
    case '-': case 0x2013: case 0x2014: return TOK_STOP;
    default: return 0;
    }
}

int entity_tokenize(entity_tokens_t *toks, const char *text, size_t len,
                    uint32_t base, int title)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t first = toks->count, i = 0;
    unsigned extra = title ? TOK_TITLE : 0;
    int sentence = 1, newlines = 0;
    if (toks->count && push(toks, base, 0, TOK_PARA | TOK_STOP) != 0)
        return -1;
    while (i < len) {
        size_t cw;
        uint32_t cp = decode(s + i, len - i, &cw);
        if (is_alnum(cp)) {
            word_t w = scan_word(s + i, len - i);
            unsigned f = w.flags | extra | (sentence ? TOK_SENT : 0);
            if (push(toks, base + (uint32_t)i, w.len, f) != 0)
                return -1;
            sentence = 0;
            newlines = 0;
            i += w.end;
            continue;
        }
        if (cp == '\n' && ++newlines == 2) {
            if (push(toks, base + (uint32_t)i, 0, TOK_PARA | TOK_STOP) != 0)
                return -1;
            sentence = 1;
        }
        if (cp != '\n' && cp != ' ' && cp != '\t' && cp != '\r')
            newlines = 0;
        unsigned pf = punct_flags(cp);
        if (cp == '.' && toks->count > first) {
            entity_token_t *prev = &toks->tok[toks->count - 1];
            if ((prev->flags & TOK_WORD) && prev->off + prev->len == base + i &&
                dot_is_abbrev(text + (prev->off - base), prev->len))
                pf = 0;
        }
        if (cp == '-' && !(i > 0 && s[i - 1] == ' '))
            pf = 0;
        if (pf) {
            if (push(toks, base + (uint32_t)i, cw, pf | extra) != 0)
                return -1;
            if (pf & TOK_STOP)
                sentence = 1;
        }
        i += cw;
    }
    mark_caseless(toks, first);
    return 0;
}

size_t entity_fold(const char *s, size_t len, char *out, size_t outlen)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 2 < outlen; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xC3 && i + 1 < len) {
            /* Latin-1 capitals U+00C0..U+00DE live at C3 80..C3 9E. */
            unsigned char d = (unsigned char)s[i + 1];
            out[o++] = (char)c;
            out[o++] = (char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
            i++;
            continue;
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] == 0x99) {
            /* The typographic apostrophe folds to the plain one. */
            c = '\'';
            i += 2;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}
