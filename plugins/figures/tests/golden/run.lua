-- Golden test: every figure of the input, with what it means (see the spec for the rules).
local figures = require "figures"
function document(doc)
  for _, f in ipairs(figures.annotate(doc)) do
    local a = f.attrs
    emit{doc = doc.id, text = f.text, value = a.value, comparator = a.comparator, unit = a.unit, noun = a.noun, rule = a.rule}
  end
end
