-- word-count.lua: how long is each document, and which word does it use most?
--
--   loupe run scripts/word-count.lua examples/articles/*.txt
--
-- Loupe calls document(doc) once per file. doc.text is the document's text; emit{...}
-- writes one row (one JSON object per line).

function document(doc)
  local words, counts = 0, {}
  for word in doc.text:gmatch("[%a’']+") do
    words = words + 1
    local lower = word:lower()
    counts[lower] = (counts[lower] or 0) + 1
  end

  -- The most frequent word of four letters or more (ties broken alphabetically, so the
  -- result is the same on every run).
  local top, top_count = nil, 0
  for word, n in pairs(counts) do
    if #word >= 4 and (n > top_count or (n == top_count and word < top)) then
      top, top_count = word, n
    end
  end

  emit{ doc = doc.id, words = words, top_word = top, top_count = top_count }
end
