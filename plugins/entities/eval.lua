-- The entities plugin's people and organisations as Source rows for `loupe eval`: make eval
-- scores how many of PolNeAR's speakers named by a proper name they find
-- (--gold-filter proper-name-sources). Offsets are into the file as read.
local entities = require "entities"

function document(doc)
  for _, e in ipairs(entities.annotate(doc)) do
    if e.layer == "person" or e.layer == "organization" then
      emit{doc = doc.id, type = "Source", raw_start = e.raw_start, raw_stop = e.raw_stop, rule = e.attrs.rule, text = e.text}
    end
  end
end
