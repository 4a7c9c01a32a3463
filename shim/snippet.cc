/* snippet.cc - the snippet of a hit: the same text, byte for byte, that
 * Xapian 1.4's MSet::snippet() gives with SNIPPET_EXHAUSTIVE (and no
 * background model), in a fraction of its time.
 *
 * Xapian's generator reads the text a character at a time through its
 * general Unicode path and builds every word a byte at a time: half the
 * instructions of a page of ten hits with snippets (docs/BENCHMARKS.md,
 * "Snippets of our own").  This one splits words as Xapian's term
 * generator does, with a table for ASCII and Xapian's own Unicode
 * functions for the rest, and looks words up only when their first byte
 * can begin a query term.  Where the answer would depend on Xapian's
 * internals that the public API does not show (a wildcard's pattern, an
 * MSet without statistics, CJK n-grams) it is not made here:
 * _khabar_snippet_maker::usable() is false and the caller asks Xapian.
 * test_shim_snippet compares the two on edge cases and random texts, so
 * that a Xapian release that changes its snippets is noticed. */
#include <cstdlib>
#include <cstring>

#include <atomic>

#include "search_internal.h"
#include "snippet_probe.h"

/* What a test may switch and see (snippet_probe.h). */
static std::atomic<bool> snippets_by_xapian(false);
/* Counted per thread: no shared cache line on the request path. */
static thread_local unsigned long snippets_ours, snippets_xapian;

/* A word longer than this is skipped, as Xapian's snippets skip it. */
#define SNIPPET_MAX_WORD 64

/* How much a word's relevance falls for each earlier occurrence of it in
 * the window, as in Xapian. */
#define SNIPPET_DECAY 2.0

namespace {

enum : unsigned char { ASCII_WORD = 1, ASCII_SPACE = 2, ASCII_DIGIT = 4 };

/* What Xapian's Unicode functions say of each ASCII character, asked
 * once, so that a word of ASCII costs a table look-up a byte. */
struct ascii_classes {
    unsigned char flags[128];
    unsigned char lower[128];

    ascii_classes()
    {
        for (unsigned ch = 0; ch < 128; ch++) {
            flags[ch] = (Xapian::Unicode::is_wordchar(ch) ? ASCII_WORD : 0) |
                        (Xapian::Unicode::is_whitespace(ch) ? ASCII_SPACE : 0) |
                        (Xapian::Unicode::get_category(ch) ==
                                 Xapian::Unicode::DECIMAL_DIGIT_NUMBER
                             ? ASCII_DIGIT
                             : 0);
            lower[ch] = (unsigned char) Xapian::Unicode::tolower(ch);
        }
    }
};

/* Made as the shim is loaded: a function-local static would be checked
 * on every character. */
const ascii_classes ascii;

/* The text being split: its characters as Xapian's Utf8Iterator reads
 * them (a byte that does not begin valid UTF-8 is a character of its
 * own). */
struct text_cursor {
    const std::string &text;

    /* The character at byte AT (< size), and in *LEN its length. */
    unsigned at(size_t at, size_t *len) const
    {
        unsigned char c = (unsigned char) text[at];
        if (c < 0x80) {
            *len = 1;
            return c;
        }
        return decode(at, len);
    }
    unsigned at(size_t at) const
    {
        size_t len;
        return this->at(at, &len);
    }
    size_t size() const { return text.size(); }

