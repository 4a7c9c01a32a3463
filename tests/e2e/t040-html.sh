#!/bin/sh
# Saved HTML pages: title without the site name, date, canonical URL and the
# article's paragraphs without navigation, footer or asides.
. "$(dirname "$0")/lib.sh"

page="$SCRATCH/page.html"
cat >"$page" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Envoys meet in Doha &amp; agree on a timetable | Example News</title>
<meta property="article:published_time" content="2021-03-05T09:30:00+04:30">
<link rel="canonical" href="https://news.example.org/2021/03/envoys-doha">
</head><body>
<nav><p>Home</p><p>World news menu with several words in it</p></nav>
<header><p>Subscribe to our newsletter for the latest updates today</p></header>
<article>
<h1>Envoys meet in Doha &amp; agree on a timetable</h1>
<p>Envoys from both sides met in Doha on Friday and agreed on a timetable.</p>
<figure><figcaption>A caption about the photo of the envoys.</figcaption></figure>
<p>The timetable covers the next three rounds of talks.</p>
<p>Envoys from both sides met in Doha on Friday and agreed on a timetable.</p>
<aside><p>Related: an older story about something else entirely.</p></aside>
</article>
<footer><p>Copyright Example News, all rights reserved worldwide.</p></footer>
</body></html>
HTML
db="$SCRATCH/index"
"$INDEX" --db "$db" "$page" >"$SCRATCH/out" 2>&1
check "the page is indexed as one article" grep -q "^khabar-index: 1 added" "$SCRATCH/out"
start_searchd "$db" || exit 1
get '/article?id=https%3A%2F%2Fnews.example.org%2F2021%2F03%2Fenvoys-doha' >"$SCRATCH/a.json"
check_eq "its id is the canonical URL" 200 "$(status)"
check_eq "the title drops the site name and decodes entities" \
    "Envoys meet in Doha & agree on a timetable" "$(jq -r .article.title "$SCRATCH/a.json")"
check_eq "the date comes from article:published_time" 2021-03-05 "$(jq -r .article.date "$SCRATCH/a.json")"
check_eq "the body is the article's paragraphs, each once" \
    "Envoys from both sides met in Doha on Friday and agreed on a timetable.

The timetable covers the next three rounds of talks." "$(jq -r .article.body "$SCRATCH/a.json")"
done_testing
