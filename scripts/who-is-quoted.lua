-- who-is-quoted.lua: every quote of the corpus with who said it, and who is quoted most.
--
--   loupe run scripts/who-is-quoted.lua examples/articles/ -o quotes.csv --report report.html
--
-- The bundled quotes plugin finds the quotes (direct ones, "…", and indirect ones, "said
-- that …"), their cue and their speaker, with pronouns such as "she" resolved to the name
-- they stand for, and titles left out ("Finance Minister Anders Holm" is Anders Holm). One
-- row per quote, with the speaker's name and the words that name them in the text; a second
-- table, quotes.speakers.csv, counts the quotes of each named speaker. Quotes whose speaker
-- stays a pronoun or a description ("it", "a spokesman") are counted apart. The report shows
-- the most quoted speakers as a chart, their quotes by section (or by the metadata field
-- given after --, such as outlet), then what each of them said.

local quotes = require "quotes"

local speakers = loupe.counter("speakers")      -- quotes per named speaker
local unnamed = loupe.counter("unnamed")        -- quotes per unresolved mention ("it", "a spokesman")
local quoted = loupe.list("quoted")             -- every quote with a named speaker, in corpus order
local documents = loupe.stats("documents")      -- quotes per document
local field = loupe.args[1] or "section"        -- the metadata field to split quotes by
local by_group = loupe.counter("by_group")      -- key: speaker, a tab, the field's value

function document(doc)
  local found = quotes.annotate(doc)
  documents:add(#found)
  for _, q in ipairs(found) do
    local name, mention = q.attrs.speaker_name, q.attrs.speaker
    emit{doc = doc.id, date = doc.meta.date or "", speaker = name or "", mention = mention or "",
         kind = q.attrs.kind, cue = q.attrs.cue or "", quote = q.text, rule = q.attrs.rule}
    if name then
      speakers:add(name)
      by_group:add(name .. "\t" .. tostring(doc.meta[field] or "(none)"))
      quoted:add{speaker = name, doc = doc.id, kind = q.attrs.kind, quote = q.text}
    elseif mention then
      unnamed:add(mention)
    end
  end
end

function finish(report)
  local table_rows = {}
  for _, s in ipairs(speakers:top()) do
    emit("speakers", {speaker = s.key, quotes = s.count})
    if #table_rows < 50 then table_rows[#table_rows + 1] = {speaker = s.key, quotes = s.count} end
  end

  report:heading("Who is quoted", 1)
  report:key_figures{
    {"Documents", documents.count},
    {"Quotes", documents.sum},
    {"Speakers", #speakers, "distinct names"},
    {"Unnamed", unnamed:total(), "quotes of “it”, “a spokesman”…"},
  }
  report:bar_chart("Most quoted speakers", speakers:top(15), {x = "quotes"})
  report:table("The 50 most quoted speakers", table_rows, {"speaker", "quotes"})

  -- The ten most quoted, a bar each (most quoted first), split by the field: rows
  -- {speaker =, group =, count =}.
  local groups_of = {}
  for _, key in ipairs(by_group:keys()) do
    local speaker, group = key:match("^(.*)\t(.*)$")
    groups_of[speaker] = groups_of[speaker] or {}
    table.insert(groups_of[speaker], {speaker = speaker, group = group, count = by_group:get(key)})
  end
  local segments = {}
  for _, s in ipairs(speakers:top(10)) do
    for _, segment in ipairs(groups_of[s.key]) do segments[#segments + 1] = segment end
  end
  report:stacked_bars("Quotes of the most quoted speakers, by " .. field, segments,
                      {label = "speaker", stack = "group", x = "quotes"})

  -- What the ten most quoted speakers said: at most five quotes each, in corpus order.
  report:heading("Quotes by speaker")
  local all = quoted:values()
  for _, s in ipairs(speakers:top(10)) do
    local theirs = {}
    for _, q in ipairs(all) do
      if q.speaker == s.key and #theirs < 5 then theirs[#theirs + 1] = q end
    end
    report:table(s.key .. " (" .. s.count .. ")", theirs, {"doc", "kind", "quote"})
  end

  report:heading("Speakers without a name")
  report:paragraph("Pronouns and descriptions the quotes plugin could not resolve to a name, most frequent first.")
  local rows = {}
  for _, u in ipairs(unnamed:top(20)) do rows[#rows + 1] = {mention = u.key, quotes = u.count} end
  report:table("Unnamed speakers", rows, {"mention", "quotes"})
end