  private:
    unsigned decode(size_t at, size_t *len) const;
};

/* GCC cannot see that an iterator over at least one byte sets every
 * member (Xapian's Utf8Iterator::assign() leaves them for none). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
unsigned
text_cursor::decode(size_t at, size_t *len) const
{
    size_t left = text.size() - at;
    Xapian::Utf8Iterator it(text.data() + at, left);
    unsigned ch = *it;
    ++it;
    *len = left - it.left();
    return ch;
}
#pragma GCC diagnostic pop

inline bool
is_wordchar(unsigned ch)
{
    return ch < 128 ? (ascii.flags[ch] & ASCII_WORD) != 0
                    : Xapian::Unicode::is_wordchar(ch);
}

inline bool
is_whitespace(unsigned ch)
{
    return ch < 128 ? (ascii.flags[ch] & ASCII_SPACE) != 0
                    : Xapian::Unicode::is_whitespace(ch);
}

inline bool
is_digit(unsigned ch)
{
    return ch < 128 ? (ascii.flags[ch] & ASCII_DIGIT) != 0
                    : Xapian::Unicode::get_category(ch) ==
                          Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

/* CH lower-cased when it is a word character, else 0. */
inline unsigned
word_lower(unsigned ch)
{
    if (ch < 128)
        return (ascii.flags[ch] & ASCII_WORD) ? ascii.lower[ch] : 0;
    return Xapian::Unicode::is_wordchar(ch) ? Xapian::Unicode::tolower(ch)
                                            : 0;
}

inline bool
is_ascii_upper(unsigned ch)
{
    return ch >= 'A' && ch <= 'Z';
}

void
append(std::string &term, unsigned ch)
{
    if (ch < 128)
        term += (char) ch;
    else
        Xapian::Unicode::append_utf8(term, ch);
}

/* Marks "ignore this joiner" among the infix characters below. */
const unsigned INFIX_IGNORED = ~0u;

/* What CH between two letters adds to a word (the term generator's
 * rules): itself for an apostrophe, '&' and a few word-joining
 * punctuation marks, an apostrophe for the typographic ones,
 * INFIX_IGNORED for zero-width joiners and the like, 0 when it ends the
 * word. */
unsigned
infix(unsigned ch)
{
    if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027)
        return ch;
    if (ch == 0x2019 || ch == 0x201b)
        return '\'';
    if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff))
        return INFIX_IGNORED;
    return 0;
}

/* The same between two digits: the separators of numbers. */
unsigned
infix_digit(unsigned ch)
{
    switch (ch) {
    case ',': case '.': case ';': case 0x037e: case 0x0589: case 0x060d:
    case 0x07f8: case 0x2044: case 0xfe10: case 0xfe13: case 0xfe14:
        return ch;
    }
    if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff))
        return INFIX_IGNORED;
    return 0;
}

/* The acronym ("U.S.", "P.T.O") that starts at *POS, lower-cased into
 * TERM, with *POS moved past it; false (TERM left empty, *POS as it was)
 * when there is none: fewer than two capitals, or a word character right
 * after them. */
bool
split_acronym(const text_cursor &text, size_t *pos, std::string &term)
{
    size_t p = *pos, len;
    for (;;) {
        append(term, ascii.lower[text.at(p)]);
        p++;
        if (p == text.size() || text.at(p) != '.')
            break;
        p++;
        if (p == text.size() || !is_ascii_upper(text.at(p)))
            break;
    }
    if (term.size() > 1 &&
        (p == text.size() || !is_wordchar(text.at(p, &len)))) {
        *pos = p;
        return true;
    }
    term.clear();
    return false;
}

/* The rest of the word whose first character, lower-cased, is CH at
 * *POS: letters and digits joined by the infix characters above, then up
 * to three '+' or '#' (C++, C#) when no word character follows them.
 * Moves *POS past what the word took. */
void
split_word(const text_cursor &text, size_t *pos, unsigned ch,
           std::string &term)
{
    size_t p = *pos, len = 0;
    for (;;) {
        unsigned prev;
        do {
            append(term, ch);
            prev = ch;
            text.at(p, &len);
            p += len;
            if (p == text.size()) {
                *pos = p;
                return;
            }
            ch = word_lower(text.at(p, &len));
        } while (ch);
        size_t next = p + len;
        if (next == text.size())
            break;
        size_t next_len;
        unsigned next_raw = text.at(next, &next_len);
        unsigned next_ch = word_lower(next_raw);
        if (!next_ch)
            break;
        unsigned raw = text.at(p);
        unsigned joined = is_digit(prev) && is_digit(next_raw)
                              ? infix_digit(raw)
                              : infix(raw);
        if (!joined)
            break;
        if (joined != INFIX_IGNORED)
            append(term, joined);
        ch = next_ch;
        p = next;
    }
    size_t kept = term.size();
    for (unsigned count = 1;; count++) {
        unsigned c = text.at(p);
        if (c != '+' && c != '#')
            break;
        if (count > 3) {
            term.resize(kept);
            break;
        }
        term += (char) c;
        if (++p == text.size()) {
            *pos = p;
            return;
        }
    }
    if (is_wordchar(text.at(p)))
        term.resize(kept);
    *pos = p;
}

