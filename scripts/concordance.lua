-- concordance.lua: every occurrence of a term, with the words around it (KWIC).
--
--   loupe run scripts/concordance.lua examples/articles/ -- harbour
--   loupe run scripts/concordance.lua corpus/ -o kwic.csv --report kwic.html -- "zero tolerance" 60
--
-- The term is a PCRE2 regular expression, matched without regard to case; the optional
-- second argument is how many characters of context to keep on each side (default 40).
-- One row per occurrence, in document order: the document, the text before, the match,
-- the text after, and where the match starts in the document. The report shows the
-- concordance and a dispersion plot: where in each document the term occurs.

local term = loupe.args[1]
assert(term, "give the term after --: loupe run scripts/concordance.lua CORPUS -- TERM [WIDTH]")
local width = tonumber(loupe.args[2] or "40")

local lines = loupe.list("lines")   -- the first 500 lines, for the report
local hits = loupe.list("hits")     -- where each occurrence is, for the dispersion plot

function document(doc)
  for _, line in ipairs(loupe.kwic(doc, "(?i)" .. term, width)) do
    emit{doc = doc.id, left = line.left, keyword = line.keyword, right = line.right, start = line.start}
    line.doc = doc.id
    lines:add(line)
    hits:add{doc = doc.id, at = (line.start - 1) / #doc.text}
  end
end

function finish(report)
  local all = lines:values()
  report:heading("“" .. term .. "” in context", 1)
  report:paragraph(#all .. " occurrences.")
  report:dispersion("Where “" .. term .. "” occurs in each document", hits:values(), {label = "doc", at = "at"})
  report:kwic("Concordance", {table.unpack(all, 1, math.min(#all, 500))})
end
