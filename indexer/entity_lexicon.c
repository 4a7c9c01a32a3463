/* Built-in word lists for the entity extractor (see entity_lexicon.h). */
#include "entity_lexicon.h"

#include <stddef.h>

#define S LEX_STOP
#define C LEX_CALENDAR
#define R LEX_ROLE
#define H LEX_HONORIFIC
#define O LEX_ORG
#define V LEX_SPEECH
#define J LEX_CONNECT
#define M LEX_ROLE_MOD
#define E (LEX_ORG | LEX_ORG_HEAD)
#define N LEX_NOT_ACRO

const lexicon_word_t lexicon_words[] = {
    /* Function words and sentence openers that are capitalised only
     * because they start a sentence or a headline. */
    {"a", S}, {"an", S}, {"the", S}, {"this", S}, {"that", S}, {"these", S},
    {"those", S}, {"it", S}, {"its", S}, {"he", S}, {"she", S}, {"they", S},
    {"we", S}, {"i", S}, {"you", S}, {"his", S}, {"her", S}, {"their", S},
    {"our", S}, {"my", S}, {"your", S}, {"in", S}, {"on", S}, {"at", S},
    {"to", S}, {"by", S}, {"with", S}, {"from", S}, {"as", S}, {"but", S},
    {"or", S}, {"if", S}, {"when", S}, {"while", S}, {"after", S},
    {"before", S}, {"since", S}, {"meanwhile", S}, {"however", S},
    {"also", S}, {"there", S}, {"here", S}, {"what", S}, {"who", S},
    {"which", S}, {"where", S}, {"why", S}, {"how", S}, {"not", S},
    {"no", S}, {"yes", S}, {"all", S}, {"some", S}, {"any", S}, {"one", S},
    {"two", S}, {"three", S}, {"last", S}, {"next", S}, {"new", 0},
    {"is", S}, {"are", S}, {"was", S}, {"were", S}, {"be", S}, {"has", S},
    {"have", S}, {"had", S}, {"will", S}, {"would", S}, {"can", S},
    {"could", S}, {"should", S}, {"may", S | C}, {"so", S}, {"than", S},
    {"about", S}, {"under", S}, {"over", S}, {"into", S}, {"up", S},
    {"out", S}, {"about", S}, {"according", S}, {"despite", S}, {"during", S},
    {"among", S}, {"between", S}, {"against", S}, {"although", S},
    {"because", S}, {"both", S}, {"each", S}, {"every", S}, {"many", S},
    {"more", S}, {"most", S}, {"other", S}, {"such", S}, {"only", S},
    {"even", S}, {"still", S}, {"yet", S}, {"now", S}, {"then", S},
    {"today", S}, {"tomorrow", S}, {"yesterday", S}, {"said", S | V},
    {"says", S | V}, {"told", S | V}, {"added", S | V}, {"stated", S | V},
    {"noted", S | V}, {"announced", S | V}, {"declared", S | V},
    {"explained", S | V}, {"warned", S | V}, {"insisted", S | V},
    {"say", S}, {"tell", S}, {"reuter", S}, {"reuters", S}, {"ap", N},
    {"afp", N}, {"skip", S}, {"share", S}, {"thumbnail", S}, {"latest", S},
    {"advertisement", S}, {"read", S}, {"more", S}, {"tags", S}, {"photo", S},
    {"video", S}, {"update", S}, {"updated", S}, {"breaking", S},
    {"exclusive", S}, {"analysis", S}, {"comment", S}, {"editorial", S},
    {"opinion", S}, {"interview", S}, {"and", J}, {"of", J}, {"for", J},
    {"de", J}, {"du", J}, {"des", J}, {"del", J}, {"della", J}, {"da", J},
    {"dos", J}, {"van", J}, {"von", J}, {"der", J}, {"den", J}, {"al", J},
    {"el", J}, {"bin", J}, {"ibn", J}, {"la", J}, {"le", J}, {"on", S},
    /* Weekdays and months. */
    {"monday", C}, {"tuesday", C}, {"wednesday", C}, {"thursday", C},
    {"friday", C}, {"saturday", C}, {"sunday", C}, {"january", C},
    {"february", C}, {"march", C}, {"april", C}, {"june", C}, {"july", C},
    {"august", C}, {"september", C}, {"october", C}, {"november", C},
    {"december", C}, {"jan", C}, {"feb", C}, {"mar", C}, {"apr", C},
    {"jun", C}, {"jul", C}, {"aug", C}, {"sep", C}, {"sept", C}, {"oct", C},
    {"nov", C}, {"dec", C},
    /* Roles and titles: a name that follows is a person's. */
    {"president", R}, {"minister", R}, {"secretary", R}, {"envoy", R},
    {"ambassador", R}, {"chairman", R}, {"chairwoman", R}, {"chair", R},
    {"governor", R}, {"director", R}, {"spokesman", R}, {"spokeswoman", R},
    {"spokesperson", R}, {"chancellor", R}, {"premier", R}, {"king", R},
    {"queen", R}, {"prince", R}, {"sheikh", R}, {"emir", R}, {"senator", R},
    {"sen", R}, {"rep", R}, {"representative", R}, {"congressman", R},
    {"judge", R}, {"justice", R}, {"general", R}, {"gen", R},
    {"commander", R}, {"colonel", R}, {"col", R}, {"lieutenant", R},
    {"admiral", R}, {"mayor", R}, {"leader", R}, {"head", R}, {"chief", R},
    {"counterpart", R}, {"official", R}, {"officer", R}, {"executive", R},
    {"economist", R}, {"analyst", R}, {"negotiator", R}, {"delegate", R},
    {"adviser", R}, {"advisor", R}, {"undersecretary", R}, {"commissioner", R},
    {"treasurer", R}, {"comptroller", R}, {"ceo", R | N}, {"vice", M},
    {"deputy", M}, {"foreign", M}, {"prime", M}, {"finance", M},
    {"trade", M}, {"special", M}, {"state", M}, {"interior", M},
    {"defence", M}, {"defense", M}, {"economy", M}, {"energy", M},
    {"oil", M}, {"agriculture", M}, {"acting", M}, {"former", M},
    {"senior", M}, {"assistant", M}, {"managing", M}, {"attorney", M},
    {"mr", H}, {"mrs", H}, {"ms", H}, {"dr", H}, {"sir", H}, {"lord", H},
    {"lady", H}, {"madam", H}, {"mister", H},
    /* Organisation words. */
    {"ministry", O}, {"council", O}, {"club", O}, {"party", O}, {"bank", O},
    {"agency", O}, {"committee", O}, {"commission", O}, {"community", O},
    {"organisation", O}, {"organization", O}, {"fund", O},
    {"association", O}, {"union", O}, {"federation", O}, {"institute", O},
    {"university", O}, {"department", O}, {"office", O}, {"authority", O},
    {"board", O}, {"court", O}, {"parliament", O}, {"assembly", O},
    {"congress", O}, {"senate", O}, {"army", O}, {"police", O}, {"front", O},
    {"movement", O}, {"league", O}, {"exchange", O}, {"reserve", O},
    {"treasury", O}, {"bureau", O}, {"trust", O}, {"foundation", O},
    {"alliance", O}, {"organisation", O}, {"airlines", O}, {"airways", O},
    {"group", O}, {"society", O}, {"corps", O}, {"forces", O}, {"navy", O},
    {"cabinet", O}, {"government", O}, {"administration", O},
    {"secretariat", O}, {"tribunal", O}, {"conference", O}, {"program", O},
    {"programme", O}, {"service", O}, {"services", O}, {"system", O},
    {"industries", O}, {"holdings", O}, {"partners", O}, {"bancorp", O},
    {"bancshares", O}, {"petroleum", O}, {"motors", O}, {"systems", O},
    {"inc", E}, {"corp", E}, {"co", E}, {"ltd", E}, {"plc", E}, {"llc", E},
    {"ag", E}, {"sa", E}, {"nv", E}, {"bv", E}, {"gmbh", E}, {"spa", E},
    {"company", E}, {"corporation", E}, {"limited", E}, {"incorporated", E},
    /* All capitals, yet not an organisation. */
    /* Time zones: "10:30 EST". */
    {"est", N}, {"edt", N}, {"cst", N}, {"cdt", N}, {"pst", N}, {"pdt", N},
    {"bst", N}, {"cet", N}, {"utc", N}, {"ist", N}, {"jst", N},
    {"tv", N}, {"gmt", N}, {"am", N | S}, {"pm", N}, {"ok", N}, {"ii", N},
    {"iii", N}, {"iv", N}, {"vi", N}, {"vii", N}, {"viii", N}, {"ix", N},
    {"xi", N}, {"xii", N}, {"usd", N}, {"eur", N}, {"gdp", N}, {"gnp", N},
    {"cpi", N}, {"ppi", N}, {"vat", N}, {"dlr", N}, {"dlrs", N}, {"mln", N},
    {"bln", N}, {"pct", N}, {"ipo", N}, {"hiv", N}, {"aids", N}, {"covid", N},
    {"id", N}, {"pc", N}, {"faq", N}, {"eta", N}, {"ft", N}, {"ltd", E},
    {"q1", N}, {"q2", N}, {"q3", N}, {"q4", N}, {"cts", N}, {"shr", N},
    {"net", N}, {"revs", N}, {"qtr", N}, {"avg", N}, {"shrs", N},
    {"nil", N}, {"vs", N}, {"oper", N}, {"usa", 0},
    {NULL, 0}
};

