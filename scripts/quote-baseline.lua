-- quote-baseline.lua: the simplest direct-quote finder, a floor for `loupe eval` to measure
-- real extractors against: every stretch between matching quotation marks within a paragraph
-- is a quote's Content. No cue, no speaker, no multi-paragraph quotes.
--
--   loupe run scripts/quote-baseline.lua ../shared/corpus/polnear/data/dev/text -o pred.jsonl
--   loupe eval pred.jsonl --gold ../shared/corpus/polnear/data/dev --offsets raw \
--     --gold-filter direct-quotes --types Content --match overlap
--
-- Rows carry raw_start/raw_stop (code points into the file as read, 1-based, inclusive) as
-- well as char_start/char_stop (the same into doc.text, which drops residue lines and
-- collapses white space): gold made on the files needs the raw ones.

local patterns = {
  { rule = "curly", pattern = "“[^“”\n]*”" },
  { rule = "straight", pattern = "\"[^\"\n]*\"" },
}

function document(doc)
  for _, p in ipairs(patterns) do
    for _, quote in ipairs(doc:find(p.pattern)) do
      emit{
        doc = doc.id, type = "Content", rule = p.rule, text = quote.text,
        char_start = quote.char_start, char_stop = quote.char_stop,
        raw_start = quote.raw_start, raw_stop = quote.raw_stop,
      }
    end
  end
end