/* Calls WORD(term, end) for each word of TEXT in turn, END being the
 * byte after it (the term generator's words, without CJK n-grams). */
template <class F>
void
split_words(const std::string &s, F word)
{
    text_cursor text{s};
    size_t pos = 0;
    std::string term;
    while (pos < text.size()) {
        size_t len;
        unsigned ch = word_lower(text.at(pos, &len));
        if (!ch) {
            pos += len;
            continue;
        }
        term.clear();
        if (!(is_ascii_upper(text.at(pos)) && split_acronym(text, &pos, term)))
            split_word(text, &pos, ch, term);
        word(term, pos);
    }
}

/* One word in the window: where it ends, its relevance (shared by every
 * occurrence of the term: NULL for a word that is none) and how many
 * words its mark spans (0 unmarked, more than 1 for a phrase). */
struct sniplet {
    double *relevance;
    size_t end;
    size_t highlight;
};

/* A queue of sniplets: pushed at the back, taken from either end.  The
 * taken ones are dropped from memory once they are most of it, so that
 * a long article's words are not all held at once. */
class sniplet_queue {
  public:
    bool empty() const { return head_ == items_.size(); }
    size_t size() const { return items_.size() - head_; }
    sniplet &operator[](size_t i) { return items_[head_ + i]; }
    sniplet &front() { return items_[head_]; }
    sniplet &back() { return items_.back(); }
    void push_back(const sniplet &s) { items_.push_back(s); }
    void pop_back() { items_.pop_back(); }
    void pop_front()
    {
        if (++head_ == items_.size())
            clear();
        else if (head_ >= 1024 && head_ * 2 >= items_.size()) {
            items_.erase(items_.begin(), items_.begin() + head_);
            head_ = 0;
        }
    }
    void clear()
    {
        items_.clear();
        head_ = 0;
    }
    void swap(sniplet_queue &other)
    {
        items_.swap(other.items_);
        std::swap(head_, other.head_);
    }

  private:
    std::vector<sniplet> items_;
    size_t head_ = 0;
};

/* The window of LENGTH bytes that slides over a hit's words, keeping
 * the best one seen: the one with the highest sum of relevances, the
 * latest of equals (Xapian's SnipPipe, exhaustive). */
class snippet_window {
  public:
    explicit snippet_window(size_t length) : length_(length + 1) {}

    void push(double *relevance, size_t end, size_t highlight);
    void done();
    bool drain(const std::string &text, const std::string &hi_start,
               const std::string &hi_end, const std::string &omit,
               std::string &out);

  private:
    void add(sniplet s);
    void begin_output(const std::string &text, const std::string &omit,
                      std::string &out);
    void end_output(const std::string &text, const std::string &omit,
                    std::string &out);

    sniplet_queue window_, best_;
    size_t length_;
    size_t begin_ = 0;
    double sum_ = 0;
    size_t marking_ = 0;
    size_t best_begin_ = 0, best_end_ = 0;
    double best_sum_ = 0;
};

void
snippet_window::push(double *relevance, size_t end, size_t highlight)
{
    if (highlight > 1) {
        /* A phrase's last word: its relevance and mark go to its first
         * word, so that they leave the window with it. */
        if (window_.size() >= highlight - 1) {
            sniplet &first = window_[window_.size() - (highlight - 1)];
            if (first.relevance) {
                *first.relevance *= SNIPPET_DECAY;
                sum_ -= *first.relevance;
            }
            sum_ += *relevance;
            first.relevance = relevance;
            first.highlight = highlight;
            *relevance /= SNIPPET_DECAY;
        }
        relevance = NULL;
        highlight = 0;
    }
    add(sniplet{relevance, end, highlight});
}

void
snippet_window::add(sniplet s)
{
    window_.push_back(s);
    if (s.relevance) {
        sum_ += *s.relevance;
        *s.relevance /= SNIPPET_DECAY;
    }
    while (s.end - begin_ > length_) {
        sniplet first = window_.front();
        if (first.relevance) {
            *first.relevance *= SNIPPET_DECAY;
            sum_ -= *first.relevance;
        }
        begin_ = first.end;
        if (best_end_ >= begin_)
            best_.push_back(first);
        window_.pop_front();
        if (window_.empty())
            break;
    }
    if (sum_ >= best_sum_) {
        if (begin_ >= best_end_)
            best_.clear();
        else
            while (!best_.empty() && best_.front().end <= begin_)
                best_.pop_front();
        best_sum_ = sum_;
        best_begin_ = begin_;
        best_end_ = s.end;
    }
}