#undef S
#undef C
#undef R
#undef H
#undef O
#undef V
#undef J
#undef M
#undef E
#undef N

/* How news writes countries that ISO names differently, and the adjectives
 * and demonyms that stand for a country in "Japanese exports" or "Afghan
 * Foreign Minister". */
const lexicon_country_t lexicon_countries[] = {
    {"U.S.", "US"}, {"US", "US"}, {"U.S.A.", "US"}, {"USA", "US"},
    {"America", "US"}, {"American", "US"}, {"Americans", "US"},
    {"United States of America", "US"}, {"Britain", "GB"},
    {"Great Britain", "GB"}, {"U.K.", "GB"}, {"UK", "GB"}, {"British", "GB"},
    {"England", "GB"}, {"Scotland", "GB"}, {"Wales", "GB"},
    {"English", "GB"}, {"Scottish", "GB"}, {"Holland", "NL"},
    {"Dutch", "NL"}, {"Soviet Union", "SU"}, {"Soviet", "SU"},
    {"Soviets", "SU"}, {"USSR", "SU"}, {"U.S.S.R.", "SU"},
    {"West Germany", "DE"}, {"West German", "DE"}, {"German", "DE"},
    {"Germans", "DE"}, {"East Germany", "DD"}, {"East German", "DD"},
    {"Burma", "MM"}, {"Burmese", "MM"}, {"Ivory Coast", "CI"},
    {"UAE", "AE"}, {"U.A.E.", "AE"}, {"Emirates", "AE"}, {"Emirati", "AE"},
    {"South Korea", "KR"}, {"South Korean", "KR"}, {"Korean", "KR"},
    {"North Korea", "KP"}, {"North Korean", "KP"}, {"Taiwan", "TW"},
    {"Taiwanese", "TW"}, {"Vietnam", "VN"}, {"Vietnamese", "VN"},
    {"Russia", "RU"}, {"Russian", "RU"}, {"Russians", "RU"},
    {"Afghan", "AF"}, {"Afghans", "AF"}, {"Pakistani", "PK"},
    {"Indian", "IN"}, {"Chinese", "CN"}, {"Japanese", "JP"},
    {"French", "FR"}, {"Italian", "IT"}, {"Spanish", "ES"},
    {"Portuguese", "PT"}, {"Canadian", "CA"}, {"Mexican", "MX"},
    {"Brazilian", "BR"}, {"Argentine", "AR"}, {"Argentinian", "AR"},
    {"Chilean", "CL"}, {"Peruvian", "PE"}, {"Colombian", "CO"},
    {"Venezuelan", "VE"}, {"Ecuadorean", "EC"}, {"Ecuadorian", "EC"},
    {"Bolivian", "BO"}, {"Uruguayan", "UY"}, {"Paraguayan", "PY"},
    {"Cuban", "CU"}, {"Australian", "AU"}, {"Austrian", "AT"},
    {"Belgian", "BE"}, {"Swiss", "CH"}, {"Swedish", "SE"},
    {"Norwegian", "NO"}, {"Danish", "DK"}, {"Finnish", "FI"},
    {"Irish", "IE"}, {"Icelandic", "IS"}, {"Greek", "GR"},
    {"Turkish", "TR"}, {"Polish", "PL"}, {"Hungarian", "HU"},
    {"Czech", "CZ"}, {"Czechoslovak", "CS"}, {"Czechoslovakia", "CS"},
    {"Romanian", "RO"}, {"Bulgarian", "BG"}, {"Yugoslav", "YU"},
    {"Yugoslavia", "YU"}, {"Ukrainian", "UA"}, {"Iranian", "IR"},
    {"Iraqi", "IQ"}, {"Kuwaiti", "KW"}, {"Saudi", "SA"}, {"Saudis", "SA"},
    {"Qatari", "QA"}, {"Bahraini", "BH"}, {"Omani", "OM"},
    {"Yemeni", "YE"}, {"Syrian", "SY"}, {"Lebanese", "LB"},
    {"Jordanian", "JO"}, {"Israeli", "IL"}, {"Israelis", "IL"},
    {"Palestinian", "PS"}, {"Egyptian", "EG"}, {"Libyan", "LY"},
    {"Tunisian", "TN"}, {"Algerian", "DZ"}, {"Moroccan", "MA"},
    {"Sudanese", "SD"}, {"Ethiopian", "ET"}, {"Kenyan", "KE"},
    {"Nigerian", "NG"}, {"Ghanaian", "GH"}, {"South African", "ZA"},
    {"Zimbabwean", "ZW"}, {"Zambian", "ZM"}, {"Zairean", "CD"},
    {"Zaire", "CD"}, {"Tanzanian", "TZ"}, {"Ugandan", "UG"},
    {"Indonesian", "ID"}, {"Malaysian", "MY"}, {"Thai", "TH"},
    {"Philippine", "PH"}, {"Filipino", "PH"}, {"Singaporean", "SG"},
    {"Bangladeshi", "BD"}, {"Sri Lankan", "LK"}, {"Nepalese", "NP"},
    {"Nepali", "NP"}, {"New Zealander", "NZ"}, {"Kiwi", "NZ"},
    {"Mongolian", "MN"}, {"Kazakh", "KZ"}, {"Uzbek", "UZ"},
    {"Tajik", "TJ"}, {"Turkmen", "TM"}, {"Kyrgyz", "KG"},
    {"Azerbaijani", "AZ"}, {"Armenian", "AM"}, {"Georgian", "GE"},
    {"Kampuchea", "KH"}, {"Cambodian", "KH"}, {"Laotian", "LA"},
    {"Hong Kong", "HK"}, {"Luxembourg", "LU"}, {"Ecuador", "EC"},
    {"Macao", "MO"}, {"Salvadorean", "SV"}, {"Nicaraguan", "NI"},
    {"Panamanian", "PA"}, {"Honduran", "HN"}, {"Guatemalan", "GT"},
    {"Costa Rican", "CR"}, {"Dominican", "DO"}, {"Jamaican", "JM"},
    {"Haitian", "HT"}, {"Trinidad", "TT"}, {"Cypriot", "CY"},
    {"Maltese", "MT"}, {"Congolese", "CG"}, {"Turks", "TR"},
    {NULL, NULL}
};

