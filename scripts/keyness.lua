-- keyness.lua: the words one group of documents uses much more than another.
--
--   loupe run scripts/keyness.lua examples/articles/ --report keyness.html -- section politics business
--   loupe run scripts/keyness.lua bbc/ -o keywords.csv -- "id:^bbc_(%a+)_" sport
--
-- Arguments: where a document's group comes from, then the two groups to compare.
-- The source is a metadata field (section, outlet…), or "id:" and a Lua pattern whose
-- capture, found in the document's id, is the group (the BBC corpus names its files
-- bbc_<topic>_<n>). Without a second group, the first is compared with all the others
-- together; without either, the first two groups in alphabetical order are compared.
-- Keyness is log-likelihood (how surprising the difference is) and %DIFF (how large it is).

local source, group_a, group_b = loupe.args[1] or "section", loupe.args[2], loupe.args[3]
local id_pattern = source:match("^id:(.+)$")

-- Common function words (the, of, its…) are left out: in a small corpus they crowd the list.
local keyness = loupe.stats.keyness{stopwords = "english"}

function document(doc)
  local group
  if id_pattern then group = doc.id:match(id_pattern) else group = doc.meta[source] end
  keyness:add(doc, group)          -- a document without a group is left out
end

function finish(report)
  local groups = keyness:groups()
  report:heading("Keywords", 1)
  report:table("Groups (by " .. source .. ")", groups, {"group", "documents", "tokens"})
  if not group_a then
    assert(#groups >= 2, "keyness needs two groups, and only " .. #groups .. " were found by '" .. source .. "'")
    group_a, group_b = groups[1].group, groups[2].group
  end
  local other = group_b or "the rest"
  local rows = keyness:compare(group_a, group_b, {n = 100, min_count = 3})
  for _, row in ipairs(rows) do emit(row) end

  local more_in_a, more_in_b = {}, {}
  for _, row in ipairs(rows) do
    local side = row.more_in == group_a and more_in_a or more_in_b
    if #side < 20 then side[#side + 1] = {key = row.term, count = row.ll} end
  end
  report:bar_chart("More in " .. group_a .. " than in " .. other, more_in_a, {x = "log-likelihood"})
  report:bar_chart("More in " .. other .. " than in " .. group_a, more_in_b, {x = "log-likelihood"})
  report:table(group_a .. " compared with " .. other, rows, {"term", "a", "b", "ll", "diff", "more_in"})
end
