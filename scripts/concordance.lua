-- concordance.lua: every occurrence of a term, with the words around it (KWIC).
--
--   loupe run scripts/concordance.lua examples/articles/ -- harbour
--   loupe run scripts/concordance.lua corpus/ -o kwic.csv -- "zero tolerance" 60
--
-- The term is a PCRE2 regular expression, matched without regard to case; the optional
-- second argument is how many characters of context to keep on each side (default 40).
-- One row per occurrence, in document order: the document, the text before, the match,
-- the text after, and where the match starts in the document.

local term = loupe.args[1]
assert(term, "give the term after --: loupe run scripts/concordance.lua CORPUS -- TERM [WIDTH]")
local width = tonumber(loupe.args[2] or "40")

function document(doc)
  for _, line in ipairs(loupe.kwic(doc, "(?i)" .. term, width)) do
    emit{doc = doc.id, left = line.left, keyword = line.keyword, right = line.right, start = line.start}
  end
end