const lexicon_country_t lexicon_short_names[] = {
    {"Russia", "RU"}, {"Moldova", "MD"}, {"Syria", "SY"},
    {"Vatican", "VA"}, {"Macedonia", "MK"}, {"Micronesia", "FM"},
    {"Soviet Union", "SU"}, {"East Germany", "DD"}, {"Czechoslovakia", "CS"},
    {"Yugoslavia", "YU"}, {"Zaire", "CD"}, {"Turkey", "TR"},
    {NULL, NULL}
};

const lexicon_region_t lexicon_region_abbrevs[] = {
    {"Ala", "US-AL"}, {"Ariz", "US-AZ"}, {"Ark", "US-AR"}, {"Calif", "US-CA"},
    {"Cal", "US-CA"}, {"Colo", "US-CO"}, {"Conn", "US-CT"}, {"Del", "US-DE"},
    {"Fla", "US-FL"}, {"Ga", "US-GA"}, {"Ill", "US-IL"}, {"Ind", "US-IN"},
    {"Ia", "US-IA"}, {"Kan", "US-KS"}, {"Kans", "US-KS"}, {"Ky", "US-KY"},
    {"La", "US-LA"}, {"Md", "US-MD"}, {"Mass", "US-MA"}, {"Mich", "US-MI"},
    {"Minn", "US-MN"}, {"Miss", "US-MS"}, {"Mo", "US-MO"}, {"Mont", "US-MT"},
    {"Neb", "US-NE"}, {"Nebr", "US-NE"}, {"Nev", "US-NV"}, {"NMex", "US-NM"},
    {"Okla", "US-OK"}, {"Ore", "US-OR"}, {"Oreg", "US-OR"}, {"Pa", "US-PA"},
    {"Penn", "US-PA"}, {"Tenn", "US-TN"}, {"Tex", "US-TX"}, {"Vt", "US-VT"},
    {"Va", "US-VA"}, {"Wash", "US-WA"}, {"WVa", "US-WV"}, {"Wis", "US-WI"},
    {"Wisc", "US-WI"}, {"Wyo", "US-WY"},
    {"Ont", "CA-ON"}, {"Que", "CA-QC"}, {"Alta", "CA-AB"}, {"Sask", "CA-SK"},
    {"Nfld", "CA-NL"}, {"PEI", "CA-PE"},
    {NULL, NULL}
};
