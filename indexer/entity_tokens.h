/* Splits an article into the words and punctuation the entity extractor
 * looks at, marking what matters for names: capitals, sentence starts,
 * possessives, paragraph breaks.  Tokens point into the caller's text. */
#ifndef KHABAR_ENTITY_TOKENS_H
#define KHABAR_ENTITY_TOKENS_H

#include <stddef.h>
#include <stdint.h>

enum {
    TOK_WORD     = 1 << 0,  /* letters or digits; else punctuation */
    TOK_CAP      = 1 << 1,  /* first letter upper case */
    TOK_ALLCAPS  = 1 << 2,  /* two or more letters, none lower case */
    TOK_SENT     = 1 << 3,  /* first word of a sentence or paragraph */
    TOK_POSS     = 1 << 4,  /* a possessive 's was cut off */
    TOK_DIGIT    = 1 << 5,  /* starts with a digit */
    TOK_DOTS     = 1 << 6,  /* an abbreviation with dots: "U.S." */
    TOK_PARA     = 1 << 7,  /* punctuation: paragraph break */
    TOK_STOP     = 1 << 8,  /* punctuation: ends a sentence */
    TOK_COMMA    = 1 << 9,  /* punctuation: comma */
    TOK_OPEN     = 1 << 10, /* punctuation: "(" */
    TOK_CLOSE    = 1 << 11, /* punctuation: ")" */
    TOK_CASELESS = 1 << 12, /* in a paragraph written all in capitals */
    TOK_TITLE    = 1 << 13  /* in the headline */
};

typedef struct {
    uint32_t off;    /* byte offset in the text */
    uint16_t len;    /* bytes, without a possessive 's */
    uint16_t flags;
} entity_token_t;

typedef struct {
    entity_token_t *tok;
    size_t count, cap;
} entity_tokens_t;

/* Appends the tokens of text[0..len) to toks, offsets counted from base
 * (so title and body can share one array); title marks them TOK_TITLE.
 * A paragraph break token separates what was there before.  Returns 0,
 * or -1 when out of memory. */
int entity_tokenize(entity_tokens_t *toks, const char *text, size_t len,
                    uint32_t base, int title);

/* Writes the lowercase form of the len bytes at s into out (ASCII and
 * Latin-1 letters folded, other bytes kept) and returns its length, at
 * most outlen - 1; out is NUL-terminated. */
size_t entity_fold(const char *s, size_t len, char *out, size_t outlen);

#endif
