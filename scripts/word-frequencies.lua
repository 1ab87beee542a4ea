-- word-frequencies.lua: the corpus's most frequent words, two- and three-word sequences,
-- collocations and each document's key terms.
--
--   loupe run scripts/word-frequencies.lua examples/articles/ -o words.csv --report words.html
--   loupe run scripts/word-frequencies.lua corpus/ -o words.csv -- all
--
-- Words are lower-cased tokens with a letter or a digit; common English function words
-- ("the", "of", "said"…) are left out unless the argument is "all". N-grams never cross a
-- sentence or a punctuation mark. Rows (table words): each word with its count, the number
-- of documents it occurs in, and its frequency per million words; tables bigrams and
-- trigrams likewise. Table collocations: pairs of adjacent words that occur together more
-- often than their frequencies predict (log-likelihood, PMI and t-score), and table
-- key_terms: the five words of each document that are frequent in it and rare in the
-- others (tf-idf). The report adds the type/token ratio and charts.

local stopwords = loupe.args[1] ~= "all" and "english" or nil

local words = loupe.stats.frequencies{name = "words", stopwords = stopwords}
local bigrams = loupe.stats.frequencies{name = "bigrams", n = 2, stopwords = stopwords}
local trigrams = loupe.stats.frequencies{name = "trigrams", n = 3}
local all_words = loupe.stats.frequencies{name = "all_words"}   -- for the type/token ratio
local pairs_of_words = loupe.stats.collocations{name = "collocations"}
local key_terms = loupe.stats.tfidf{name = "key_terms", stopwords = "english"}

function document(doc)
  words:add(doc)
  bigrams:add(doc)
  trigrams:add(doc)
  all_words:add(doc)
  pairs_of_words:add(doc)
  key_terms:add(doc)
end

function finish(report)
  for _, w in ipairs(words:top(1000)) do emit("words", w) end
  for _, b in ipairs(bigrams:top(500)) do emit("bigrams", b) end
  for _, t in ipairs(trigrams:top(500)) do emit("trigrams", t) end
  local collocations = pairs_of_words:top{by = "ll", n = 500, min_count = 3}
  for _, c in ipairs(collocations) do emit("collocations", c) end
  local keys = key_terms:top(5)
  for _, k in ipairs(keys) do emit("key_terms", k) end

  report:heading("Word frequencies", 1)
  report:key_figures{
    {"Documents", all_words.documents},
    {"Words", all_words.tokens},
    {"Distinct words", all_words.types},
    {"Type/token ratio", string.format("%.3f", all_words.ttr or 0)},
  }
  local chart = {}
  for _, w in ipairs(words:top(20)) do chart[#chart + 1] = {key = w.term, count = w.count} end
  report:bar_chart("Most frequent words", chart, {x = "occurrences"})
  report:table("Words", words:top(50), {"term", "count", "docs", "per_million"})
  report:table("Two-word sequences", bigrams:top(30), {"term", "count", "docs", "per_million"})
  report:table("Three-word sequences", trigrams:top(30), {"term", "count", "docs", "per_million"})
  report:table("Collocations: adjacent words that go together", {table.unpack(collocations, 1, 30)},
               {"first", "second", "count", "ll", "pmi", "t"})
  report:table("Key terms of the first documents (tf-idf)", {table.unpack(keys, 1, 50)},
               {"doc", "term", "tf", "df", "tfidf"})
end
