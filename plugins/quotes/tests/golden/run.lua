-- Golden test: every quote of the input, with its cue, speaker and rule (see the spec).
local quotes = require "quotes"
function document(doc)
  for _, q in ipairs(quotes.annotate(doc)) do
    local a = q.attrs
    emit{doc = doc.id, kind = a.kind, text = q.text, parts = #a.parts, part_rules = a.part_rules and table.concat(a.part_rules, "+"), cue = a.cue, speaker = a.speaker,
      speaker_name = a.speaker_name, speaker_rule = a.speaker_rule, rule = a.rule}
  end
end
