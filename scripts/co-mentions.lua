-- co-mentions.lua: which people, organisations and places are named in the same sentence.
--
--   loupe run scripts/co-mentions.lua examples/articles/ -o pairs.csv --report pairs.html
--
-- The bundled entities plugin finds the names and gives each entity one canonical name
-- ("Rosenstein" and "Rod J. Rosenstein" are one person). Two entities named in one
-- sentence are a pair; a pair counts once per sentence, and its rows say in how many
-- sentences and documents it occurs. Rows come most frequent first; the optional argument
-- is the least number of sentences a pair needs to be listed (default 1).

local entities = require "entities"

local min_sentences = tonumber(loupe.args[1] or "1")
local sentences = loupe.counter("sentences")   -- key: first name, a tab, second name
local documents = loupe.counter("documents")   -- the same key, once per document
local kinds = loupe.counter("kinds")           -- key: name, a tab, layer (person, place…)

function document(doc)
  -- The canonical names in each sentence, keyed by the sentence's start.
  local in_sentence = {}
  for _, e in ipairs(entities.annotate(doc)) do
    local name = e.attrs.canonical or e.text
    local start = e:sentence().start
    in_sentence[start] = in_sentence[start] or {}
    in_sentence[start][name] = true
    kinds:add(name .. "\t" .. e.layer)
  end
  local seen_in_doc = {}
  for _, names in pairs(in_sentence) do
    local list = {}
    for name in pairs(names) do list[#list + 1] = name end
    table.sort(list)                             -- each pair is written in one order
    for i = 1, #list do
      for j = i + 1, #list do
        local key = list[i] .. "\t" .. list[j]
        sentences:add(key)
        if not seen_in_doc[key] then seen_in_doc[key] = true; documents:add(key) end
      end
    end
  end
end

function finish(report)
  local kind = {}
  for _, key in ipairs(kinds:keys()) do
    local name, layer = key:match("^(.*)\t(.*)$")
    kind[name] = layer
  end
  local rows, chart = {}, {}
  for _, entry in ipairs(sentences:top()) do
    if entry.count < min_sentences then break end
    local a, b = entry.key:match("^(.*)\t(.*)$")
    local row = {first = a, first_kind = kind[a], second = b, second_kind = kind[b],
                 sentences = entry.count, documents = documents:get(entry.key)}
    emit(row)
    if #rows < 50 then rows[#rows + 1] = row end
    if #chart < 15 then chart[#chart + 1] = {key = a .. " — " .. b, count = entry.count} end
  end
  report:heading("Named together", 1)
  report:paragraph("Pairs of people, organisations and places named in the same sentence, most frequent first.")
  report:bar_chart("The most frequent pairs", chart, {x = "sentences"})
  report:table("Pairs", rows, {"first", "second", "sentences", "documents", "first_kind", "second_kind"})
end