void
snippet_window::done()
{
    if (begin_ >= best_end_)
        window_.clear();
    else
        while (!window_.empty() && window_.back().end > best_end_)
            window_.pop_back();
}

/* Whether CH may stand just before a snippet's first word (LEADING) or
 * just after its last, as in Xapian's snippets: a currency sign, an
 * opening (closing) bracket or quote, and a few ASCII and Latin-1 marks
 * ("(Reuters)", "$5", "'quoted'"). */
bool
may_flank(unsigned ch, bool leading)
{
    Xapian::Unicode::category c = Xapian::Unicode::get_category(ch);
    if (Xapian::Unicode::is_currency(ch) ||
        c == (leading ? Xapian::Unicode::OPEN_PUNCTUATION
                      : Xapian::Unicode::CLOSE_PUNCTUATION) ||
        c == (leading ? Xapian::Unicode::INITIAL_QUOTE_PUNCTUATION
                      : Xapian::Unicode::FINAL_QUOTE_PUNCTUATION))
        return true;
    if (ch > 0 && ch < 128)
        return strchr(leading ? "\"#%&'+-/<@\\`~" : "\"%'+-/>@\\`~",
                      (int) ch) != NULL;
    return leading && (ch == 0xa1 || ch == 0xa7 || ch == 0xbf);
}

/* Appends S[FROM, TO) to OUT with &, < and > escaped. */
void
append_escaped(const std::string &s, size_t from, size_t to, std::string &out)
{
    for (size_t i = from; i < to; i++) {
        char c = s[i];
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out += c;
    }
}

bool
ends_sentence(unsigned ch)
{
    return ch == '.' || ch == '?' || ch == '!';
}

/* Before the first word: an omission mark unless the snippet starts a
 * sentence, and the window's start moved to the first word, or to up to
 * four characters before it that may lead a snippet. */
void
snippet_window::begin_output(const std::string &s, const std::string &omit,
                             std::string &out)
{
    text_cursor text{s};
    enum { NO, STOP, YES } sentence = best_begin_ == 0 ? YES : NO;
    size_t p = best_begin_, len;
    while (p < best_.front().end) {
        unsigned ch = text.at(p, &len);
        if (sentence == NO && ends_sentence(ch))
            sentence = STOP;
        else if (sentence == STOP && is_whitespace(ch))
            sentence = YES;
        else if (sentence == STOP && !ends_sentence(ch))
            sentence = NO;
        if (is_wordchar(ch)) {
            if (p - best_begin_ > 4)
                best_begin_ = p;
            break;
        }
        p += len;
        if (!may_flank(ch, true))
            best_begin_ = p;
    }
    if (sentence != YES)
        out += omit;
}

/* After the last word: the sentence's closing punctuation when it ends
 * there; else up to four characters that may end a snippet, and an
 * omission mark unless they reach the end of the text. */
void
snippet_window::end_output(const std::string &s, const std::string &omit,
                           std::string &out)
{
    text_cursor text{s};
    if (best_end_ == text.size())
        return;
    bool stop = false;
    size_t p = best_end_, len;
    while (p < text.size()) {
        unsigned ch = text.at(p, &len);
        if (stop && is_whitespace(ch))
            break;
        stop = ends_sentence(ch);
        if (is_wordchar(ch))
            break;
        p += len;
    }
    if (stop) {
        append_escaped(s, best_end_, p, out);
        return;
    }
    int trailing = 0;
    for (p = best_end_; p < text.size() && may_flank(text.at(p, &len), false);
         p += len)
        if (++trailing > 4) {
            trailing = 0;
            break;
        }
    if (trailing) {
        append_escaped(s, best_end_, p, out);
        if (p == text.size())
            return;
    }
    out += omit;
}

/* Writes the next word of the best window to OUT, escaped and marked;
 * false when none is left (the end written). */
