-- entities: people, organisations and places a document mentions, each with one canonical name.
--
--   local entities = require "entities"
--   for _, e in ipairs(entities.annotate(doc)) do print(e.layer, e.text, e.attrs.canonical) end
--
-- Mentions go to three layers, "person", "organization" and "place"; their attributes:
--   canonical  the entity's name: the fullest form the document uses ("Rod J. Rosenstein" for a
--              later "Rosenstein"), or a gazetteer's name ("Department of Justice" for "DOJ")
--   title      for people: the title written before the name ("Deputy Attorney General")
--   rule       which rule decided: "title" (after a title word), "gazetteer" (a listed name or
--              alias), "org-head" (ends in Department, Committee, Inc.…), "acronym",
--              "name-shape" (two or more capitalised words), "speaker" (one capitalised word
--              before said, told…), "camel-case" ("PolitiFact"), "alias" (one word naming an
--              entity met in the document), "repeated-name" (one word capitalised inside
--              sentences at least twice)
-- The gazetteers are plain text files in gazetteer/ (one name per line, aliases after |).

local M = {}

-- Gazetteers: lower-case name → {canonical, layer}.
local gazetteer = {}
local function load_gazetteer(file, layer)
  for line in loupe.fs.lines("gazetteer/" .. file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local canonical
      for name in line:gmatch("[^|]+") do
        canonical = canonical or name
        gazetteer[name:lower()] = {canonical = canonical, layer = layer}
      end
    end
  end
end
load_gazetteer("countries.txt", "place")
load_gazetteer("us-states.txt", "place")
load_gazetteer("cities.txt", "place")
load_gazetteer("organisations.txt", "organization")

local function set(words)
  local s = {}
  for w in words:gmatch("%S+") do s[w] = true end
  return s
end

-- Words that make the name after them a person's (compared in lower case, full stops kept).
local titles = set([[mr. mrs. ms. miss dr. prof. professor sir dame lord lady rev. president
  vice sen. senator rep. representative gov. governor lt. lieutenant attorney general gen. col.
  sgt. capt. captain officer detective judge justice secretary minister prime chancellor mayor
  chief deputy director chairman chairwoman chair speaker ambassador commissioner spokesman
  spokeswoman spokesperson candidate nominee leader king queen prince princess pope former
  acting assistant special counsel press first sheriff coach councillor councilman councilwoman
  mp msp mep congressman congresswoman senator-elect premier ceo chairperson]])

-- Last words of an organisation's name.
local org_heads = set([[department office agency committee commission council bureau ministry
  court association foundation institute university college school bank group company corp.
  corporation inc. ltd. llc party administration authority board service services network
  news times post journal campaign union federation alliance center centre coalition club
  hospital police army navy force forces fund trust society agency league parliament senate
  congress assembly cabinet team daily weekly magazine radio television tv]])

-- Capitalised words that begin sentences or headlines without naming anything.
local not_names = set([[the a an in on at of for and but or if when while after before as by
  with from to this that these those there here it its he she they we i you his her their our
  my your what which who whom why how where some many most more all any each every no not
  yes one two three also however meanwhile still yet so then now today yesterday tomorrow
  monday tuesday wednesday thursday friday saturday sunday january february march april may
  june july august september october november december mr mrs ms dr]])

-- Verbs of saying: a capitalised word just before one is a speaker ("Flynn said").
local speech_verbs = set([[said says told added asked wrote tweeted argued noted explained
  insisted claimed stated warned replied recalled acknowledged admitted countered continued
  responded suggested urged announced declared]])

-- Words that may join the capitalised words of one name ("Department of Justice").
local connectors = set("of the for and de du von van der al bin la le y &")

local function is_capitalised(text)
  return text:find("^%u") ~= nil
end

-- A sentence's tokens as plain tables: text, lower case and capitalisation, read once.
local function tokens_of(sentence)
  local tokens = {}
  for t in sentence:tokens() do
    local text = t.text
    tokens[#tokens + 1] = {text = text, lower = text:lower(), cap = is_capitalised(text), start = t.start, stop = t.stop}
  end
  return tokens
end

--- The runs of capitalised tokens of a sentence (connectors allowed inside), as {first, last}.
local function capitalised_runs(tokens)
  local runs, i = {}, 1
  while i <= #tokens do
    if tokens[i].cap then
      local last = i
      local j = i + 1
      while j <= #tokens do
        if tokens[j].cap then
          last = j
        else
          -- Connectors join only when a capitalised word follows them ("Office of the Attorney").
          local k = j
          while tokens[k] and connectors[tokens[k].lower] do k = k + 1 end
          if k == j or not (tokens[k] and tokens[k].cap) then break end
          j = k - 1
        end
        j = j + 1
      end
      runs[#runs + 1] = {i, last}
      i = last + 1
    else
      i = i + 1
    end
  end
  return runs
end

local classify, split_at_and

local function words(tokens, first, last)
  local out = {}
  for k = first, last do out[#out + 1] = tokens[k].text end
  -- "Rod J. Rosenstein", "Department of Justice": tokens joined by single spaces.
  return table.concat(out, " ")
end

--- Classifies the run tokens[first..last]: layer, first, last, attrs; or nil.
function classify(tokens, first, last)
  -- A possessive does not belong to the name ("Sessions’s").
  while last > first and (tokens[last].text == "'s" or tokens[last].text == "’s") do last = last - 1 end
  -- The whole run first: a listed name ("Justice Department"), or an organisation by its
  -- head ("Office of the Attorney General"), before any title word inside it is taken for one.
  local start = first
  while start < last and not_names[tokens[start].lower] do start = start + 1 end
  local whole = gazetteer[words(tokens, start, last):lower()]
  -- "U.S. Department of Justice": a place before a listed organisation.
  if not whole and last > start and gazetteer[tokens[start].lower] then
    local rest = gazetteer[words(tokens, start + 1, last):lower()]
    if rest and rest.layer == "organization" then whole = rest end
  end
  if whole then return whole.layer, start, last, {canonical = whole.canonical, rule = "gazetteer"} end
  for k = start, last do
    if org_heads[tokens[k].lower] and (k == last or tokens[k + 1].lower == "of") and not titles[tokens[start].lower] then
      return "organization", start, last, {rule = "org-head"}
    end
  end
  -- A title before the name, up to its last title word: "Deputy Attorney General Rod J.
  -- Rosenstein", "Transport Secretary Alison Reid".
  local name_first = first
  for k = last - 1, first, -1 do
    if titles[tokens[k].lower] then
      name_first = k + 1
      break
    end
  end
  local title = name_first > first and words(tokens, first, name_first - 1) or nil
  -- Leading words that only start the sentence ("The", "But").
  while name_first <= last and not_names[tokens[name_first].lower] do name_first = name_first + 1 end
  -- A possessive or trailing connector does not belong to the name.
  while last >= name_first and (connectors[tokens[last].lower] or tokens[last].text == "'s" or tokens[last].text == "’s") do last = last - 1 end
  if name_first > last then return nil end
  local text = words(tokens, name_first, last)
  local listed = gazetteer[text:lower()]
  -- "U.S. Department of Justice": a place before a listed organisation.
  if not listed and last > name_first and gazetteer[tokens[name_first].lower] then
    local rest = gazetteer[words(tokens, name_first + 1, last):lower()]
    if rest and rest.layer == "organization" then listed = rest end
  end
  if listed and not title then
    return listed.layer, name_first, last, {canonical = listed.canonical, rule = "gazetteer"}
  end
  if title and tokens[name_first].cap then
    return "person", name_first, last, {title = title, rule = "title"}
  end
  for k = name_first, last do
    if org_heads[tokens[k].lower] and (k == last or tokens[k + 1].lower == "of") then
      return "organization", name_first, last, {rule = "org-head"}
    end
  end
  if name_first == last then
    local word = tokens[name_first].text
    local after = tokens[last + 1]
    -- "WALLACE: …" in a transcript: a speaker.
    if after and after.text == ":" and word:find("^%u%u+$") then
      return "person", name_first, last, {rule = "speaker"}
    end
    if word:find("^%u%u+$") and #word <= 6 then
      return "organization", name_first, last, {rule = "acronym"}
    end
    -- "PolitiFact", "RealClearPolitics": capitals inside one word name organisations.
    if word:find("^%u%l+%u") then
      return "organization", name_first, last, {rule = "camel-case"}
    end
    -- "Flynn said": a speaker.
    if after and speech_verbs[after.lower] then
      return "person", name_first, last, {rule = "speaker"}
    end
    return "single", name_first, last, {}
  end
  return "person", name_first, last, {rule = "name-shape"}
end

--- The runs again, with those joined by "and" or "&" split in two ("Washington and New York"),
--- unless the whole is a listed name ("Bosnia and Herzegovina", "Department of Health and
--- Human Services").
function split_at_and(tokens, runs)
  local out = {}
  for _, run in ipairs(runs) do
    local first, last = run[1], run[2]
    local joined = false
    for k = first, last do
      if tokens[k].lower == "and" or tokens[k].lower == "&" then joined = true end
    end
    if joined and not gazetteer[words(tokens, first, last):lower()] then
      local from = first
      for k = first, last + 1 do
        if k > last or tokens[k].lower == "and" or tokens[k].lower == "&" then
          if k - 1 >= from then out[#out + 1] = {from, k - 1} end
          from = k + 1
        end
      end
    else
      out[#out + 1] = run
    end
  end
  return out
end

--- Finds the people, organisations and places of `doc`, adds them to the layers "person",
--- "organization" and "place", and returns the new spans in document order. A second call
--- returns what the first found.
function M.annotate(doc)
  if doc:layer("person") or doc:layer("organization") or doc:layer("place") then
    local found = {}
    for _, name in ipairs{"person", "organization", "place"} do
      local layer = doc:layer(name)
      if layer then
        for span in layer do found[#found + 1] = span end
      end
    end
    table.sort(found, function(a, b) return a.start < b.start end)
    return found
  end
  -- First pass: mentions, with the single capitalised words set aside.
  local mentions, singles = {}, {}
  local surnames = {}  -- last word of a person's name → the fullest name seen
  for sentence in doc:sentences() do
    local tokens = tokens_of(sentence)
    for _, run in ipairs(split_at_and(tokens, capitalised_runs(tokens))) do
      local layer, first, last, attrs = classify(tokens, run[1], run[2])
      if layer == "single" then
        singles[#singles + 1] = {word = tokens[first].text, start = tokens[first].start, stop = tokens[first].stop,
          initial = first == 1}
      elseif layer then
        local name = words(tokens, first, last)
        mentions[#mentions + 1] = {layer = layer, start = tokens[first].start, stop = tokens[last].stop, name = name, attrs = attrs}
        if layer == "person" then
          local surname = tokens[last].text
          if not surnames[surname] or #name > #surnames[surname] then surnames[surname] = name end
        end
      end
    end
  end
  -- Second pass: one capitalised word naming a person or listed organisation met elsewhere,
  -- or a word capitalised inside sentences again and again ("by Sessions that …"): a surname
  -- the document never spells out (words for nationalities aside: "American", "Chinese").
  local inside = {}
  for _, single in ipairs(singles) do
    if not single.initial then inside[single.word] = (inside[single.word] or 0) + 1 end
  end
  for word, n in pairs(inside) do
    if n >= 2 and not surnames[word] and not gazetteer[word:lower()] and #word >= 3 and not word:find("^%u+$")
        and not (word:find("an$") or word:find("ans$") or word:find("ese$") or word:find("ish$")) then
      surnames[word] = word
      inside[word] = "name"
    end
  end
  for _, single in ipairs(singles) do
    local listed = gazetteer[single.word:lower()]
    if inside[single.word] == "name" then
      mentions[#mentions + 1] = {layer = "person", start = single.start, stop = single.stop, name = single.word,
        attrs = {rule = "repeated-name"}}
    elseif surnames[single.word] then
      mentions[#mentions + 1] = {layer = "person", start = single.start, stop = single.stop, name = single.word,
        attrs = {rule = "alias"}}
    elseif listed then
      mentions[#mentions + 1] = {layer = listed.layer, start = single.start, stop = single.stop, name = single.word,
        attrs = {canonical = listed.canonical, rule = "gazetteer"}}
    end
  end
  table.sort(mentions, function(a, b) return a.start < b.start end)
  local found = {}
  for _, m in ipairs(mentions) do
    if m.layer == "person" then
      local surname = m.name:match("(%S+)$")
      m.attrs.canonical = m.attrs.canonical or surnames[surname] or m.name
      -- "Okafor said", after "Mary Okafor": what links it is the name met before.
      if m.attrs.rule == "speaker" and m.attrs.canonical ~= m.name then m.attrs.rule = "alias" end
    else
      m.attrs.canonical = m.attrs.canonical or m.name
    end
    found[#found + 1] = doc:annotate(m.layer, m.start, m.stop, m.attrs)
  end
  return found
end

return M
