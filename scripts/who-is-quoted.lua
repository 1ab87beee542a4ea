-- who-is-quoted.lua: every quote of the corpus with who said it, and who is quoted most.
--
--   loupe run scripts/who-is-quoted.lua examples/articles/ -o quotes.csv
--
-- The bundled quotes plugin finds the quotes (direct ones, "…", and indirect ones, "said
-- that …"), their cue and their speaker, with pronouns such as "she" resolved to the name
-- they stand for. One row per quote; finish() adds a table of the speakers, most quoted first.

local quotes = require "quotes"
local speakers = loupe.counter("speakers")

function document(doc)
  for _, q in ipairs(quotes.annotate(doc)) do
    local speaker = q.attrs.speaker_name or q.attrs.speaker or ""
    emit{doc = doc.id, date = doc.meta.date or "", speaker = speaker, kind = q.attrs.kind,
         cue = q.attrs.cue or "", quote = q.text, rule = q.attrs.rule}
    if speaker ~= "" then speakers:add(speaker) end
  end
end

function finish(report)
  for _, s in ipairs(speakers:top()) do
    emit("speakers", {speaker = s.key, quotes = s.count})
  end
end