bool
snippet_window::drain(const std::string &text, const std::string &hi_start,
                      const std::string &hi_end, const std::string &omit,
                      std::string &out)
{
    if (best_.empty() && !window_.empty())
        best_.swap(window_);
    if (best_.empty()) {
        end_output(text, omit, out);
        return false;
    }
    if (out.empty())
        begin_output(text, omit, out);
    sniplet word = best_.front();
    if (word.highlight) {
        /* The mark starts at the word, not at what comes before it. */
        text_cursor cursor{text};
        size_t p = best_begin_, len;
        while (p < text.size() && !is_wordchar(cursor.at(p, &len)))
            p += len;
        if (p < text.size()) {
            append_escaped(text, best_begin_, p, out);
            best_begin_ = p;
        }
    }
    if (!marking_) {
        marking_ = word.highlight;
        if (marking_)
            out += hi_start;
    }
    append_escaped(text, best_begin_, word.end, out);
    best_begin_ = word.end;
    if (marking_ && --marking_ == 0)
        out += hi_end;
    best_.pop_front();
    return true;
}

/* Whether Xapian splits CJK text into n-grams: read once, as Xapian
 * reads it, so that both agree for the life of the process. */
bool
cjk_ngrams()
{
    static const bool set = [] {
        const char *value = getenv("XAPIAN_CJK_NGRAM");
        return value != NULL && *value != '\0';
    }();
    return set;
}

} // namespace

/* The relevances of a query's terms and phrases for one snippet, which
 * change as its words enter and leave the window. */
struct _khabar_snippet_state {
    std::vector<double> loose, phrases;
};

/* What the query says to look for, from its tree: the words of its
 * phrases (a phrase of adjacent terms only), its other terms, and
 * whether anything can only be found as Xapian finds it. */
void
_khabar_snippet_maker::collect(const Xapian::Query &query)
{
    switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
        if (query.get_terms_begin() != query.get_terms_end())
            loose_.emplace(*query.get_terms_begin(), 0);
        return;
    case Xapian::Query::OP_WILDCARD:
        usable_ = false;
        return;
    case Xapian::Query::OP_PHRASE:
        if (collect_phrase(query))
            return;
        break;
    default:
        break;
    }
    for (size_t i = 0; i < query.get_num_subqueries(); i++)
        collect(query.get_subquery(i));
}

/* Adds QUERY, a phrase, to the phrases when its words must be adjacent
 * and each is a term; false when it is not such a phrase.  The public API
 * gives a phrase's window only in its description ("(a@1 PHRASE 2
 * b@2)"). */
bool
_khabar_snippet_maker::collect_phrase(const Xapian::Query &query)
{
    size_t n = query.get_num_subqueries();
    for (size_t i = 0; i < n; i++)
        if (query.get_subquery(i).get_type() != Xapian::Query::LEAF_TERM)
            return false;
    std::string what = query.get_description();
    size_t at = what.find(" PHRASE ");
    if (at == std::string::npos) {
        usable_ = false;
        return true;
    }
    char *end;
    unsigned long window = strtoul(what.c_str() + at + 8, &end, 10);
    if (*end != ' ') {
        usable_ = false;
        return true;
    }
    if (window != n)
        return false;
    std::vector<std::string> words;
    for (size_t i = 0; i < n; i++)
        words.push_back(*query.get_subquery(i).get_terms_begin());
    if (n > longest_)
        longest_ = n;
    phrases_.push_back(std::move(words));
    return true;
}

_khabar_snippet_maker::_khabar_snippet_maker(const Xapian::MSet &mset,
                                             const Xapian::Query &query,
                                             bool keeps_first_letter)
    : keeps_first_letter_(keeps_first_letter)
{
    if (cjk_ngrams() || mset.empty()) {
        usable_ = false;
        return;
    }
    collect(query);
    if (longest_ == 1)
        usable_ = false;
    if (!usable_)
        return;
    weigh(mset, query);
    for (const auto &term : loose_) {
        first_bytes_[(unsigned char) term.first[0]] = true;
        if (term.first[0] == 'Z' && term.first.size() > 1) {
            stemmed_ = true;
            stem_initials_[(unsigned char) term.first[1]] = true;
        }
    }
    for (const std::vector<std::string> &words : phrases_)
        first_bytes_[(unsigned char) words.back()[0]] = true;
}

