-- figures.lua: every figure the corpus states, as a value, with its context.
--
--   loupe run scripts/figures.lua examples/articles/ -o figures.csv
--
-- The bundled figures plugin reads "more than 5,000 children", "nearly $1.5bn" or "about
-- 30 per cent" as a value, a comparator (>, <, ~…), a unit or currency, and the counted noun.
-- Each row adds the sentence around the figure, so a reader can check it.

local figures = require "figures"

function document(doc)
  for _, f in ipairs(figures.annotate(doc)) do
    local a = f.attrs
    emit{doc = doc.id, figure = f.text, value = a.value, comparator = a.comparator, unit = a.unit or "",
         counts = a.noun or "", rule = a.rule, sentence = f:sentence().text}
  end
end
