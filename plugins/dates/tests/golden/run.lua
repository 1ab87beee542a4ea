-- Golden test: every date of the input with its value (see the spec for the rules).
local dates = require "dates"
function document(doc)
  for _, d in ipairs(dates.annotate(doc)) do
    emit{doc = doc.id, text = d.text, value = d.attrs.value, kind = d.attrs.kind, anchor = d.attrs.anchor, rule = d.attrs.rule}
  end
end
