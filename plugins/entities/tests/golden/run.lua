-- Golden test: every person, organisation and place of the input, with its canonical name.
local entities = require "entities"
function document(doc)
  for _, e in ipairs(entities.annotate(doc)) do
    emit{doc = doc.id, layer = e.layer, text = e.text, canonical = e.attrs.canonical, title = e.attrs.title, rule = e.attrs.rule}
  end
end