/* The starting relevances: each term's weight, as the MSet's statistics
 * have it, plus the largest, scaled as Xapian scales it (so that a term
 * of weight 0 is still marked); a phrase's, the largest for each of its
 * words.  A term the statistics do not know is dropped, as Xapian drops
 * it.  Xapian's statistics hold exactly the query's unique terms
 * (wildcards aside, which are left to Xapian). */
void
_khabar_snippet_maker::weigh(const Xapian::MSet &mset,
                             const Xapian::Query &query)
{
    double most = 0;
    std::unordered_map<std::string, double> weights;
    for (Xapian::TermIterator t = query.get_unique_terms_begin();
         t != query.get_unique_terms_end(); ++t) {
        try {
            double w = mset.get_termweight(*t);
            weights[*t] = w;
            if (w > most)
                most = w;
        } catch (const Xapian::InvalidArgumentError &) {
        }
    }
    most = most == 0.0 ? 1.0 : most * 1.015625;
    for (auto it = loose_.begin(); it != loose_.end();) {
        auto w = weights.find(it->first);
        if (w == weights.end()) {
            it = loose_.erase(it);
            continue;
        }
        it->second = loose_relevance_.size();
        loose_relevance_.push_back(w->second + most);
        ++it;
    }
    for (const std::vector<std::string> &words : phrases_)
        phrase_relevance_.push_back(most * words.size());
}

/* The relevance of WORD, with in *HIGHLIGHT how many words its mark
 * spans: a phrase it ends, else the term it is, else its stem's.
 * RECENT holds the words before it (PHRASE_NEXT the oldest). */
double *
_khabar_snippet_maker::relevance_of(const std::string &word,
                                    const std::vector<std::string> &recent,
                                    size_t next, const Xapian::Stem &stemmer,
                                    snippet_state &state,
                                    size_t *highlight) const
{
    *highlight = 1;
    if (first_bytes_[(unsigned char) word[0]]) {
        size_t i = 0;
        for (const std::vector<std::string> &words : phrases_) {
            if (word == words.back()) {
                bool match = true;
                for (size_t n = words.size() - 1; n-- > 0;)
                    if (words[n] != recent[(n + next) % (longest_ - 1)]) {
                        match = false;
                        break;
                    }
                if (match) {
                    *highlight = words.size();
                    return &state.phrases[i];
                }
            }
            i++;
        }
        auto it = loose_.find(word);
        if (it != loose_.end())
            return &state.loose[it->second];
    }
    if (stemmed_ &&
        (!keeps_first_letter_ || stem_initials_[(unsigned char) word[0]])) {
        std::string stem = "Z";
        stem += stemmer(word);
        auto it = loose_.find(stem);
        if (it != loose_.end())
            return &state.loose[it->second];
    }
    *highlight = 0;
    return NULL;
}

std::string
_khabar_snippet_maker::operator()(const std::string &text, size_t length,
                                  const Xapian::Stem &stemmer,
                                  const std::string &hi_start,
                                  const std::string &hi_end,
                                  const std::string &omit) const
{
    /* The relevances change as words enter and leave the window. */
    snippet_state state{loose_relevance_, phrase_relevance_};
    snippet_window window(length);
    std::vector<std::string> recent(longest_ > 1 ? longest_ - 1 : 0);
    size_t next = 0;
    split_words(text, [&](const std::string &word, size_t end) {
        if (word.size() > SNIPPET_MAX_WORD)
            return;
        size_t highlight;
        double *relevance =
            relevance_of(word, recent, next, stemmer, state, &highlight);
        if (longest_ > 1) {
            recent[next] = word;
            next = (next + 1) % (longest_ - 1);
        }
        window.push(relevance, end, highlight);
    });
    window.done();
    std::string out;
    while (window.drain(text, hi_start, hi_end, omit, out)) {
    }
    snippets_ours++;
    return out;
}


bool
_khabar_snippets_by_xapian()
{
    return snippets_by_xapian.load(std::memory_order_relaxed);
}

extern "C" void
_khabar_probe_snippets_by_xapian(int on)
{
    snippets_by_xapian.store(on != 0, std::memory_order_relaxed);
}

extern "C" unsigned long
_khabar_probe_snippets_ours(void)
{
    return snippets_ours;
}

void
_khabar_snippets_count_xapian()
{
    snippets_xapian++;
}

extern "C" unsigned long
_khabar_probe_snippets_xapian(void)
{
    return snippets_xapian;
}
