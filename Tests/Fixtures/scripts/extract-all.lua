-- Every bundled extractor on each document, one row per finding (tables entities, figures,
-- dates and quotes), for the seed-layout tests.
local quotes, entities, figures, dates = require "quotes", require "entities", require "figures", require "dates"

function document(doc)
  for _, e in ipairs(entities.annotate(doc)) do
    emit("entities", {layer = e.layer, text = e.text, canonical = e.attrs.canonical})
  end
  for _, f in ipairs(figures.annotate(doc)) do
    emit("figures", {text = f.text, value = f.attrs.value, comparator = f.attrs.comparator, noun = f.attrs.noun})
  end
  for _, d in ipairs(dates.annotate(doc)) do emit("dates", {text = d.text, value = d.attrs.value}) end
  for _, q in ipairs(quotes.annotate(doc)) do
    emit("quotes", {text = q.text, kind = q.attrs.kind, speaker = q.attrs.speaker_name or q.attrs.speaker})
  end
end
