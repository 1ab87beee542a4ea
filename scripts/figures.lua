-- figures.lua: every figure the corpus states, as a value, with its context.
--
--   loupe run scripts/figures.lua examples/articles/ -o figures.csv --report figures.html
--
-- The bundled figures plugin reads "more than 5,000 children", "nearly $1.5bn" or "about
-- 30 per cent" as a value, a comparator (>, <, ~…), a unit or currency, and the counted noun.
-- Each row adds the sentence around the figure, so a reader can check it. The report counts
-- figures by unit and lists the largest sums of money.

local figures = require "figures"

local units = loupe.counter("units")
local money = loupe.list("money")

function document(doc)
  for _, f in ipairs(figures.annotate(doc)) do
    local a = f.attrs
    local row = {doc = doc.id, figure = f.text, value = a.value, comparator = a.comparator, unit = a.unit or "",
                 counts = a.noun or "", rule = a.rule, sentence = f:sentence().text}
    emit(row)
    units:add(a.unit or (a.noun and "count of " .. a.noun) or "number")
    if a.rule == "currency" then money:add(row) end
  end
end

function finish(report)
  report:heading("Figures", 1)
  report:bar_chart("Figures by unit", units:top(15), {x = "figures"})
  local sums = money:values()
  table.sort(sums, function(x, y) if x.value ~= y.value then return x.value > y.value end return x.doc < y.doc end)
  report:table("Largest sums of money (each in its own currency)", {table.unpack(sums, 1, math.min(#sums, 30))},
               {"doc", "figure", "unit", "value", "sentence"})
end
