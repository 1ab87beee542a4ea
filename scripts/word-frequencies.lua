-- word-frequencies.lua: the corpus's most frequent words, two- and three-word sequences.
--
--   loupe run scripts/word-frequencies.lua examples/articles/ -o words.csv --report words.html
--   loupe run scripts/word-frequencies.lua corpus/ -o words.csv -- all
--
-- Words are lower-cased tokens with a letter or a digit; common English function words
-- ("the", "of", "said"…) are left out unless the argument is "all". N-grams never cross a
-- sentence or a punctuation mark. Rows (table words): each word with its count, the number
-- of documents it occurs in, and its frequency per million words; tables bigrams and
-- trigrams likewise. The report adds the type/token ratio and charts.

local stopwords = loupe.args[1] ~= "all" and "english" or nil

local words = loupe.stats.frequencies{name = "words", stopwords = stopwords}
local bigrams = loupe.stats.frequencies{name = "bigrams", n = 2, stopwords = stopwords}
local trigrams = loupe.stats.frequencies{name = "trigrams", n = 3}
local all_words = loupe.stats.frequencies{name = "all_words"}   -- for the type/token ratio

function document(doc)
  words:add(doc)
  bigrams:add(doc)
  trigrams:add(doc)
  all_words:add(doc)
end

function finish(report)
  for _, w in ipairs(words:top(1000)) do emit("words", w) end
  for _, b in ipairs(bigrams:top(500)) do emit("bigrams", b) end
  for _, t in ipairs(trigrams:top(500)) do emit("trigrams", t) end

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
end
