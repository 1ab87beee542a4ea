-- The quotes plugin's rows for `loupe eval` (make eval runs it over PolNeAR's dev split).
--
-- Each quote is a Content row, spanning from its first part to its last, with its rule; its
-- speaker mention a Source row of the same group, so that `loupe eval` scores whether the
-- speaker of each correctly found quote is the gold one. Direct quotes are "Content" and
-- "Source"; indirect ones "IndirectContent" and "IndirectSource", renamed for their own
-- scoring. Offsets are into the file as read (raw_start/raw_stop), as PolNeAR's gold is.
local quotes = require "quotes"

function document(doc)
  for n, quote in ipairs(quotes.annotate(doc)) do
    local a = quote.attrs
    local prefix = a.kind == "direct" and "" or "Indirect"
    local group = doc.id .. "#" .. n
    emit{doc = doc.id, type = prefix .. "Content", raw_start = quote.raw_start, raw_stop = quote.raw_stop,
         rule = a.rule, group = group, text = quote.text}
    if a.speaker_start then
      local speaker = doc:span(a.speaker_start, a.speaker_stop)
      emit{doc = doc.id, type = prefix .. "Source", raw_start = speaker.raw_start, raw_stop = speaker.raw_stop,
           rule = a.speaker_rule or a.rule, group = group, text = speaker.text}
    end
  end
end
